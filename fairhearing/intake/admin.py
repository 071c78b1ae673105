"""Admin for imports, read-only: batches and their records are made only by an import, waiting
uploads only by the upload page (and removed by clear_pending_imports), column mappings only by
the mapping page (and deleted there, where it is audited). The admin never shows or serves an
uploaded file's contents."""

from django.contrib import admin

from .models import ColumnMapping, ImportBatch, ImportedRecord, PendingImport


class ReadOnlyAdmin(admin.ModelAdmin):
    """Every field shown, nothing added, changed or deleted here."""

    def get_readonly_fields(self, request, obj=None):  # noqa: ANN001, ANN201
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "kind", "row_count", "created_count", "already_present_count",
                    "imported_by", "imported_at")
    list_filter = ("kind",)


@admin.register(ImportedRecord)
class ImportedRecordAdmin(ReadOnlyAdmin):
    list_display = ("reference", "batch", "row_number", "content_type", "object_id")
    search_fields = ("reference",)
    list_select_related = ("batch", "content_type")


@admin.register(PendingImport)
class PendingImportAdmin(ReadOnlyAdmin):
    """Who uploaded what, when; the stored name is a random file name, not a link to the file."""

    list_display = ("original_name", "kind", "uploaded_by", "created_at")
    list_filter = ("kind",)
    list_select_related = ("uploaded_by",)


@admin.register(ColumnMapping)
class ColumnMappingAdmin(ReadOnlyAdmin):
    list_display = ("kind", "signature", "saved_by", "updated_at")
    list_filter = ("kind",)
    list_select_related = ("saved_by",)
