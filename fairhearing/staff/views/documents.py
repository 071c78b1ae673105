"""Documents and notes on a complaint: the list, filing a document, downloading one, adding a note.

Every view fetches the complaint with ``complaint_get_for_user`` first, so a user who may not see
the complaint gets 404 whatever they ask for. Filing a document needs Action.UPLOAD and adding a
note Action.NOTE (403 otherwise). Files are only ever sent by :func:`document_download`: there is
no other URL for them.
"""

import re
import unicodedata
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.services import audit_record_view
from fairhearing.cases.attachments import (
    AttachmentRefused,
    complaint_documents,
    complaint_notes,
    document_download_record,
    document_open_for_download,
    document_upload,
    note_add,
)
from fairhearing.cases.models import Complaint
from fairhearing.cases.permissions import Action, complaint_actions
from fairhearing.cases.selectors import complaint_get_for_user

from ..forms.documents import DocumentUploadForm, NoteForm


def documents_panel_context(*, complaint: Complaint, actions: frozenset[Action]) -> dict[str, Any]:
    """What ``staff/documents/_panel.html`` needs besides ``complaint``: the documents with their
    uploaders and the notes with their authors, each list in one query whatever its length."""
    return {
        "actions": actions,
        "documents": complaint_documents(complaint=complaint),
        "notes": complaint_notes(complaint=complaint),
    }


def _complaint_for(request: HttpRequest, reference: str, need: Action) -> tuple[Complaint, frozenset[Action]]:
    """The complaint (404 if the user may not see it) and the user's actions; 403 without ``need``."""
    complaint = complaint_get_for_user(user=request.user, reference=reference)
    actions = complaint_actions(user=request.user, complaint=complaint)
    if need not in actions:
        raise PermissionDenied
    return complaint, actions


def _case_page(complaint: Complaint, anchor: str) -> str:
    return f"{reverse('staff:complaint_detail', args=[complaint.reference])}#{anchor}"


@login_required
@require_GET
def complaint_documents_page(request: HttpRequest, reference: str) -> HttpResponse:
    """Every document and note on a complaint. Opening it is a logged view of the complaint."""
    complaint, actions = _complaint_for(request, reference, Action.VIEW)
    audit_record_view(user=request.user, subject=complaint)
    context = {"complaint": complaint, **documents_panel_context(complaint=complaint, actions=actions)}
    return render(request, "staff/documents/complaint_documents.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_upload_page(request: HttpRequest, reference: str) -> HttpResponse:
    """File a document on the complaint."""
    complaint, _actions = _complaint_for(request, reference, Action.UPLOAD)
    form = DocumentUploadForm(request.POST, request.FILES) if request.method == "POST" else DocumentUploadForm()
    if form.is_valid():
        try:
            document_upload(
                complaint=complaint, uploaded_file=form.cleaned_data["file"], title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"], actor=request.user,
            )
        except AttachmentRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Document uploaded")
            return redirect(_case_page(complaint, "documents"))
    return render(request, "staff/documents/document_upload.html", {"complaint": complaint, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def note_add_page(request: HttpRequest, reference: str) -> HttpResponse:
    """Add a note to the complaint."""
    complaint, _actions = _complaint_for(request, reference, Action.NOTE)
    form = NoteForm(request.POST) if request.method == "POST" else NoteForm()
    if form.is_valid():
        try:
            note_add(complaint=complaint, text=form.cleaned_data["text"], actor=request.user)
        except AttachmentRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Note added")
            return redirect(_case_page(complaint, "notes"))
    return render(request, "staff/documents/note_add.html", {"complaint": complaint, "form": form})


def content_disposition(name: str) -> str:
    """``attachment`` with the file's name twice, as RFC 6266 advises: a plain ASCII ``filename``
    for old clients and the exact name, percent-encoded UTF-8, as ``filename*``."""
    stem, dot, extension = name.rpartition(".")
    fallback = unicodedata.normalize("NFKD", stem if dot else name).encode("ascii", "ignore").decode()
    fallback = re.sub(r"[^A-Za-z0-9 ._()-]", "_", fallback).strip(" ._") or "document"
    if dot:
        fallback = f"{fallback}.{re.sub(r'[^A-Za-z0-9]', '', extension)}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@login_required
@require_GET
def document_download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """Send one document as a download, never shown in the browser, never cached."""
    document = document_open_for_download(user=request.user, reference=reference, pk=pk)
    document_download_record(document=document, actor=request.user)
    response = FileResponse(document.file, content_type=document.content_type)
    response["Content-Length"] = str(document.file.size)
    response["Content-Disposition"] = content_disposition(document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Should a browser ever render it anyway, nothing in it may run or load.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
