"""Matching a register's columns when importing it in the browser: the page where the complaints
manager says which register column each of the file's columns holds, and the saved matches
(listed, and deleted when no longer wanted). A match is saved under the header row's signature,
so a later file with the same headers is matched without asking.

Only the complaints manager (and superusers) may import (views/imports.py: everyone else 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.columns import RegisterKind
from fairhearing.intake.importing.mapping import suggest
from fairhearing.intake.importing.registers import NOUNS
from fairhearing.intake.models import ColumnMapping
from fairhearing.intake.selectors import (
    column_mapping_for,
    column_mappings_known,
    column_mappings_list,
)
from fairhearing.intake.services import (
    column_mapping_delete,
    column_mapping_targets,
    pending_import_map,
    pending_import_table,
    register_columns,
)

from ..forms.imports import KIND_LABELS, ColumnMappingForm, PendingForm
from . import imports
from .compliments import _page, _page_links
from .imports import require_importer, upload_again, waiting_import

MAPPINGS_PER_PAGE = 25
# How many rows are looked at for an example of each column on the mapping page.
SAMPLE_ROWS = 20
SAMPLE_CHARS = 40


def _samples(table: Any, width: int) -> list[str]:
    """An example value for each column: the first one filled in, shortened."""
    samples = [""] * width
    for row in table.rows[:SAMPLE_ROWS]:
        for index, cell in enumerate(row.cells[:width]):
            if not samples[index] and cell != "":
                text = long_date(cell) if hasattr(cell, "year") else " ".join(str(cell).split())
                samples[index] = text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1] + "…"
    return samples


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request: HttpRequest) -> HttpResponse:
    """Match the waiting file's columns to the register's; the match is saved for the next file."""
    require_importer(request)
    pending = waiting_import(request)
    if pending is None:
        return upload_again(request, "Upload a register file to match its columns.")
    try:
        # imports.LIMITS, read now: one setting (and a test's smaller one) governs every step.
        table = pending_import_table(pending, limits=imports.LIMITS)
        columns = register_columns(pending.kind)
    except DomainError as error:
        return upload_again(request, error.message)
    header = table.header
    saved = column_mapping_for(kind=pending.kind, header=header)
    if request.method == "POST":
        form = ColumnMappingForm(request.POST, header=header, columns=columns, samples=_samples(table, len(header)))
        posted = PendingForm(request.POST)
        if not posted.is_valid() or posted.cleaned_data["pending"] != pending.pk:
            return upload_again(request, "That file is no longer waiting to be imported. Upload it again.")
        if form.is_valid():
            try:
                pending_import_map(pending=pending, actor=request.user, targets=form.targets(), limits=imports.LIMITS)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Column mapping saved. Files with the same headers will be matched "
                                          "the same way.")
                return redirect("staff:import_preview")
    else:
        chosen = pending.mapping_targets if pending.column_mapping is not None else (
            column_mapping_targets(saved) if saved is not None else None)
        initial = suggest(header, columns, saved=chosen, known=column_mappings_known(kind=pending.kind))
        form = ColumnMappingForm(header=header, columns=columns, samples=_samples(table, len(header)),
                                 initial={ColumnMappingForm.field_name(i): target for i, target in enumerate(initial)})
    context = {
        "pending": pending,
        "form": form,
        "fields": [form[ColumnMappingForm.field_name(index)] for index in range(len(header))],
        "required": [column.header for column in columns if column.required],
        "noun": NOUNS[RegisterKind(pending.kind)][0],
        "saved": saved,
        "has_errors": bool(form.errors),
    }
    return render(request, "staff/imports/mapping.html", context)


@login_required
@require_GET
def import_mapping_list(request: HttpRequest) -> HttpResponse:
    """The saved column mappings, newest first, each with what it matches and a delete link."""
    require_importer(request)
    kind = request.GET.get("kind", "")
    if kind not in {choice.value for choice in RegisterKind}:
        kind = ""
    page, problem = _page(Paginator(column_mappings_list(kind=kind), MAPPINGS_PER_PAGE), request.GET.get("page"))
    rows = [{"mapping": mapping, "kind": KIND_LABELS.get(mapping.kind, mapping.kind),
             "imported": [pair for pair in mapping.mapping if pair[1]],
             "ignored": [pair[0] or "(no header)" for pair in mapping.mapping if not pair[1]]}
            for mapping in page.object_list]
    context = {
        "page": page,
        "page_links": _page_links(request, page),
        "rows": rows,
        "problem": problem,
        "kind": kind,
        "kinds": [(choice.value, label) for choice, label in KIND_LABELS.items()],
    }
    return render(request, "staff/imports/mapping_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then forget a saved column mapping."""
    require_importer(request)
    mapping = get_object_or_404(ColumnMapping.objects.select_related("saved_by"), pk=pk)
    if request.method == "POST":
        column_mapping_delete(mapping=mapping, actor=request.user)
        messages.success(request, "Column mapping deleted. A file with those headers will be matched by hand again.")
        return redirect("staff:import_mapping_list")
    return render(request, "staff/imports/mapping_delete.html", {
        "mapping": mapping, "kind": KIND_LABELS.get(mapping.kind, mapping.kind)})
