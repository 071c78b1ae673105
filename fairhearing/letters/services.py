"""Every write about letters: editing a template, and creating a letter filed on a complaint."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from fairhearing.audit.services import audit_record, diff_fields
from fairhearing.cases.models import Complaint, Document, DocumentKind
from fairhearing.core import clock
from fairhearing.core.errors import DomainError

from .choices import letter_title
from .compose import ComposedLetter, letter_compose
from .merge import check
from .models import Letter, LetterTemplate
from .renderers import docx as docx_renderer
from .renderers import pdf as pdf_renderer

SUBJECT_MAX = LetterTemplate._meta.get_field("subject").max_length
BODY_MAX = 20_000


def _normalise(text: str) -> str:
    """Unix line endings, no trailing spaces on lines, no blank lines at either end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def letter_template_problems(*, subject: str, body: str) -> dict[str, list[str]]:
    """What is wrong with a template's wording, by field; empty when it may be saved."""
    problems: dict[str, list[str]] = {}
    subject = " ".join(subject.split())
    if not subject:
        problems["subject"] = ["Enter the subject"]
    elif len(subject) > SUBJECT_MAX:
        problems["subject"] = [f"Subject must be {SUBJECT_MAX} characters or fewer"]
    else:
        problems["subject"] = [f"Subject: {message}" for message in check(subject)]
    body = _normalise(body)
    if not body.strip():
        problems["body"] = ["Enter the wording of the letter"]
    elif len(body) > BODY_MAX:
        problems["body"] = [f"Letter must be {BODY_MAX:,} characters or fewer"]
    else:
        problems["body"] = check(body)
    return {field: messages for field, messages in problems.items() if messages}


@transaction.atomic
def letter_template_update(
    *, template: LetterTemplate, subject: str, body: str, actor: Any, expected_updated_at: datetime | None = None,
) -> bool:
    """Save new wording for a template; audit the fields that changed. Returns False when nothing
    changed. Refuses unknown merge fields, and an edit based on wording someone has since changed."""
    template = LetterTemplate.objects.select_for_update().get(pk=template.pk)
    if expected_updated_at is not None and template.updated_at != expected_updated_at:
        raise DomainError(
            "Someone else changed this template after you opened it. Reload the page to see their "
            "wording, then make your changes again.",
            code="stale",
        )
    problems = letter_template_problems(subject=subject, body=body)
    if problems:
        raise DomainError(" ".join(message for messages in problems.values() for message in messages))
    after = {"subject": " ".join(subject.split()), "body": _normalise(body)}
    changes = diff_fields({"subject": template.subject, "body": template.body}, after)
    if not changes:
        return False
    fields = [name for name in after if name in changes]  # page order; JSON keys may be reordered
    template.subject, template.body = after["subject"], after["body"]
    template.updated_by = actor
    template.save()
    audit_record(
        actor=actor, verb="letters.template_edited", subject=template,
        summary=f"Letter template edited: {template.title} ({' and '.join(fields)} changed)",
        changes=changes,
        data={"kind": template.kind, "audience": template.audience, "fields": fields},
    )
    return True


@dataclass(frozen=True)
class _Rendered:
    suffix: str
    content_type: str
    content: bytes


def _file_name(letter: ComposedLetter, suffix: str) -> str:
    # The reference and the letter's kind only: no names in file names.
    title = re.sub(r"[^a-z0-9]+", "-", letter.title.lower()).strip("-")
    return f"{letter.reference}-{title}.{suffix}"


@transaction.atomic
def letter_create(
    *, complaint: Complaint, kind: str, audience: str, actor: Any, additional_information: str = "",
    expected_template_updated_at: datetime | None = None, today: date | None = None,
) -> Letter:
    """Merge a template with the complaint, render it to Word and PDF, and file both documents on
    the case with one audit event. Rendering happens before the first write, so the database is
    locked only for the inserts."""
    today = today or clock.today()
    template = LetterTemplate.objects.filter(kind=kind, audience=audience).first()
    if template is None:
        raise DomainError("There is no template for that letter.")
    if expected_template_updated_at is not None and template.updated_at != expected_template_updated_at:
        raise DomainError(
            "The letter's template was changed after you previewed it. Preview the letter again "
            "before you create it.",
            code="stale",
        )
    composed = letter_compose(
        template=template, complaint=complaint, actor=actor,
        additional_information=additional_information, today=today,
    )
    files = [
        _Rendered("docx", docx_renderer.CONTENT_TYPE, docx_renderer.render_docx(composed)),
        _Rendered("pdf", pdf_renderer.CONTENT_TYPE, pdf_renderer.render_pdf(composed)),
    ]
    title = letter_title(kind, audience)
    stored: list[Document] = []
    try:
        for rendered in files:
            document = Document(
                complaint=complaint, kind=DocumentKind.LETTER, title=title,
                original_name=_file_name(composed, rendered.suffix), content_type=rendered.content_type,
                size=len(rendered.content), uploaded_by=actor,
            )
            # upload_to gives the stored file a random name; the name passed here is not used.
            document.file.save(rendered.suffix, ContentFile(rendered.content), save=False)
            stored.append(document)
            document.save()
        letter = Letter.objects.create(
            complaint=complaint, kind=kind, audience=audience, docx=stored[0], pdf=stored[1],
            missing_fields=list(composed.missing), created_by=actor,
        )
        audit_record(
            actor=actor, verb="letter.created", subject=complaint,
            summary=f"{title} created (Word and PDF)"
            + (f", with {len(composed.missing)} details not recorded" if composed.missing else ""),
            data={
                "letter": letter.pk, "kind": kind, "audience": audience,
                "documents": [document.pk for document in stored], "missing": list(composed.missing),
            },
        )
    except Exception:
        # The rows roll back with the transaction; the files on disk must be removed by hand.
        for document in stored:
            document.file.delete(save=False)
        raise
    return letter
