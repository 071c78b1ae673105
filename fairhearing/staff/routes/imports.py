"""Importing a complaints register: upload (staff:import_register), the preview of the waiting
file (staff:import_preview), creating its unknown teams and themes (staff:import_names) and the
import itself (staff:import_confirm). The waiting file is the user's own, so no address has
arguments (and none carries a file name)."""

from django.urls import path

from ..views import imports

urlpatterns = [
    path("complaints/import/", imports.import_register, name="import_register"),
    path("complaints/import/check/", imports.import_preview, name="import_preview"),
    path("complaints/import/names/", imports.import_names, name="import_names"),
    path("complaints/import/confirm/", imports.import_confirm, name="import_confirm"),
]
