"""Importing a complaints register: upload (staff:import_register), matching its columns
(staff:import_mapping), the preview of the waiting file (staff:import_preview), creating its
unknown teams and themes (staff:import_names), the import itself (staff:import_confirm) and its
progress page (staff:import_progress); the saved column mappings (staff:import_mapping_list,
staff:import_mapping_delete). The waiting file is the user's own, so its addresses have no
arguments (and none carries a file name); a progress page is known by a random token."""

from django.urls import path, register_converter

from ..views import imports, imports_mapping, imports_progress


class ImportToken:
    """The random 32 hexadecimal digits naming an upload and its progress file."""

    regex = "[0-9a-f]{32}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ImportToken, "import_token")

urlpatterns = [
    path("complaints/import/", imports.import_register, name="import_register"),
    path("complaints/import/columns/", imports_mapping.import_mapping, name="import_mapping"),
    path("complaints/import/check/", imports.import_preview, name="import_preview"),
    path("complaints/import/names/", imports.import_names, name="import_names"),
    path("complaints/import/confirm/", imports.import_confirm, name="import_confirm"),
    path("complaints/import/progress/<import_token:token>/", imports_progress.import_progress_page,
         name="import_progress"),
    path("complaints/import/mappings/", imports_mapping.import_mapping_list, name="import_mapping_list"),
    path("complaints/import/mappings/<int:pk>/delete/", imports_mapping.import_mapping_delete,
         name="import_mapping_delete"),
]
