"""What a report keeps besides the records it counts: the text the council writes for it."""

from django.conf import settings
from django.db import models

from .choices import TextSection


class ReportText(models.Model):
    """Free text written for one report (e.g. the executive summary of the 2021-22 annual report).

    Saved per report kind and period, so next year's report starts empty and last year's text is
    still there when last year's report is produced again.
    """

    report_kind = models.CharField(max_length=20)
    period_key = models.CharField(max_length=40)
    section = models.CharField(max_length=30, choices=TextSection.choices)
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report_kind", "period_key", "section"], name="report_text_once_per_report"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()} ({self.report_kind} {self.period_key})"
