"""Reading what reports keep."""

from .models import ReportText
from .periods import Period
from .report import ReportKind


def report_texts_get(*, kind: ReportKind, period: Period) -> dict[str, str]:
    """The saved texts of one report, by section (one query)."""
    return dict(
        ReportText.objects.filter(report_kind=str(kind), period_key=period.key)
        .values_list("section", "text")
    )
