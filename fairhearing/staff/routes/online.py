"""Received online: the queue of what arrived through the public forms, each submission, its files,
and logging or closing it. Addresses carry the person's reference (e.g. ONL-2026-00042) and a
file's random id, never a name or a database number."""

from django.urls import path

from ..views import online

urlpatterns = [
    path("received-online/", online.online_list, name="online_list"),
    path("received-online/<str:submission_reference>/", online.online_detail, name="online_detail"),
    path("received-online/<str:submission_reference>/files/<uuid:pk>/", online.online_file_download,
         name="online_file_download"),
    path("received-online/<str:submission_reference>/log-complaint/", online.online_log_complaint,
         name="online_log_complaint"),
    path("received-online/<str:submission_reference>/log-compliment/", online.online_log_compliment,
         name="online_log_compliment"),
    path("received-online/<str:submission_reference>/close/", online.online_close, name="online_close"),
]
