"""Logging an Ombudsman case, changing its details, linking complaints and the draft decision: what
is refused, what is saved, and what the audit log says."""

import datetime
import json

import pytest
from django.db import IntegrityError, transaction

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.ombudsman.choices import OmbudsmanPhase
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.selectors import ombudsman_cases_for_complaint
from fairhearing.ombudsman.services import (
    ombudsman_case_link_complaint,
    ombudsman_case_record_draft_decision,
    ombudsman_case_update,
)
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

from .factories import LATER, RECEIVED, OmbudsmanCaseFactory, decide, make_case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def actor():
    return officer()


def details(case: OmbudsmanCase, **changes):
    """The case's current details as ombudsman_case_update takes them, with ``changes`` applied."""
    values = dict(
        lgsco_reference=case.lgsco_reference, received_on=case.received_on, summary=case.summary,
        team=case.team, person=case.person, child=case.child, phase=case.phase,
        information_requested_on=case.information_requested_on, information_due_on=case.information_due_on,
        information_sent_on=case.information_sent_on,
    )
    return values | changes


def events(case, verb=None):
    found = AuditEvent.objects.for_subject(case)
    return list(found.filter(verb=verb) if verb else found)


def test_logging_a_case_links_its_complaints_and_people_and_is_audited(actor):
    complaint = make_complaint(actor=actor)
    child = ChildFactory(first_name="Ellery", last_name="Quince")
    case = make_case(
        actor=actor, complaints=[complaint], team=TeamFactory(name="Children in Care"), person=PersonFactory(),
        child=child, summary="Ellery's Stage 2 took too long.", information_requested_on=D(2022, 1, 5),
        information_due_on=D(2022, 2, 2),
    )
    assert list(case.complaints.all()) == [complaint]
    assert list(child.ombudsman_cases.all()) == [case]
    assert (case.phase, case.created_by) == (OmbudsmanPhase.ENQUIRY, actor)
    [event] = events(case)
    assert (event.verb, event.actor) == ("ombudsman.case_created", actor)
    assert event.summary == "Ombudsman case 21 012 345 logged: enquiry"
    assert event.data["complaints"] == [complaint.reference]
    assert event.data["team"] == "Children in Care"
    assert "Ellery" not in event.summary and "Ellery" not in str(event.data)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"received_on": LATER + datetime.timedelta(days=1)},
         "The date the council was told of the enquiry cannot be in the future."),
        ({"received_on": None}, "Enter the date the council was told of the enquiry."),
        ({"phase": "decided"}, "Log the case first, then record the Ombudsman's decision."),
        ({"phase": "closed"}, "Choose how far the Ombudsman has got"),
        ({"information_due_on": D(2022, 2, 1)}, "Enter the date the Ombudsman asked for information."),
        ({"information_requested_on": D(2022, 1, 3)},
         "The date the Ombudsman asked for information cannot be before the council was told of the "
         "enquiry (4 January 2022)."),
        ({"information_requested_on": D(2022, 1, 10), "information_due_on": D(2022, 1, 9)},
         "The date the information is due cannot be before the Ombudsman asked for it (10 January 2022)."),
        ({"information_requested_on": D(2022, 1, 10), "information_sent_on": D(2022, 1, 9)},
         "The date the council sent the information cannot be before the Ombudsman asked for it"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_saved(actor, kwargs, message):
    with pytest.raises(DomainError) as refusal:
        make_case(actor=actor, **kwargs)
    assert refusal.value.message.startswith(message)
    assert not OmbudsmanCase.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="ombudsman.").exists()


def test_received_today_is_allowed_and_the_information_deadline_may_be_in_the_future(actor):
    case = make_case(actor=actor, received_on=LATER, today=LATER, information_requested_on=LATER,
                     information_due_on=LATER + datetime.timedelta(days=28), information_sent_on=LATER)
    assert case.information_due_on == D(2024, 1, 26)


def test_information_dates_are_stored_as_the_ombudsman_gives_them(actor):
    """Calendar days, set by the Ombudsman: a deadline on a Sunday or bank holiday stays there."""
    case = make_case(actor=actor, information_requested_on=D(2022, 11, 28), information_due_on=D(2022, 12, 25))
    case.refresh_from_db()
    assert case.information_due_on == D(2022, 12, 25)


def test_changing_details_audits_only_what_changed(actor):
    case = make_case(actor=actor)
    team = TeamFactory(name="Fostering")
    ombudsman_case_update(case=case, **details(case, phase=OmbudsmanPhase.INVESTIGATION, team=team,
                                               lgsco_reference="21-012-346"), actor=actor, today=LATER)
    case.refresh_from_db()
    assert (case.phase, case.team, case.lgsco_reference) == ("investigation", team, "21 012 346")
    [event] = events(case, "ombudsman.case_changed")
    assert event.summary == "Details changed: reference, team, phase now investigation"
    assert event.changes == {"lgsco_reference": ["21 012 345", "21 012 346"], "team": [None, "Fostering"],
                             "phase": ["enquiry", "investigation"]}


def test_saving_without_a_change_writes_no_event(actor):
    case = make_case(actor=actor)
    ombudsman_case_update(case=case, **details(case, lgsco_reference="21012345"), actor=actor, today=LATER)
    assert not events(case, "ombudsman.case_changed")


def test_the_people_on_a_case_are_audited_by_id_not_by_name(actor):
    case = make_case(actor=actor)
    child = ChildFactory(first_name="Ellery")
    ombudsman_case_update(case=case, **details(case, child=child), actor=actor, today=LATER)
    [event] = events(case, "ombudsman.case_changed")
    assert event.changes == {"child_id": [None, child.pk]}
    assert event.summary == "Details changed: child"


def test_an_edited_summary_is_recorded_as_changed_and_its_old_text_is_in_no_audit_event(actor):
    case = make_case(actor=actor, summary="Ellery Shaw's Stage 2 took too long.")
    ombudsman_case_update(case=case, **details(case, summary="The child's Stage 2 took too long."), actor=actor,
                          today=LATER)
    case.refresh_from_db()
    assert case.summary == "The child's Stage 2 took too long."
    [event] = events(case, "ombudsman.case_changed")
    assert event.changes == {"summary": ["(changed)", "(changed)"]}
    assert event.summary == "Details changed: summary"
    for text in ("Ellery", "took too long"):
        assert not any(text in json.dumps([event.summary, event.changes, event.data], default=str)
                       for event in AuditEvent.objects.all()), text


def test_a_reference_in_use_by_another_case_is_refused(actor):
    OmbudsmanCaseFactory(lgsco_reference="22 000 001")
    case = make_case(actor=actor)
    with pytest.raises(DomainError, match="already an Ombudsman case with reference 22 000 001"):
        ombudsman_case_update(case=case, **details(case, lgsco_reference="22000001"), actor=actor, today=LATER)
    case.refresh_from_db()
    assert case.lgsco_reference == "21 012 345"


def test_only_the_decision_marks_a_case_decided(actor):
    case = make_case(actor=actor)
    with pytest.raises(DomainError, match="Record the Ombudsman's decision"):
        ombudsman_case_update(case=case, **details(case, phase=OmbudsmanPhase.DECIDED), actor=actor, today=LATER)


def test_a_decided_case_keeps_its_phase_but_its_details_can_be_corrected(actor):
    case = decide(make_case(actor=actor), actor=actor)
    with pytest.raises(TransitionNotAllowed, match="its phase cannot change"):
        ombudsman_case_update(case=case, **details(case, phase=OmbudsmanPhase.INVESTIGATION), actor=actor,
                              today=LATER)
    ombudsman_case_update(case=case, **details(case, summary="Corrected"), actor=actor, today=LATER)
    case.refresh_from_db()
    assert (case.summary, case.phase) == ("Corrected", OmbudsmanPhase.DECIDED)


def test_the_received_date_cannot_move_after_a_decision(actor):
    case = make_case(actor=actor)
    ombudsman_case_record_draft_decision(case=case, draft_decision_on=D(2022, 3, 1), actor=actor, today=LATER)
    case.refresh_from_db()
    # The same day as the draft decision is allowed; the day after is not.
    ombudsman_case_update(case=case, **details(case, received_on=D(2022, 3, 1)), actor=actor, today=LATER)
    case.refresh_from_db()
    with pytest.raises(DomainError, match=r"cannot be after the draft decision \(1 March 2022\)"):
        ombudsman_case_update(case=case, **details(case, received_on=D(2022, 3, 2)), actor=actor, today=LATER)


def test_linking_a_complaint_is_audited_and_found_from_the_complaint(actor):
    complaint = make_complaint(actor=actor)
    first = make_case(actor=actor, received_on=D(2022, 3, 1))
    second = make_case(actor=actor, lgsco_reference="22 000 002", received_on=D(2022, 9, 1))
    ombudsman_case_link_complaint(case=first, complaint=complaint, actor=actor)
    ombudsman_case_link_complaint(case=second, complaint=complaint, actor=actor)
    assert list(ombudsman_cases_for_complaint(complaint)) == [second, first]
    [event] = events(first, "ombudsman.complaint_linked")
    assert event.summary == f"Complaint {complaint.reference} linked"
    with pytest.raises(DomainError, match="already linked"):
        ombudsman_case_link_complaint(case=first, complaint=complaint, actor=actor)
    assert len(events(first, "ombudsman.complaint_linked")) == 1


def test_a_complaint_with_no_ombudsman_case_has_none(actor):
    make_case(actor=actor)
    assert not ombudsman_cases_for_complaint(make_complaint(actor=actor)).exists()


class TestDraftDecision:
    def test_recorded_and_audited(self, actor):
        case = make_case(actor=actor)
        ombudsman_case_record_draft_decision(case=case, draft_decision_on=D(2022, 4, 1), actor=actor, today=LATER)
        case.refresh_from_db()
        assert case.draft_decision_on == D(2022, 4, 1)
        [event] = events(case, "ombudsman.draft_decision")
        assert event.summary == "Draft decision dated 1 April 2022"

    @pytest.mark.parametrize(
        ("draft_on", "today", "message"),
        [
            (RECEIVED - datetime.timedelta(days=1), LATER,
             "The date of the draft decision cannot be before the council was told of the enquiry "
             "(4 January 2022)."),
            (D(2022, 4, 2), D(2022, 4, 1), "The date of the draft decision cannot be in the future."),
        ],
    )
    def test_refused_before_the_case_or_in_the_future(self, actor, draft_on, today, message):
        case = make_case(actor=actor)
        with pytest.raises(DomainError) as refusal:
            ombudsman_case_record_draft_decision(case=case, draft_decision_on=draft_on, actor=actor, today=today)
        assert refusal.value.message == message
        case.refresh_from_db()
        assert case.draft_decision_on is None

    @pytest.mark.parametrize("draft_on", [RECEIVED, D(2022, 4, 1)])
    def test_allowed_on_the_day_received_and_on_today(self, actor, draft_on):
        case = make_case(actor=actor)
        ombudsman_case_record_draft_decision(case=case, draft_decision_on=draft_on, actor=actor,
                                             today=D(2022, 4, 1))
        case.refresh_from_db()
        assert case.draft_decision_on == draft_on

    def test_refused_once_decided(self, actor):
        case = decide(make_case(actor=actor), actor=actor)
        with pytest.raises(TransitionNotAllowed, match="already made its final decision"):
            ombudsman_case_record_draft_decision(case=case, draft_decision_on=D(2022, 4, 1), actor=actor,
                                                 today=LATER)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"draft_decision_on": RECEIVED - datetime.timedelta(days=1)}, "ombudsman_draft_not_before_received"),
        ({"phase": "decided", "decision": "not_upheld", "final_decision_on": RECEIVED - datetime.timedelta(days=1)},
         "ombudsman_final_not_before_received"),
        ({"phase": "decided", "decision": "not_upheld", "draft_decision_on": D(2022, 3, 2),
          "final_decision_on": D(2022, 3, 1)}, "ombudsman_final_not_before_draft"),
        ({"phase": "decided", "decision": "not_upheld"}, "ombudsman_decided_iff_final_date"),
        ({"final_decision_on": D(2022, 3, 1), "decision": "not_upheld"}, "ombudsman_decided_iff_final_date"),
        ({"phase": "decided", "final_decision_on": D(2022, 3, 1)}, "ombudsman_decided_has_outcome"),
        ({"decision": "not_upheld"}, "ombudsman_outcome_only_when_decided"),
        ({"phase": "decided", "final_decision_on": D(2022, 3, 1), "decision": "upheld", "fault": True,
          "closing_reason": "late"}, "ombudsman_closing_reason_only_when_closed"),
        ({"information_requested_on": D(2022, 1, 10), "information_due_on": D(2022, 1, 9)},
         "ombudsman_info_due_not_before_request"),
    ],
)
def test_the_database_refuses_inconsistent_cases(fields, constraint):
    """The last line of defence, for anything that writes without the services."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        OmbudsmanCaseFactory(**fields)
    assert constraint in str(error.value)


def test_the_database_accepts_decision_dates_on_the_day_received():
    case = OmbudsmanCaseFactory(phase="decided", decision="not_upheld", draft_decision_on=RECEIVED,
                                final_decision_on=RECEIVED)
    assert case.pk
