"""Reads about emails: the wording in use for each email, and the state of the outbox."""

from dataclasses import dataclass

from django.db.models import Count

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


def outbox_failed_list():
    """Messages that gave up, newest first, for the complaints manager to try again."""
    return OutboxMessage.objects.filter(status=OutboxStatus.FAILED).order_by("-next_attempt_at", "-id")
