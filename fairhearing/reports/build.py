"""Putting a report together: run each section for the chosen periods, then prepare the version.

Sections are pure reads (one aggregate query per table). The published version is made from
the same figures by hiding small numbers (suppression.py); sections leave out names and
references themselves when ``ctx.published`` is set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings

from fairhearing.core import clock

from .report import Report, ReportContext, ReportKind, ReportOptions
from .sections.compliments import compliments_section
from .sections.enquiries import enquiries_section
from .sections.expenditure import expenditure_section
from .sections.learning import learning_section
from .sections.monitoring import monitoring_section
from .sections.ombudsman import ombudsman_section
from .sections.outcomes import outcomes_section
from .sections.overview import overview_sections
from .sections.people import people_section
from .sections.remedies import remedies_section
from .sections.representations import representations_section
from .sections.summary import conclusion_section, executive_summary_section
from .sections.teams import teams_section
from .sections.themes import themes_section
from .sections.timeliness import timeliness_section
from .sections.volumes import volumes_section
from .selectors import report_texts_get
from .suppression import suppress_table
from .tables import Section

# A builder returns one section, or several that share their queries.
SectionBuilder = Callable[[ReportContext], Section | list[Section]]

# The order of seed 003's contents: totals and the Ombudsman first, then the complaint tables,
# monitoring, Members' enquiries and compliments, then learning. The executive summary goes before
# them all and the conclusion after, both with the council's saved text.
ANNUAL_SECTIONS: list[SectionBuilder] = [
    representations_section,
    ombudsman_section,
    volumes_section,
    outcomes_section,
    teams_section,
    themes_section,
    remedies_section,
    timeliness_section,
    expenditure_section,
    people_section,
    monitoring_section,
    enquiries_section,
    compliments_section,
    learning_section,
]


# The six-month overview (seed 000): its own figures, then learning and the action plan.
OVERVIEW_SECTIONS: list[SectionBuilder] = [overview_sections, learning_section]


def sections_for(kind: ReportKind) -> list[SectionBuilder]:
    return ANNUAL_SECTIONS if kind == ReportKind.ANNUAL else OVERVIEW_SECTIONS


def report_build(*, options: ReportOptions, today: date | None = None, viewer: Any = None) -> Report:
    """Compute every section of the report for ``options`` (a fixed number of queries)."""
    ctx = ReportContext(options=options, today=today or clock.today(), viewer=viewer)
    sections: list[Section] = []
    for build in sections_for(options.kind):
        built = build(ctx)
        sections.extend(built if isinstance(built, list) else [built])
    # Suppress first, so the executive summary copies what the body shows, hidden cells included.
    if options.published:
        for section in sections:
            for table in section.tables:
                suppress_table(table, options.threshold)
    texts = report_texts_get(kind=options.kind, period=options.period)
    if options.kind == ReportKind.ANNUAL:
        sections = [executive_summary_section(ctx, sections, texts), *sections, conclusion_section(texts)]
    return Report(options=options, council_name=settings.COUNCIL_NAME, generated_at=clock.now(),
                  sections=sections)
