"""Emails waiting to go, sent or failed (the outbox), and the complaints team's wording for each."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .catalogue import CATALOGUE, email_name
from .choices import OutboxStatus


class OutboxMessage(models.Model):
    """One email, rendered when it was queued and sent later by the send_email worker.

    The table is the queue: a message is written in the same transaction as the change that caused
    it, so it exists exactly when that change was committed, and it stays here until the mail
    server (or GOV.UK Notify) has accepted it. Nothing is lost while the mail server is down.
    """

    template_key = models.CharField(max_length=60, help_text="Which email in the catalogue.")
    to_address = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True, help_text="Optional HTML version; empty sends plain text only.")
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="How many times sending was tried.")
    next_attempt_at = models.DateTimeField(default=timezone.now, help_text="When the worker may next try.")
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker took the message to send it."
    )
    # The kind of error and the mail server's code only: an error's text can quote the address.
    last_error = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(
        max_length=200, blank=True, help_text="The Message-ID or GOV.UK Notify's id for the sent email."
    )
    dedupe_key = models.CharField(
        max_length=200, blank=True,
        help_text="Set by callers that must not queue the same email twice, e.g. digest:<user>:<date>.",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The staff member the email is to, if it is to one.",
    )
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"], condition=~Q(dedupe_key=""), name="outbox_dedupe_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=OutboxStatus.values), name="outbox_status_valid"
            ),
        ]
        indexes = [
            # The worker's query: what is queued and due, oldest first.
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["about_type", "about_id"], name="outbox_about_idx"),
        ]

    def __str__(self) -> str:
        # No address or subject: this string can reach logs and the admin's history.
        return f"Email {self.pk} ({self.template_key}, {self.status})"

    @property
    def name(self) -> str:
        return email_name(self.template_key)

    @property
    def audience_label(self) -> str:
        """Who the email was to, as a role ("Complainant", "Staff member"), never the address."""
        kind = CATALOGUE.get(self.template_key)
        return kind.audience.label if kind else ""


class EmailTemplate(models.Model):
    """The complaints team's own wording for one email in the catalogue.

    There is at most one row per key, made the first time the wording is edited; until then the
    catalogue's default wording is used. Each edit is audited with the text before and after.
    """

    key = models.CharField(max_length=60, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return email_name(self.key)
