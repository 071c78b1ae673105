"""The council a seed's world happens in: its staff, teams, themes and working-day calendar,
and helpers that turn a seed's tables of counts into one item per record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from fairhearing.accounts.models import Team
from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Procedure, Theme
from fairhearing.cases.tests.factories import STATUTORY
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

T = TypeVar("T")


# The council: its staff, teams and calendar ------------------------------------------------------

@dataclass
class Council:
    """The staff who act in a seed's world, its teams and themes, and the day the world ends.

    Every service is called with ``today=council.today``, a day after every event, so nothing
    depends on the real clock.
    """

    today: date
    officer: Any
    senior: Any
    investigators: tuple[Any, Any]
    panel: tuple[Any, Any, Any]
    calendar: WorkingDayCalendar
    procedure: Procedure
    _teams: dict[str, Team] = field(default_factory=dict)
    _themes: dict[str, Theme] = field(default_factory=dict)

    @classmethod
    def create(cls, *, today: date) -> Council:
        return cls(
            today=today,
            officer=UserFactory(username="seed-officer", roles=[Role.COMPLAINTS_OFFICER]),
            senior=UserFactory(username="seed-senior", roles=[Role.SENIOR_MANAGER]),
            investigators=(UserFactory(username="seed-io", roles=[Role.INVESTIGATOR]),
                           UserFactory(username="seed-ip", roles=[Role.INVESTIGATOR])),
            panel=tuple(UserFactory(username=f"seed-panel-{n}", roles=[Role.INVESTIGATOR])
                        for n in (1, 2, 3)),
            calendar=calendar_get(),
            procedure=Procedure.objects.get(code=STATUTORY),
        )

    def team(self, name: str) -> Team:
        """A team or service area (reference data an administrator sets up, not a service write)."""
        if name not in self._teams:
            self._teams[name] = TeamFactory(name=name)
        return self._teams[name]

    def theme(self, name: str) -> Theme:
        """One of the themes the migrations seed; a typo fails loudly rather than adding a theme."""
        if name not in self._themes:
            self._themes[name] = Theme.objects.get(name=name)
        return self._themes[name]

    def after(self, day: date, working_days: int) -> date:
        """The working day ``working_days`` after ``day`` (the statutory counting rule)."""
        return self.calendar.add_working_days(day, working_days)

    def working_day_from(self, day: date) -> date:
        """``day`` if it is a working day, else the next one."""
        while not self.calendar.is_working_day(day):
            day += timedelta(days=1)
        return day

    def spread(self, start: date, end: date, count: int) -> list[date]:
        """``count`` working days spread evenly from ``start`` to ``end`` (both included)."""
        if count == 1:
            return [self.working_day_from(start)]
        step = (end - start).days / (count - 1)
        return [self.working_day_from(start + timedelta(days=round(i * step))) for i in range(count)]


def expand(counts: Iterable[tuple[T, int]]) -> list[T]:
    """[("a", 2), ("b", 1)] -> ["a", "a", "b"]: a seed's table of counts as one item per record."""
    return [item for item, n in counts for _ in range(n)]


def interleave(*groups: Sequence[T]) -> list[T]:
    """Items taken from each group in turn, so no group bunches at one end of the year."""
    out: list[T] = []
    longest = max(len(g) for g in groups)
    for i in range(longest):
        out += [g[i] for g in groups if i < len(g)]
    return out
