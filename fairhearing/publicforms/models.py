"""What arrives through the public forms: online submissions, the files sent with them, the counter
their references come from, and the throttle's record of recent activity per client address.

A submission keeps the person's answers exactly as given, in explicit fields, until a complaints
officer logs it as a complaint or a compliment (the record then made is linked from
``logged_record``) or closes it without logging. The person's reference (e.g. ONL-2026-00042)
stays valid either way: a complaint logged from a submission keeps it as its own reference.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.cases.models.attachments import documents_storage
from fairhearing.people.choices import Relationship

from .choices import (
    AdvocateWish,
    CloseReason,
    ContactMethod,
    FormVersion,
    SubmissionKind,
    SubmissionStatus,
    ThrottledAction,
)


class OnlineSubmission(models.Model):
    """A complaint or compliment sent through a public form, waiting to be logged or closed."""

    reference = models.CharField(max_length=30, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=SubmissionKind.choices)
    form_version = models.CharField(max_length=20, choices=FormVersion.choices, default=FormVersion.ADULT)
    status = models.CharField(max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.NEW)
    received_at = models.DateTimeField()
    acknowledge_by = models.DateField(
        null=True, blank=True,
        help_text="Complaints: the working day the acknowledgement is due, as the person was told.",
    )
    acknowledgement_queued = models.BooleanField(
        default=False, help_text="An acknowledgement or thank-you email was queued when it arrived."
    )

    # Who they are and how to reach them.
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    telephone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    contact_method = models.CharField(max_length=20, choices=ContactMethod.choices, blank=True)

    # Complaints: who they are to the child, the child, what happened and what they want.
    relationship = models.CharField(max_length=30, choices=Relationship.choices, blank=True)
    relationship_detail = models.CharField(
        max_length=200, blank=True, help_text="How someone else knows the child, in their words."
    )
    child_first_name = models.CharField(max_length=100, blank=True)
    child_last_name = models.CharField(max_length=100, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    what_happened = models.TextField(blank=True)
    desired_outcome = models.TextField(blank=True)
    wants_advocate = models.CharField(max_length=20, choices=AdvocateWish.choices, blank=True)

    # Compliments: who gave it, who or what it is about, the words and whether they may be shared.
    compliment_source = models.CharField(max_length=30, choices=ComplimentSource.choices, blank=True)
    compliment_about = models.CharField(max_length=200, blank=True)
    compliment_words = models.TextField(blank=True)
    consent_to_share = models.BooleanField(default=False)

    # What became of it.
    logged_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    logged_id = models.PositiveBigIntegerField(null=True, blank=True)
    logged_record = GenericForeignKey("logged_type", "logged_id")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    logged_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(max_length=30, choices=CloseReason.choices, blank=True)
    closed_note = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SubmissionKind.values), name="online_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=SubmissionStatus.values), name="online_status_valid"),
            # Logged exactly when it links to the record made from it; closed exactly when a reason is given.
            models.CheckConstraint(
                condition=(Q(status=SubmissionStatus.LOGGED) & Q(logged_type__isnull=False, logged_id__isnull=False))
                | (~Q(status=SubmissionStatus.LOGGED) & Q(logged_type__isnull=True, logged_id__isnull=True)),
                name="online_logged_has_record",
            ),
            models.CheckConstraint(
                condition=(Q(status=SubmissionStatus.CLOSED) & ~Q(closed_reason=""))
                | (~Q(status=SubmissionStatus.CLOSED) & Q(closed_reason="")),
                name="online_closed_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "received_at"], name="online_queue_idx")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_from_child(self) -> bool:
        """The child or young person complains about their own care."""
        return self.relationship == Relationship.CHILD

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def child_full_name(self) -> str:
        return " ".join(part for part in (self.child_first_name, self.child_last_name) if part)


def attachment_upload_path(instance: "SubmissionAttachment", filename: str) -> str:
    # A random name: the person's file name (which may name a child) stays out of the file system.
    return f"online/{uuid.uuid4().hex}"


class SubmissionAttachment(models.Model):
    """A file sent with an online submission, kept in private storage.

    Uploaded while the form is being filled in, it belongs to a draft (a random token held only in
    the person's session) until the form is sent; drafts never sent are removed after a day. The
    id is random, so the download address of one file says nothing about any other.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(
        OnlineSubmission, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    draft = models.CharField(max_length=64, blank=True, db_index=True)
    file = models.FileField(storage=documents_storage, upload_to=attachment_upload_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "original_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(submission__isnull=False) | ~Q(draft=""), name="online_attachment_owned"
            ),
        ]

    def __str__(self) -> str:
        return f"Attachment {self.pk}"


class SubmissionReferenceCounter(models.Model):
    """The last online reference number issued in a year; locked while the next is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class ThrottleEvent(models.Model):
    """One form sent or file uploaded from a client address, kept for a day to count against the
    limits. ``key`` is an HMAC of the address with the site's secret key: the address itself is
    never stored, and the key cannot be turned back into it without the secret."""

    key = models.CharField(max_length=64)
    action = models.CharField(max_length=20, choices=ThrottledAction.choices)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "action", "created_at"], name="throttle_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.action} at {self.created_at:%Y-%m-%d %H:%M}"
