"""Editing templates and filing letters: validation, audit, storage, and all-or-nothing filing."""

import datetime
from unittest import mock

import pytest
from django.core.files.storage import default_storage

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Document, DocumentKind
from fairhearing.cases.tests.factories import officer
from fairhearing.core.errors import DomainError
from fairhearing.letters.choices import Audience, LetterKind
from fairhearing.letters.models import Letter, LetterTemplate
from fairhearing.letters.services import letter_create, letter_template_update

from .cases import complaint_with_people

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2022, 1, 5)


@pytest.fixture
def template():
    return LetterTemplate.objects.get(kind=LetterKind.ACKNOWLEDGEMENT, audience=Audience.CHILD_FRIENDLY)


def test_edit_is_saved_and_audited_with_changed_fields(template):
    actor = officer()
    old_body = template.body
    changed = letter_template_update(template=template, subject=template.subject,
                                     body="Hello {{ complainant_first_name }},\r\n\r\nThanks.  \r\n", actor=actor)
    assert changed
    template.refresh_from_db()
    assert template.body == "Hello {{ complainant_first_name }},\n\nThanks."
    assert template.updated_by == actor
    event = AuditEvent.objects.get(verb="letters.template_edited")
    assert event.changes == {"body": [old_body, template.body]}
    assert event.summary == "Letter template edited: Acknowledgement letter (child-friendly) (body changed)"


def test_saving_the_same_wording_changes_nothing(template):
    assert not letter_template_update(template=template, subject=template.subject, body=template.body, actor=officer())
    assert not AuditEvent.objects.filter(verb="letters.template_edited").exists()


@pytest.mark.parametrize(
    ("subject", "body", "message"),
    [("", "Body", "Enter the subject"), ("S", "  \n ", "Enter the wording"),
     ("S {{ nope }}", "Body", "Subject: {{ nope }} is not a merge field"),
     ("S", "Dear {{ complainant.name }}", "is not a merge field"), ("S", "{% debug %}", "cannot use")],
)
def test_invalid_wording_is_refused(template, subject, body, message):
    with pytest.raises(DomainError, match=message.replace("{", r"\{").replace("}", r"\}")):
        letter_template_update(template=template, subject=subject, body=body, actor=officer())
    assert not AuditEvent.objects.filter(verb="letters.template_edited").exists()


def test_edit_based_on_old_wording_is_refused(template):
    opened_at = template.updated_at
    letter_template_update(template=template, subject="First edit {{ reference }}", body="B", actor=officer())
    with pytest.raises(DomainError, match="Someone else changed this template"):
        letter_template_update(template=template, subject="Second", body="B", actor=officer(),
                               expected_updated_at=opened_at)


def test_letter_is_filed_as_word_and_pdf_with_one_audit_event():
    actor = officer()
    complaint = complaint_with_people(actor=actor)
    letter = letter_create(complaint=complaint, kind=LetterKind.ACKNOWLEDGEMENT, audience=Audience.CHILD_FRIENDLY,
                           actor=actor, today=TODAY)
    documents = list(Document.objects.filter(complaint=complaint).order_by("pk"))
    assert [d.content_type for d in documents] == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf"]
    assert [d.title for d in documents] == ["Acknowledgement letter (child-friendly)"] * 2
    assert all(d.kind == DocumentKind.LETTER and d.uploaded_by == actor for d in documents)
    assert documents[0].original_name == f"{complaint.reference}-acknowledgement-letter-child-friendly.docx"
    for document in documents:
        assert "Rivers" not in document.file.name and "." not in document.file.name.rsplit("/", 1)[-1]
        assert document.file.storage is not default_storage
        with document.file.open("rb") as stored:
            content = stored.read()
        assert len(content) == document.size
    assert documents[1].file.open("rb").read(5) == b"%PDF-"
    assert (letter.docx, letter.pdf) == (documents[0], documents[1])
    assert letter.missing_fields == ["due date"]
    event = AuditEvent.objects.get(verb="letter.created")
    assert event.subject_id == complaint.pk
    assert event.summary == "Acknowledgement letter (child-friendly) created (Word and PDF), with 1 details not recorded"
    assert "Jordan" not in event.summary and "Casey" not in event.summary
    assert event.data["documents"] == [d.pk for d in documents]


def test_failure_files_nothing_and_leaves_no_files_behind():
    actor = officer()
    complaint = complaint_with_people(actor=actor)
    saved = []
    real_save = Document.save

    def remember(self, *args, **kwargs):
        saved.append(self.file.name)
        return real_save(self, *args, **kwargs)

    with mock.patch("fairhearing.letters.services.audit_record", side_effect=RuntimeError("boom")), \
            mock.patch.object(Document, "save", remember), pytest.raises(RuntimeError):
        letter_create(complaint=complaint, kind=LetterKind.ACKNOWLEDGEMENT, audience=Audience.STANDARD,
                      actor=actor, today=TODAY)
    assert not Document.objects.exists() and not Letter.objects.exists()
    assert len(saved) == 2
    storage = Document._meta.get_field("file").storage
    assert not any(storage.exists(name) for name in saved)


def test_letter_create_refuses_a_template_changed_since_the_preview():
    actor = officer()
    complaint = complaint_with_people(actor=actor)
    template = LetterTemplate.objects.get(kind=LetterKind.ACKNOWLEDGEMENT, audience=Audience.STANDARD)
    previewed_at = template.updated_at
    letter_template_update(template=template, subject="New {{ reference }}", body="New", actor=actor)
    with pytest.raises(DomainError, match="Preview the letter again"):
        letter_create(complaint=complaint, kind=LetterKind.ACKNOWLEDGEMENT, audience=Audience.STANDARD, actor=actor,
                      expected_template_updated_at=previewed_at, today=TODAY)
    assert not Document.objects.exists()
