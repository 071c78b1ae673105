"""Documents and notes: which files are accepted (by content, never by name), how they are stored,
what the audit log says, and that a failed save leaves no file behind.

The small files below are built here, so each test shows exactly what it uploads.
"""

import io
import struct
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from PIL import Image

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases import attachments
from fairhearing.cases.attachments import (
    AttachmentRefused,
    clean_file_name,
    complaint_documents,
    complaint_notes,
    document_open_for_download,
    document_upload,
    note_add,
)
from fairhearing.cases.models import Document, DocumentKind, Note

from .factories import make_complaint, officer

pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00\x00\x00\x08mdat"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
HTML = b"<!DOCTYPE html>\n<html><body><script>alert('hello')</script></body></html>\n"
SVG = (b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
       b"<script>alert('hello')</script></svg>\n")
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Letter to the complainant")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Chronology"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml_bytes(part: str, content_type: str, *extra: str) -> bytes:
    """A zip package declaring ``part`` as its main part with ``content_type``."""
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CONTENT_TYPES}">'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')
    return zip_bytes({"[Content_Types].xml": manifest, "_rels/.rels": "<Relationships/>", part: "<x/>",
                      **{name: b"\x00" for name in extra}})


PPTX = ooxml_bytes("ppt/presentation.xml",
                   "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")
DOCM = ooxml_bytes("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml",
                   "word/vbaProject.bin")


def ole_bytes(*streams: str, padding_sectors: int = 0) -> bytes:
    """A compound file (MS-CFB version 4, 4,096-byte sectors) holding empty streams with these
    names: sector 0 is the FAT, then ``padding_sectors`` unused sectors, then the directory."""
    sector = 4096
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    directory_at = 1 + padding_sectors
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack(
        "<HHHHH6xIIIIIIIII", 0x3E, 4, 0xFFFE, 12, 6, 1, 1, directory_at, 0, 4096, end, 0, end, 0,
    ) + struct.pack("<I", 0) + struct.pack("<108I", *[free] * 108)
    header = header.ljust(sector, b"\x00")
    fat = [fat_sector] + [free] * padding_sectors + [end]
    fat_data = struct.pack(f"<{len(fat)}I", *fat).ljust(sector, b"\xff")

    def entry(name: str, kind: int, right: int, child: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, free, right, child,
                           b"\x00" * 16, 0, 0, 0, end, 0)

    entries = [entry("Root Entry", 5, free, 1 if streams else free)]
    for number, name in enumerate(streams, start=1):
        entries.append(entry(name, 2, number + 1 if number < len(streams) else free, free))
    directory = b"".join(entries).ljust(sector, b"\x00")
    return header + fat_data + b"\x00" * sector * padding_sectors + directory


def image_bytes(format_name: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format_name)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    """Each test files documents in a directory of its own.

    The model's storage is built when the model is imported, before the root conftest points
    DOCUMENTS_ROOT at a temporary directory, so it would otherwise write into the developer's
    var/documents. Until the storage reads the setting lazily, point it here by hand.
    """
    storage = Document._meta.get_field("file").storage

    def point_at(location: str) -> None:
        storage._location = location
        for cached in ("base_location", "location"):
            storage.__dict__.pop(cached, None)

    saved = storage._location
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    point_at(str(settings.DOCUMENTS_ROOT))
    yield settings.DOCUMENTS_ROOT
    point_at(saved)


@pytest.fixture
def complaint():
    return make_complaint(actor=officer())


def file_up(complaint, name: str, data: bytes, **kwargs) -> Document:
    defaults = {"title": "Evidence", "kind": DocumentKind.EVIDENCE, "actor": officer()}
    return document_upload(complaint=complaint, uploaded_file=upload(name, data), **defaults | kwargs)


@pytest.mark.parametrize(
    ("name", "data", "content_type", "stored_name"),
    [
        ("letter.pdf", PDF, "application/pdf", "letter.pdf"),
        ("letter.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "letter.docx"),
        ("chronology.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "chronology.xlsx"),
        ("slides.pptx", PPTX, "application/vnd.openxmlformats-officedocument.presentationml.presentation",
         "slides.pptx"),
        ("old letter.doc", ole_bytes("1Table", "WordDocument"), "application/msword", "old letter.doc"),
        ("old sheet.xls", ole_bytes("Workbook"), "application/vnd.ms-excel", "old sheet.xls"),
        ("email.msg", ole_bytes("__nameid_version1.0", "__properties_version1.0"), "application/vnd.ms-outlook",
         "email.msg"),
        ("photo.jpeg", image_bytes("JPEG"), "image/jpeg", "photo.jpeg"),
        ("photo.png", image_bytes("PNG"), "image/png", "photo.png"),
        ("photo.gif", image_bytes("GIF"), "image/gif", "photo.gif"),
        ("IMG_0001.HEIC", HEIC, "image/heic", "IMG_0001.HEIC"),
        ("call notes.txt", "Rang mum back: £10 bus fare\r\n".encode(), "text/plain; charset=utf-8",
         "call notes.txt"),
        ("old notes.txt", "Café visit – £10".encode("cp1252"), "text/plain; charset=windows-1252",
         "old notes.txt"),
        ("visits.csv", "\ufeffdate,visit\n2022-01-04,home\n".encode(), "text/csv; charset=utf-8", "visits.csv"),
        ("email.eml", b"From: a@example.org\r\nSubject: Visit\r\n\r\nHello\r\n", "message/rfc822", "email.eml"),
    ],
)
def test_each_allowed_type_is_accepted_and_stored_with_the_type_it_really_is(
    complaint, name, data, content_type, stored_name,
):
    document = file_up(complaint, name, data)
    assert (document.content_type, document.original_name, document.size) == (content_type, stored_name, len(data))
    with document.file.open("rb") as stored:
        assert stored.read() == data


@pytest.mark.parametrize(
    ("name", "data", "stored_name", "content_type"),
    [
        ("letter.docx", PDF, "letter.pdf", "application/pdf"),  # the content wins over the name
        ("letter.pdf", docx_bytes(), "letter.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("photo", image_bytes("PNG"), "photo.png", "image/png"),
        ("MZ notes.txt", b"MZ Smith rang about the visit", "MZ notes.txt", "text/plain; charset=utf-8"),
    ],
)
def test_the_content_decides_the_type_and_the_extension(complaint, name, data, stored_name, content_type):
    document = file_up(complaint, name, data)
    assert (document.original_name, document.content_type) == (stored_name, content_type)


def test_a_letter_that_starts_like_a_program_is_still_text(complaint):
    """"MZ" opens Windows programs; a text file may start with it too. Only real text passes."""
    assert file_up(complaint, "note.txt", b"MZ\r\nSecond line").content_type.startswith("text/plain")


def test_directory_entries_are_found_beyond_the_first_megabyte(complaint):
    data = ole_bytes("WordDocument", padding_sectors=300)
    assert len(data) > 1024 * 1024
    assert file_up(complaint, "big.doc", data).content_type == "application/msword"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", EXE, "is a program"),
        ("letter.pdf", EXE, "is a program"),  # the browser's name and type are not believed
        ("tool", ELF, "is a program"),
        ("page.html", HTML, "web page or SVG image"),
        ("page.txt", HTML, "web page or SVG image"),
        ("drawing.svg", SVG, "web page or SVG image"),
        ("photos.zip", zip_bytes({"photo.jpg": image_bytes("JPEG")}), "zip file or another archive"),
        ("letter.docx", zip_bytes({"[Content_Types].xml": "<Types/>", "word/x.xml": "<x/>"}), "zip file"),
        ("letter.docm", DOCM, "contains macros"),
        ("sheet.xls", ole_bytes("Workbook", "_VBA_PROJECT_CUR"), "contains macros"),
        ("letter.doc", ole_bytes("WordDocument", "Macros"), "contains macros"),
        ("secret.docx", ole_bytes("EncryptedInfo", "EncryptedPackage"), "protected with a password"),
        ("installer.msi", ole_bytes("SummaryInformation"), "must be a PDF, Word"),
        ("letter.odt", zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text"}), "must be a PDF"),
        ("notes.txt", "Notes".encode("utf-16"), "must be a PDF"),  # NUL bytes
        ("notes.txt", b"Line one\x07bell", "must be a PDF"),  # control characters
        ("notes.md", b"# Notes", "must be a PDF"),  # text, but not a text type we accept
        ("notes", b"Plain words", "must be a PDF"),
        ("data.bin", bytes(range(256)) * 4, "must be a PDF"),
        ("archive.tar.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 20, "zip file or another archive"),
    ],
)
def test_other_files_are_refused_with_a_reason(complaint, name, data, message):
    with pytest.raises(AttachmentRefused, match=message) as refusal:
        file_up(complaint, name, data)
    assert refusal.value.field == "file"
    assert not Document.objects.exists()


def test_the_allowed_types_are_named_when_a_file_is_refused(complaint):
    with pytest.raises(AttachmentRefused) as refusal:
        file_up(complaint, "notes.md", b"# Notes")
    assert refusal.value.message == (
        "The selected file must be a PDF, Word, Excel, PowerPoint, email (EML or MSG), JPG, PNG, GIF, HEIC, "
        "TXT or CSV"
    )


def test_files_over_the_size_limit_are_refused(complaint, settings):
    settings.DOCUMENT_MAX_MB = 1
    exactly = b"a" * (1024 * 1024)
    assert file_up(complaint, "limit.txt", exactly).size == len(exactly)
    with pytest.raises(AttachmentRefused, match="^The selected file must be smaller than 1 MB$"):
        file_up(complaint, "over.txt", exactly + b"a")


def test_the_default_limit_is_20_mb():
    assert attachments.size_limit_text() == "The selected file must be smaller than 20 MB"


def test_empty_files_are_refused(complaint):
    with pytest.raises(AttachmentRefused, match="^The selected file is empty$"):
        file_up(complaint, "empty.pdf", b"")


@pytest.mark.parametrize(("title", "kind", "field"), [("  ", "evidence", "title"), ("x" * 201, "evidence", "title"),
                                                      ("Letter", "photograph", "kind")])
def test_a_title_and_a_known_kind_are_needed(complaint, title, kind, field):
    with pytest.raises(AttachmentRefused) as refusal:
        file_up(complaint, "letter.pdf", PDF, title=title, kind=kind)
    assert refusal.value.field == field
    assert not list(Path(settings.DOCUMENTS_ROOT).rglob(f"complaints/{complaint.pk}/*"))


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\Jo\\Desktop\\letter.pdf", "letter.pdf"),
        ("report\u202efdp.exe", "reportfdp.pdf"),  # right-to-left override removed, extension corrected
        ("tab\there\nnew  line.pdf", "tab here new line.pdf"),
        ('what?<is>"this".pdf', "what__is__this_.pdf"),
        ("...pdf", "pdf.pdf"),
        ("..", "document.pdf"),
        ("", "document.pdf"),
        ("a" * 300 + ".pdf", "a" * 247 + ".pdf"),
    ],
)
def test_original_names_are_made_safe(name, cleaned):
    assert clean_file_name(name, attachments.FILE_TYPES["pdf"]) == cleaned


def test_files_are_stored_outside_the_web_root_under_random_names(complaint):
    document = file_up(complaint, "Jo Bloggs letter.pdf", PDF)
    path = Path(document.file.path)
    assert path.is_relative_to(Path(settings.DOCUMENTS_ROOT))
    assert "Bloggs" not in document.file.name and "." not in path.name
    assert document.original_name == "Jo Bloggs letter.pdf"
    for public in (settings.STATIC_ROOT, settings.MEDIA_ROOT, *settings.STATICFILES_DIRS):
        assert not path.is_relative_to(Path(public))


def test_upload_is_audited_without_the_title_or_file_name(complaint):
    actor = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    document = file_up(complaint, "Jo Bloggs.pdf", PDF, title="Letter about Jo Bloggs", actor=actor)
    event = AuditEvent.objects.get(verb="document.uploaded")
    assert (event.actor, event.subject_id) == (actor, complaint.pk)
    assert event.summary == "Document uploaded: evidence or correspondence"
    assert event.data == {"document_id": document.pk, "kind": "evidence", "content_type": "application/pdf",
                          "size": len(PDF)}
    assert "Bloggs" not in str(event.summary) + str(event.data)


def test_note_is_saved_and_audited_without_its_text(complaint):
    actor = officer()
    note = note_add(complaint=complaint, text="  Spoke to Jo Bloggs's mum.  ", actor=actor)
    assert (note.text, note.created_by, note.complaint) == ("Spoke to Jo Bloggs's mum.", actor, complaint)
    event = AuditEvent.objects.get(verb="note.added")
    assert (event.summary, event.data, event.subject_id) == ("Note added", {"note_id": note.pk}, complaint.pk)


@pytest.mark.parametrize(("text", "message"), [(" \n ", "Enter the note"),
                                               ("x" * 10_001, "10,000 characters or fewer")])
def test_a_note_needs_text_within_the_limit(complaint, text, message):
    with pytest.raises(AttachmentRefused, match=message):
        note_add(complaint=complaint, text=text, actor=officer())
    assert not Note.objects.exists()


def test_a_failed_save_removes_the_stored_file(complaint, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(attachments, "audit_record", fail)
    with pytest.raises(RuntimeError):
        file_up(complaint, "letter.pdf", PDF)
    assert not Document.objects.exists()
    assert not [path for path in Path(settings.DOCUMENTS_ROOT).rglob(f"complaints/{complaint.pk}/*")
                if path.is_file()]


def test_download_needs_the_complaint_the_document_belongs_to(complaint):
    other = make_complaint(actor=officer())
    document = file_up(other, "letter.pdf", PDF)
    user = officer()
    with pytest.raises(Http404):
        document_open_for_download(user=user, reference=complaint.reference, pk=document.pk)
    opened = document_open_for_download(user=user, reference=other.reference, pk=document.pk)
    with opened.file:
        assert opened.file.read() == PDF


def test_download_is_refused_to_someone_who_cannot_see_the_complaint(complaint):
    document = file_up(complaint, "letter.pdf", PDF)
    with pytest.raises(Http404):
        document_open_for_download(user=UserFactory(roles=[Role.REPORT_READER]), reference=complaint.reference,
                                   pk=document.pk)


def test_a_missing_stored_file_is_404_and_logged_by_id_only(complaint, caplog):
    document = file_up(complaint, "Jo Bloggs.pdf", PDF)
    Path(document.file.path).unlink()
    with pytest.raises(Http404):
        document_open_for_download(user=officer(), reference=complaint.reference, pk=document.pk)
    assert f"document {document.pk}" in caplog.text and "Bloggs" not in caplog.text


def test_lists_load_people_and_type_labels_in_one_query_each(complaint, django_assert_num_queries):
    for number in range(3):
        file_up(complaint, f"letter{number}.pdf", PDF, actor=UserFactory())
        note_add(complaint=complaint, text=f"Note {number}", actor=UserFactory())
    with django_assert_num_queries(2):
        documents = [(d.title, str(d.uploaded_by), d.type_label) for d in complaint_documents(complaint=complaint)]
        notes = [(n.text, str(n.created_by)) for n in complaint_notes(complaint=complaint)]
    assert [label for *_, label in documents] == ["PDF"] * 3
    assert [text for text, _ in notes] == ["Note 2", "Note 1", "Note 0"]


def test_the_documents_queryset_can_be_prefetched_for_the_case_page(complaint, django_assert_num_queries):
    for number in range(3):
        file_up(complaint, f"letter{number}.docx", docx_bytes(), actor=UserFactory())
    with django_assert_num_queries(1):  # the documents with their uploaders; the complaint is loaded
        prefetch_related_objects([complaint], Prefetch("documents", queryset=attachments.documents_with_uploader()))
        assert [(d.type_label, str(d.uploaded_by)) for d in complaint.documents.all()][0][0] == "Word"
