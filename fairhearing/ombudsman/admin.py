"""Ombudsman cases in the admin, read-only.

There is no reference data to manage here: cases, decisions, recommendations and evidence change
only through fairhearing.ombudsman.services (which validate and audit), so an administrator can
look but not change. Evidence files are not offered for download here: they have no URL and are
served only by a permission-checked view.
"""

from django.contrib import admin
from django.http import HttpRequest

from .models import OmbudsmanCase, Recommendation, RecommendationEvidence


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewing only: no adding, changing or deleting."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        # View permission alone gives Django's read-only page: no save buttons, and a POST is refused.
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:  # noqa: ANN001
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):  # noqa: ANN001, ANN201
        return self.fields

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


class RecommendationInline(ReadOnlyInline):
    model = Recommendation
    fields = ("number", "kind", "amount", "due_on", "completed_on", "compliance")


class EvidenceInline(ReadOnlyInline):
    model = RecommendationEvidence
    # Not "file": its storage has no URL, so the admin's file link cannot be built.
    fields = ("title", "original_name", "content_type", "size", "uploaded_by", "uploaded_at")


@admin.register(OmbudsmanCase)
class OmbudsmanCaseAdmin(ReadOnlyAdmin):
    list_display = ("lgsco_reference", "received_on", "phase", "decision", "final_decision_on", "team")
    list_filter = ("phase", "decision", "historic_category", "public_interest_report")
    search_fields = ("lgsco_reference",)
    date_hierarchy = "received_on"
    list_select_related = ("team",)
    inlines = [RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("case", "number", "kind", "due_on", "completed_on", "compliance")
    list_filter = ("compliance", "kind")
    search_fields = ("case__lgsco_reference",)
    list_select_related = ("case",)
    inlines = [EvidenceInline]


@admin.register(RecommendationEvidence)
class RecommendationEvidenceAdmin(ReadOnlyAdmin):
    list_display = ("title", "recommendation", "content_type", "size", "uploaded_at")
    list_select_related = ("recommendation", "recommendation__case")
    fields = ("recommendation", "title", "original_name", "content_type", "size", "uploaded_by", "uploaded_at")
