"""The executive summary and the conclusion: the council's own words, and the key figures.

The key figures are read from the other sections' tables (no further queries), so the summary can
never disagree with the body of the report.
"""

from ..choices import TextSection
from ..report import ReportContext
from ..tables import Cell, Row, Section, Table, blank, change, percent_change
from ._common import period_columns

BASIS = "Key figures from the tables in this report; each table says exactly what it counts."

# (row key, label, section key, table key, row key in that table, column suffix or "")
KEY_FIGURES = [
    ("representations", "Representations received", "representations", "representations", "total", ""),
    ("complaints", "Complaints received", "volumes", "complaint_totals", "complaints_received", ""),
    ("stage_2", "Escalated to Stage 2", "volumes", "complaint_totals", "stage_2", ""),
    ("stage_3", "Escalated to Stage 3", "volumes", "complaint_totals", "stage_3", ""),
    ("stage_1_upheld", "Stage 1 complaints upheld or partially upheld", "outcomes", "upheld_rate", "stage_1", ""),
    ("stage_1_on_time", "Stage 1 responses on time", "response_times", "on_time", "stage_1", "_percent"),
    ("compliments", "Compliments received", "representations", "representations", "compliments", ""),
    ("enquiries", "Enquiries from MPs, MEPs and councillors", "representations", "representations", "enquiries", ""),
    ("ombudsman", "Ombudsman enquiries", "ombudsman", "ombudsman_received", "received", ""),
]


def _lookup(sections: dict[str, Section], section: str, table: str, row: str, column: str) -> Cell | None:
    try:
        found = sections[section].table(table)
        return found.row(row).cells[found.column_index(column)]
    except KeyError:
        return None


def key_figures_table(ctx: ReportContext, sections: list[Section]) -> Table:
    by_key = {s.key: s for s in sections}
    rows = []
    for key, label, section, table, row, suffix in KEY_FIGURES:
        cells = [_lookup(by_key, section, table, row, f"{p.key}{suffix}") for p in ctx.periods]
        if any(c is None for c in cells):
            continue
        values = list(cells)
        if len(ctx.periods) > 1:
            first, second = cells[0], cells[1]
            if first.kind == "count" and second.kind == "count" and not (first.suppressed or second.suppressed):
                values += [change(first.value, second.value), percent_change(first.value, second.value)]
            else:  # percentages: the change is shown by the figures themselves
                values += [blank(), blank()]
        rows.append(Row(key, label, tuple(values)))
    return Table(key="key_figures", title="Key figures", columns=period_columns(ctx), rows=rows,
                 basis=BASIS, row_heading="Figure")


def executive_summary_section(ctx: ReportContext, sections: list[Section], texts: dict[str, str]) -> Section:
    return Section(TextSection.EXECUTIVE_SUMMARY.value, TextSection.EXECUTIVE_SUMMARY.label,
                   [key_figures_table(ctx, sections)],
                   free_text=texts.get(TextSection.EXECUTIVE_SUMMARY.value, ""))


def conclusion_section(texts: dict[str, str]) -> Section:
    return Section(TextSection.CONCLUSION.value, TextSection.CONCLUSION.label,
                   free_text=texts.get(TextSection.CONCLUSION.value, ""))


