"""Admin for the complaints reference data. Complaints themselves change only through the
lifecycle services (the caseworker pages), so the admin shows them read-only."""

from django.contrib import admin

from .models import Complaint, ComplaintPoint, Procedure, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        # Retire a theme (untick "is active") so old complaints and reports keep it.
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    """A council may change its local acknowledgement target; the procedure's identity is fixed."""

    list_display = ("name", "kind", "acknowledgement_days", "is_active")
    readonly_fields = ("code", "kind", "source")
    fields = ("name", "code", "kind", "source", "acknowledgement_days", "is_active")

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


class PointInline(admin.TabularInline):
    model = ComplaintPoint
    extra = 0
    can_delete = False
    readonly_fields = ("number", "description")

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ("reference", "received_on", "procedure", "status")
    list_filter = ("status", "procedure", "channel")
    search_fields = ("reference",)
    date_hierarchy = "received_on"
    inlines = [PointInline]
    list_select_related = ("procedure",)

    def get_readonly_fields(self, request, obj=None):  # noqa: ANN001, ANN201
        return [field.name for field in self.model._meta.fields] + ["teams", "themes"]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return request.method in ("GET", "HEAD") and super().has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


from . import admin_kinds  # noqa: E402, F401  (admin for compliments, enquiries, concerns, ADR, IRO, costs)
