"""Admin for letters. Templates are edited in the staff pages, where each edit is checked for
unknown merge fields and audited; the admin shows them read-only, alongside the letters created."""

from django.contrib import admin

from .models import Letter, LetterTemplate


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(LetterTemplate)
class LetterTemplateAdmin(ReadOnlyAdmin):
    list_display = ("kind", "audience", "subject", "updated_at", "updated_by")
    list_filter = ("kind", "audience")
    list_select_related = ("updated_by",)
    search_fields = ("subject", "body")
    fields = ("kind", "audience", "subject", "body", "updated_by", "updated_at")


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "kind", "audience", "created_at", "created_by")
    list_filter = ("kind", "audience")
    list_select_related = ("complaint", "created_by")
    search_fields = ("complaint__reference",)
    fields = ("complaint", "kind", "audience", "docx", "pdf", "missing_fields", "created_by", "created_at")
    readonly_fields = fields
