"""The six-month statistical overview (seed 000): complaints about children in care, where they are
now, and the overdue complaints, listed by reference in the internal version only."""

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.access import complaint_exclude
from fairhearing.cases.choices import WithdrawalMethod
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.people.choices import LegalStatus, Relationship
from fairhearing.people.services import child_create
from fairhearing.people.tests.factories import PersonFactory
from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportKind, ReportOptions
from fairhearing.stages.choices import Outcome, PauseReason
from fairhearing.stages.services import complaint_withdraw, stage_pause

from .factories import LATER, D, build, respond, stage_one

pytestmark = pytest.mark.django_db

PERIOD = "r2021-09-01..2022-02-28"
# The overview is produced on Tuesday 1 March 2022.
TODAY = D(2022, 3, 1)


def overview(*, published=False):
    return build(PERIOD, kind=ReportKind.OVERVIEW, comparisons=0, published=published, today=TODAY)


def in_care():
    return child_create(first_name="Alex", actor=officer(), legal_status=LegalStatus.LOOKED_AFTER)


def test_overview_sections():
    assert [s.key for s in overview().sections] == ["overview", "children_in_care", "overdue", "learning"]


def test_the_overdue_list_shows_references_only_in_the_internal_version():
    overdue = make_complaint(received_on=D(2022, 1, 4), children=[in_care()])
    assert stage_one(overdue).due_on == D(2022, 1, 18)
    also = make_complaint(received_on=D(2022, 2, 10))
    assert stage_one(also).due_on == D(2022, 2, 24)
    due_today = make_complaint(received_on=D(2022, 2, 15))
    assert stage_one(due_today).due_on == TODAY  # due today: not yet overdue
    paused = make_complaint(received_on=D(2022, 1, 5))
    stage_pause(stage=stage_one(paused), reason=PauseReason.COURT_PROCEEDINGS, started_on=D(2022, 1, 10),
                actor=officer(), today=LATER)
    answered = make_complaint(received_on=D(2022, 1, 6))
    respond(stage_one(answered), D(2022, 1, 25))  # answered late, but answered
    before = make_complaint(received_on=D(2021, 8, 31))  # received before the period
    stage_one(before)

    internal = overview().section("overdue").table("overdue")
    assert [c.key for c in internal.columns] == ["stage", "due", "children_in_care"]
    assert [[row.label, *(c.display for c in row.cells)] for row in internal.rows] == [
        [overdue.reference, "Stage 1", "18 January 2022", "Yes"],
        [also.reference, "Stage 1", "24 February 2022", "No"],
    ]

    # A reader excluded from a complaint does not find it named (nor counted) in the list.
    excluded = UserFactory(username="excluded", roles=[Role.COMPLAINTS_OFFICER])
    complaint_exclude(complaint=overdue, users=[excluded], actor=officer())
    options = ReportOptions(period=Period.from_key(PERIOD), kind=ReportKind.OVERVIEW, comparisons=0)
    as_excluded = report_build(options=options, today=TODAY, viewer=excluded).section("overdue").table("overdue")
    assert [row.label for row in as_excluded.rows] == [also.reference]
    as_other = report_build(options=options, today=TODAY, viewer=officer()).section("overdue").table("overdue")
    assert [row.label for row in as_other.rows] == [overdue.reference, also.reference]

    published = overview(published=True)
    counted = published.section("overdue").table("overdue")
    assert [[c.display for c in row.cells] for row in counted.rows] == [["2"]]
    references = {c.reference for c in (overdue, also, due_today, paused, answered, before)}
    for section in published.sections:
        for t in section.tables:
            for row in t.rows:
                assert row.key not in references and row.label not in references
                assert not references & {cell.display for cell in row.cells}


def test_children_in_care_received_where_they_are_now_and_upheld_by_stage():
    upheld = make_complaint(received_on=D(2021, 9, 1), children=[in_care()],
                            complainants=[(PersonFactory(), Relationship.FOSTER_CARER)])
    respond(stage_one(upheld), D(2021, 9, 15), Outcome.UPHELD, Outcome.NOT_UPHELD)
    withdrawn = make_complaint(received_on=D(2022, 2, 28), children=[in_care()])
    complaint_withdraw(complaint=withdrawn, withdrawn_on=D(2022, 2, 28), method=WithdrawalMethod.ORAL,
                       reason="Sorted out.", actor=officer(), today=LATER)
    make_complaint(received_on=D(2022, 1, 4), children=[in_care()])  # still being dealt with
    make_complaint(received_on=D(2022, 1, 4))  # not about a child in care
    make_complaint(received_on=D(2022, 3, 1), children=[in_care()])  # after the period
    report = overview()
    received = report.section("overview").table("overview_received")
    assert (received.value("all", PERIOD), received.value("children_in_care", PERIOD)) == (4, 3)
    where = report.section("overview").table("children_in_care_now")
    assert {row.key: row.cells[0].value for row in where.rows} == {
        "not_upheld": 0, "open": 1, "upheld": 0, "partially_upheld": 1, "withdrawn": 1, "other": 0, "total": 3,
    }
    care = report.section("children_in_care")
    assert {row.key: row.cells[0].value for row in care.table("care_upheld_by_stage").rows} == {
        "stage_1": 1, "stage_2": 0, "stage_3": 0}
    assert [row.key for row in care.table("care_upheld_by_complainant").rows] == ["foster_carer"]
    assert [row.label for row in care.table("care_upheld_by_team").rows] == ["Family Support Team 1"]
    on_time = care.table("care_on_time")
    assert (on_time.value("sent", PERIOD), on_time.value("on_time", PERIOD)) == (1, 1)
    assert report.section("overview").paragraphs == [
        "4 complaints were received between 1 September 2021 and 28 February 2022; of these, 3 "
        "complaints were about children in our care."]
