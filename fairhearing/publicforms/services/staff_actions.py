"""The complaints team's decisions on an online submission: log it as a complaint (keeping the
reference the person was given, with the files sent copied to the complaint's documents), log it
as a compliment for the team it is about, or close it without logging (spam, a duplicate, a
test...); and the record that a member of staff downloaded a file sent with it.

A submission is decided once: each decision locks it and refuses one already logged or closed.
Audit events carry the reason or the reference of the record made, never what the person wrote.
"""

from dataclasses import replace
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record
from fairhearing.cases.attachments import AttachmentRefused, document_upload, note_add
from fairhearing.cases.choices import Channel
from fairhearing.cases.intake import ComplaintLogInput, complaint_log
from fairhearing.cases.kinds.compliments import compliment_log
from fairhearing.cases.models import Complaint, Compliment, DocumentKind
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed

from ..choices import CloseReason, SubmissionKind, SubmissionStatus
from ..models import OnlineSubmission, SubmissionAttachment

# The longest note kept when a submission is closed, in characters.
CLOSE_NOTE_MAX = 2_000


def _lock_new(submission: OnlineSubmission, *, kind: str | None = None) -> OnlineSubmission:
    submission = OnlineSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != SubmissionStatus.NEW:
        raise TransitionNotAllowed(
            f"Submission {submission.reference} has already been {submission.get_status_display().lower()}."
            if submission.status == SubmissionStatus.CLOSED
            else f"Submission {submission.reference} has already been logged."
        )
    if kind is not None and submission.kind != kind:
        raise TransitionNotAllowed(
            f"Submission {submission.reference} was sent as a {submission.get_kind_display().lower()}. "
            f"Log it as a {submission.get_kind_display().lower()}, or close it and log it by hand."
        )
    return submission


def submission_received_on(submission: OnlineSubmission) -> date:
    """The date the form arrived, in the council's time zone: the date every clock starts from."""
    return timezone.localdate(submission.received_at)


def _mark_logged(submission: OnlineSubmission, record: models.Model, *, actor: Any, what: str) -> None:
    submission.status = SubmissionStatus.LOGGED
    submission.logged_type = ContentType.objects.get_for_model(record)
    submission.logged_id = record.pk
    submission.logged_by = actor
    submission.logged_at = clock.now()
    submission.save(update_fields=["status", "logged_type", "logged_id", "logged_by", "logged_at"])
    audit_record(
        actor=actor, verb="online_submission.logged", subject=submission,
        summary=f"Logged as {what} {record.reference}",
        data={"record": what, "record_id": record.pk, "reference": record.reference},
    )


def _note_text(submission: OnlineSubmission) -> str:
    lines = [
        f"Received through the {submission.get_form_version_display().lower()} online on "
        f"{long_date(submission_received_on(submission))} (reference {submission.reference}).",
        f"Would like an advocate: {submission.get_wants_advocate_display()}.",
        f"Prefers to be contacted by: {submission.get_contact_method_display().lower()}.",
    ]
    if submission.relationship_detail:
        lines.append(f"How they know the child or young person: {submission.relationship_detail}")
    lines.append("An acknowledgement email was queued when it arrived." if submission.acknowledgement_queued
                 else "No acknowledgement email was sent: acknowledge it another way.")
    return "\n".join(lines)


@transaction.atomic
def online_submission_log_complaint(
    *, submission: OnlineSubmission, data: ComplaintLogInput, actor: Any, today: date | None = None
) -> Complaint:
    """Log a complaint sent online, with the officer's routing decisions and checked details.

    The complaint keeps the submission's reference (the one the person was given), is received on
    the day the form arrived and came through the online form, whatever ``data`` says of those.
    The complainant and children are recorded as new people, the files sent with the form are
    copied to the complaint's documents, and a note records the answers that have no box of their
    own (advocate, contact preference). All or nothing.
    """
    today = today or clock.today()
    submission = _lock_new(submission, kind=SubmissionKind.COMPLAINT)
    data = replace(data, received_on=submission_received_on(submission), channel=Channel.ONLINE_FORM)
    complaint = complaint_log(data=data, reference=submission.reference, actor=actor, today=today)
    for attachment in submission.attachments.order_by("uploaded_at", "original_name"):
        with attachment.file.open("rb") as stored:
            content = ContentFile(stored.read(), name=attachment.original_name)
        try:
            document_upload(complaint=complaint, uploaded_file=content, title=attachment.original_name[:200],
                            kind=DocumentKind.EVIDENCE, actor=actor)
        except AttachmentRefused as refusal:
            raise DomainError(f"A file sent with the form could not be copied to the complaint: {refusal.message}.") \
                from refusal
    note_add(complaint=complaint, text=_note_text(submission), actor=actor)
    _mark_logged(submission, complaint, actor=actor, what="complaint")
    return complaint


@transaction.atomic
def online_submission_log_compliment(
    *,
    submission: OnlineSubmission,
    team: Team,
    source: str,
    words: str,
    actor: Any,
    consent_to_quote: bool = False,
    about: str = "",
    person_first_name: str = "",
    person_last_name: str = "",
    today: date | None = None,
) -> Compliment:
    """Log a compliment sent online for the team it is about, through the compliment service.

    Received on the day the form arrived, through the online form. A compliment has its own
    reference (CMP-...); the submission links to it, so the person's reference still finds it.
    """
    submission = _lock_new(submission, kind=SubmissionKind.COMPLIMENT)
    compliment = compliment_log(
        received_on=submission_received_on(submission), team=team, source=source, words=words,
        channel=Channel.ONLINE_FORM, actor=actor, consent_to_quote=consent_to_quote, about=about,
        person_first_name=person_first_name, person_last_name=person_last_name, today=today,
    )
    _mark_logged(submission, compliment, actor=actor, what="compliment")
    return compliment


@transaction.atomic
def online_submission_close(
    *, submission: OnlineSubmission, reason: str, note: str = "", actor: Any
) -> OnlineSubmission:
    """Close a submission without logging it (spam, a duplicate, a test...). The reason is
    required, and a note too when the reason is "another reason". The audit event records the
    reason, not the note, which may quote the person."""
    submission = _lock_new(submission)
    if reason not in CloseReason.values:
        raise DomainError("Select why the submission is being closed.")
    note = (note or "").strip()
    if reason == CloseReason.OTHER and not note:
        raise DomainError("Say why the submission is being closed.")
    if len(note) > CLOSE_NOTE_MAX:
        raise DomainError(f"The note must be {CLOSE_NOTE_MAX:,} characters or fewer.")
    submission.status = SubmissionStatus.CLOSED
    submission.closed_reason = reason
    submission.closed_note = note
    submission.closed_by = actor
    submission.closed_at = clock.now()
    submission.save(update_fields=["status", "closed_reason", "closed_note", "closed_by", "closed_at"])
    audit_record(
        actor=actor, verb="online_submission.closed", subject=submission,
        summary=f"Closed without logging: {CloseReason(reason).label.lower()}",
        data={"reason": reason, "note_given": bool(note)},
    )
    return submission


@transaction.atomic
def submission_attachment_download_record(*, attachment: SubmissionAttachment, actor: Any) -> None:
    """Log that a member of staff downloaded a file sent with a submission (on the submission's
    timeline; the file is named by its id, never its name)."""
    audit_record(actor=actor, verb="online_submission.file_downloaded", subject=attachment.submission,
                 summary="File sent with the form downloaded", data={"attachment": str(attachment.pk)})
