"""The scaffolding of a demo complaint's history: its dates, its random choices, its endings.

Every step passes ``today=`` the date it happened, so each service checks the date as it would have
on that day and the timeline reads like a real history. A step dated after the real today has not
happened yet: :meth:`History.on` raises :class:`Stop`, and the complaint stays as it is, open.
"""

from dataclasses import dataclass
from datetime import date
from random import Random
from typing import Any

from fairhearing.accounts.models import Team, User
from fairhearing.cases.choices import WithdrawalMethod
from fairhearing.cases.models import Complaint, Procedure, Theme
from fairhearing.stages.models import Stage
from fairhearing.stages.services import complaint_close, complaint_reopen, complaint_withdraw
from fairhearing.workingdays.calendar import WorkingDayCalendar

from . import scenarios as sc
from . import texts
from .council import RESPONDER_TEAM
from .names import NameBook
from .people import Family


class Stop(Exception):  # noqa: N818 - a signal, not an error
    """The next step lies after today: the complaint stands as it is now."""


@dataclass
class Council:
    """What every story needs: today, the calendar, and the council's teams, themes and staff."""

    today: date
    calendar: WorkingDayCalendar
    teams: dict[str, Team]
    team_weights: dict[str, int]
    themes: dict[str, Theme]
    procedures: dict[str, Procedure]
    users: dict[str, User]


class History:
    """One complaint's history so far: the helpers every step uses, and the shared endings."""

    # Set by Story as the complaint is taken in.
    complaint: Complaint
    family: Family
    handler: User
    team: str
    statutory: bool

    def __init__(self, council: Council, scenario: sc.Scenario, seed: str) -> None:
        self.council = council
        self.scenario = scenario
        self.rng = Random(seed)
        self.names = NameBook(self.rng)
        self.last = scenario.received_on

    # -- helpers ------------------------------------------------------------------------------
    def choose(self, name: str, default: Any) -> Any:
        """The scenario's fixed choice called ``name``, else ``default()`` (a random draw)."""
        if name in self.scenario.choices:
            return self.scenario.choices[name]
        return default() if callable(default) else default

    def after(self, start: date, working_days: int) -> date:
        return self.council.calendar.add_working_days(start, working_days)

    def on(self, day: date) -> date:
        """The date of the next step: never before the last one, and never after today."""
        day = max(day, self.last)
        if day > self.council.today:
            raise Stop
        self.last = day
        return day

    def user(self, username: str) -> User:
        return self.council.users[username]

    # -- endings shared by the stages -----------------------------------------------------------
    def _withdraw(self, day: date) -> None:
        day = self.on(day)
        complaint_withdraw(complaint=self.complaint, withdrawn_on=day, actor=self.handler, today=day,
                           method=self.rng.choice(WithdrawalMethod.values),
                           reason=self.rng.choice(texts.WITHDRAWAL_REASONS))

    def _reopen(self, day: date) -> Stage:
        day = self.on(day)
        complaint_reopen(complaint=self.complaint, reopened_on=day, reason=texts.REOPEN_REASON,
                         actor=self.user("manager"), today=day)
        return self.complaint.stages.get(number=1)

    def _close(self, day: date, reason: str) -> None:
        day = self.on(day)
        complaint_close(complaint=self.complaint, closed_on=day, reason=reason, actor=self.handler,
                        today=day)

    def responder_for_stage_one(self) -> User:
        return self.user("responder") if self.team == RESPONDER_TEAM else self.handler
