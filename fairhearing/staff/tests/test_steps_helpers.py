"""Shared pieces for the step page tests: complaints at each point of the procedure (built through
the real services), a valid answer for every step, and small helpers for posting GOV.UK dates.

No tests live here; the step test modules import from it. The clock is pinned (``frozen_clock``)
so "today", the dates the services accept and the working days left are the same on every run.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.audit.services import VIEWED
from fairhearing.cases.choices import ClosureReason, EligibilityBasis
from fairhearing.cases.services import complaint_acknowledge
from fairhearing.cases.tests.factories import CORPORATE, make_complaint, officer
from fairhearing.stages.services import (
    PointFinding,
    complaint_close,
    complaint_withdraw,
    stage_acknowledge_request,
    stage_one_start,
    stage_pause,
    stage_request_next,
    stage_respond,
    stage_three_convene_panel,
    stage_three_panel_met,
    stage_three_report_received,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)

D = datetime.date
# The pinned "today": well after every event below, so no date the tests post is in the future.
TODAY = D(2023, 12, 29)
TEAM = "Family Support Team 1"  # make_complaint's team


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2023, 12, 29, 12, 0, tzinfo=datetime.UTC), tick=False):
        yield


def step_url(complaint: Any, name: str) -> str:
    return reverse(f"staff:step_{name.replace('-', '_')}", args=[complaint.reference])


def detail_url(complaint: Any) -> str:
    return reverse("staff:complaint_detail", args=[complaint.reference])


def when(name: str, value: datetime.date) -> dict[str, str]:
    """A date as the three GOV.UK boxes post it."""
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}


def changes(complaint: Any) -> list[str]:
    """The verbs of the complaint's audit events, views left out."""
    return list(AuditEvent.objects.for_subject(complaint).exclude(verb=VIEWED).values_list("verb", flat=True))


def views(complaint: Any) -> int:
    return AuditEvent.objects.for_subject(complaint).filter(verb=VIEWED).count()


def login(client: Any, *roles: str, team: str | None = None, username: str | None = None) -> Any:
    extra = {"username": username} if username else {}
    user = UserFactory(roles=roles, **extra)
    if team:
        user.teams.add(TeamFactory(name=team))
    client.force_login(user)
    return user


def senior() -> Any:
    return UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])


def investigator(username: str) -> Any:
    return UserFactory(username=username, roles=[Role.INVESTIGATOR])


def both(*outcomes: str) -> dict[int, PointFinding]:
    return {n: PointFinding(outcome) for n, outcome in enumerate(outcomes or ("upheld", "upheld"), start=1)}


# --- complaints at each point of the procedure (statutory unless named corporate) ---

def received(**kwargs: Any) -> Any:
    return make_complaint(actor=officer(), **kwargs)


def late() -> Any:
    return received(grounds_arose_on=D(2020, 12, 1))


def sufficient_interest() -> Any:
    return received(eligibility_basis=EligibilityBasis.SUFFICIENT_INTEREST)


def stage_one(**kwargs: Any) -> Any:
    complaint = received(**kwargs)
    stage_one_start(complaint=complaint, actor=officer(), today=TODAY)
    return complaint


def paused() -> Any:
    complaint = stage_one()
    stage_pause(stage=complaint.stages.get(), reason="court_proceedings", started_on=D(2022, 1, 6),
                actor=officer(), today=TODAY)
    return complaint


def responded() -> Any:
    """Stage 1 answered on 10 January 2022: Stage 2 may be asked for until 7 February 2022."""
    complaint = stage_one()
    stage_respond(stage=complaint.stages.get(), responded_on=D(2022, 1, 10), findings=both(),
                  actor=officer(), today=TODAY)
    return complaint


def stage_two_waiting() -> Any:
    complaint = responded()
    stage_request_next(complaint=complaint, requested_on=D(2022, 1, 12), actor=officer(), today=TODAY)
    return complaint


def stage_two_running() -> Any:
    """Statement agreed and investigators ("io", "ip") appointed on 14 January 2022."""
    complaint = stage_two_waiting()
    stage = complaint.stages.get(number=2)
    stage_two_agree_statement(stage=stage, agreed_on=D(2022, 1, 14), actor=officer(), today=TODAY)
    stage_two_appoint(stage=stage, investigating_officer=investigator("io"), independent_person=investigator("ip"),
                      appointed_on=D(2022, 1, 14), actor=officer(), today=TODAY)
    return complaint


def stage_three() -> Any:
    """Stage 2 adjudicated on 1 February 2022; Stage 3 asked for on 3 February 2022."""
    complaint = stage_two_running()
    stage_two_adjudicate(stage=complaint.stages.get(number=2), adjudicated_on=D(2022, 2, 1), findings=both(),
                         actor=senior(), today=TODAY)
    stage_request_next(complaint=complaint, requested_on=D(2022, 2, 3), actor=officer(), today=TODAY)
    return complaint


def panel() -> list[Any]:
    return [investigator(f"panel{n}") for n in (1, 2, 3)]


def convened() -> Any:
    complaint = stage_three()
    members = panel()
    stage_three_convene_panel(stage=complaint.stages.get(number=3), members=members, chair=members[0],
                              actor=officer())
    return complaint


def panel_met() -> Any:
    complaint = convened()
    stage_three_panel_met(stage=complaint.stages.get(number=3), met_on=D(2022, 3, 1), actor=officer(), today=TODAY)
    return complaint


def report_received() -> Any:
    complaint = panel_met()
    stage_three_report_received(stage=complaint.stages.get(number=3), received_on=D(2022, 3, 7),
                                actor=officer(), today=TODAY)
    return complaint


def corporate_received() -> Any:
    return received(procedure=CORPORATE)


def corporate_acknowledged() -> Any:
    complaint = corporate_received()
    complaint_acknowledge(complaint=complaint, acknowledged_on=D(2022, 1, 5), actor=officer(), today=TODAY)
    return complaint


def corporate_stage_two_waiting() -> Any:
    complaint = corporate_acknowledged()
    stage = stage_one_start(complaint=complaint, actor=officer(), today=TODAY)
    stage_respond(stage=stage, responded_on=D(2022, 1, 10), findings=both(), actor=officer(), today=TODAY)
    stage_request_next(complaint=complaint, requested_on=D(2022, 1, 12), actor=officer(), today=TODAY)
    return complaint


def corporate_stage_two() -> Any:
    complaint = corporate_stage_two_waiting()
    stage_acknowledge_request(stage=complaint.stages.get(number=2), acknowledged_on=D(2022, 1, 13),
                              actor=officer(), today=TODAY)
    return complaint


def closed() -> Any:
    complaint = responded()
    complaint_close(complaint=complaint, closed_on=D(2022, 2, 10), reason=ClosureReason.NOT_ESCALATED,
                    actor=officer(), today=TODAY)
    return complaint


def withdrawn() -> Any:
    complaint = stage_one()
    complaint_withdraw(complaint=complaint, withdrawn_on=D(2022, 1, 7), method="written", reason="",
                       actor=officer(), today=TODAY)
    return complaint


def _findings_answer(date_name: str, day: datetime.date) -> dict[str, str]:
    return {"point_1_outcome": "upheld", "point_2_outcome": "not_upheld", "point_1_finding": "Visits were late.",
            "remedy_rows": "1", "remedy_1_kind": "apology", **when(date_name, day)}


def _convene_answer(complaint: Any) -> dict[str, Any]:
    members = panel()
    return {"members": [m.pk for m in members], "chair": members[1].pk}


def _appoint_answer(complaint: Any) -> dict[str, Any]:
    return {"investigating_officer": investigator("io2").pk, "independent_person": investigator("ip2").pk,
            **when("appointed_on", D(2022, 1, 14))}


# For every step: a complaint whose state allows it, and a valid answer (a dict, or a function of
# the complaint for answers that name people). The verb is the audit event the service writes.
STEP_CASES: dict[str, tuple[Callable[[], Any], Any, str]] = {
    "acknowledge": (received, when("acknowledged_on", D(2022, 1, 5)), "complaint.acknowledged"),
    "late-decision": (late, {"decision": "accepted", "reason": "Good reason for the delay.",
                             **when("decided_on", D(2022, 1, 5))}, "complaint.late_decision"),
    "sufficient-interest": (sufficient_interest, {"decision": "accepted", "reason": "A grandparent who cares for the child.",
                                                  "child_views_considered": "on", **when("decided_on", D(2022, 1, 5))},
                            "complaint.sufficient_interest_decision"),
    "child-consent": (received, {"consent": "given", **when("recorded_on", D(2022, 1, 5))}, "complaint.child_consent"),
    "advocacy": (received, {"accepted": "yes", "provider": "NYAS", **when("offered_on", D(2022, 1, 5))},
                 "complaint.advocacy"),
    "add-point": (received, {"description": "A third point."}, "complaint.point_added"),
    "details": (received, {"summary": "A new summary.", "routing_reason": "Child in need: Part 3."},
                "complaint.details_changed"),
    "start-stage-one": (received, {}, "stage.started"),
    "extend": (stage_one, {"reason": "Complex: needs an advocate.", **when("new_due_on", D(2022, 1, 25)),
                           **when("complainant_told_on", D(2022, 1, 12))}, "stage.extended"),
    "respond": (stage_one, _findings_answer("responded_on", D(2022, 1, 17)), "stage.responded"),
    "request-next-stage": (responded, when("requested_on", D(2022, 1, 12)), "stage.requested"),
    "statement-agreed": (stage_two_waiting, when("agreed_on", D(2022, 1, 14)), "stage.clock_started"),
    "acknowledge-request": (corporate_stage_two_waiting, when("acknowledged_on", D(2022, 1, 13)),
                            "stage.clock_started"),
    "appoint": (stage_two_waiting, _appoint_answer, "stage.investigators_appointed"),
    "adjudicate": (stage_two_running, _findings_answer("adjudicated_on", D(2022, 2, 1)), "stage.adjudicated"),
    "convene-panel": (stage_three, _convene_answer, "stage.panel_convened"),
    "panel-met": (convened, when("met_on", D(2022, 3, 1)), "stage.panel_met"),
    "report-received": (panel_met, when("received_on", D(2022, 3, 7)), "stage.panel_report_received"),
    "council-response": (report_received, {**_findings_answer("responded_on", D(2022, 3, 14)), "departs": "no"},
                         "stage.council_responded"),
    "pause": (stage_one, {"reason": "police_investigation", "note": "", **when("started_on", D(2022, 1, 6))},
              "stage.paused"),
    "resume": (paused, when("resumed_on", D(2022, 1, 10)), "stage.resumed"),
    "withdraw": (stage_one, {"method": "oral", "reason": "Sorted out.", **when("withdrawn_on", D(2022, 1, 7))},
                 "complaint.withdrawn"),
    "close": (responded, {"reason": "not_escalated", **when("closed_on", D(2022, 2, 10))}, "complaint.closed"),
    "reopen": (closed, {"reason": "The complainant came back.", **when("reopened_on", D(2022, 2, 15))},
               "complaint.reopened"),
}


def answer_for(name: str, complaint: Any) -> dict[str, Any]:
    answer = STEP_CASES[name][1]
    return answer(complaint) if callable(answer) else dict(answer)
