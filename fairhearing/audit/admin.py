"""Auditors may read the log in the admin; nobody may add, change or delete an event there."""

from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "verb", "actor", "summary")
    list_filter = ("verb",)
    search_fields = ("verb", "summary")
    date_hierarchy = "occurred_at"
    list_select_related = ("actor",)
    actions = None

    def get_readonly_fields(self, request, obj=None):  # noqa: ANN001, ANN201
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
