"""Documents and notes on a complaint: checking uploads, filing them, reading them back.

Which files are accepted is decided by what the file *is* (its first bytes and, for Office files,
what is inside), never by the name or the content type the browser sent. Allowed:

| type | how it is recognised |
|---|---|
| PDF | starts with ``%PDF`` |
| Word (DOCX), Excel (XLSX), PowerPoint (PPTX) | a zip whose ``[Content_Types].xml`` names the main part of that format, and that part exists |
| Word 97-2003 (DOC), Excel 97-2003 (XLS), Outlook email (MSG) | an OLE compound file with a ``WordDocument``, ``Workbook``/``Book`` or ``__properties_version1.0`` stream |
| JPEG, PNG, GIF, HEIC (iPhone photos) | the image's signature |
| text (TXT), CSV, email (EML) | no signature: named .txt, .csv or .eml, UTF-8 or Windows-1252 text with no NUL or other control bytes, not starting with ``<`` |

Everything else is refused, including programs, web pages and SVG images (they can run script),
zip and other archives (their contents cannot be checked), Office files with macros and
password-protected Office files. When the name and the content disagree the content wins: a PDF
named ``letter.docx`` is filed as a PDF called ``letter.pdf``.
"""

import logging
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import filetype
from defusedxml import ElementTree
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Case, CharField, QuerySet, Value, When
from django.http import Http404

from fairhearing.audit.services import audit_record
from fairhearing.core.errors import DomainError

from .models import Complaint, Document, DocumentKind, Note
from .permissions import Action, complaint_actions
from .selectors import complaint_get_for_user

logger = logging.getLogger(__name__)

ALLOWED_TYPES_TEXT = (
    "PDF, Word, Excel, PowerPoint, email (EML or MSG), JPG, PNG, GIF, HEIC, TXT or CSV"
)
NOTE_MAX_CHARS = 10_000
TITLE_MAX_CHARS = 200


@dataclass(frozen=True)
class FileType:
    """One allowed kind of file: what to call it, the extension it is saved with, its MIME type."""

    label: str
    extension: str
    content_type: str
    aliases: tuple[str, ...] = ()


_TYPES = [
    FileType("PDF", "pdf", "application/pdf"),
    FileType("Word", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    FileType("Excel", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    FileType("PowerPoint", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    FileType("Word", "doc", "application/msword"),
    FileType("Excel", "xls", "application/vnd.ms-excel"),
    FileType("Email", "msg", "application/vnd.ms-outlook"),
    FileType("JPG", "jpg", "image/jpeg", aliases=("jpeg",)),
    FileType("PNG", "png", "image/png"),
    FileType("GIF", "gif", "image/gif"),
    FileType("HEIC", "heic", "image/heic", aliases=("heif",)),
    FileType("Text", "txt", "text/plain"),
    FileType("CSV", "csv", "text/csv"),
    FileType("Email", "eml", "message/rfc822"),
]
FILE_TYPES = {file_type.extension: file_type for file_type in _TYPES}
_BY_SIGNATURE = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif",
                 "image/heic": "heic"}
_TEXT_EXTENSIONS = ("txt", "csv", "eml")

# The main part of each Office Open XML format, as [Content_Types].xml declares it (ECMA-376 part 2).
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_STREAMS = {"WordDocument": "doc", "Workbook": "xls", "Book": "xls", "__properties_version1.0": "msg"}
_OLE_MACROS = ("_VBA_PROJECT", "_VBA_PROJECT_CUR", "Macros")
_OLE_ENCRYPTED = "EncryptedPackage"
_OLE_NAMES = re.compile(b"|".join(
    re.escape(name.encode("utf-16-le") + b"\0\0")
    for name in sorted([*_OLE_STREAMS, *_OLE_MACROS, _OLE_ENCRYPTED], key=len, reverse=True)
))
_CHUNK = 1024 * 1024  # a multiple of 128, so OLE directory entries never straddle two chunks
# Signatures refused with a message that says why (names as the filetype package gives them).
_PROGRAMS = frozenset({"exe", "elf", "crx", "swf", "wasm", "dex"})
_ARCHIVES = frozenset({"zip", "7z", "rar", "tar", "gz", "bz2", "xz", "zst", "lz", "lz4", "lzo", "br", "Z",
                       "ar", "cab", "deb", "rpm"})
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")

WRONG_TYPE = f"The selected file must be a {ALLOWED_TYPES_TEXT}"
MACROS = ("The selected file contains macros. Save it without macros (as a .docx, .xlsx or .pptx "
          "file) and upload it again")
PROTECTED = "The selected file is protected with a password. Remove the password and upload it again"
ARCHIVE = "The selected file is a zip file or another archive. Upload the files inside it one at a time"
PROGRAM = "The selected file is a program, which cannot be uploaded"
MARKUP = ("The selected file is a web page or SVG image, which cannot be uploaded. Save it as a PDF "
          "and upload it again")
EMPTY = "The selected file is empty"


class AttachmentRefused(DomainError):
    """An upload or note was refused; ``field`` names the form field the message belongs to."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message, code=f"{field}_invalid")
        self.field = field


def _refuse(message: str) -> AttachmentRefused:
    return AttachmentRefused(message, field="file")


def size_limit_text() -> str:
    return f"The selected file must be smaller than {settings.DOCUMENT_MAX_MB} MB"


def _ooxml_type(file: File) -> str:
    """docx, xlsx or pptx if the zip really is one (and has no macros); otherwise refuse."""
    names: set[str] = set()
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise _refuse(MACROS)
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CHUNK:
                raise KeyError(info.filename)
            with archive.open(info) as manifest:  # read with a cap, so a zip bomb cannot expand
                root = ElementTree.fromstring(manifest.read(_CHUNK))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, EOFError, NotImplementedError,
            RuntimeError, zlib.error):  # damaged, encrypted or oddly compressed: not checkable
        raise _refuse(WRONG_TYPE if "mimetype" in names else ARCHIVE) from None  # OpenDocument
    for override in root:
        main = _OOXML_MAIN.get(override.get("ContentType", ""))
        if main and override.get("PartName", "").lstrip("/") in names:
            return main
        if "macroEnabled" in override.get("ContentType", ""):
            raise _refuse(MACROS)
    raise _refuse(WRONG_TYPE if "mimetype" in names else ARCHIVE)


def _ole_type(file: File) -> str:
    """doc, xls or msg from the compound file's stream names; otherwise refuse.

    Directory entries are 128 bytes and always start on a 128-byte boundary (sectors are 512 or
    4,096 bytes after a header of the same size), so a name only counts where an entry can start,
    with the entry's own name length and type (storage or stream) agreeing.
    """
    found: set[str] = set()
    file.seek(0)
    while chunk := file.read(_CHUNK):
        for match in _OLE_NAMES.finditer(chunk):
            entry = chunk[match.start():match.start() + 128]
            if match.start() % 128 == 0 and len(entry) == 128 and entry[66] in (1, 2) and \
                    int.from_bytes(entry[64:66], "little") == len(match.group()):
                found.add(match.group()[:-2].decode("utf-16-le"))
    if found.intersection(_OLE_MACROS):
        raise _refuse(MACROS)
    if _OLE_ENCRYPTED in found:
        raise _refuse(PROTECTED)
    for stream, extension in _OLE_STREAMS.items():
        if stream in found:
            return extension
    raise _refuse(WRONG_TYPE)


def _text_charset(file: File) -> str | None:
    """'utf-8' or 'windows-1252' if the whole file is plain text in that encoding, else None."""
    file.seek(0)
    data = file.read()
    if _CONTROL_BYTES.search(data):
        return None
    for codec, charset in (("utf-8-sig", "utf-8"), ("cp1252", "windows-1252")):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return charset
    return None


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def file_check(uploaded_file: File) -> tuple[FileType, str]:
    """The file's type (from its content) and its MIME type to store; refuses anything not allowed."""
    if uploaded_file is None or not uploaded_file.size:
        raise _refuse(EMPTY)
    if uploaded_file.size > settings.DOCUMENT_MAX_MB * 1024 * 1024:
        raise _refuse(size_limit_text())
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    try:
        if head.startswith(b"PK\x03\x04"):
            file_type = FILE_TYPES[_ooxml_type(uploaded_file)]
            return file_type, file_type.content_type
        if head.startswith(_OLE_MAGIC):
            file_type = FILE_TYPES[_ole_type(uploaded_file)]
            return file_type, file_type.content_type
        detected = filetype.guess(head)
        if detected is not None and detected.mime in _BY_SIGNATURE:
            file_type = FILE_TYPES[_BY_SIGNATURE[detected.mime]]
            return file_type, file_type.content_type
        # Text has no signature. A text file can start with bytes that look like one (a letter
        # beginning "MZ" or "BM"); the strict text test below tells such a file from a real one.
        charset = _text_charset(uploaded_file)
        if charset and head.lstrip(b"\xef\xbb\xbf \t\r\n\x0c").startswith(b"<"):
            raise _refuse(MARKUP)
        extension = _extension(uploaded_file.name or "")
        if charset and extension in _TEXT_EXTENSIONS:
            file_type = FILE_TYPES[extension]
            charset_part = f"; charset={charset}" if file_type.content_type.startswith("text/") else ""
            return file_type, file_type.content_type + charset_part
        if detected is not None and detected.extension in _PROGRAMS:
            raise _refuse(PROGRAM)
        if detected is not None and detected.extension in _ARCHIVES:
            raise _refuse(ARCHIVE)
        raise _refuse(WRONG_TYPE)
    finally:
        uploaded_file.seek(0)


def clean_file_name(name: str, file_type: FileType) -> str:
    """The name the user's file had, safe to store and to offer on download: no folders, no
    control or direction-changing characters, and the extension of what the file really is."""
    name = unicodedata.normalize("NFC", re.split(r"[\\/]", name or "")[-1])
    name = re.sub(r"\s+", " ", name)
    name = "".join(
        " " if unicodedata.category(char).startswith("Z") else char
        for char in name if not unicodedata.category(char).startswith("C")
    )
    name = re.sub(r'[<>:"|?*]', "_", re.sub(" +", " ", name)).strip(" .")
    stem, _dot, extension = name.rpartition(".") if _extension(name) else (name, "", "")
    if extension.lower() != file_type.extension and extension.lower() not in file_type.aliases:
        extension = file_type.extension  # keep the user's spelling (.JPEG) when it names the same type
    stem = stem.strip(" .")[: 250 - len(extension)].strip(" .") or "document"
    return f"{stem}.{extension}"


@transaction.atomic
def document_upload(*, complaint: Complaint, uploaded_file: File, title: str, kind: str, actor: Any) -> Document:
    """File a document on a complaint after checking its size and what it really is.

    The file is stored first, under a random name; if anything after that fails, it is deleted
    again so no file is left without its record. (A caller's own transaction rolling back later
    can still leave one behind: no view can serve it, as it has no record.)
    """
    title = (title or "").strip()
    if not title:
        raise AttachmentRefused("Enter a title for the document", field="title")
    if len(title) > TITLE_MAX_CHARS:
        raise AttachmentRefused(f"The title must be {TITLE_MAX_CHARS} characters or fewer", field="title")
    if kind not in DocumentKind.values:
        raise AttachmentRefused("Select what kind of document this is", field="kind")
    file_type, content_type = file_check(uploaded_file)
    document = Document(
        complaint=complaint, kind=kind, title=title, content_type=content_type, size=uploaded_file.size,
        original_name=clean_file_name(uploaded_file.name, file_type), uploaded_by=actor,
    )
    document.file.save(document.original_name, uploaded_file, save=False)
    try:
        document.save()
        # The summary names the kind, never the title or file name: either may name a child.
        audit_record(
            actor=actor, verb="document.uploaded", subject=complaint,
            summary=f"Document uploaded: {DocumentKind(kind).label.lower()}",
            data={"document_id": document.pk, "kind": kind, "content_type": content_type, "size": document.size},
        )
    except BaseException:
        document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def note_add(*, complaint: Complaint, text: str, actor: Any) -> Note:
    """Add a case note. The audit summary says only that a note was added: notes hold personal data."""
    text = (text or "").strip()
    if not text:
        raise AttachmentRefused("Enter the note", field="text")
    if len(text) > NOTE_MAX_CHARS:
        raise AttachmentRefused(f"The note must be {NOTE_MAX_CHARS:,} characters or fewer", field="text")
    note = Note.objects.create(complaint=complaint, text=text, created_by=actor)
    audit_record(actor=actor, verb="note.added", subject=complaint, summary="Note added",
                 data={"note_id": note.pk})
    return note


def document_open_for_download(*, user: Any, reference: str, pk: int) -> Document:
    """The document, with its file open for reading, if the user may see its complaint.

    404 if the user may not see the complaint, if the document belongs to another complaint, or if
    the stored file is missing (which is also logged as an error, by id only).
    """
    complaint = complaint_get_for_user(user=user, reference=reference)
    if Action.VIEW not in complaint_actions(user=user, complaint=complaint):
        raise Http404("No document found")
    document = Document.objects.filter(complaint=complaint, pk=pk).first()
    if document is None:
        raise Http404("No document found")
    try:
        document.file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file missing for document %s", document.pk)
        raise Http404("No document found") from None
    return document


@transaction.atomic
def document_download_record(*, document: Document, actor: Any) -> None:
    """Log that a user downloaded a document. The event is about the document, so it stays off
    the case timeline; ``data`` says which complaint it belongs to."""
    audit_record(actor=actor, verb="document.downloaded", subject=document, summary="Document downloaded",
                 data={"complaint_id": document.complaint_id})


def documents_with_uploader() -> QuerySet[Document]:
    """Documents, newest first, with their uploader and a short type label (``type_label``, such
    as "PDF" or "Word") loaded in the same query. Also fit for
    ``Prefetch("documents", queryset=documents_with_uploader())``."""
    labels = [When(content_type__startswith=t.content_type, then=Value(t.label)) for t in _TYPES]
    return (
        Document.objects.select_related("uploaded_by")
        .annotate(type_label=Case(*labels, default=Value("File"), output_field=CharField()))
        .order_by("-uploaded_at", "-id")
    )


def complaint_documents(*, complaint: Complaint) -> QuerySet[Document]:
    """A complaint's documents, as :func:`documents_with_uploader` gives them."""
    return documents_with_uploader().filter(complaint=complaint)


def complaint_notes(*, complaint: Complaint) -> QuerySet[Note]:
    """A complaint's notes, newest first, with their authors loaded in the same query."""
    return complaint.notes.select_related("created_by").order_by("-created_at", "-id")
