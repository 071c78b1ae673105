"""ADR and IRO dispute resolution pages, under the Records hub. Records are addressed by their
reference (ADR-2022-0001, IRO-2022-0001); "new" comes before the reference so it is never read
as one."""

from django.urls import path

from ..views import resolutions

urlpatterns = [
    path("records/adr/", resolutions.adr_list, name="adr_list"),
    path("records/adr/new/", resolutions.adr_new, name="adr_new"),
    path("records/adr/<str:adr_reference>/", resolutions.adr_detail, name="adr_detail"),
    path("records/adr/<str:adr_reference>/edit/", resolutions.adr_edit, name="adr_edit"),
    path("records/iro-disputes/", resolutions.iro_dispute_list, name="iro_dispute_list"),
    path("records/iro-disputes/new/", resolutions.iro_dispute_new, name="iro_dispute_new"),
    path("records/iro-disputes/<str:iro_reference>/", resolutions.iro_dispute_detail, name="iro_dispute_detail"),
    path("records/iro-disputes/<str:iro_reference>/edit/", resolutions.iro_dispute_edit, name="iro_dispute_edit"),
]
