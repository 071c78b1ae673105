"""Reading letters and templates, and who may edit the templates."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES
from fairhearing.audit.models import AuditEvent
from fairhearing.audit.selectors import audit_timeline
from fairhearing.cases.models import Complaint, Document, DocumentKind

from .choices import Audience, LetterKind
from .models import Letter, LetterTemplate


def user_may_edit_letter_templates(user: Any) -> bool:
    """The complaints team (manager and officers) own the letters' wording."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(user.role_names & COMPLAINTS_TEAM_ROLES)


def letter_templates() -> QuerySet[LetterTemplate]:
    """Every template with who last changed it, in one query."""
    return LetterTemplate.objects.select_related("updated_by").order_by("kind", "audience")


@dataclass(frozen=True)
class TemplateRow:
    kind: str
    label: str
    standard: LetterTemplate | None
    child_friendly: LetterTemplate | None


def letter_template_table() -> list[TemplateRow]:
    """One row per kind of letter (in procedure order) with its two versions."""
    by_key = {(template.kind, template.audience): template for template in letter_templates()}
    return [
        TemplateRow(
            kind=kind.value, label=kind.label,
            standard=by_key.get((kind.value, Audience.STANDARD.value)),
            child_friendly=by_key.get((kind.value, Audience.CHILD_FRIENDLY.value)),
        )
        for kind in LetterKind
    ]


def letter_template_history(*, template: LetterTemplate, limit: int = 20) -> list[AuditEvent]:
    """The latest edits of a template, newest first."""
    return list(audit_timeline(subject=template).order_by("-occurred_at", "-id")[:limit])


@dataclass
class FiledLetter:
    """A letter on the case page: one created here (Word and PDF) or one uploaded as a letter."""

    title: str
    created_at: datetime
    created_by: Any
    files: list[Document] = field(default_factory=list)


def _format(document: Document) -> str:
    return {"application/pdf": "PDF", "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word"}.get(
        document.content_type, "file"
    )


def letters_filed(*, complaint: Complaint) -> list[FiledLetter]:
    """Documents of kind letter on a complaint, newest first, a created letter's Word and PDF
    files together on one row. One query."""
    documents = list(
        Document.objects.filter(complaint=complaint, kind=DocumentKind.LETTER)
        .select_related("uploaded_by", "letter_as_docx", "letter_as_pdf")
        .order_by("-uploaded_at", "-id")
    )
    rows: list[FiledLetter] = []
    by_letter: dict[int, FiledLetter] = {}
    for document in documents:
        document.format_label = _format(document)
        letter: Letter | None = getattr(document, "letter_as_docx", None) or getattr(document, "letter_as_pdf", None)
        if letter is None:
            rows.append(FiledLetter(document.title, document.uploaded_at, document.uploaded_by, [document]))
            continue
        row = by_letter.get(letter.pk)
        if row is None:
            row = by_letter[letter.pk] = FiledLetter(letter.title, document.uploaded_at, document.uploaded_by)
            rows.append(row)
        row.files.append(document)
    for row in rows:
        row.files.sort(key=lambda document: document.format_label != "Word")  # Word first, then PDF
    return rows
