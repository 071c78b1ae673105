"""Documents and notes on a complaint. Joined in staff/urls.py before the complaint page pattern."""

from django.urls import path

from ..views import documents

urlpatterns = [
    path("complaints/<str:reference>/documents/", documents.complaint_documents_page, name="complaint_documents"),
    path("complaints/<str:reference>/documents/new/", documents.document_upload_page, name="document_upload"),
    path(
        "complaints/<str:reference>/documents/<int:pk>/download/",
        documents.document_download,
        name="document_download",
    ),
    path("complaints/<str:reference>/notes/new/", documents.note_add_page, name="note_add"),
]
