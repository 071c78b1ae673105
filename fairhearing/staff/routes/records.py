"""The Records hub (staff:records). Each kind of record has its own routes module."""

from django.urls import path

from ..views import records

urlpatterns = [
    path("records/", records.records_hub, name="records"),
]
