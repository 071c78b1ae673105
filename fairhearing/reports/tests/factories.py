"""Helpers for the report tests: build a report, read one figure, and take complaints through their
stages with the real services (so the stored dates are the ones users' actions produce)."""

import datetime
from typing import Any

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.models import Complaint
from fairhearing.cases.tests.factories import officer
from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import Report, ReportKind, ReportOptions, Scope
from fairhearing.reports.tables import Table
from fairhearing.stages.models import Stage
from fairhearing.stages.services import (
    PointFinding,
    RemedyInput,
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)

D = datetime.date
# Passed as today= to every service and report, so nothing depends on the real clock.
LATER = D(2024, 12, 31)


def build(period: str | Period, *, comparisons: int = 1, published: bool = False, threshold: int = 5,
          scope: Scope = Scope.STATUTORY, kind: ReportKind = ReportKind.ANNUAL,
          today: datetime.date = LATER) -> Report:
    if isinstance(period, str):
        period = Period.from_key(period)
    options = ReportOptions(period=period, kind=kind, comparisons=comparisons, published=published,
                            threshold=threshold, scope=scope)
    return report_build(options=options, today=today)


def table(report: Report, section: str, key: str) -> Table:
    return report.section(section).table(key)


def figure(report: Report, section: str, key: str, row: str, column: str | None = None) -> Any:
    """One cell's value; ``column`` defaults to the report's own period."""
    return table(report, section, key).value(row, column or report.period.key)


def senior() -> Any:
    return UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])


def findings(complaint: Complaint, *outcomes: str) -> dict[int, PointFinding]:
    """One outcome per point in order; a single outcome applies to every point."""
    points = list(complaint.points.values_list("number", flat=True))
    if len(outcomes) == 1:
        outcomes = outcomes * len(points)
    return {number: PointFinding(outcome) for number, outcome in zip(points, outcomes, strict=True)}


def stage_one(complaint: Complaint) -> Stage:
    return stage_one_start(complaint=complaint, actor=officer(), today=LATER)


def respond(stage: Stage, responded_on: datetime.date, *outcomes: str,
            remedies: tuple[RemedyInput, ...] = ()) -> Stage:
    """Send the Stage 1 response (all points not upheld unless told otherwise)."""
    return stage_respond(stage=stage, responded_on=responded_on,
                         findings=findings(stage.complaint, *(outcomes or ("not_upheld",))),
                         remedies=remedies, actor=officer(), today=LATER)


def stage_two(complaint: Complaint, *, requested_on: datetime.date,
              agreed_on: datetime.date | None = None) -> Stage:
    """Ask for Stage 2 in time; if ``agreed_on`` is given, agree the statement and appoint the
    Investigating Officer and Independent Person that day, starting the 25 working days."""
    stage = stage_request_next(complaint=complaint, requested_on=requested_on, actor=officer(), today=LATER)
    if agreed_on is not None:
        stage = stage_two_agree_statement(stage=stage, agreed_on=agreed_on, actor=officer(), today=LATER)
        stage = stage_two_appoint(
            stage=stage, investigating_officer=UserFactory(username="io", roles=[Role.INVESTIGATOR]),
            independent_person=UserFactory(username="ip", roles=[Role.INVESTIGATOR]),
            appointed_on=agreed_on, actor=officer(), today=LATER,
        )
    return stage


def adjudicate(stage: Stage, adjudicated_on: datetime.date, *outcomes: str,
               remedies: tuple[RemedyInput, ...] = ()) -> Stage:
    return stage_two_adjudicate(stage=stage, adjudicated_on=adjudicated_on,
                                findings=findings(stage.complaint, *(outcomes or ("not_upheld",))),
                                remedies=remedies, actor=senior(), today=LATER)
