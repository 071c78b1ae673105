"""A whole report: which periods, which version (internal or published), and its sections.

Built by :func:`fairhearing.reports.build.report_build`; every renderer takes a :class:`Report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.db.models import Q

from .periods import Period
from .tables import Section

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD, MAX_THRESHOLD = 2, 10


class ReportKind(StrEnum):
    ANNUAL = "annual"  # the statutory annual report (reg 13), or the same for any period
    OVERVIEW = "overview"  # the six-month statistical overview (seed 000)

    @property
    def title(self) -> str:
        return {
            ReportKind.ANNUAL: "Complaints, compliments and representations report",
            ReportKind.OVERVIEW: "Statistical overview",
        }[self]


class Scope(StrEnum):
    """Which complaints procedures the complaint tables count."""

    STATUTORY = "statutory"  # the children's statutory procedure only (the reg 13 report)
    ALL = "all"  # statutory and corporate complaints about children's services

    @property
    def procedure_kinds(self) -> tuple[str, ...]:
        from fairhearing.cases.choices import ProcedureKind

        if self == Scope.STATUTORY:
            return (ProcedureKind.CHILDREN_STATUTORY,)
        return (ProcedureKind.CHILDREN_STATUTORY, ProcedureKind.CORPORATE)

    @property
    def label(self) -> str:
        return {
            Scope.STATUTORY: "Complaints under the children's statutory procedure",
            Scope.ALL: "Complaints under the children's statutory and corporate procedures",
        }[self]


@dataclass(frozen=True)
class ReportOptions:
    """What to build. ``published`` removes names and references and hides small numbers."""

    period: Period
    kind: ReportKind = ReportKind.ANNUAL
    comparisons: int = 1
    published: bool = False
    threshold: int = DEFAULT_THRESHOLD
    scope: Scope = Scope.STATUTORY

    def __post_init__(self) -> None:
        from fairhearing.core.errors import DomainError

        if not MIN_THRESHOLD <= self.threshold <= MAX_THRESHOLD:
            raise DomainError(f"The small-number threshold must be from {MIN_THRESHOLD} to {MAX_THRESHOLD}.")
        self.period.earlier(self.comparisons)  # refuses fewer than 0 or more than 4

    @property
    def periods(self) -> tuple[Period, ...]:
        """The report's period first, then the earlier periods it is compared with."""
        return (self.period, *self.period.earlier(self.comparisons))


@dataclass(frozen=True)
class ReportContext:
    """What every section needs: the periods, the version and the complaint scope, and who is
    reading (None from the command line), for the few figures that name complaints."""

    options: ReportOptions
    today: date
    viewer: Any = None

    @property
    def periods(self) -> tuple[Period, ...]:
        return self.options.periods

    @property
    def period(self) -> Period:
        return self.options.period

    @property
    def published(self) -> bool:
        return self.options.published

    @cached_property
    def procedure_ids(self) -> tuple[int, ...]:
        """The procedures in scope, looked up once so each table filters on a column, not a join."""
        from fairhearing.cases.models import Procedure

        return tuple(Procedure.objects.filter(kind__in=self.options.scope.procedure_kinds)
                     .values_list("pk", flat=True))

    @property
    def span(self) -> tuple[date, date]:
        """From the start of the earliest period to the end of the report's period."""
        return min(p.start for p in self.periods), max(p.end for p in self.periods)

    def counted(self, n: int, singular: str, plural: str = "", *, small: bool = False,
                were: bool = False) -> str:
        """'1 complaint', '3 complaints' (with ``were``: '1 complaint was', '3 complaints were'); in
        the published version a small number about people (``small=True``) reads 'fewer than 5
        complaints', as the tables show it."""
        plural = plural or f"{singular}s"
        threshold = self.options.threshold
        if small and self.published and 0 < n < threshold:
            return f"fewer than {threshold} {plural}" + (" were" if were else "")
        if n == 1:
            return f"1 {singular}" + (" was" if were else "")
        return f"{n:,} {plural}" + (" were" if were else "")

    def in_period(self, field_name: str, period: Period) -> Q:
        return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})

    def in_span(self, field_name: str) -> Q:
        start, end = self.span
        return Q(**{f"{field_name}__gte": start, f"{field_name}__lte": end})


@dataclass
class Report:
    """The finished figures: sections in reading order, ready for any renderer."""

    options: ReportOptions
    council_name: str
    generated_at: datetime
    sections: list[Section] = field(default_factory=list)

    @property
    def kind(self) -> ReportKind:
        return self.options.kind

    @property
    def period(self) -> Period:
        return self.options.period

    @property
    def periods(self) -> tuple[Period, ...]:
        return self.options.periods

    @property
    def published(self) -> bool:
        return self.options.published

    @property
    def title(self) -> str:
        return f"{self.kind.title} {self.period.label}"

    @property
    def version_label(self) -> str:
        if self.published:
            return (f"Published version: no names or references; numbers from 1 to "
                    f"{self.options.threshold - 1} are shown as <{self.options.threshold}")
        return "Internal version: not for publication"

    @property
    def file_stem(self) -> str:
        """A file name without personal data: fairhearing-annual-fy2021-published."""
        version = "published" if self.published else "internal"
        return f"fairhearing-{self.kind}-{self.period.key}-{version}"

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)
