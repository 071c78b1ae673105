"""Admin for stage timescales: statutory periods are shown but cannot be edited; the council's
local targets (the window to ask for the next stage, corporate periods) can."""

from django.contrib import admin

from .models import StageRule

STATUTORY_FIELDS = (
    "response_days", "max_response_days", "panel_report_days", "council_response_days", "clock_starts",
)


@admin.register(StageRule)
class StageRuleAdmin(admin.ModelAdmin):
    list_display = ("procedure", "number", "name", "response_days", "max_response_days", "escalation_window_days")
    list_filter = ("procedure",)
    fields = (
        "procedure", "number", "name", "clock_starts", "response_days", "max_response_days",
        "acknowledgement_days", "escalation_window_days", "panel_report_days", "council_response_days",
        "is_statutory", "source",
    )

    def get_readonly_fields(self, request, obj=None):  # noqa: ANN001, ANN201
        fixed = ["procedure", "number", "is_statutory", "source"]
        if obj is not None and obj.is_statutory:
            fixed += list(STATUTORY_FIELDS)
        return fixed

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
