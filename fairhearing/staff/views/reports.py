"""Reports: choosing one, reading it on screen, downloading it, and writing its own text.

Who may see what is decided in ``reports.permissions``: the complaints team and senior managers
read the internal version; the learning lead and report readers only the published one (the form
does not offer them the choice, and an address that asks for the internal version explicitly is
refused with 403); everyone else gets 403 on every report page.

A report's address carries all its options as GET parameters (``forms.reports.report_query``),
so it can be bookmarked; the form sends its boxes to the report page, which turns them into that
address. Options that are wrong bring back the form with the errors and what was typed.

Every view and download of the internal version is written to the audit log (it may name
complaints by reference); the event holds the report's kind, period key, version and format, and
nothing about any person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.reports.build import report_build
from fairhearing.reports.choices import TextSection
from fairhearing.reports.periods import Period
from fairhearing.reports.permissions import (
    user_may_view_internal_reports,
    user_may_view_reports,
    user_may_write_report_text,
)
from fairhearing.reports.renderers import render as render_report
from fairhearing.reports.renderers.charts import chart_svg
from fairhearing.reports.report import DEFAULT_THRESHOLD, Report, ReportKind, ReportOptions, Scope
from fairhearing.reports.selectors import report_texts_get
from fairhearing.reports.services import MAX_TEXT_LENGTH, report_text_save
from fairhearing.reports.tables import CellKind, Section, Table

from ..forms.reports import (
    INTERNAL,
    PUBLISHED,
    ReportOptionsForm,
    ReportTextForm,
    options_query_only,
    query_with_period_fields,
    report_query,
)

VIEWED = "report.viewed"
DOWNLOADED = "report.downloaded"
# (format, what the link says): the formats renderers.render() writes.
FORMATS = (
    ("docx", "Word (.docx)"),
    ("pdf", "PDF"),
    ("xlsx", "Excel (.xlsx)"),
    ("csv", "CSV (a .zip file with one file per table)"),
    ("json", "JSON"),
)
FORMAT_NAMES = dict(FORMATS)
# The parameters a report's address must have; others missing take their usual value.
_OPTION_DEFAULTS = {
    "kind": ReportKind.ANNUAL.value, "compare": "1", "scope": Scope.STATUTORY.value,
    "threshold": str(DEFAULT_THRESHOLD),
}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


# Who may ------------------------------------------------------------------------------------

def _require_reader(request: HttpRequest) -> bool:
    """403 unless the user may see reports, and for an explicit request for the internal version
    from someone who may see only the published one. Returns whether they may see the internal."""
    if not user_may_view_reports(request.user):
        raise PermissionDenied
    may_see_internal = user_may_view_internal_reports(request.user)
    if request.GET.get("version") == INTERNAL and not may_see_internal:
        raise PermissionDenied
    return may_see_internal


def _require_writer(request: HttpRequest) -> None:
    if not user_may_write_report_text(request.user):
        raise PermissionDenied


# Reading the options from an address --------------------------------------------------------

def _has_options(query: QueryDict) -> bool:
    return any(name in query for name in ("kind", "period", "period_type"))


def _address_form(query: QueryDict, *, today: date, may_see_internal: bool) -> ReportOptionsForm:
    """The options of a report's address, checked. Options left out of a hand-written address
    take their usual values; options given but wrong are errors."""
    if "period" in query:
        data = options_query_only(query)
        for name, value in _OPTION_DEFAULTS.items():
            data.setdefault(name, value)
        data.setdefault("version", INTERNAL if may_see_internal else PUBLISHED)
    else:
        data = query  # sent from the form's boxes, which the form always sends in full
    form = ReportOptionsForm(data, today=today, user_may_see_internal=may_see_internal)
    form.is_valid()
    return form


def _back_to_form(request: HttpRequest) -> HttpResponse:
    """To the form with the report's options as given, where anything wrong with them is shown."""
    query = options_query_only(request.GET).urlencode()
    return redirect(f"{reverse('staff:reports')}{'?' if query else ''}{query}")


def _report_url(options: ReportOptions) -> str:
    return f"{reverse('staff:report')}?{report_query(options)}"


def _text_url(section: str, options: ReportOptions) -> str:
    return f"{reverse(f'staff:report_text_{section}')}?{report_query(options)}"


# The form -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportLink:
    label: str
    url: str


def recent_reports(*, today: date, published: bool) -> list[ReportLink]:
    """Shortcuts to the reports most often wanted: last year's annual report, this year's so far,
    and the last complete half year's overview."""
    this_year = Period.financial_year_containing(today)
    last_year = this_year.previous()
    this_half = next(h for h in (Period.half_year(this_year.year, 1), Period.half_year(this_year.year, 2))
                     if h.contains(today))
    chosen = [
        (ReportKind.ANNUAL, last_year, f"Annual report {last_year.label}"),
        (ReportKind.ANNUAL, this_year, f"Annual report {this_year.label} so far"),
        (ReportKind.OVERVIEW, this_half.previous(), f"Six-month statistical overview {this_half.previous().label}"),
    ]
    return [
        ReportLink(label, _report_url(ReportOptions(period=period, kind=kind, comparisons=1, published=published)))
        for kind, period, label in chosen
    ]


def _choose_page(request: HttpRequest, form: ReportOptionsForm, *, today: date) -> HttpResponse:
    context = {
        "form": form,
        "may_see_internal": form.may_see_internal,
        "recent": recent_reports(today=today, published=not form.may_see_internal),
    }
    return render(request, "staff/reports/choose.html", context)


@login_required
@require_GET
def report_choose(request: HttpRequest) -> HttpResponse:
    """Choose a report: its kind, period, comparisons, version and which complaints it counts.
    Opened from a report's "Change" link, the form shows that report's options."""
    may_see_internal = _require_reader(request)
    today = clock.today()
    if _has_options(request.GET):
        form = ReportOptionsForm(query_with_period_fields(request.GET), today=today,
                                 user_may_see_internal=may_see_internal)
        form.is_valid()
    else:
        form = ReportOptionsForm(initial=ReportOptionsForm.initial_for(today), today=today,
                                 user_may_see_internal=may_see_internal)
    return _choose_page(request, form, today=today)


# The report on screen -----------------------------------------------------------------------

NUMERIC_KINDS = frozenset(CellKind) - {CellKind.TEXT}


@dataclass(frozen=True)
class TableView:
    """A table as the page shows it: which columns hold numbers (right-aligned), its chart."""

    table: Table
    numeric: tuple[bool, ...]
    chart: str
    csv_url: str

    @property
    def columns(self) -> list[tuple[Any, bool]]:
        return list(zip(self.table.columns, self.numeric, strict=True))

    @property
    def rows(self) -> list[tuple[Any, list[tuple[Any, bool]]]]:
        return [(row, list(zip(row.cells, self.numeric, strict=True))) for row in self.table.rows]


@dataclass(frozen=True)
class SectionView:
    section: Section
    tables: list[TableView]
    # The council's own text (executive summary, conclusion) as paragraphs of plain text.
    text_paragraphs: list[str]
    is_written: bool
    edit_url: str


def _numeric_columns(table: Table) -> tuple[bool, ...]:
    """A column is numeric when any of its cells holds a figure (counts, percentages, money)."""
    return tuple(
        any(row.cells[index].kind in NUMERIC_KINDS for row in table.rows)
        for index in range(len(table.columns))
    )


def text_paragraphs(text: str | None) -> list[str]:
    """Plain text split into paragraphs at blank lines (the template escapes each one)."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split((text or "").replace("\r\n", "\n")) if part.strip()]


def _section_views(report: Report, *, download_url: str, may_write: bool) -> list[SectionView]:
    views = []
    for section in report.sections:
        tables = [
            TableView(
                table=table, numeric=_numeric_columns(table),
                # The chart is our own SVG, its text escaped by the chart renderer.
                chart=mark_safe(chart_svg(table)) if table.chart else "",  # noqa: S308
                csv_url=f"{download_url}&format=csv&table={table.key}",
            )
            for table in section.tables
        ]
        is_written = section.key in TextSection.values
        views.append(SectionView(
            section=section, tables=tables, text_paragraphs=text_paragraphs(section.free_text),
            is_written=is_written,
            edit_url=_text_url(section.key, report.options) if is_written and may_write else "",
        ))
    return views


def _audit(request: HttpRequest, verb: str, options: ReportOptions, fmt: str, table: str = "") -> None:
    """Log a view or download of the internal version, which may name complaints by reference."""
    if options.published:
        return
    action = "Viewed" if verb == VIEWED else f"Downloaded ({FORMAT_NAMES.get(fmt, fmt)})"
    data = {"kind": str(options.kind), "period": options.period.key, "version": INTERNAL, "format": fmt}
    if table:
        data["table"] = table
    audit_record(
        actor=request.user, verb=verb, subject=None,
        summary=f"{action} the internal version of the {options.kind.title.lower()} {options.period.label}",
        data=data,
    )


@login_required
@require_GET
def report_show(request: HttpRequest) -> HttpResponse:
    """The report on screen, with links to download it and to write its own text."""
    may_see_internal = _require_reader(request)
    if not _has_options(request.GET):
        return redirect("staff:reports")
    today = clock.today()
    form = _address_form(request.GET, today=today, may_see_internal=may_see_internal)
    if form.errors:
        return _choose_page(request, form, today=today)
    options = form.report_options()
    if "period" not in request.GET:
        return redirect(_report_url(options))
    report = report_build(options=options, today=today, viewer=request.user)
    _audit(request, VIEWED, options, "html")
    query = report_query(options)
    download_url = f"{reverse('staff:report_download')}?{query}"
    may_write = user_may_write_report_text(request.user)
    context = {
        "report": report,
        "options": options,
        "today": today,
        "earlier": report.periods[1:],
        "sections": _section_views(report, download_url=download_url, may_write=may_write),
        "downloads": [ReportLink(label, f"{download_url}&format={fmt}") for fmt, label in FORMATS],
        "change_url": f"{reverse('staff:reports')}?{query}",
        "unfinished": report.period.end >= today,
    }
    return render(request, "staff/reports/report.html", context)


@login_required
@require_GET
def report_download(request: HttpRequest) -> HttpResponse:
    """The report (or one table of it, as CSV) as a file to save."""
    may_see_internal = _require_reader(request)
    today = clock.today()
    form = _address_form(request.GET, today=today, may_see_internal=may_see_internal)
    if not _has_options(request.GET) or form.errors:
        # Never a file of something other than what was asked: the form explains the problem.
        return _back_to_form(request)
    fmt = request.GET.get("format", "")
    if fmt not in FORMAT_NAMES:
        raise Http404("No such format")
    table = request.GET.get("table", "") if fmt == "csv" else ""
    options = form.report_options()
    report = report_build(options=options, today=today, viewer=request.user)
    if table and not any(t.key == table for section in report.sections for t in section.tables):
        raise Http404("No such table")
    rendered = render_report(report, fmt, table_key=table or None)
    _audit(request, DOWNLOADED, options, fmt, table)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Writing the council's own text -------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def report_text_edit(request: HttpRequest, section: str) -> HttpResponse:
    """Write or change one written part of a report (the executive summary or the conclusion).
    The text belongs to the report's kind and period, whichever version is being read."""
    _require_writer(request)
    may_see_internal = _require_reader(request)
    today = clock.today()
    options_form = _address_form(request.GET, today=today, may_see_internal=may_see_internal)
    if not _has_options(request.GET) or options_form.errors:
        return _back_to_form(request)
    options = options_form.report_options()
    if options.kind != ReportKind.ANNUAL:
        # report_build puts the written parts in the annual report only: text for another kind
        # would be saved and never shown.
        raise Http404("This report has no written parts")
    label = TextSection(section).label
    if request.method == "POST":
        form = ReportTextForm(request.POST)
        if form.is_valid():
            try:
                report_text_save(kind=options.kind, period=options.period, section=section,
                                 text=form.cleaned_data["text"], actor=request.user)
            except DomainError as error:
                form.add_error("text", error.message)
            else:
                messages.success(request, f"{label} saved")
                return redirect(_report_url(options))
    else:
        saved = report_texts_get(kind=options.kind, period=options.period).get(section, "")
        form = ReportTextForm(initial={"text": saved})
    context = {
        "form": form,
        "label": label,
        "section": section,
        "options": options,
        "report_title": f"{options.kind.title} {options.period.label}",
        "report_url": _report_url(options),
        "action_url": _text_url(section, options),
        "max_length": MAX_TEXT_LENGTH,
        "max_length_text": f"{MAX_TEXT_LENGTH:,}",
    }
    return render(request, "staff/reports/text_edit.html", context)
