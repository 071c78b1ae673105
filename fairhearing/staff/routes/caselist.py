"""The complaints list and its exports (the same filters, as CSV or XLSX)."""

from django.urls import path

from ..views import caselist, export

urlpatterns = [
    path("complaints/", caselist.complaint_list, name="complaint_list"),
    path("complaints/export.csv", export.complaint_export_csv, name="complaint_export_csv"),
    path("complaints/export.xlsx", export.complaint_export_xlsx, name="complaint_export_xlsx"),
]
