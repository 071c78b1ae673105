"""Every write about emails: queueing one in the outbox, editing an email's wording, and trying a
failed message again. Sending is the worker's job (fairhearing.notifications.outbox); rendering
the wording with its values is render.py's."""

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from fairhearing.audit.services import audit_record, diff_fields
from fairhearing.core.errors import DomainError
from fairhearing.letters.merge import check, fields_used

from .catalogue import CATALOGUE, FILLED_FROM_SETTINGS, SUBJECT_SAFE_FIELDS, EmailKind
from .choices import OutboxStatus
from .models import EmailTemplate, OutboxMessage
from .render import RenderedEmail, email_render
from .selectors import email_wording_get

__all__ = ["RenderedEmail", "email_queue", "email_render", "email_template_problems", "email_template_update",
           "outbox_message_retry"]

logger = logging.getLogger(__name__)

SUBJECT_MAX = EmailTemplate._meta.get_field("subject").max_length
BODY_MAX = 20_000
_NOUN = "Emails"


def _kind_or_error(key: str) -> EmailKind:
    kind = CATALOGUE.get(key)
    if kind is None:
        raise DomainError(f"There is no email called {key!r}.", code="unknown_email")
    return kind


def _normalise(text: str) -> str:
    """Unix line endings, no trailing spaces on lines, no blank lines at either end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _unsafe_subject_fields(kind: EmailKind, subject: str) -> list[str]:
    """The fields a (valid) subject uses that must not be in a subject line."""
    return [name for name in fields_used(subject, fields=kind.merge_fields) if name not in SUBJECT_SAFE_FIELDS]


def _unsafe_subject_message(kind: EmailKind, name: str) -> str:
    allowed = ", ".join(f"{{{{ {field} }}}}" for field in kind.subject_fields)
    return (
        f"{{{{ {name} }}}} cannot be used in the subject line. Subject lines show on lock screens and "
        f"in shared inboxes, so they must not name anyone. In the subject you can use: {allowed}."
    )


def email_template_problems(*, key: str, subject: str, body: str) -> dict[str, list[str]]:
    """What is wrong with an email's wording, by field ("subject", "body"); empty when it may be
    saved. Checks merge fields against the email's own fields, and the subject against the fields
    safe for subject lines."""
    kind = _kind_or_error(key)
    problems: dict[str, list[str]] = {}
    subject = " ".join(subject.split())
    if not subject:
        problems["subject"] = ["Enter the subject line"]
    elif len(subject) > SUBJECT_MAX:
        problems["subject"] = [f"Subject line must be {SUBJECT_MAX} characters or fewer"]
    else:
        messages = check(subject, fields=kind.merge_fields, noun=_NOUN)
        if not messages:
            messages = [_unsafe_subject_message(kind, name) for name in _unsafe_subject_fields(kind, subject)]
        problems["subject"] = [f"Subject line: {message}" for message in messages]
    body = _normalise(body)
    if not body.strip():
        problems["body"] = ["Enter the wording of the email"]
    elif len(body) > BODY_MAX:
        problems["body"] = [f"Email must be {BODY_MAX:,} characters or fewer"]
    else:
        problems["body"] = check(body, fields=kind.merge_fields, noun=_NOUN)
    return {field: messages for field, messages in problems.items() if messages}


@transaction.atomic
def email_template_update(
    *, key: str, subject: str, body: str, actor: Any, expected_version: str | None = None
) -> bool:
    """Save the complaints team's wording for an email and audit what changed (text before and
    after). Returns False when nothing changed. Refuses unknown merge fields, names in the subject
    line, and an edit based on wording someone has since changed (``expected_version`` is
    EmailWording.version as it was when the form was opened)."""
    kind = _kind_or_error(key)
    template = EmailTemplate.objects.select_for_update().filter(key=key).first()
    current_version = template.updated_at.isoformat() if template else "default"
    if expected_version is not None and expected_version != current_version:
        raise DomainError(
            "Someone else changed this email after you opened it. Reload the page to see their "
            "wording, then make your changes again.",
            code="stale",
        )
    problems = email_template_problems(key=key, subject=subject, body=body)
    if problems:
        raise DomainError(" ".join(message for messages in problems.values() for message in messages))
    before = {"subject": template.subject, "body": template.body} if template else {"subject": kind.subject, "body": kind.body}
    after = {"subject": " ".join(subject.split()), "body": _normalise(body)}
    changes = diff_fields(before, after)
    if not changes:
        return False
    if template is None:
        template = EmailTemplate(key=key)
    template.subject, template.body = after["subject"], after["body"]
    template.updated_by = actor
    template.save()
    changed = [name for name in after if name in changes]
    audit_record(
        actor=actor, verb="email.template_edited", subject=template,
        summary=f"Email wording edited: {kind.name} ({' and '.join(changed)} changed)",
        changes=changes, data={"key": key, "fields": changed},
    )
    return True


def _values(kind: EmailKind, fields: Mapping[str, Any]) -> dict[str, str]:
    defaults = {
        "council_name": settings.COUNCIL_NAME, "service_name": settings.COUNCIL_SERVICE_NAME,
        "contact_email": settings.COMPLAINTS_CONTACT_EMAIL,
    }
    values = {name: defaults[name] for name in FILLED_FROM_SETTINGS if name in kind.fields}
    problems = []
    for name, value in fields.items():
        if name not in kind.fields:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            problems.append(f"{name} must be text")
            continue
        values[name] = str(value)
    missing = [name for name in kind.fields if name not in values]
    if missing:
        problems.append("these fields are missing: " + ", ".join(missing))
    if problems:
        raise DomainError(f"The email {kind.key!r} cannot be queued: {'; '.join(problems)}.", code="bad_fields")
    return values


def _valid_address(to: str) -> str:
    address = (to or "").strip()
    try:
        if not address or any(char in address for char in "\r\n,;<>"):
            raise ValidationError("bad")
        validate_email(address)
    except ValidationError:
        raise DomainError(
            "Enter an email address in the correct format, like name@example.com", code="bad_address"
        ) from None
    return address


@transaction.atomic
def email_queue(
    *, template_key: str, to: str, fields: Mapping[str, str], dedupe_key: str = "",
    recipient: Any | None = None, about: models.Model | None = None, actor: Any = None,
) -> OutboxMessage | None:
    """Render the current wording of an email with ``fields`` and put it in the outbox (status
    queued), in the caller's transaction; the send_email worker delivers it after the commit.

    ``fields`` must hold every field the catalogue lists for the email; council_name,
    service_name and contact_email default to the settings. Returns None, creating nothing, when ``dedupe_key`` is
    not empty and a message with that key already exists. Raises DomainError for an unknown email,
    a missing field or an address that is not valid. Audits "email.queued" on ``about`` with the
    email's key, never the address or the text.
    """
    kind = _kind_or_error(template_key)
    address = _valid_address(to)
    values = _values(kind, fields)
    dedupe_key = dedupe_key.strip()
    if dedupe_key and OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    wording = email_wording_get(key=template_key)
    unsafe = _unsafe_subject_fields(kind, wording.subject)
    if unsafe:  # saved before a field was ruled out of subjects: refuse rather than leak a name
        raise DomainError(_unsafe_subject_message(kind, unsafe[0]), code="unsafe_subject")
    rendered = email_render(kind=kind, subject=wording.subject, body=wording.body, values=values)
    message = OutboxMessage(
        template_key=template_key, to_address=address, subject=rendered.subject,
        body_text=rendered.body_text, body_html=rendered.body_html, status=OutboxStatus.QUEUED,
        next_attempt_at=timezone.now(), dedupe_key=dedupe_key,
        recipient=recipient if getattr(recipient, "pk", None) else None,
    )
    if about is not None:
        message.about_type = ContentType.objects.get_for_model(about)
        message.about_id = about.pk
    try:
        with transaction.atomic():  # a savepoint: a duplicate key must not spoil the caller's transaction
            message.save()
    except IntegrityError:
        if dedupe_key and OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
            return None  # queued by someone else at the same moment
        raise
    audit_record(
        actor=actor, verb="email.queued", subject=about,
        summary=f"Email queued: {kind.name}",
        data={"template_key": template_key, "message": message.pk, "audience": kind.audience.value},
    )
    logger.info("Email %s queued (%s)", message.pk, template_key)
    return message


@transaction.atomic
def outbox_message_retry(*, message: OutboxMessage, actor: Any) -> OutboxMessage:
    """Put a failed message back in the queue for the worker to try again from the start of the
    retry schedule. Only failed messages can be tried again."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != OutboxStatus.FAILED:
        raise DomainError("Only an email that failed can be tried again.", code="not_failed")
    before = {"status": message.status, "attempts": message.attempts, "last_error": message.last_error}
    message.status = OutboxStatus.QUEUED
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.claimed_at = None
    message.save(update_fields=["status", "attempts", "next_attempt_at", "claimed_at"])
    audit_record(
        actor=actor, verb="email.retried", subject=message,
        summary=f"Email queued again after it failed: {message.name}",
        changes=diff_fields(before, {"status": message.status, "attempts": 0, "last_error": message.last_error}),
        data={"template_key": message.template_key, "message": message.pk},
    )
    logger.info("Email %s queued again by a user (%s)", message.pk, message.template_key)
    return message
