"""Receiving a complaint or compliment from the public forms: checking the answers, giving the
person their reference and the date the complaint must be acknowledged by, taking in the files
uploaded while the form was filled in, counting the form against the throttle, and queueing the
acknowledgement (or thank-you) email; and the files added to and removed from a form not yet
sent, which are removed a day after upload if it never is.

Audit events name the kind of form, counts and references, never what the person wrote or who
they are: the answers stay in the submission itself, which only the complaints team can open.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from fairhearing.audit.services import audit_record
from fairhearing.cases.attachments import (
    AttachmentRefused,
    clean_file_name,
    file_check,
)
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.notifications.services import email_queue
from fairhearing.people.choices import Relationship
from fairhearing.workingdays.selectors import calendar_get

from ..choices import (
    AdvocateWish,
    ContactMethod,
    FormVersion,
    SubmissionKind,
    ThrottledAction,
)
from ..models import OnlineSubmission, SubmissionAttachment
from ..references import submission_reference_next
from ..selectors import complaint_timescales
from ..throttle import DAY, Limit, throttle_exceeded, throttle_record

logger = logging.getLogger(__name__)

# Longest answers accepted, in characters: long enough for any real account, short enough that
# the whole form stays far below DATA_UPLOAD_MAX_MEMORY_SIZE.
TEXT_MAX = 10_000
OUTCOME_MAX = 5_000


class TooManySubmissions(DomainError):
    """The client address has sent as many forms as the throttle allows for now."""

    def __init__(self, limit: Limit) -> None:
        super().__init__(f"No more than {limit.count} forms can be sent from one place in {limit.words}.",
                         code="throttled")
        self.limit = limit


@dataclass(frozen=True)
class ComplaintAnswers:
    """Everything the complaint forms (adult and young person's) collect."""

    form_version: str
    relationship: str
    first_name: str
    what_happened: str
    desired_outcome: str
    wants_advocate: str
    contact_method: str
    last_name: str = ""
    relationship_detail: str = ""
    child_first_name: str = ""
    child_last_name: str = ""
    child_date_of_birth: date | None = None
    email: str = ""
    telephone: str = ""
    address: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class ComplimentAnswers:
    """Everything the compliment form collects. The name and email are only for saying thank you."""

    source: str
    words: str
    consent_to_share: bool
    about: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""


def _text(value: str, *, limit: int, message: str, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise DomainError(message)
    if len(text) > limit:
        raise DomainError(f"An answer is longer than {limit:,} characters.")
    return text


def _check_complaint(answers: ComplaintAnswers, *, today: date) -> dict[str, Any]:
    """The submission's fields from complaint answers, or a DomainError saying what is missing."""
    if answers.form_version not in FormVersion.values:
        raise DomainError("Unknown form version.")
    if answers.relationship not in Relationship.values:
        raise DomainError("Say who you are, or how you know the child or young person.")
    if answers.wants_advocate not in AdvocateWish.values:
        raise DomainError("Say whether an advocate would help.")
    if answers.contact_method not in ContactMethod.values:
        raise DomainError("Say how you would like to be contacted.")
    is_child = answers.relationship == Relationship.CHILD
    fields = {
        "form_version": answers.form_version,
        "relationship": answers.relationship,
        "relationship_detail": _text(answers.relationship_detail, limit=200,
                                     message="Say how you know the child or young person.")
        if answers.relationship == Relationship.OTHER else "",
        "first_name": _text(answers.first_name, limit=100, message="Enter your first name."),
        "last_name": _text(answers.last_name, limit=100, message="", required=False),
        "child_first_name": "" if is_child else _text(
            answers.child_first_name, limit=100, message="Enter the child or young person's first name."),
        "child_last_name": "" if is_child else _text(answers.child_last_name, limit=100, message="", required=False),
        "child_date_of_birth": answers.child_date_of_birth,
        "what_happened": _text(answers.what_happened, limit=TEXT_MAX, message="Say what happened."),
        "desired_outcome": _text(answers.desired_outcome, limit=OUTCOME_MAX,
                                 message="Say what you would like to happen."),
        "wants_advocate": answers.wants_advocate,
        "contact_method": answers.contact_method,
        "email": (answers.email or "").strip(),
        "telephone": (answers.telephone or "").strip(),
        "address": (answers.address or "").strip(),
        "postcode": (answers.postcode or "").strip().upper(),
    }
    if answers.child_date_of_birth and answers.child_date_of_birth > today:
        raise DomainError("A date of birth cannot be in the future.")
    needed = {ContactMethod.EMAIL: ("email",), ContactMethod.TELEPHONE: ("telephone",),
              ContactMethod.LETTER: ("address", "postcode")}[answers.contact_method]
    if not all(fields[name] for name in needed):
        raise DomainError("Give the contact details for the way you would like us to contact you.")
    return fields


def _check_compliment(answers: ComplimentAnswers) -> dict[str, Any]:
    if answers.source not in ComplimentSource.values:
        raise DomainError("Say who you are.")
    fields = {
        "form_version": FormVersion.ADULT,
        "compliment_source": answers.source,
        "compliment_about": _text(answers.about, limit=200, message="", required=False),
        "compliment_words": _text(answers.words, limit=TEXT_MAX, message="Say what you would like to tell us."),
        "consent_to_share": bool(answers.consent_to_share),
        "first_name": _text(answers.first_name, limit=100, message="", required=False),
        "last_name": _text(answers.last_name, limit=100, message="", required=False),
        "email": (answers.email or "").strip(),
    }
    if fields["email"] and not fields["first_name"]:
        raise DomainError("Enter your first name, so we know who to thank.")
    return fields


def _full_clean(submission: OnlineSubmission) -> None:
    try:
        submission.full_clean(exclude=["reference", "logged_type"])
    except ValidationError as error:
        # Field names only: the values are what the person typed.
        raise DomainError("Some answers could not be saved: " + ", ".join(
            name.replace("_", " ") for name in error.message_dict) + ".") from error


def _acknowledgement_template(submission: OnlineSubmission) -> str:
    """The child-friendly wording for a child or young person (whichever form they used)."""
    if submission.is_from_child or submission.form_version == FormVersion.YOUNG_PERSON:
        return "complaint_acknowledgement_child"
    return "complaint_acknowledgement"


def _queue_acknowledgement(submission: OnlineSubmission, *, received_on: date) -> bool:
    """Put the acknowledgement (or thank-you) in the outbox with the submission, so it is sent
    exactly when the submission is committed. A refusal (an address the outbox will not take)
    must not lose the submission: it is logged by reference and the staff page shows that no
    email went."""
    if not submission.email:
        return False
    if submission.kind == SubmissionKind.COMPLAINT:
        key = _acknowledgement_template(submission)
        fields = {"reference": submission.reference, "complainant_first_name": submission.first_name,
                  "received_date": long_date(received_on), "next_steps_date": long_date(submission.acknowledge_by)}
    else:
        key = "compliment_thanks"
        fields = {"reference": submission.reference, "first_name": submission.first_name}
    try:
        with transaction.atomic():
            message = email_queue(template_key=key, to=submission.email, fields=fields,
                                  dedupe_key=f"online:{submission.reference}", about=submission)
    except DomainError as error:
        logger.warning("Online submission %s: %s email not queued (%s)", submission.reference, key, error.code)
        return False
    return message is not None


@transaction.atomic
def online_submission_create(
    *,
    answers: ComplaintAnswers | ComplimentAnswers,
    client_key: str,
    draft: str = "",
    now: datetime | None = None,
) -> OnlineSubmission:
    """Receive a complaint or compliment sent through a public form.

    Refused (TooManySubmissions) when the client address has sent as many forms as the throttle
    allows. Otherwise: gives the person their reference, works out the working day the complaint
    must be acknowledged by (the public procedure's target, counted by the working-day calendar),
    takes in the files uploaded with the draft, counts the form against the throttle, audits it
    and queues the acknowledgement (or, for a compliment, the thank-you) if an email was given.
    """
    now = now or clock.now()
    limit = throttle_exceeded(key=client_key, action=ThrottledAction.SUBMISSION, now=now)
    if limit is not None:
        raise TooManySubmissions(limit)
    received_on = timezone.localdate(now)
    if isinstance(answers, ComplaintAnswers):
        kind, fields = SubmissionKind.COMPLAINT, _check_complaint(answers, today=received_on)
    elif isinstance(answers, ComplimentAnswers):
        kind, fields = SubmissionKind.COMPLIMENT, _check_compliment(answers)
    else:
        raise TypeError("answers must be ComplaintAnswers or ComplimentAnswers")
    submission = OnlineSubmission(kind=kind, received_at=now, **fields)
    if kind == SubmissionKind.COMPLAINT:
        days = complaint_timescales().acknowledgement_days
        submission.acknowledge_by = calendar_get().add_working_days(received_on, days)
    _full_clean(submission)
    submission.reference = submission_reference_next(year=received_on.year)
    submission.save()
    files = 0
    if draft and kind == SubmissionKind.COMPLAINT:
        pending = SubmissionAttachment.objects.filter(draft=draft, submission__isnull=True)
        ids = list(pending.order_by("uploaded_at").values_list("pk", flat=True)[:settings.PUBLIC_FORMS_MAX_FILES])
        files = SubmissionAttachment.objects.filter(pk__in=ids).update(submission=submission, draft="")
    throttle_record(key=client_key, action=ThrottledAction.SUBMISSION, now=now)
    draft_files_prune(now=now)
    audit_record(
        actor=None, verb="online_submission.received", subject=submission,
        summary=f"{submission.get_kind_display()} received online ({submission.get_form_version_display().lower()})",
        data={"kind": kind, "form_version": submission.form_version, "channel": Channel.ONLINE_FORM,
              "attachments": files, "acknowledge_by": submission.acknowledge_by},
    )
    if _queue_acknowledgement(submission, received_on=received_on):
        submission.acknowledgement_queued = True
        submission.save(update_fields=["acknowledgement_queued"])
    return submission


# Files added while the form is filled in -------------------------------------------------------

def _delete_files_after_commit(names: list[str]) -> None:
    storage = SubmissionAttachment._meta.get_field("file").storage

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def _file_too_big_message() -> str:
    return f"The selected file must be smaller than {settings.PUBLIC_FORMS_FILE_MAX_MB} MB"


def too_many_files_message() -> str:
    count = settings.PUBLIC_FORMS_MAX_FILES
    return f"You can send up to {count} file{'s' if count != 1 else ''}. Remove one to add another"


def draft_files(draft: str) -> list[SubmissionAttachment]:
    """The files uploaded so far with a form not yet sent, oldest first."""
    if not draft:
        return []
    return list(SubmissionAttachment.objects.filter(draft=draft, submission__isnull=True)
                .order_by("uploaded_at", "original_name"))


@transaction.atomic
def draft_file_add(
    *, draft: str, uploaded_file: UploadedFile, client_key: str, now: datetime | None = None
) -> SubmissionAttachment:
    """Keep a file for a form still being filled in, after checking the number of files, its size
    and what it really is (by its content, as for documents on a complaint). Refusals are
    AttachmentRefused with a message for the file box. Drafts left more than a day are removed."""
    now = now or clock.now()
    if not draft:
        raise ValueError("A draft token is needed")
    if throttle_exceeded(key=client_key, action=ThrottledAction.UPLOAD, now=now) is not None:
        raise AttachmentRefused("You have uploaded a lot of files. Try again in an hour", field="file")
    if SubmissionAttachment.objects.filter(draft=draft, submission__isnull=True).count() >= \
            settings.PUBLIC_FORMS_MAX_FILES:
        raise AttachmentRefused(too_many_files_message(), field="file")
    if uploaded_file is not None and uploaded_file.size > settings.PUBLIC_FORMS_FILE_MAX_MB * 1024 * 1024:
        raise AttachmentRefused(_file_too_big_message(), field="file")
    file_type, content_type = file_check(uploaded_file)
    attachment = SubmissionAttachment(
        draft=draft, original_name=clean_file_name(uploaded_file.name, file_type), content_type=content_type,
        size=uploaded_file.size,
    )
    attachment.file.save(attachment.original_name, uploaded_file, save=False)
    try:
        attachment.save()
        throttle_record(key=client_key, action=ThrottledAction.UPLOAD, now=now)
        draft_files_prune(now=now)
        audit_record(actor=None, verb="online_submission.draft_file_added", subject=None,
                     summary="File added to an online form not yet sent",
                     data={"content_type": content_type, "size": attachment.size})
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def draft_file_remove(*, draft: str, attachment_id: Any) -> bool:
    """Remove one file from a form not yet sent; False if the draft holds no such file."""
    if not draft:
        return False
    try:
        attachment = SubmissionAttachment.objects.get(pk=attachment_id, draft=draft, submission__isnull=True)
    except (SubmissionAttachment.DoesNotExist, ValidationError, ValueError):
        return False
    name = attachment.file.name
    attachment.delete()
    _delete_files_after_commit([name])
    audit_record(actor=None, verb="online_submission.draft_file_removed", subject=None,
                 summary="File removed from an online form not yet sent", data={})
    return True


@transaction.atomic
def draft_discard(*, draft: str) -> int:
    """Remove every file of a form that will not be sent (its sender was taken for a robot)."""
    pending = list(SubmissionAttachment.objects.filter(draft=draft, submission__isnull=True)) if draft else []
    return _remove_drafts(pending, summary="Files of an online form that was not accepted removed")


@transaction.atomic
def draft_files_prune(*, now: datetime | None = None) -> int:
    """Remove files of forms that were never sent, a day after they were uploaded."""
    now = now or clock.now()
    stale = list(SubmissionAttachment.objects.filter(submission__isnull=True, uploaded_at__lte=now - DAY))
    return _remove_drafts(stale, summary="Files of online forms never sent removed after a day")


def _remove_drafts(attachments: list[SubmissionAttachment], *, summary: str) -> int:
    if not attachments:
        return 0
    SubmissionAttachment.objects.filter(pk__in=[item.pk for item in attachments]).delete()
    _delete_files_after_commit([item.file.name for item in attachments])
    audit_record(actor=None, verb="online_submission.draft_files_removed", subject=None, summary=summary,
                 data={"files": len(attachments)})
    return len(attachments)
