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
from .compliment import Compliment
from .concern import Concern
from .costs import Cost
from .enquiry import Enquiry
from .resolution import AdrCase, IroDispute
from .targets import KindReferenceCounter, LocalTarget

__all__ = [
    "Complaint", "ComplaintChild", "ComplaintComplainant", "ComplaintPoint", "Document", "DocumentKind",
    "Note", "Procedure", "ReferenceCounter", "Theme", "documents_storage",
    "AdrCase", "Compliment", "Concern", "Cost", "Enquiry", "IroDispute", "KindReferenceCounter", "LocalTarget",
]
