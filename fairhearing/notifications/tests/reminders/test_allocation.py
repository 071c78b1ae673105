"""The case_allocated email on every allocation path, and when nobody is emailed."""

import hashlib

import pytest
from django.db import transaction

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_exclude
from fairhearing.cases.allocation_listeners import (
    allocation_notices_suppressed,
    notify_allocated,
    register_allocation_listener,
    unregister_allocation_listener,
)
from fairhearing.cases.details import complaint_details_update
from fairhearing.cases.models import Complaint
from fairhearing.core.errors import DomainError
from fairhearing.learning.services import action_assign_owner
from fairhearing.learning.tests.factories import ActionFactory
from fairhearing.ombudsman.services import ombudsman_case_assign
from fairhearing.ombudsman.tests.factories import OmbudsmanCaseFactory, RecommendationFactory
from fairhearing.stages.services import (
    stage_request_next,
    stage_three_convene_panel,
    stage_two_appoint,
)

from .conftest import TEAM, D, complaint_held_by, outbox, stage_two

pytestmark = pytest.mark.django_db
ALLOCATED = "case_allocated"


@pytest.fixture(autouse=True)
def _listener(allocation_emails):
    """Every test here runs with the listener registered (as the app does at start-up)."""


def _details(complaint, *, assigned_to, actor, summary=None):
    return complaint_details_update(
        complaint=complaint, teams=list(complaint.teams.all()), themes=list(complaint.themes.all()),
        assigned_to=assigned_to, summary=summary or complaint.summary, routing_reason=complaint.routing_reason,
        actor=actor,
    )


def test_logging_a_complaint_for_an_officer_emails_them_references_only(officer, manager):
    complaint = complaint_held_by(officer, actor=manager)
    [message] = outbox(ALLOCATED)
    assert message.to_address == "officer@example.org"
    assert message.recipient == officer
    assert message.subject == f"{complaint.reference} has been allocated to you"
    assert "A complaint has been allocated to you." in message.body_text
    assert "You are named as: Officer holding the complaint. Acknowledgement due 5 June 2025." in message.body_text
    assert f"http://127.0.0.1:8000/complaints/{complaint.reference}/" in message.body_text
    # Nobody's name: not the child's, not the complainant's, not the summary.
    people = [link.person for link in complaint.complainants.all()] + [link.child for link in complaint.children.all()]
    for person in people:
        assert person.first_name not in message.body_text + message.subject
    assert complaint.summary not in message.body_text
    assert AuditEvent.objects.filter(verb="email.queued", subject_id=complaint.pk).count() == 1


def test_logging_a_complaint_for_yourself_or_for_nobody_emails_nobody(officer):
    complaint_held_by(officer, actor=officer)
    complaint_held_by(None, actor=officer)
    assert outbox() == []


def test_reallocating_a_complaint_emails_the_new_holder_once(officer, other_officer, manager):
    complaint = complaint_held_by(officer, actor=manager)
    _details(complaint, assigned_to=other_officer, actor=manager)
    _details(complaint, assigned_to=other_officer, actor=manager, summary="Corrected summary.")
    _details(complaint, assigned_to=None, actor=manager)
    assert [m.to_address for m in outbox(ALLOCATED)] == ["officer@example.org", "other-officer@example.org"]


def test_no_email_to_someone_without_an_address_or_who_may_not_see_the_complaint(officer, other_officer, manager):
    officer.email = ""
    officer.save(update_fields=["email"])
    complaint = complaint_held_by(officer, actor=manager)
    assert complaint.assigned_to == officer  # the allocation stands
    complaint_exclude(complaint=complaint, users=[other_officer], actor=manager)
    _details(complaint, assigned_to=other_officer, actor=manager)
    assert Complaint.objects.get(pk=complaint.pk).assigned_to == other_officer
    assert outbox() == []


def test_stage_two_investigators_are_each_emailed_once(officer, manager):
    investigator = UserFactory(username="io", roles=[Role.INVESTIGATOR])
    independent = UserFactory(username="ip", roles=[Role.INVESTIGATOR])
    complaint = complaint_held_by(None, actor=manager)
    stage = stage_two(complaint, actor=manager, investigating_officer=investigator, independent_person=independent)
    messages = outbox(ALLOCATED)
    assert [m.to_address for m in messages] == ["io@example.org", "ip@example.org"]
    assert "A Stage 2 complaint has been allocated to you." in messages[0].body_text
    assert "You are named as: Investigating Officer. Stage 2 response due 6 August 2025." in messages[0].body_text
    assert "You are named as: Independent Person." in messages[1].body_text

    # Appointed again with a new Independent Person: only the new one hears.
    replacement = UserFactory(username="ip-2", roles=[Role.INVESTIGATOR])
    stage_two_appoint(stage=stage, investigating_officer=investigator, independent_person=replacement,
                      appointed_on=D(2025, 7, 3), actor=manager, today=D(2025, 7, 3))
    assert [m.to_address for m in outbox(ALLOCATED)][2:] == ["ip-2@example.org"]


def test_review_panel_members_are_emailed_when_first_named(officer, manager):
    from fairhearing.stages.services import stage_two_adjudicate
    from fairhearing.stages.services._common import PointFinding

    senior = UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])
    investigator = UserFactory(username="io", roles=[Role.INVESTIGATOR], email="")
    independent = UserFactory(username="ip", roles=[Role.INVESTIGATOR], email="")
    complaint = complaint_held_by(None, actor=manager)
    stage = stage_two(complaint, actor=manager, investigating_officer=investigator, independent_person=independent)
    stage_two_adjudicate(stage=stage, adjudicated_on=D(2025, 8, 6), actor=senior, today=D(2025, 8, 6),
                         findings={p.number: PointFinding("not_upheld") for p in complaint.points.all()})
    three = stage_request_next(complaint=complaint, requested_on=D(2025, 8, 20), actor=manager, today=D(2025, 8, 20))
    panel = [UserFactory(username=f"panel-{n}", roles=[Role.INVESTIGATOR]) for n in (1, 2, 3)]
    stage_three_convene_panel(stage=three, members=panel, chair=panel[0], actor=manager)
    messages = outbox(ALLOCATED)
    assert sorted(m.to_address for m in messages) == ["panel-1@example.org", "panel-2@example.org",
                                                      "panel-3@example.org"]
    assert "You are named as: Review panel member. Stage 3 review panel meeting due" in messages[0].body_text
    newcomer = UserFactory(username="panel-4", roles=[Role.INVESTIGATOR])
    stage_three_convene_panel(stage=three, members=[panel[0], panel[1], newcomer], chair=panel[0], actor=manager)
    assert [m.to_address for m in outbox(ALLOCATED)][3:] == ["panel-4@example.org"]


def test_giving_an_ombudsman_case_to_an_officer_emails_them(officer, manager):
    case = OmbudsmanCaseFactory()
    RecommendationFactory(case=case, number=1, due_on=D(2025, 9, 1))
    ombudsman_case_assign(case=case, assigned_to=officer, actor=manager)
    ombudsman_case_assign(case=case, assigned_to=officer, actor=manager)  # no change: no second email
    [message] = outbox(ALLOCATED)
    assert message.subject == f"{case.lgsco_reference} has been allocated to you"
    assert "A Local Government and Social Care Ombudsman case has been allocated to you." in message.body_text
    assert "Next recommendation due 1 September 2025." in message.body_text
    assert f"/ombudsman/{case.pk}/" in message.body_text
    event = AuditEvent.objects.get(verb="ombudsman.case_assigned")
    assert event.changes == {"assigned_to_id": [None, officer.pk]}
    assert officer.get_full_name() not in event.summary


def test_an_ombudsman_case_cannot_go_to_someone_who_may_not_see_it(manager, responding_manager):
    case = OmbudsmanCaseFactory()
    with pytest.raises(DomainError, match="cannot handle the case: they may not see it"):
        ombudsman_case_assign(case=case, assigned_to=responding_manager, actor=manager)
    case.refresh_from_db()
    assert case.assigned_to is None
    assert outbox() == [] and not AuditEvent.objects.filter(verb="ombudsman.case_assigned").exists()


def test_naming_an_actions_owner_emails_them(officer, manager):
    action = ActionFactory(target_on=D(2025, 9, 30))
    action_assign_owner(action=action, owned_by=officer, actor=manager)
    [message] = outbox(ALLOCATED)
    assert message.subject == f"Action plan 2022-23, action {action.number} has been allocated to you"
    assert "A task on an action plan has been allocated to you." in message.body_text
    assert "You are named as: Owner of the action. Target completion 30 September 2025." in message.body_text
    assert action.task not in message.body_text
    action_assign_owner(action=action, owned_by=None, actor=manager)
    action.refresh_from_db()
    assert action.owned_by is None
    assert len(outbox()) == 1


def test_an_action_cannot_be_owned_by_someone_who_may_not_see_plans(manager, responding_manager):
    action = ActionFactory()
    with pytest.raises(DomainError, match="their role does not let them see action plans"):
        action_assign_owner(action=action, owned_by=responding_manager, actor=manager)
    action.refresh_from_db()
    assert action.owned_by is None


def test_allocations_inside_an_import_email_nobody(manager):
    from fairhearing.intake.importing.rows import validate_file
    from fairhearing.intake.importing.writer import import_complaints
    from fairhearing.intake.tests.builders import complaint, csv_bytes

    TeamFactory(name=TEAM)
    senior = UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])
    calls = []

    def recorder(**kwargs):
        calls.append(kwargs)

    register_allocation_listener(recorder)
    try:
        # Through Stage 2 (investigators appointed) and Stage 3 (a panel convened).
        row = complaint(4, **{"Stage 1 outcome": "not_upheld", "Remedies": "apology", "Payment amount": "",
                              "Stage 2 requested": "04/05/2021", "Stage 2 statement agreed": "11/05/2021",
                              "Stage 2 responded": "15/06/2021", "Stage 2 outcome": "not_upheld",
                              "Stage 3 requested": "01/07/2021", "Stage 3 panel": "26/07/2021"})
        data = csv_bytes([row])
        validation = validate_file(data, today=D(2022, 3, 1))
        result = import_complaints(validation=validation, file_name="register.csv",
                                   file_sha256=hashlib.sha256(data).hexdigest(), actor=manager,
                                   adjudicator=senior, today=D(2022, 3, 1))
        assert result.created_count == 1
        assert result.created[0].stages.get(number=3).panel_members.count() == 3
        assert calls == []
        assert outbox() == []
        # The hook itself: silent inside the block, heard outside it.
        with transaction.atomic():
            with allocation_notices_suppressed():
                notify_allocated(record=result.created[0], user=senior, role_label="test", actor=manager)
            assert calls == []
            notify_allocated(record=result.created[0], user=senior, role_label="test", actor=manager)
        assert [call["user"] for call in calls] == [senior]
    finally:
        unregister_allocation_listener(recorder)
