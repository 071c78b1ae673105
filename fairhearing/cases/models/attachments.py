"""Documents and notes filed on a complaint.

Uploaded files live outside the web root, in their own storage, and are only ever served by a view
that checks the user may see the complaint (no public URL exists for them).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models

from .complaint import Complaint


class DocumentsStorage(FileSystemStorage):
    """Private storage under DOCUMENTS_ROOT, read when used (so tests and deployments can move it),
    and with no URL at all: documents are served only by the permission-checked download view."""

    @property
    def base_location(self) -> str:
        return str(settings.DOCUMENTS_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Documents are served only by the download view.")


def documents_storage() -> FileSystemStorage:
    return DocumentsStorage()


def document_upload_path(instance: "Document", filename: str) -> str:
    # A random name keeps children's names out of the file system and out of logs.
    import uuid

    return f"complaints/{instance.complaint_id}/{uuid.uuid4().hex}"


class DocumentKind(models.TextChoices):
    EVIDENCE = "evidence", "Evidence or correspondence"
    LETTER = "letter", "Letter"
    RESPONSE = "response", "Response"
    REPORT = "report", "Investigation or panel report"
    OTHER = "other", "Other"


class Document(models.Model):
    """A file on a complaint: a letter sent, evidence received, a report."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(max_length=200)
    file = models.FileField(storage=documents_storage, upload_to=document_upload_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Note(models.Model):
    """A case note: a telephone call, a conversation, a decision worth writing down."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note {self.pk}"
