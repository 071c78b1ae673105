"""Reads about emails: the wording in use for each email, and the state of the outbox."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from fairhearing.accounts.roles import Role

from .catalogue import CATALOGUE, EmailKind
from .choices import OutboxStatus
from .models import EmailTemplate, OutboxMessage


@dataclass(frozen=True)
class EmailWording:
    """The wording an email is sent with now: the team's own, or the catalogue's default."""

    kind: EmailKind
    subject: str
    body: str
    template: EmailTemplate | None

    @property
    def is_default(self) -> bool:
        return self.template is None

    @property
    def version(self) -> str:
        """Changes whenever the wording is saved; an edit form sends it back to detect a clash."""
        return self.template.updated_at.isoformat() if self.template else "default"


def _wording(kind: EmailKind, template: EmailTemplate | None) -> EmailWording:
    if template is None:
        return EmailWording(kind=kind, subject=kind.subject, body=kind.body, template=None)
    return EmailWording(kind=kind, subject=template.subject, body=template.body, template=template)


def email_wording_get(*, key: str) -> EmailWording | None:
    """The wording in use for one email, or None when the catalogue has no such email."""
    kind = CATALOGUE.get(key)
    if kind is None:
        return None
    return _wording(kind, EmailTemplate.objects.select_related("updated_by").filter(key=key).first())


def email_wording_list() -> list[EmailWording]:
    """Every email in the catalogue with the wording in use, in catalogue order (one query)."""
    templates = {template.key: template for template in EmailTemplate.objects.select_related("updated_by")}
    return [_wording(kind, templates.get(key)) for key, kind in CATALOGUE.items()]


def outbox_counts() -> dict[str, int]:
    """How many messages are in each status, every status present (zero when none)."""
    counts = dict.fromkeys(OutboxStatus.values, 0)
    for row in OutboxMessage.objects.order_by().values("status").annotate(total=Count("id")):
        counts[row["status"]] = row["total"]
    return counts


def outbox_messages(*, status: str) -> QuerySet[OutboxMessage]:
    """Messages in one status for the outbox page, with what each is about loaded in a query per
    kind of record (not per message). Failed ones newest failure first, waiting ones in the order
    the worker takes them, sent ones newest first."""
    order = {
        OutboxStatus.FAILED: ("-next_attempt_at", "-id"),
        OutboxStatus.QUEUED: ("next_attempt_at", "id"),
        OutboxStatus.SENDING: ("claimed_at", "id"),
        OutboxStatus.SENT: ("-sent_at", "-id"),
    }[OutboxStatus(status)]
    return (
        OutboxMessage.objects.filter(status=status).order_by(*order)
        .defer("body_text", "body_html").prefetch_related("about")
    )


def outbox_waiting_after_failure_count() -> int:
    """Messages waiting to be sent again after a failed attempt: a sign the mail server is down."""
    return OutboxMessage.objects.filter(status=OutboxStatus.QUEUED, attempts__gt=0).count()


def user_may_manage_emails(user: Any) -> bool:
    """The complaints manager (and superusers) edit emails' wording and look after the outbox."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_role(Role.COMPLAINTS_MANAGER)


# What the errors kept in OutboxMessage.last_error mean, in plain words, by their first word.
_ERRORS = {
    "ConnectionRefusedError": "The mail server refused the connection: it may be down or the settings may be wrong.",
    "TimeoutError": "The mail server did not answer in time.",
    "gaierror": "The mail server's name could not be found: check FAIRHEARING_EMAIL_HOST.",
    "SMTPServerDisconnected": "The mail server closed the connection.",
    "SMTPAuthenticationError": "The mail server did not accept the user name or password.",
    "SMTPSenderRefused": "The mail server refused the sender's address (FAIRHEARING_EMAIL_FROM).",
    "SMTPRecipientsRefused": "The mail server refused the recipient's address.",
    "SMTPDataError": "The mail server refused the message.",
    "HTTPError": "GOV.UK Notify refused the message.",
    "HTTP503Error": "GOV.UK Notify could not be reached or was unavailable.",
}


def outbox_error_explained(last_error: str) -> str:
    """A plain-English reading of a message's last error, for the outbox page."""
    if not last_error:
        return ""
    name, _, code = last_error.partition(" ")
    if name == "HTTPError" and code == "403":
        return "GOV.UK Notify did not accept the API key (FAIRHEARING_NOTIFY_API_KEY)."
    if name == "HTTPError" and code == "429":
        return "GOV.UK Notify's sending limit was reached."
    return _ERRORS.get(name, "Sending failed.")
