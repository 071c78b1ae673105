"""ADR on complaints, with what it saved; IRO dispute resolution."""

from decimal import Decimal

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.kind_choices import AdrMethod, AdrResult, IroStage
from fairhearing.cases.kinds.resolutions import (
    adr_create,
    adr_update,
    iro_dispute_create,
    iro_dispute_update,
)
from fairhearing.cases.models import AdrCase, IroDispute
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError
from fairhearing.people.tests.factories import ChildFactory

from .conftest import LATER, D, audited_anywhere
from .factories import make_adr, make_iro_dispute

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(actor):
    return make_complaint(actor=actor)  # received Tuesday 4 January 2022


def test_adr_offered_held_and_resolved_with_a_saving(actor, complaint, team):
    adr = adr_create(offered_on=D(2022, 1, 10), method=AdrMethod.MEDIATION, complaint=complaint, stage_number=1,
                     team=team, actor=actor, today=D(2022, 1, 10))
    assert (adr.reference, adr.result) == ("ADR-2022-0001", AdrResult.PENDING)
    assert list(complaint.adr_cases.all()) == [adr]
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.adr_offered").exists()

    adr = adr_update(adr_case=adr, held_on=D(2022, 1, 14), confirmed_in_writing_on=D(2022, 1, 17),
                     result=AdrResult.RESOLVED, saving=Decimal("1800"), actor=actor, today=LATER)
    assert (adr.held_on, adr.confirmed_in_writing_on, adr.result, adr.saving) == (
        D(2022, 1, 14), D(2022, 1, 17), AdrResult.RESOLVED, Decimal("1800.00"))
    event = AuditEvent.objects.for_subject(adr).get(verb="adr.updated")
    assert event.summary == "ADR result: Resolved"
    assert event.changes["saving"] == [None, "1800.00"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"offered_on": D(2022, 1, 3)}, "cannot be before the complaint was received"),
        ({"offered_on": D(2024, 1, 2)}, "cannot be in the future"),
        ({"method": "arbitration"}, "how ADR was"),
        ({"stage_number": 2}, "has not reached Stage 2"),
        ({"stage_number": 4}, "1, 2 or 3"),
        ({"held_on": D(2022, 1, 9)}, "cannot be before it was offered"),
        ({"confirmed_in_writing_on": D(2022, 1, 12)}, "Record when ADR took place before the date"),
        ({"held_on": D(2022, 1, 12), "confirmed_in_writing_on": D(2022, 1, 11)}, "cannot be before ADR took place"),
        ({"result": AdrResult.RESOLVED}, "Record when ADR took place before its result"),
        ({"result": "maybe"}, "result of ADR"),
        ({"held_on": D(2022, 1, 12), "result": AdrResult.NOT_RESOLVED, "saving": Decimal("100")},
         "saving can only be recorded"),
        ({"saving": Decimal("-1")}, "cannot be negative"),
        ({"saving": Decimal("1.005")}, "two decimal places"),
        ({"saving": 1800.0}, "amount in pounds"),
    ],
)
def test_adr_refuses_bad_input_and_saves_nothing(actor, complaint, overrides, message):
    arguments = dict(offered_on=D(2022, 1, 10), method=AdrMethod.MEETING, complaint=complaint, actor=actor,
                     today=LATER)
    arguments.update(overrides)
    with pytest.raises(DomainError, match=message):
        adr_create(**arguments)
    assert not AdrCase.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="adr.").exists()


def test_adr_stage_needs_a_complaint_that_reached_it(actor, complaint):
    with pytest.raises(DomainError, match="Choose the complaint"):
        make_adr(actor=actor, stage_number=1)
    complaint.stages.create(number=1, requested_on=D(2022, 1, 4), status="responded", closed_on=D(2022, 1, 18))
    complaint.stages.create(number=2, requested_on=D(2022, 2, 1))
    adr = make_adr(actor=actor, complaint=complaint, stage_number=2, offered_on=D(2022, 2, 3))
    assert adr.stage_number == 2


def test_adr_without_a_complaint_is_allowed(actor):
    assert make_adr(actor=actor).complaint is None


def test_adr_update_refuses_bad_input_and_changes_nothing(actor, complaint):
    adr = make_adr(actor=actor, complaint=complaint, offered_on=D(2022, 1, 10))
    with pytest.raises(DomainError, match="Record when ADR took place before its result"):
        adr_update(adr_case=adr, result=AdrResult.RESOLVED, actor=actor, today=LATER)
    adr.refresh_from_db()
    assert adr.result == AdrResult.PENDING
    assert not AuditEvent.objects.filter(verb="adr.updated").exists()


def test_iro_dispute_escalates_and_is_resolved(actor, team):
    child = ChildFactory(first_name="Robin")
    dispute = iro_dispute_create(raised_on=D(2022, 3, 1), raised_by="Pat Reviewer", child=child, team=team,
                                 issue="Robin's care plan review is overdue.", actor=actor, today=D(2022, 3, 1))
    assert (dispute.reference, dispute.local_stage, dispute.is_open) == ("IRO-2022-0001", IroStage.INFORMAL, True)
    assert "Robin" not in AuditEvent.objects.get(verb="iro_dispute.created").summary

    dispute = iro_dispute_update(iro_dispute=dispute, local_stage=IroStage.SERVICE_MANAGER, actor=actor, today=LATER)
    assert AuditEvent.objects.filter(verb="iro_dispute.updated").last().summary == (
        "IRO dispute now at: Service manager")
    dispute = iro_dispute_update(iro_dispute=dispute, outcome="Review held.", resolved_on=D(2022, 3, 20),
                                 actor=actor, today=LATER)
    assert not dispute.is_open
    assert AuditEvent.objects.filter(verb="iro_dispute.updated").last().summary == (
        "IRO dispute resolved on 20 March 2022")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"raised_on": D(2022, 3, 2)}, "cannot be in the future"),
        ({"raised_by": " "}, "name of the IRO"),
        ({"issue": ""}, "Describe the issue"),
        ({"local_stage": "cabinet"}, "how far the dispute has gone"),
    ],
)
def test_iro_dispute_refuses_bad_input_and_saves_nothing(actor, overrides, message):
    arguments = dict(raised_on=D(2022, 3, 1), raised_by="Pat Reviewer", issue="Issue", actor=actor,
                     today=D(2022, 3, 1))
    arguments.update(overrides)
    with pytest.raises(DomainError, match=message):
        iro_dispute_create(**arguments)
    assert not IroDispute.objects.exists()
    assert not AuditEvent.objects.exists()


def test_edited_adr_notes_are_recorded_as_changed_and_their_old_text_is_in_no_audit_event(actor):
    adr = make_adr(actor=actor, notes="Sam Taylor's grandmother asked for a meeting.")
    adr_update(adr_case=adr, notes="The family asked for a meeting.", held_on=D(2022, 1, 14), actor=actor,
               today=LATER)
    event = AuditEvent.objects.for_subject(adr).get(verb="adr.updated")
    assert event.changes == {"notes": ["(changed)", "(changed)"], "held_on": [None, "2022-01-14"]}
    assert not audited_anywhere("Sam Taylor")
    assert not audited_anywhere("asked for a meeting")


def test_edited_iro_dispute_text_is_recorded_as_changed_and_its_old_text_is_in_no_audit_event(actor):
    dispute = make_iro_dispute(actor=actor, raised_by="Pat Reviewer", issue="Robin Hale's review is late.")
    iro_dispute_update(iro_dispute=dispute, raised_by="Chris Reviewer", issue="The child's review is late.",
                       outcome="Robin Hale's review was held.", resolved_on=D(2022, 1, 20), actor=actor,
                       today=LATER)
    iro_dispute_update(iro_dispute=dispute, outcome="The review was held.", actor=actor, today=LATER)
    first, second = AuditEvent.objects.for_subject(dispute).filter(verb="iro_dispute.updated").order_by("id")
    assert first.changes == {
        "raised_by": ["(changed)", "(changed)"], "issue": ["(changed)", "(changed)"],
        "outcome": ["(changed)", "(changed)"], "resolved_on": [None, "2022-01-20"],
    }
    assert second.changes == {"outcome": ["(changed)", "(changed)"]}
    for text in ("Robin Hale", "Pat Reviewer", "Chris Reviewer", "review is late", "review was held"):
        assert not audited_anywhere(text), text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"resolved_on": D(2022, 1, 20)}, "Describe the outcome"),
        ({"resolved_on": D(2022, 1, 3), "outcome": "Agreed"}, "cannot be before it was raised"),
        ({"resolved_on": D(2024, 1, 2), "outcome": "Agreed"}, "cannot be in the future"),
    ],
)
def test_iro_dispute_resolution_refuses_bad_input(actor, changes, message):
    dispute = make_iro_dispute(actor=actor)
    with pytest.raises(DomainError, match=message):
        iro_dispute_update(iro_dispute=dispute, actor=actor, today=LATER, **changes)
    dispute.refresh_from_db()
    assert (dispute.resolved_on, dispute.outcome) == (None, "")
