"""What every synthetic complaint is built from (the World) and what it is built into (Rows)."""

from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from random import Random
from zoneinfo import ZoneInfo

from django.db import models

from fairhearing.accounts.models import Team, User
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Procedure, Theme
from fairhearing.people.models import Child, Person
from fairhearing.stages.models import StageRule
from fairhearing.workingdays.calendar import WorkingDayCalendar

LONDON = ZoneInfo("Europe/London")


@dataclass
class World:
    """Reference data, staff and the calendar, loaded once for the whole run."""

    today: date
    calendar: WorkingDayCalendar
    procedures: dict[str, Procedure]
    rules: dict[tuple[str, int], StageRule]
    teams: list[Team]
    team_weights: list[int]
    themes: list[Theme]
    officers: list[User]
    seniors: list[User]
    investigators: list[User]
    independents: list[User]
    panel: list[User]
    actor: User
    # Repeat complainants and children: recent people, reused now and then.
    recent_people: deque = field(default_factory=lambda: deque(maxlen=3000))
    recent_children: deque = field(default_factory=lambda: deque(maxlen=3000))
    _added: dict[tuple[date, int], date] = field(default_factory=dict)

    def add(self, start: date, n: int) -> date:
        """The calendar's ``add_working_days``, remembered: the same sums come up thousands of times."""
        key = (start, n)
        found = self._added.get(key)
        if found is None:
            found = self._added[key] = self.calendar.add_working_days(start, n)
        return found

    def between(self, start: date, end: date) -> int:
        return self.calendar.working_days_between(start, end)

    def rule(self, procedure: str, number: int) -> StageRule | None:
        return self.rules.get((procedure, number))


@dataclass
class Rows:
    """Unsaved rows of one batch, listed in the order they must be inserted."""

    persons: list[Person] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    complaints: list = field(default_factory=list)
    points: list = field(default_factory=list)
    complainants: list = field(default_factory=list)
    complaint_children: list = field(default_factory=list)
    complaint_teams: list = field(default_factory=list)
    complaint_themes: list = field(default_factory=list)
    stages: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    remedies: list = field(default_factory=list)
    extensions: list = field(default_factory=list)
    pauses: list = field(default_factory=list)
    panel_members: list = field(default_factory=list)
    # Each event with its subject, whose primary key is known only once the subject is saved.
    events: list[tuple[AuditEvent, models.Model]] = field(default_factory=list)


class EventClock:
    """Times of day for one complaint's events: working hours, never going backwards."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.last: datetime | None = None

    def at(self, day: date) -> datetime:
        moment = datetime.combine(
            day, time(9 + self.rng.randint(0, 7), self.rng.randint(0, 59)), tzinfo=LONDON
        )
        if self.last is not None and moment <= self.last:
            moment = self.last + timedelta(minutes=1)
        self.last = moment
        return moment
