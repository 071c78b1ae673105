"""Putting a report together: a fixed number of queries whatever the number of records or of
comparison periods, and the published version made from the same figures with small numbers hidden."""

import datetime
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource, CostKind, MemberKind
from fairhearing.cases.kinds.compliments import compliment_create, compliment_quotation_prepare
from fairhearing.cases.kinds.concerns import concern_create
from fairhearing.cases.kinds.costs import cost_create
from fairhearing.cases.kinds.enquiries import enquiry_create
from fairhearing.cases.models import Theme
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core.errors import DomainError
from fairhearing.learning.choices import RootCause
from fairhearing.learning.services.actions import action_add, action_plan_create
from fairhearing.learning.services.notes import learning_note_record
from fairhearing.ombudsman.tests.factories import add_recommendation, decide, make_case
from fairhearing.people.choices import Ethnicity, Gender, LegalStatus
from fairhearing.people.services import child_create
from fairhearing.reports.report import ReportKind
from fairhearing.stages.choices import Outcome, RemedyKind
from fairhearing.stages.services import RemedyInput

from .factories import LATER, D, build, respond, stage_one, stage_two

pytestmark = pytest.mark.django_db

OUTCOMES = [Outcome.UPHELD, Outcome.PARTIALLY_UPHELD, Outcome.NOT_UPHELD]
# Queries for one report (internal or published, any number of records, comparisons or action
# plans), as measured: the procedures in scope, one aggregate per table (some tables share one),
# the quotations, the saved texts, and the action plans' actions with their latest updates.
ANNUAL_QUERIES = 47
OVERVIEW_QUERIES = 13


def world(size: int, *, plans: int = 1) -> None:
    """``size`` complaints in 2021-22 spread over three teams (some two), three themes, children of
    every age and gender (some in care, some without monitoring), Stage 1 responses with every
    outcome and remedies, some Stage 2 requests and some left open; and every other kind of record."""
    teams = [TeamFactory(name=f"Team {n}") for n in range(3)]
    themes = [Theme.objects.get_or_create(name=name)[0] for name in ("Communication", "Delay", "Assessment")]
    start = D(2021, 4, 6)
    for n in range(size):
        received_on = start + timedelta(days=7 * n)
        children = [child_create(
            first_name="Sam", actor=officer(), date_of_birth=D(2004 + n % 18, 1 + n % 12, 1),
            legal_status=LegalStatus.LOOKED_AFTER if n % 4 == 0 else LegalStatus.CHILD_IN_NEED,
            monitoring=None if n % 5 == 0 else {"gender": [Gender.MALE, Gender.FEMALE][n % 2],
                                                "ethnicity": [Ethnicity.WBRI, Ethnicity.BAFR][n % 2]},
        ) for _ in range(1 + n % 2)]
        complaint = make_complaint(
            received_on=received_on, channel=list(Channel)[n % len(Channel)], children=children,
            teams=teams[n % 3:n % 3 + 1 + n % 2], themes=themes[:1 + n % 3],
        )
        if n % 3 == 2:
            continue  # received, not started
        stage = stage_one(complaint)
        if n % 7 == 6:
            continue  # open (and, by the time of the report, overdue)
        stage = respond(stage, received_on + timedelta(days=10 + n % 20), OUTCOMES[n % 3],
                        remedies=(RemedyInput(RemedyKind.APOLOGY),
                                  RemedyInput(RemedyKind.FINANCIAL, amount=Decimal(100 + n))))
        learning_note_record(complaint=complaint, stage=stage, what_was_learned="Return calls.",
                             root_cause=list(RootCause)[n % len(RootCause)], actor=officer(), today=LATER)
        if n % 4 == 0:
            stage_two(complaint, requested_on=stage.responded_on + timedelta(days=3))
    team = teams[0]
    for n in range(max(1, size // 3)):
        day = start + timedelta(days=11 * n)
        compliment = compliment_create(received_on=day, team=team, source=ComplimentSource.CHILD, words="Thanks.",
                                       channel=Channel.APP, about="Social worker", consent_to_quote=True,
                                       actor=officer(), today=LATER)
        compliment_quotation_prepare(compliment=compliment, quotation="Thanks.", actor=officer())
        enquiry_create(received_on=day, member_kind=list(MemberKind)[n % 3], member_name="A. Member", team=team,
                       summary="Asks for an update.", actor=officer(), today=LATER)
        concern_create(received_on=day, channel=Channel.TELEPHONE, team=team, summary="Calls.", actor=officer(),
                       today=LATER)
        cost_create(kind=CostKind.PUBLICITY, amount=Decimal("10"), incurred_on=day, actor=officer(), today=LATER)
        case = decide(make_case(lgsco_reference=f"21 {n:06d}", received_on=day), final_decision_on=day + timedelta(days=30))
        add_recommendation(case, due_on=day + timedelta(days=60))
    for p in range(plans):
        plan = action_plan_create(title=f"Plan {p}", period_label="2021-22", starts_on=D(2021, 4, 1),
                                  ends_on=D(2022, 3, 31), actor=officer())
        for _ in range(max(1, size // 3)):
            action_add(plan=plan, task="Train staff.", owner="Head of Service", actor=officer())


def queries(report_kind=ReportKind.ANNUAL, period="fy2021", **options) -> int:
    with CaptureQueriesContext(connection) as captured:
        build(period, kind=report_kind, **options)
    return len(captured.captured_queries)


@pytest.mark.parametrize("size", [3, 30])
def test_the_annual_report_takes_a_fixed_number_of_queries_whatever_the_number_of_records(
        size, django_assert_num_queries):
    world(size)
    with django_assert_num_queries(ANNUAL_QUERIES):
        report = build("fy2021")
    received = report.section("volumes").table("complaint_totals").value("complaints_received", "fy2021")
    assert received == size  # the world really is that big


@pytest.mark.parametrize("comparisons", [0, 4])
def test_the_number_of_queries_does_not_grow_with_the_number_of_comparison_periods(
        comparisons, django_assert_num_queries):
    world(3)
    with django_assert_num_queries(ANNUAL_QUERIES):
        build("fy2021", comparisons=comparisons)


def test_the_published_version_takes_the_same_queries_as_the_internal_one():
    world(3)
    assert queries(published=True) == queries(published=False) == ANNUAL_QUERIES


@pytest.mark.parametrize(("size", "published"), [(3, False), (30, False), (30, True)])
def test_the_overview_takes_a_fixed_number_of_queries(size, published, django_assert_num_queries):
    world(size)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        report = build("r2021-09-01..2022-02-28", kind=ReportKind.OVERVIEW, comparisons=0, published=published,
                       today=D(2022, 3, 1))
    if size == 30 and not published:
        assert report.section("overdue").table("overdue").rows  # the overdue list was really read


def test_the_number_of_queries_does_not_grow_with_the_number_of_action_plans():
    world(3, plans=3)
    assert queries() == ANNUAL_QUERIES


def test_more_than_four_comparison_periods_are_refused():
    with pytest.raises(DomainError, match="Compare with between 0 and 4 earlier periods"):
        build("fy2021", comparisons=5)


# The versions -------------------------------------------------------------------------------

def test_the_internal_version_hides_nothing_and_the_published_one_hides_only_suppressible_tables():
    world(30)
    internal, published = build("fy2021"), build("fy2021", published=True)
    hidden_tables = set()
    for section in published.sections:
        for t in section.tables:
            if any(c.suppressed for row in t.rows for c in row.cells):
                hidden_tables.add(t.key)
                assert t.suppressible, t.key
    assert "age_and_gender" in hidden_tables
    assert not any(c.suppressed for s in internal.sections for t in s.tables for row in t.rows for c in row.cells)
    # The figures are the same figures: every visible published cell is the internal cell.
    for section in internal.sections:
        for t in section.tables:
            if t.key.startswith("action_plan_"):
                continue  # the published plan has no owner column
            twin = published.section(section.key).table(t.key)
            for row, twin_row in zip(t.rows, twin.rows, strict=True):
                for cell, twin_cell in zip(row.cells, twin_row.cells, strict=True):
                    assert twin_cell.suppressed or twin_cell == cell, (t.key, row.key)


def test_report_names_and_labels():
    internal, published = build("fy2021"), build("fy2021", published=True, threshold=10)
    assert internal.title == "Complaints, compliments and representations report 2021-22"
    assert internal.file_stem == "fairhearing-annual-fy2021-internal"
    assert published.file_stem == "fairhearing-annual-fy2021-published"
    assert internal.version_label == "Internal version: not for publication"
    assert published.version_label == ("Published version: no names or references; numbers from 1 to 9 are "
                                       "shown as <10")
    assert [p.key for p in build("q2021-1", comparisons=4).periods] == [
        "q2021-1", "q2020-4", "q2020-3", "q2020-2", "q2020-1"]
    overview = build("r2021-09-01..2022-02-28", kind=ReportKind.OVERVIEW, comparisons=0)
    assert overview.title == "Statistical overview 1 September 2021 to 28 February 2022"
    assert isinstance(internal.generated_at, datetime.datetime)
