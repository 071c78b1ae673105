"""Importing a historic complaints register in the browser (issue #6): upload, preview, import.

Only the complaints manager (and superusers) may import: an import writes many complaints at once
and can create teams and themes. Everyone else gets 403.

1. ``import_register``: choose a file. It is read and checked at once and nothing is written to
   the database's complaints; a file that cannot be read (empty, a picture, too big, a zip bomb)
   is refused with a message and nothing is kept. A readable file is kept in private storage
   (``intake.services.pending_import_create``) for the next steps: never in the session.
2. ``import_preview``: the stored file read and checked again, with its counts, every problem by
   row and column, how it was read, and the unknown teams and themes offered for creation
   (``import_names``). With no problems, a button imports it (``import_confirm``).
3. ``import_confirm``: checks the same file once more and imports it, all or nothing; importing a
   file whose references are already imported changes nothing and says so.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fairhearing.accounts.roles import Role
from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.files import Limits
from fairhearing.intake.importing.problems import FileRejected
from fairhearing.intake.importing.rows import Validation, validate_file
from fairhearing.intake.models import PendingImport
from fairhearing.intake.services import (
    import_names_create,
    pending_import_complete,
    pending_import_create,
    pending_import_validate,
)

from ..forms.imports import ImportNamesForm, ImportUploadForm, PendingForm

# The import's limits (files.Limits); a module attribute so tests can make them small.
LIMITS = Limits()


def user_may_import(user: Any) -> bool:
    """The complaints manager imports registers; a superuser may too."""
    return bool(user.is_active and (user.is_superuser or user.has_role(Role.COMPLAINTS_MANAGER)))


def _require_importer(request: HttpRequest) -> None:
    if not user_may_import(request.user):
        raise PermissionDenied


def _waiting(request: HttpRequest) -> PendingImport | None:
    return PendingImport.objects.filter(uploaded_by=request.user).first()


@login_required
@require_http_methods(["GET", "POST"])
def import_register(request: HttpRequest) -> HttpResponse:
    """Choose a register file; it is checked, kept privately, and previewed."""
    _require_importer(request)
    form = ImportUploadForm(request.POST, request.FILES, limits=LIMITS) if request.method == "POST" \
        else ImportUploadForm(limits=LIMITS)
    if form.is_valid():
        uploaded = form.cleaned_data["file"]
        uploaded.seek(0)
        data = uploaded.read(LIMITS.max_bytes + 1)
        try:
            validate_file(data, limits=LIMITS)
        except FileRejected as refusal:
            form.add_error("file", refusal.message)
        else:
            pending_import_create(actor=request.user, data=data, original_name=uploaded.name or "register")
            return redirect("staff:import_preview")
    return render(request, "staff/imports/upload.html", {"form": form, "limits": LIMITS})


def _preview(request: HttpRequest, pending: PendingImport, *, names_form: ImportNamesForm | None = None,
             error: str = "", validation: Validation | None = None) -> HttpResponse:
    if validation is None:
        validation = pending_import_validate(pending, limits=LIMITS)
    teams, themes = sorted(validation.unknown_teams, key=str.casefold), sorted(validation.unknown_themes, key=str.casefold)
    if names_form is None and (teams or themes):
        names_form = ImportNamesForm(initial={"pending": pending.pk}, teams=teams, themes=themes)
    error_links = [{"text": error, "href": ""}] if error else []
    if names_form is not None and names_form.errors:
        error_links += [{"text": message, "href": "#names"} for message in names_form.non_field_errors()]
        for name in ("teams", "themes"):
            error_links += [{"text": message, "href": f"#{names_form[name].auto_id}"} for message in names_form[name].errors]
    context = {
        "pending": pending,
        "validation": validation,
        "valid_count": len(validation.rows),
        "problems": validation.problems,
        "names_form": names_form,
        "error_links": error_links,
    }
    return render(request, "staff/imports/preview.html", context)


def _upload_again(request: HttpRequest, message: str) -> HttpResponse:
    messages.info(request, message)
    return redirect("staff:import_register")


@login_required
@require_http_methods(["GET"])
def import_preview(request: HttpRequest) -> HttpResponse:
    """The waiting file, checked again: counts, problems, notices, names to create, the import button."""
    _require_importer(request)
    pending = _waiting(request)
    if pending is None:
        return _upload_again(request, "Upload a register file to check it.")
    try:
        return _preview(request, pending)
    except DomainError as error:  # the stored file has gone or no longer reads
        return _upload_again(request, error.message)


def _posted_pending(request: HttpRequest) -> PendingImport | None:
    """The waiting file the form was about, if it is still the one waiting."""
    form = PendingForm(request.POST)
    pending = _waiting(request)
    if pending is None or not form.is_valid() or form.cleaned_data["pending"] != pending.pk:
        return None
    return pending


@login_required
@require_http_methods(["GET", "POST"])
def import_names(request: HttpRequest) -> HttpResponse:
    """Create the ticked teams and themes, then check the file again."""
    _require_importer(request)
    if request.method == "GET":
        return redirect("staff:import_preview")
    pending = _posted_pending(request)
    if pending is None:
        return _upload_again(request, "That file is no longer waiting to be imported. Upload it again.")
    try:
        validation = pending_import_validate(pending, limits=LIMITS)
    except DomainError as error:
        return _upload_again(request, error.message)
    form = ImportNamesForm(request.POST, teams=sorted(validation.unknown_teams), themes=sorted(validation.unknown_themes))
    if not form.is_valid():
        return _preview(request, pending, names_form=form, validation=validation)
    teams, themes = import_names_create(actor=request.user, teams=form.cleaned_data["teams"],
                                        themes=form.cleaned_data["themes"])
    made = [f"{len(teams)} team{'s' if len(teams) != 1 else ''}", f"{len(themes)} theme{'s' if len(themes) != 1 else ''}"]
    messages.success(request, f"Created {' and '.join(made)}. The file has been checked again.")
    return redirect("staff:import_preview")


@login_required
@require_http_methods(["GET", "POST"])
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Import the waiting file, all or nothing, and say what happened."""
    _require_importer(request)
    if request.method == "GET":
        return redirect("staff:import_preview")
    pending = _posted_pending(request)
    if pending is None:
        return _upload_again(request, "That file is no longer waiting to be imported. Upload it again.")
    try:
        result = pending_import_complete(pending=pending, actor=request.user, limits=LIMITS)
    except DomainError as error:
        try:
            return _preview(request, pending, error=error.message)
        except DomainError as gone:
            return _upload_again(request, gone.message)
    return render(request, "staff/imports/result.html", {"result": result})
