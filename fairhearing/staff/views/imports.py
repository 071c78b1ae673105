"""Importing a historic register in the browser (issue #6): complaints, compliments, Members'
enquiries or Ombudsman cases. Upload, match the columns, preview, import with a progress bar.
This module has the upload, the preview, creating names, starting the import and its result, and
what the import pages share (who may import, the file waiting, the limits); matching columns and
the saved mappings are views/imports_mapping.py, the progress page views/imports_progress.py.

Only the complaints manager (and superusers) may import: an import writes many complaints at once
and can create teams and themes. Everyone else gets 403.

1. ``import_register``: choose the kind of register and a file. It is read at once and nothing is written to the
   database's complaints; a file that cannot be read (empty, a picture, too big, a zip bomb) is
   refused with a message and nothing is kept. A readable file is kept in private storage
   (``intake.services.pending_import_create``) for the next steps: never in the session.
2. ``import_mapping``: when the file's headers are not the canonical names, the manager says
   which register column each of the file's columns holds. The choice is saved under the header
   row's signature, so a later file with the same headers skips this step (saved mappings are
   listed by ``import_mapping_list`` and deleted by ``import_mapping_delete``).
3. ``import_preview``: the stored file read and checked again, with its counts, every problem by
   row and column, how it was read, and the unknown teams and themes offered for creation
   (``import_names``). With no problems, a button imports it (``import_confirm``), with the
   senior manager who adjudicated at Stage 2 when a complaints file has Stage 2 responses. Each
   kind is written by its own writer through intake.importing.registers.import_register.
4. ``import_confirm``: starts the import in a background thread (one transaction, all or
   nothing) and waits a moment: a small file's result is shown at once, a large one's progress
   page (``import_progress``) follows the import until it ends.

The progress page reads a small file the importing thread writes, and never writes to the
database: on SQLite the import's transaction holds the only write lock until it ends.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from fairhearing.accounts.roles import Role
from fairhearing.cases.choices import ProcedureKind
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.intake.importing import progress as import_progress
from fairhearing.intake.importing.columns import COLUMNS, RegisterKind
from fairhearing.intake.importing.files import Limits, read_table
from fairhearing.intake.importing.mapping import (
    check_mapping,
    column_label,
    mapping_pairs,
    needs_mapping,
)
from fairhearing.intake.importing.problems import FileRejected
from fairhearing.intake.importing.registers import NOUNS, register_count
from fairhearing.intake.importing.rows import Validation
from fairhearing.intake.models import PendingImport
from fairhearing.intake.selectors import (
    column_mapping_for,
    pending_import_waiting,
)
from fairhearing.intake.services import (
    column_mapping_targets,
    import_names_create,
    pending_import_create,
    pending_import_start,
    pending_import_validate,
)

from ..forms.imports import (
    KIND_LABELS,
    ImportConfirmForm,
    ImportNamesForm,
    ImportUploadForm,
    PendingForm,
)

# The import's limits (files.Limits); a module attribute so tests can make them small.
LIMITS = Limits()
# How long the import button waits for the import to finish before showing the progress page:
# a small file's result then comes straight back, with no progress page flashing past.
WAIT_SECONDS = 2.0
# Where each kind's imported records are listed, for the result page's link.
LISTS = {
    RegisterKind.COMPLAINTS: "staff:complaint_list",
    RegisterKind.COMPLIMENTS: "staff:compliment_list",
    RegisterKind.ENQUIRIES: "staff:enquiry_list",
    RegisterKind.OMBUDSMAN: "staff:ombudsman_case_list",
}


def user_may_import(user: Any) -> bool:
    """The complaints manager imports registers; a superuser may too."""
    return bool(user.is_active and (user.is_superuser or user.has_role(Role.COMPLAINTS_MANAGER)))


def require_importer(request: HttpRequest) -> None:
    """403 unless the user may import registers."""
    if not user_may_import(request.user):
        raise PermissionDenied


def waiting_import(request: HttpRequest) -> PendingImport | None:
    """The user's own upload waiting to be imported, if any."""
    return pending_import_waiting(user=request.user)


def _running(request: HttpRequest) -> import_progress.Progress | None:
    return import_progress.running_for(request.user.pk)


def _token(pending: PendingImport) -> str:
    return import_progress.token_for(pending.stored_name)


@login_required
@require_http_methods(["GET", "POST"])
def import_register(request: HttpRequest) -> HttpResponse:
    """Choose a register file; it is read, kept privately, matched to the columns and previewed."""
    require_importer(request)
    running = _running(request)
    form = ImportUploadForm(request.POST, request.FILES, limits=LIMITS) if request.method == "POST" \
        else ImportUploadForm(limits=LIMITS)
    if running is not None and request.method == "POST":
        form.is_valid()
        form.add_error(None, "An import you started is still running. Wait for it to finish before uploading another file")
    elif form.is_valid():
        uploaded = form.cleaned_data["file"]
        uploaded.seek(0)
        data = uploaded.read(LIMITS.max_bytes + 1)
        kind = form.cleaned_data["kind"]
        try:
            header = read_table(data, limits=LIMITS).header
        except FileRejected as refusal:
            form.add_error("file", refusal.message)
        else:
            return _keep(request, data=data, name=uploaded.name or "register", kind=kind, header=header)
    return render(request, "staff/imports/upload.html", {"form": form, "limits": LIMITS, "running": running})


def _keep(request: HttpRequest, *, data: bytes, name: str, kind: str, header: tuple[str, ...]) -> HttpResponse:
    """Keep the upload; send it on to the preview, or to the mapping page if its headers need it."""
    columns = COLUMNS[RegisterKind(kind)]
    if not needs_mapping(header, columns):
        pending_import_create(actor=request.user, data=data, original_name=name, kind=kind)
        return redirect("staff:import_preview")
    saved = column_mapping_for(kind=kind, header=header)
    if saved is not None and check_mapping(header, column_mapping_targets(saved), columns).is_valid:
        pending_import_create(actor=request.user, data=data, original_name=name, kind=kind,
                              column_mapping=mapping_pairs(header, column_mapping_targets(saved)))
        messages.info(request, f"The file's columns were matched as they were for an earlier file with the "
                               f"same headers (saved {long_date(saved.updated_at.date())}).")
        return redirect("staff:import_preview")
    pending_import_create(actor=request.user, data=data, original_name=name, kind=kind)
    return redirect("staff:import_mapping")


def import_result_page(request: HttpRequest, progress: import_progress.Progress) -> HttpResponse:
    """What a finished import did, counted in its kind's records."""
    kind = RegisterKind(progress.kind)
    return render(request, "staff/imports/result.html", {
        "result": progress,
        "created_text": register_count(kind, progress.created_count),
        "plural": NOUNS[kind][1],
        "list_url": reverse(LISTS[kind]),
    })


def upload_again(request: HttpRequest, message: str) -> HttpResponse:
    """Back to the upload page, saying why the file waiting (or not) cannot go on."""
    messages.info(request, message)
    return redirect("staff:import_register")


def _needs_adjudicator(validation: Validation) -> bool:
    """Whether a row records a statutory Stage 2 response, which a senior manager adjudicates."""
    return any(getattr(row, "procedure", None) == ProcedureKind.CHILDREN_STATUTORY
               and getattr(row, "stage_2_responded", None) is not None for row in validation.rows)


def _preview(request: HttpRequest, pending: PendingImport, *, names_form: ImportNamesForm | None = None,
             confirm_form: ImportConfirmForm | None = None, error: str = "",
             validation: Validation | None = None) -> HttpResponse:
    if validation is None:
        validation = pending_import_validate(pending, limits=LIMITS)
    teams, themes = sorted(validation.unknown_teams, key=str.casefold), sorted(validation.unknown_themes, key=str.casefold)
    if names_form is None and (teams or themes):
        names_form = ImportNamesForm(initial={"pending": pending.pk}, teams=teams, themes=themes)
    needs_adjudicator = _needs_adjudicator(validation)
    if confirm_form is None:
        confirm_form = ImportConfirmForm(initial={"pending": pending.pk, "needs_adjudicator": needs_adjudicator})
    error_links = [{"text": error, "href": ""}] if error else []
    if names_form is not None and names_form.errors:
        error_links += [{"text": message, "href": "#names"} for message in names_form.non_field_errors()]
        for name in ("teams", "themes"):
            error_links += [{"text": message, "href": f"#{names_form[name].auto_id}"} for message in names_form[name].errors]
    if confirm_form.errors:
        error_links += [{"text": message, "href": f"#{confirm_form['adjudicator'].auto_id}"}
                        for message in confirm_form["adjudicator"].errors]
    header = [str(pair[0]) for pair in pending.column_mapping or ()]
    mapped = [{"file": column_label(header, index), "register": target}
              for index, target in enumerate(pending.mapping_targets or ())]
    context = {
        "pending": pending,
        "validation": validation,
        "valid_count": len(validation.rows),
        "valid_text": register_count(pending.kind, len(validation.rows)),
        "kind_label": KIND_LABELS[RegisterKind(pending.kind)],
        "problems": validation.problems,
        "names_form": names_form,
        "confirm_form": confirm_form,
        "needs_adjudicator": needs_adjudicator,
        "no_seniors": needs_adjudicator and not confirm_form.fields["adjudicator"].queryset.exists(),
        "mapped": mapped,
        "header_problems": any(problem.row is None or problem.row == 1 for problem in validation.problems),
        "error_links": error_links,
        "has_errors": bool(error_links),
    }
    return render(request, "staff/imports/preview.html", context)


@login_required
@require_http_methods(["GET"])
def import_preview(request: HttpRequest) -> HttpResponse:
    """The waiting file, checked again: counts, problems, notices, names to create, the import button."""
    require_importer(request)
    pending = waiting_import(request)
    if pending is None:
        return upload_again(request, "Upload a register file to check it.")
    started = import_progress.read(_token(pending))
    if started is not None and started.is_running and not started.is_stale():
        return redirect("staff:import_progress", token=started.token)
    try:
        return _preview(request, pending)
    except DomainError as error:  # the stored file has gone or no longer reads
        return upload_again(request, error.message)


def _posted_pending(request: HttpRequest) -> PendingImport | None:
    """The waiting file the form was about, if it is still the one waiting."""
    form = PendingForm(request.POST)
    pending = waiting_import(request)
    if pending is None or not form.is_valid() or form.cleaned_data["pending"] != pending.pk:
        return None
    return pending


@login_required
@require_http_methods(["GET", "POST"])
def import_names(request: HttpRequest) -> HttpResponse:
    """Create the ticked teams and themes, then check the file again."""
    require_importer(request)
    if request.method == "GET":
        return redirect("staff:import_preview")
    pending = _posted_pending(request)
    if pending is None:
        return upload_again(request, "That file is no longer waiting to be imported. Upload it again.")
    try:
        validation = pending_import_validate(pending, limits=LIMITS)
    except DomainError as error:
        return upload_again(request, error.message)
    form = ImportNamesForm(request.POST, teams=sorted(validation.unknown_teams), themes=sorted(validation.unknown_themes))
    if not form.is_valid():
        return _preview(request, pending, names_form=form, validation=validation)
    teams, themes = import_names_create(actor=request.user, teams=form.cleaned_data["teams"],
                                        themes=form.cleaned_data["themes"])
    made = [f"{len(teams)} team{'s' if len(teams) != 1 else ''}", f"{len(themes)} theme{'s' if len(themes) != 1 else ''}"]
    messages.success(request, f"Created {' and '.join(made)}. The file has been checked again.")
    return redirect("staff:import_preview")


def _show_preview_or_upload(request: HttpRequest, pending: PendingImport, **kwargs: Any) -> HttpResponse:
    try:
        return _preview(request, pending, **kwargs)
    except DomainError as gone:
        return upload_again(request, gone.message)


@login_required
@require_http_methods(["GET", "POST"])
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Start importing the waiting file, all or nothing; show the result, or its progress page."""
    require_importer(request)
    if request.method == "GET":
        return redirect("staff:import_preview")
    pending = _posted_pending(request)
    if pending is None:
        return upload_again(request, "That file is no longer waiting to be imported. Upload it again.")
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        return _show_preview_or_upload(request, pending, confirm_form=form)
    try:
        started = pending_import_start(pending=pending, actor=request.user, adjudicator=form.cleaned_data["adjudicator"],
                                       limits=LIMITS)
    except import_progress.AlreadyRunning:
        return redirect("staff:import_progress", token=_token(pending))
    except DomainError as error:
        return _show_preview_or_upload(request, pending, error=error.message)
    progress = started.wait(WAIT_SECONDS)
    if progress is not None and not progress.is_running:
        # Finished while we waited: shown here, so its progress file has served its purpose.
        import_progress.remove(started.token)
        if progress.state == import_progress.State.DONE:
            return import_result_page(request, progress)
        return _show_preview_or_upload(request, pending, error=progress.message)
    return redirect("staff:import_progress", token=started.token)


