"""The demo council's records besides complaints, loaded once for the module on a fixed day.

Loaded with ``today=DAY`` so the assertions about the current year do not depend on the day the
tests run. As in test_load_demo_council.py, the load runs inside a module-wide transaction that
is rolled back at the end, and each test's own transaction is a savepoint inside it.
"""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Q, Sum

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import ClosureReason
from fairhearing.cases.kind_choices import (
    AdrResult,
    ComplimentSource,
    ConcernStatus,
    CostKind,
    MemberKind,
)
from fairhearing.cases.kinds.compliments import compliment_known_names, quotation_contains_names
from fairhearing.cases.models import (
    AdrCase,
    Complaint,
    Compliment,
    Concern,
    Cost,
    Enquiry,
    IroDispute,
)
from fairhearing.demo import record_texts as words
from fairhearing.demo.loader import demo_council_load
from fairhearing.demo.years import demo_years
from fairhearing.learning.choices import ActionStatus
from fairhearing.learning.models import (
    Action,
    ActionPlan,
    ActionUpdate,
    LearningMeeting,
    LearningNote,
)
from fairhearing.learning.selectors import actions_overdue
from fairhearing.ombudsman.choices import (
    ClosingReason,
    Compliance,
    DecisionLabel,
    OmbudsmanPhase,
    RecommendationKind,
)
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.people.models import Person
from fairhearing.publicforms.models import OnlineSubmission
from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportKind, ReportOptions
from fairhearing.stages.choices import Outcome, StageStatus
from fairhearing.stages.models import Stage

pytestmark = pytest.mark.django_db

# A Friday in November: the current financial year is seven and a half months old.
DAY = date(2026, 11, 20)
YEARS = demo_years(DAY)
WHOLE_YEARS = YEARS[:2]

COUNTED = [Compliment, Enquiry, Concern, AdrCase, IroDispute, Cost, OmbudsmanCase, Recommendation,
           LearningNote, LearningMeeting, ActionPlan, Action, ActionUpdate, Complaint, Person, AuditEvent]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def _in(year, field: str) -> Q:  # noqa: ANN001 - a DemoYear
    return Q(**{f"{field}__gte": year.start, f"{field}__lte": year.end})


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201 - pytest fixtures
    """Load the demo once on DAY; roll everything back when the module's tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = demo_council_load(today=DAY)
        yield result
        transaction.set_rollback(True)


def test_the_years_are_the_complaints_years():
    assert [(y.start, y.end) for y in YEARS] == [
        (date(2024, 4, 1), date(2025, 3, 31)), (date(2025, 4, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), DAY),
    ]


@pytest.mark.parametrize(
    ("model", "field"),
    [(Compliment, "received_on"), (Enquiry, "received_on"), (Concern, "received_on"),
     (IroDispute, "raised_on"), (AdrCase, "offered_on"), (Cost, "incurred_on"),
     (OmbudsmanCase, "received_on"), (LearningMeeting, "held_on"), (ActionPlan, "starts_on")],
)
def test_every_kind_of_record_in_every_year(loaded, model, field):
    for year in YEARS:
        assert model.objects.filter(_in(year, field)).exists(), (model.__name__, year.label)


def test_learning_notes_and_decisions_in_every_year(loaded):
    for year in YEARS:
        assert LearningNote.objects.filter(_in(year, "stage__responded_on")).exists(), year.label
        assert OmbudsmanCase.objects.filter(_in(year, "final_decision_on")).exists(), year.label


@pytest.mark.parametrize(
    ("model", "field", "low", "high"),
    [(Compliment, "received_on", 15, 25), (Enquiry, "received_on", 40, 70),
     (Concern, "received_on", 30, 60), (IroDispute, "raised_on", 10, 15),
     (OmbudsmanCase, "received_on", 4, 6), (AdrCase, "offered_on", 1, 6)],
)
def test_whole_years_have_the_seeds_volumes(loaded, model, field, low, high):
    for year in WHOLE_YEARS:
        assert low <= model.objects.filter(_in(year, field)).count() <= high, year.label


def test_nothing_happened_after_today(loaded):
    happened = [
        (Compliment, ["received_on", "shared_with_team_on"]), (Enquiry, ["received_on", "responded_on"]),
        (Concern, ["received_on", "sent_to_service_on", "resolved_on", "closed_on", "converted_on"]),
        (IroDispute, ["raised_on", "resolved_on"]), (Cost, ["incurred_on"]),
        (AdrCase, ["offered_on", "held_on", "confirmed_in_writing_on"]),
        (OmbudsmanCase, ["received_on", "information_requested_on", "information_sent_on",
                         "draft_decision_on", "final_decision_on"]),
        (Recommendation, ["completed_on"]),
        (LearningNote, ["recorded_on", "practitioner_told_on", "shared_with_learning_team_on"]),
        (LearningMeeting, ["held_on", "approved_on"]), (ActionUpdate, ["written_on"]),
        (Action, ["completed_on"]), (Complaint, ["received_on", "closed_on"]),
    ]
    for model, fields in happened:
        for name in fields:
            assert not model.objects.filter(**{f"{name}__gt": DAY}).exists(), (model.__name__, name)


def test_everything_went_through_the_services(loaded):
    verbs = {
        "compliment.created": Compliment, "enquiry.created": Enquiry, "concern.created": Concern,
        "adr.created": AdrCase, "iro_dispute.created": IroDispute, "cost.created": Cost,
        "ombudsman.case_created": OmbudsmanCase, "ombudsman.recommendation_added": Recommendation,
        "learning_note.recorded": LearningNote, "learning_meeting.recorded": LearningMeeting,
        "action_plan.created": ActionPlan, "action.added": Action, "action.updated": ActionUpdate,
    }
    for verb, model in verbs.items():
        assert AuditEvent.objects.filter(verb=verb).count() == model.objects.count(), verb
    assert AuditEvent.objects.filter(verb="person.created").count() == Person.objects.count()


# -- Compliments and enquiries --------------------------------------------------------------------

def test_compliments_come_from_families_children_carers_and_professionals(loaded):
    sources = set(Compliment.objects.values_list("source", flat=True))
    assert {ComplimentSource.PARENT_FAMILY, ComplimentSource.CHILD, ComplimentSource.CARER,
            ComplimentSource.PROFESSIONAL_INTERNAL, ComplimentSource.PROFESSIONAL_EXTERNAL} <= sources
    assert Compliment.objects.values("team").distinct().count() >= 8


def test_quotations_have_every_name_replaced_and_only_consenting_ones_are_quoted(loaded):
    quoted = Compliment.objects.exclude(quotation="").select_related("person", "child")
    assert quoted.filter(consent_to_quote=False).exists()  # prepared while consent is being asked
    for year in WHOLE_YEARS:
        assert Compliment.objects.quotable().filter(_in(year, "received_on")).count() >= 5
    assert not Compliment.objects.filter(consent_to_quote=True, quotation="").exists()
    staff = words.STAFF_FIRST_NAMES
    with_names = 0
    for compliment in quoted:
        assert not quotation_contains_names(compliment.quotation, compliment_known_names(compliment, staff))
        if compliment.quotation != compliment.words:
            with_names += 1
            assert "X" in compliment.quotation
    assert with_names >= 10


def test_enquiries_from_mps_and_councillors_only_since_meps_left_office(loaded):
    kinds = Counter(Enquiry.objects.values_list("member_kind", flat=True))
    assert kinds[MemberKind.MEP] == 0
    assert kinds[MemberKind.COUNCILLOR] > kinds[MemberKind.MP] > 0
    members = {name for names in words.MEMBERS.values() for name in names}
    assert set(Enquiry.objects.values_list("member_name", flat=True)) <= members


def test_most_enquiries_answered_on_time_some_late_some_open(loaded):
    for year in WHOLE_YEARS:
        answered = Enquiry.objects.filter(_in(year, "received_on"), responded_on__isnull=False)
        on_time = answered.filter(responded_on__lte=F("response_due_on")).count()
        assert 0.6 <= on_time / answered.count() < 1, year.label
    open_now = Enquiry.objects.filter(responded_on__isnull=True)
    assert open_now.filter(response_due_on__lt=DAY).exists()
    assert open_now.filter(response_due_on__gte=DAY).exists()


def test_some_enquiries_came_before_the_complaint_they_are_linked_to(loaded):
    linked = Enquiry.objects.filter(complaint__isnull=False).select_related("complaint")
    assert linked.count() >= 8
    for enquiry in linked:
        assert enquiry.received_on <= enquiry.complaint.received_on
        assert enquiry.on_behalf_of.complaints.filter(complaint=enquiry.complaint).exists()


# -- Initial feedback, ADR, IRO disputes, costs ------------------------------------------------------

def test_concerns_are_mostly_resolved_some_closed_and_the_latest_open(loaded):
    statuses = Counter(Concern.objects.values_list("status", flat=True))
    assert statuses[ConcernStatus.RESOLVED] > 0.7 * Concern.objects.count()
    assert statuses[ConcernStatus.CLOSED] >= 2 and statuses[ConcernStatus.OPEN] >= 1
    assert not Concern.objects.filter(sent_to_service_on__isnull=True).exists()


def test_a_few_concerns_a_year_became_complaints_that_went_through_stage_one(loaded):
    for year in WHOLE_YEARS:
        assert 2 <= Concern.objects.filter(_in(year, "received_on"), status=ConcernStatus.CONVERTED).count() <= 4
    for concern in Concern.objects.filter(status=ConcernStatus.CONVERTED).select_related("converted_to"):
        complaint = concern.converted_to
        assert complaint.received_on == concern.converted_on > concern.sent_to_service_on
        assert complaint.themes.exists() and complaint.acknowledged_on is not None
        if complaint.received_on < DAY - timedelta(days=90):
            assert complaint.stages.get(number=1).status == StageStatus.RESPONDED
            assert complaint.closure_reason == ClosureReason.NOT_ESCALATED


def test_complaint_references_run_in_date_order_with_the_converted_ones(loaded):
    # A complaint logged from a form sent online keeps the reference the person was given, which
    # comes from the online forms' own counter.
    online = OnlineSubmission.objects.values("reference")
    assert Complaint.objects.filter(reference__in=online).count() == 1
    for year in (2024, 2025, 2026):
        dates = list(Complaint.objects.filter(reference__contains=f"-{year}-").exclude(reference__in=online)
                     .order_by("reference").values_list("received_on", flat=True))
        assert dates == sorted(dates)


def test_adr_resolved_complaints_saved_a_stage_two(loaded):
    resolved = AdrCase.objects.filter(result=AdrResult.RESOLVED).select_related("complaint")
    assert resolved.count() >= 4
    for adr in resolved:
        assert adr.saving == Decimal("1800.00") and adr.stage_number == 1
        assert adr.complaint.closure_reason == ClosureReason.RESOLVED_INFORMALLY
        assert adr.confirmed_in_writing_on == adr.complaint.closed_on
    assert AdrCase.objects.filter(result=AdrResult.NOT_RESOLVED, stage_number=2, saving__isnull=True).exists()
    assert AdrCase.objects.filter(result=AdrResult.PENDING, held_on__isnull=True).exists()


def test_iro_disputes_go_up_the_local_process_and_are_settled(loaded):
    assert IroDispute.objects.values("local_stage").distinct().count() >= 3
    assert IroDispute.objects.filter(resolved_on__isnull=False).exclude(outcome="").count() >= 25
    assert IroDispute.objects.filter(child__isnull=False).exists()


def test_every_stage_two_investigation_has_its_fees(loaded):
    investigated = Stage.objects.filter(number=2, status=StageStatus.RESPONDED, investigating_officer__isnull=False,
                                        responded_on__lte=DAY - timedelta(days=30))
    assert investigated.count() >= 20
    for stage in investigated:
        kinds = set(stage.costs.values_list("kind", flat=True))
        assert {CostKind.INVESTIGATOR_FEE, CostKind.INDEPENDENT_PERSON_FEE} <= kinds, stage.pk


def test_a_years_fees_are_like_the_seed_and_payments_and_publicity_are_there(loaded):
    fees = [CostKind.INVESTIGATOR_FEE, CostKind.INDEPENDENT_PERSON_FEE]
    for year in WHOLE_YEARS:
        in_year = Cost.objects.filter(_in(year, "incurred_on"))
        total = in_year.filter(kind__in=fees).aggregate(total=Sum("amount"))["total"]
        assert Decimal("10000") <= total <= Decimal("20000"), year.label
        assert in_year.filter(kind=CostKind.PAYMENT).exists() and in_year.filter(kind=CostKind.PUBLICITY).exists()
    assert Cost.objects.filter(kind=CostKind.PANEL_FEE).exists()


# -- Ombudsman ---------------------------------------------------------------------------------------

def test_ombudsman_upheld_with_injustice_and_a_300_payment_complied_with(loaded):
    case = OmbudsmanCase.objects.get(decision=DecisionLabel.UPHELD, fault=True, injustice=True,
                                     remedy_already_provided=False)
    payment = case.recommendations.get(kind=RecommendationKind.PAYMENT)
    assert payment.amount == Decimal("300.00") and payment.compliance == Compliance.COMPLIED
    assert payment.completed_on <= payment.due_on
    complaint = case.complaints.get()
    assert complaint.costs.filter(kind=CostKind.PAYMENT, amount=Decimal("300.00"),
                                  incurred_on=payment.completed_on).exists()
    assert case.actions.exists()  # the leaflet review went into that year's action plan


def test_ombudsman_cases_are_handled_by_the_complaints_team_except_the_old_logs(loaded):
    """The officer has the cases with recommendations and the open ones, the manager the rest;
    the two entered from the old log have nobody. Each allocation is audited; nobody was emailed."""
    handled = OmbudsmanCase.objects.filter(assigned_to__isnull=False)
    assert set(handled.values_list("assigned_to__username", flat=True)) == {"officer", "manager"}
    assert not OmbudsmanCase.objects.exclude(historic_category="").filter(assigned_to__isnull=False).exists()
    officer_cases = OmbudsmanCase.objects.filter(assigned_to__username="officer")
    assert officer_cases.filter(recommendations__isnull=False).exists()
    assert officer_cases.exclude(phase=OmbudsmanPhase.DECIDED).count() == 2
    assert AuditEvent.objects.filter(verb="ombudsman.case_assigned").count() == handled.count()
    # The only emails are the acknowledgements of the forms sent online.
    emails = AuditEvent.objects.filter(verb="email.queued")
    assert emails.exists()
    assert not emails.exclude(subject_type=ContentType.objects.get_for_model(OnlineSubmission)).exists()


def test_ombudsman_mix_of_decisions_and_historic_categories_in_the_oldest_year(loaded):
    decided = OmbudsmanCase.objects.filter(phase=OmbudsmanPhase.DECIDED)
    assert decided.filter(closing_reason=ClosingReason.OUT_OF_JURISDICTION).exists()
    assert decided.filter(decision=DecisionLabel.REFERRED_BACK).exists()
    assert decided.filter(decision=DecisionLabel.NOT_UPHELD).exists()
    assert decided.filter(remedy_already_provided=True).exists()
    historic = decided.exclude(historic_category="")
    assert historic.count() == 2
    assert not historic.exclude(_in(YEARS[0], "received_on")).exists()
    assert OmbudsmanCase.objects.exclude(phase=OmbudsmanPhase.DECIDED).count() == 2
    assert Recommendation.objects.filter(compliance=Compliance.COMPLIED_LATE).exists()
    assert Recommendation.objects.filter(compliance=Compliance.PENDING).exists()


def test_each_ombudsman_case_is_about_a_complaint_closed_before_it(loaded):
    for case in OmbudsmanCase.objects.prefetch_related("complaints"):
        complaint = case.complaints.get()
        assert complaint.closed_on is not None and complaint.closed_on < case.received_on
        assert case.person.complaints.filter(complaint=complaint).exists()
    references = list(OmbudsmanCase.objects.values_list("lgsco_reference", flat=True))
    assert len(set(references)) == len(references)


# -- Learning ---------------------------------------------------------------------------------------

def test_most_upheld_stage_one_responses_have_a_learning_note_with_a_root_cause(loaded):
    upheld = Stage.objects.filter(number=1, status=StageStatus.RESPONDED,
                                  outcome__in=[Outcome.UPHELD, Outcome.PARTIALLY_UPHELD],
                                  responded_on__lte=DAY - timedelta(days=21))
    noted = upheld.filter(learning_notes__isnull=False).count()
    assert noted >= 0.7 * upheld.count()
    assert not LearningNote.objects.filter(root_cause="").exists()
    assert LearningNote.objects.values("root_cause").distinct().count() >= 6
    assert LearningNote.objects.filter(shared_with_learning_team_on__isnull=False).count() >= 0.8 * noted
    assert not Stage.objects.filter(outcome=Outcome.NOT_UPHELD, learning_notes__isnull=False).exists()


def test_a_learning_meeting_every_month_with_a_key_priority_approved(loaded):
    months = {(m.year, m.month) for m in LearningMeeting.objects.values_list("held_on", flat=True)}
    expected, day = set(), date(2024, 5, 1)
    while day <= DAY:
        expected.add((day.year, day.month))
        day = (day + timedelta(days=32)).replace(day=1)
    assert months == expected
    assert not LearningMeeting.objects.filter(key_priority="").exists()
    assert LearningMeeting.objects.filter(approved_on__isnull=True).count() <= 1
    assert LearningMeeting.objects.filter(complaints__isnull=False).distinct().count() >= 20


def test_one_action_plan_a_year_with_numbered_actions_updated_each_quarter(loaded):
    plans = ActionPlan.objects.order_by("starts_on")
    assert [plan.period_label for plan in plans] == ["2024-25", "2025-26", "2026-27"]
    for plan in plans:
        actions = plan.actions.all()
        assert 6 <= actions.count() <= 10
        assert list(actions.values_list("number", flat=True)) == list(range(1, actions.count() + 1))
        assert actions.filter(complaints__isnull=False).exists()
        assert not actions.filter(updates__isnull=True).exists()
    assert Action.objects.filter(status=ActionStatus.COMPLETE).count() >= 12
    assert Action.objects.filter(status=ActionStatus.DROPPED).exists()
    assert Action.objects.filter(ombudsman_cases__isnull=False).exists()


def test_actions_owned_by_a_demo_sign_in_name_them_as_the_member_of_staff(loaded):
    owned = Action.objects.filter(owned_by__isnull=False)
    assert set(owned.values_list("owned_by__username", flat=True)) == {"manager", "learning"}
    assert Action.objects.filter(owned_by__isnull=True).count() > owned.count()  # most owners are words
    for action in owned.select_related("owned_by"):
        expected = "Principal Social Worker" if action.owned_by.username == "learning" else \
            "Complaints and Information Manager"
        assert expected in action.owner
    assert owned.filter(ombudsman_cases__isnull=False).exists()  # the leaflet review
    assert AuditEvent.objects.filter(verb="action.owner_assigned").count() == owned.count()


def test_some_actions_are_overdue_now(loaded):
    overdue = actions_overdue(today=DAY)
    assert overdue.count() >= 2
    assert {action.plan.period_label for action in overdue} <= {"2025-26", "2026-27"}


# -- Reports ------------------------------------------------------------------------------------------

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


# -- Once only ----------------------------------------------------------------------------------------

def test_summary_lines_count_the_other_records(loaded):
    text = "\n".join(loaded.lines)
    assert f"compliments {Compliment.objects.count()} " in text
    assert f"Ombudsman cases {OmbudsmanCase.objects.count()} " in text


def test_a_second_run_adds_nothing(loaded):
    before = _counts()
    call_command("load_demo_council", stdout=StringIO())
    assert _counts() == before
