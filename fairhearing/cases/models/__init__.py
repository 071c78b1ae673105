"""Models of the cases app: the complaint record (complaint.py) and its files and notes (attachments.py)."""

from .attachments import Document, DocumentKind, Note, documents_storage
from .complaint import (
    Complaint,
    ComplaintChild,
    ComplaintComplainant,
    ComplaintPoint,
    Procedure,
    ReferenceCounter,
    Theme,
)

__all__ = [
    "Complaint", "ComplaintChild", "ComplaintComplainant", "ComplaintPoint", "Document", "DocumentKind",
    "Note", "Procedure", "ReferenceCounter", "Theme", "documents_storage",
]
