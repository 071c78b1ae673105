"""Reports built from the demo council: figures in every section of the annual report and
children in care in the six-month overview.

The demo is loaded once for the package on a fixed day (see conftest.py and common.py).
"""

from datetime import date
from decimal import Decimal

import pytest

from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportKind, ReportOptions

from .common import DAY, WHOLE_YEARS

pytestmark = pytest.mark.django_db


def _figures(table) -> list:  # noqa: ANN001 - a reports Table
    return [cell.value for row in table.rows for cell in row.cells
            if isinstance(cell.value, int | Decimal) and not isinstance(cell.value, bool)]


def test_annual_report_for_the_last_whole_year_has_figures_in_every_section(loaded):
    report = report_build(options=ReportOptions(period=Period.financial_year(WHOLE_YEARS[1].start.year)),
                          today=DAY)
    with_tables = [section for section in report.sections if section.tables]
    assert len(with_tables) == len(report.sections) - 1  # the conclusion is the council's own text
    for section in with_tables:
        assert any(value > 0 for table in section.tables for value in _figures(table)), section.key
    for key in ("representations", "ombudsman", "expenditure", "enquiries", "compliments", "learning"):
        assert any(value > 0 for value in _figures(report.section(key).tables[0])), key


def test_six_month_overview_has_children_in_care(loaded):
    period = Period.date_range(date(2026, 5, 1), date(2026, 10, 31))
    report = report_build(options=ReportOptions(period=period, kind=ReportKind.OVERVIEW), today=DAY)
    tables = {table.key: table for section in report.sections for table in section.tables}
    assert tables["overview_received"].row("children_in_care").cells[0].value > 0
    for key in ("children_in_care_now", "care_upheld_by_stage", "care_on_time", "care_stage_2_3_concluded"):
        assert any(value > 0 for value in _figures(tables[key])), key
