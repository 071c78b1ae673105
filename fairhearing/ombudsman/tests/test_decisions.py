"""Recording the Ombudsman's final decision: which combinations of label, reason for closing and
flags make sense, the dates, and the historic decisions of older years."""

import datetime

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import officer
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.ombudsman.choices import (
    ClosingReason,
    DecisionLabel,
    HistoricCategory,
    OmbudsmanPhase,
)
from fairhearing.ombudsman.services import (
    ombudsman_case_record_draft_decision,
    ombudsman_case_record_historic_decision,
)

from .factories import LATER, RECEIVED, decide, make_case

pytestmark = pytest.mark.django_db
D = datetime.date
UPHELD, NOT_UPHELD = DecisionLabel.UPHELD, DecisionLabel.NOT_UPHELD
CLOSED = DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES


@pytest.fixture
def actor():
    return officer()


@pytest.fixture
def case(actor):
    return make_case(actor=actor)


def flags(decision, closing_reason="", fault=None, injustice=None, remedy=False, report=False):
    return dict(decision=decision, closing_reason=closing_reason, fault=fault, injustice=injustice,
                remedy_already_provided=remedy, public_interest_report=report)


@pytest.mark.parametrize(
    ("decision", "summary", "category"),
    [
        (flags(UPHELD, fault=True, injustice=True), "upheld: fault causing injustice",
         "maladministration_injustice"),
        (flags(UPHELD, fault=True, injustice=False, report=True),
         "upheld: fault, no injustice (public interest report)", "maladministration_no_injustice"),
        (flags(UPHELD, remedy=True), "upheld: the council had already provided a satisfactory remedy",
         "local_settlement"),
        (flags(UPHELD, fault=True, injustice=True, remedy=True),
         "upheld: the council had already provided a satisfactory remedy", "local_settlement"),
        (flags(NOT_UPHELD, fault=False), "not upheld: no fault", "no_maladministration"),
        (flags(NOT_UPHELD), "not upheld: no fault", "no_maladministration"),
        (flags(CLOSED, ClosingReason.LATE), "closed after initial enquiries: complaint made too late "
         "(more than 12 months)", "closed_after_initial_enquiries"),
        (flags(CLOSED, ClosingReason.OUT_OF_JURISDICTION), "closed after initial enquiries: out of jurisdiction",
         "outside_jurisdiction"),
        (flags(DecisionLabel.REFERRED_BACK), "referred back for local resolution (premature)", "premature"),
        (flags(DecisionLabel.ADVICE_GIVEN), "advice given", "closed_after_initial_enquiries"),
        (flags(DecisionLabel.INCOMPLETE_INVALID), "incomplete or invalid", "discontinued"),
    ],
)
def test_consistent_decisions_are_recorded_and_audited(case, actor, decision, summary, category):
    decide(case, actor=actor, final_decision_on=D(2022, 6, 1), **decision)
    case.refresh_from_db()
    assert (case.phase, case.final_decision_on, case.decision) == ("decided", D(2022, 6, 1), decision["decision"])
    assert (case.fault, case.injustice, case.closing_reason) == (
        decision["fault"], decision["injustice"], decision["closing_reason"])
    event = AuditEvent.objects.for_subject(case).get(verb="ombudsman.decided")
    assert event.summary == f"Final decision on 1 June 2022: {summary}"
    assert event.data["historic_category"] == category
    assert event.changes == {"phase": ["enquiry", "decided"]}


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (flags("partly_upheld"), "Choose the Ombudsman's decision."),
        (flags(""), "Choose the Ombudsman's decision."),
        (flags(UPHELD), "An upheld decision means the Ombudsman found fault, or the council had already "
                        "provided a suitable remedy. Record which."),
        (flags(UPHELD, fault=False, injustice=False), "An upheld decision means the Ombudsman found fault"),
        (flags(UPHELD, fault=True), "Say whether the fault caused injustice."),
        (flags(UPHELD, fault=False, injustice=True, remedy=True), "Injustice is found only where there was fault."),
        (flags(UPHELD, ClosingReason.LATE, fault=True, injustice=True),
         "A reason for closing is recorded only when the Ombudsman closed the case after initial enquiries."),
        (flags(NOT_UPHELD, fault=True, injustice=False), "A complaint that is not upheld has no fault found."),
        (flags(NOT_UPHELD, fault=False, remedy=True), "A remedy the council had already provided is recorded "
                                                      "only with an upheld decision"),
        (flags(CLOSED), "Choose why the Ombudsman closed the case after initial enquiries."),
        (flags(CLOSED, "no_reason"), "Choose why the Ombudsman closed the case after initial enquiries."),
        (flags(CLOSED, ClosingReason.COURT, fault=False),
         "The Ombudsman finds fault or injustice only in an upheld or not upheld decision."),
        (flags(DecisionLabel.REFERRED_BACK, ClosingReason.DISCRETION),
         "A reason for closing is recorded only when the Ombudsman closed the case after initial enquiries."),
        (flags(DecisionLabel.ADVICE_GIVEN, injustice=True),
         "The Ombudsman finds fault or injustice only in an upheld or not upheld decision."),
        (flags(DecisionLabel.REFERRED_BACK, remedy=True), "A remedy the council had already provided"),
        (flags(CLOSED, ClosingReason.DISCRETION, report=True),
         "A public interest report follows an investigation: the decision must be upheld or not upheld."),
    ],
)
def test_inconsistent_decisions_are_refused_and_nothing_is_saved(case, actor, decision, message):
    with pytest.raises(DomainError) as refusal:
        decide(case, actor=actor, **decision)
    assert refusal.value.message.startswith(message)
    case.refresh_from_db()
    assert (case.phase, case.decision, case.final_decision_on) == (OmbudsmanPhase.ENQUIRY, "", None)
    assert not AuditEvent.objects.filter(verb="ombudsman.decided").exists()


def test_a_public_interest_report_may_follow_a_finding_of_no_fault(case, actor):
    """Reports were issued on investigations finding no maladministration too (the old "NM reps")."""
    decide(case, actor=actor, **flags(NOT_UPHELD, fault=False, report=True))
    case.refresh_from_db()
    assert case.public_interest_report is True


class TestDates:
    def test_on_the_day_received_and_on_today_are_allowed(self, actor):
        same_day = decide(make_case(actor=actor), actor=actor, final_decision_on=RECEIVED)
        assert same_day.final_decision_on == RECEIVED
        today = decide(make_case(actor=actor, lgsco_reference="21 000 002"), actor=actor,
                       final_decision_on=D(2022, 6, 1), today=D(2022, 6, 1))
        assert today.final_decision_on == D(2022, 6, 1)

    def test_the_day_before_received_is_refused(self, case, actor):
        with pytest.raises(DomainError) as refusal:
            decide(case, actor=actor, final_decision_on=D(2022, 1, 3))
        assert refusal.value.message == (
            "The date of the final decision cannot be before the council was told of the enquiry (4 January 2022)."
        )

    def test_tomorrow_is_refused(self, case, actor):
        with pytest.raises(DomainError, match="^The date of the final decision cannot be in the future.$"):
            decide(case, actor=actor, final_decision_on=D(2022, 6, 2), today=D(2022, 6, 1))

    def test_not_before_the_draft_decision_but_on_the_same_day(self, actor):
        case = make_case(actor=actor)
        ombudsman_case_record_draft_decision(case=case, draft_decision_on=D(2022, 5, 3), actor=actor, today=LATER)
        with pytest.raises(DomainError, match=r"^The final decision cannot be before the draft decision \(3 May"):
            decide(case, actor=actor, final_decision_on=D(2022, 5, 2))
        decide(case, actor=actor, final_decision_on=D(2022, 5, 3))
        case.refresh_from_db()
        assert (case.draft_decision_on, case.final_decision_on) == (D(2022, 5, 3), D(2022, 5, 3))

    def test_a_decision_date_is_required(self, case, actor):
        with pytest.raises(DomainError, match="^Enter the date of the final decision.$"):
            decide(case, actor=actor, final_decision_on=None)


def test_a_decision_is_recorded_once(case, actor):
    decide(case, actor=actor, final_decision_on=D(2022, 6, 1))
    with pytest.raises(TransitionNotAllowed, match=r"already recorded \(1 June 2022\)"):
        decide(case, actor=actor, **flags(NOT_UPHELD))
    case.refresh_from_db()
    assert case.decision == UPHELD
    assert AuditEvent.objects.filter(verb="ombudsman.decided").count() == 1


class TestHistoricDecision:
    def test_recorded_in_the_old_category(self, case, actor):
        ombudsman_case_record_historic_decision(
            case=case, final_decision_on=D(2022, 3, 1), historic_category=HistoricCategory.PREMATURE, actor=actor,
            today=LATER,
        )
        case.refresh_from_db()
        assert (case.phase, case.decision, case.historic_category) == ("decided", "", "premature")
        event = AuditEvent.objects.for_subject(case).get(verb="ombudsman.decided")
        assert event.summary == ("Final decision on 1 March 2022 (historic category): Premature or informal "
                                 "enquiries")

    def test_an_unknown_category_is_refused(self, case, actor):
        with pytest.raises(DomainError, match="^Choose the category the decision was recorded in.$"):
            ombudsman_case_record_historic_decision(case=case, final_decision_on=D(2022, 3, 1),
                                                    historic_category="mi_reps", actor=actor, today=LATER)
        case.refresh_from_db()
        assert case.phase == OmbudsmanPhase.ENQUIRY

    def test_the_same_date_rules_apply(self, case, actor):
        with pytest.raises(DomainError, match="cannot be before the council was told"):
            ombudsman_case_record_historic_decision(case=case, final_decision_on=D(2022, 1, 3),
                                                    historic_category="discretion", actor=actor, today=LATER)

    def test_not_on_a_case_already_decided(self, case, actor):
        decide(case, actor=actor)
        with pytest.raises(TransitionNotAllowed):
            ombudsman_case_record_historic_decision(case=case, final_decision_on=D(2022, 3, 1),
                                                    historic_category="discretion", actor=actor, today=LATER)
