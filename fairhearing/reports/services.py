"""Writing what reports keep: the council's own text for a report."""

from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record
from fairhearing.core.errors import DomainError

from .choices import TextSection
from .models import ReportText
from .periods import Period
from .report import ReportKind

MAX_TEXT_LENGTH = 20_000


@transaction.atomic
def report_text_save(
    *, kind: ReportKind, period: Period, section: str, text: str, actor: Any
) -> ReportText:
    """Save (or clear) the text of one written section of one report, and audit the change."""
    if section not in TextSection.values:
        raise DomainError("Choose which part of the report this text is for.")
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise DomainError(f"The text must be {MAX_TEXT_LENGTH:,} characters or fewer.")
    saved, created = ReportText.objects.select_for_update().get_or_create(
        report_kind=str(kind), period_key=period.key, section=section,
        defaults={"text": text, "updated_by": actor if getattr(actor, "pk", None) else None},
    )
    before = "" if created else saved.text
    if not created:
        saved.text = text
        saved.updated_by = actor if getattr(actor, "pk", None) else None
        saved.save(update_fields=["text", "updated_by", "updated_at"])
    audit_record(
        actor=actor, verb="report.text_saved", subject=saved,
        summary=f"{TextSection(section).label} saved for the {kind} report {period.label}",
        data={"characters_before": len(before), "characters_after": len(text)},
    )
    return saved
