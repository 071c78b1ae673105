"""Volumes: every representation by the date it was received, complaints at each stage, escalation
rates, and complaints closed; which procedures are counted."""

from decimal import Decimal

import pytest

from fairhearing.cases.choices import Channel, ClosureReason, Decision, WithdrawalMethod
from fairhearing.cases.kind_choices import AdrMethod, AdrResult, ComplimentSource, MemberKind
from fairhearing.cases.kinds.compliments import compliment_create
from fairhearing.cases.kinds.concern_conversion import concern_convert_to_complaint
from fairhearing.cases.kinds.concerns import concern_create
from fairhearing.cases.kinds.enquiries import enquiry_create
from fairhearing.cases.kinds.resolutions import adr_create, iro_dispute_create
from fairhearing.cases.models import Procedure
from fairhearing.cases.tests.factories import CORPORATE, make_complaint, officer
from fairhearing.people.tests.factories import PersonFactory
from fairhearing.reports.report import Scope
from fairhearing.stages.services import complaint_close, complaint_withdraw, stage_request_next

from .factories import LATER, D, build, figure, respond, stage_one, stage_two, table

pytestmark = pytest.mark.django_db


def received(report, row="complaints_received", column=None):
    return figure(report, "volumes", "complaint_totals", row, column)


def test_a_complaint_received_on_31_march_counts_in_that_year_and_1_april_in_the_next():
    make_complaint(received_on=D(2021, 4, 1))  # first day of 2021-22
    make_complaint(received_on=D(2022, 3, 31))  # last day of 2021-22
    make_complaint(received_on=D(2022, 4, 1))  # first day of 2022-23
    report = build("fy2022")
    totals = table(report, "volumes", "complaint_totals")
    assert totals.value("complaints_received", "fy2022") == 1
    assert totals.value("complaints_received", "fy2021") == 2
    assert totals.display("complaints_received", "change") == "-1"
    assert totals.display("complaints_received", "change_percent") == "-50.0%"
    assert report.section("volumes").paragraphs[0].startswith("1 complaint was received in 2022-23")


def test_other_procedures_are_counted_only_when_asked_for_and_routed_complaints_never():
    make_complaint(received_on=D(2022, 1, 4))
    make_complaint(received_on=D(2022, 1, 5), procedure=CORPORATE)
    make_complaint(received_on=D(2022, 1, 6), procedure="safeguarding", points=0)
    assert received(build("fy2021")) == 1
    assert received(build("fy2021", scope=Scope.ALL)) == 2
    assert figure(build("fy2021", scope=Scope.ALL), "representations", "representations", "complaints") == 2


def test_stage_1_counts_by_the_day_it_began():
    stage_one(make_complaint(received_on=D(2022, 3, 31)))
    stage_one(make_complaint(received_on=D(2022, 4, 1)))
    make_complaint(received_on=D(2022, 3, 30))  # received but Stage 1 not started: not a Stage 1
    report = build("fy2021")
    assert received(report, "stage_1") == 1
    assert received(report) == 2


def responded_complaint(received_on, responded_on):
    complaint = make_complaint(received_on=received_on)
    respond(stage_one(complaint), responded_on)
    return complaint


def test_escalation_counts_the_request_date_and_the_rate_is_a_ratio_of_the_same_periods_counts():
    march = responded_complaint(D(2022, 3, 1), D(2022, 3, 15))
    april = responded_complaint(D(2022, 3, 2), D(2022, 3, 16))
    responded_complaint(D(2022, 3, 3), D(2022, 3, 17))
    responded_complaint(D(2022, 3, 4), D(2022, 3, 18))
    stage_two(march, requested_on=D(2022, 3, 31))
    stage_two(april, requested_on=D(2022, 4, 1))
    report = build("fy2022")
    assert (received(report, "stage_1", "fy2021"), received(report, "stage_2", "fy2021")) == (4, 1)
    assert (received(report, "stage_1", "fy2022"), received(report, "stage_2", "fy2022")) == (0, 1)
    rates = table(report, "volumes", "escalation_rates")
    assert rates.display("stage_1_to_2", "fy2021") == "25.0%"
    assert rates.display("stage_1_to_2", "fy2022") == "N/A"  # no Stage 1 in 2022-23 to divide by
    assert rates.display("stage_2_to_3", "fy2021") == "0.0%"


def test_a_late_stage_2_request_refused_is_not_an_escalation_but_one_accepted_is():
    refused = responded_complaint(D(2022, 1, 4), D(2022, 1, 17))  # 20 working days end 14 February
    accepted = responded_complaint(D(2022, 1, 5), D(2022, 1, 17))
    for complaint, decision in ((refused, Decision.REFUSED), (accepted, Decision.ACCEPTED)):
        stage_request_next(complaint=complaint, requested_on=D(2022, 3, 1), actor=officer(),
                           late_decision=decision, late_reason="Asked two weeks after the time allowed.",
                           today=LATER)
    report = build("fy2021")
    assert received(report, "stage_2") == 1
    assert table(report, "volumes", "escalation_rates").display("stage_1_to_2", "fy2021") == "50.0%"
    # The refusal is an ending of the Stage 2 request, shown in the outcomes.
    assert figure(report, "outcomes", "stage_2_outcomes", "refused") == 1


def test_closed_counts_by_the_closing_date_and_withdrawn_is_part_of_closed():
    earlier = responded_complaint(D(2021, 3, 1), D(2021, 3, 12))  # received in 2020-21
    complaint_close(complaint=earlier, closed_on=D(2021, 4, 30), reason=ClosureReason.NOT_ESCALATED,
                    actor=officer(), today=LATER)
    withdrawn = make_complaint(received_on=D(2022, 2, 1))
    stage_one(withdrawn)
    complaint_withdraw(complaint=withdrawn, withdrawn_on=D(2022, 3, 31), method=WithdrawalMethod.WRITTEN,
                       reason="Resolved with the social worker.", actor=officer(), today=LATER)
    late = responded_complaint(D(2022, 3, 1), D(2022, 3, 14))
    complaint_close(complaint=late, closed_on=D(2022, 4, 1), reason=ClosureReason.NOT_ESCALATED,
                    actor=officer(), today=LATER)
    report = build("fy2021")
    assert received(report, "closed") == 2
    assert received(report, "withdrawn") == 1
    assert received(report) == 2  # the complaint closed in 2021-22 was received the year before


# Volume of representations, and the ways of resolving things short of a complaint ---------

def test_representations_count_each_kind_by_the_date_received():
    team = make_complaint(received_on=D(2022, 3, 31)).teams.get()
    actor = officer()
    for day in (D(2022, 3, 31), D(2022, 4, 1)):
        compliment_create(received_on=day, team=team, source=ComplimentSource.PARENT_FAMILY,
                          words="Thank you.", channel=Channel.EMAIL, actor=actor, today=LATER)
        enquiry_create(received_on=day, member_kind=MemberKind.MP, member_name="A. Member MP", team=team,
                       summary="Asks for an update.", actor=actor, today=LATER)
    concern_create(received_on=D(2021, 4, 1), channel=Channel.TELEPHONE, team=team,
                   summary="Calls not returned.", actor=actor, today=LATER)
    report = build("fy2021")
    volume = table(report, "representations", "representations")
    assert [volume.value(row, "fy2021") for row in ("complaints", "initial_feedback", "enquiries",
                                                     "compliments", "total")] == [1, 1, 1, 1, 4]
    assert volume.value("total", "fy2020") == 0
    assert volume.display("total", "change_percent") == "N/A"
    assert report.section("representations").paragraphs == ["4 representations were received in 2021-22."]


def test_initial_feedback_converted_adr_and_iro_disputes():
    actor = officer()
    team = make_complaint(received_on=D(2022, 1, 4)).teams.get()
    concern = concern_create(received_on=D(2022, 2, 1), channel=Channel.TELEPHONE, team=team,
                             summary="Calls not returned.", person=PersonFactory(), actor=actor,
                             today=LATER)
    concern_create(received_on=D(2022, 2, 2), channel=Channel.TELEPHONE, team=team,
                   summary="Contact arrangements.", actor=actor, today=LATER)
    concern_convert_to_complaint(concern=concern, actor=actor,
                                 procedure=Procedure.objects.get(code="children-statutory"),
                                 routing_reason="About a child in need.", points=["Calls not returned."],
                                 received_on=D(2022, 2, 10), today=LATER)
    adr_create(offered_on=D(2022, 3, 31), method=AdrMethod.MEDIATION, result=AdrResult.RESOLVED,
               saving=Decimal("1800"), held_on=D(2022, 3, 31), actor=actor, today=LATER)
    adr_create(offered_on=D(2021, 4, 1), method=AdrMethod.MEETING, result=AdrResult.CONTINUING,
               held_on=D(2021, 4, 8), saving=Decimal("250.50"), actor=actor, today=LATER)
    adr_create(offered_on=D(2022, 4, 1), method=AdrMethod.MEETING, result=AdrResult.RESOLVED,
               held_on=D(2022, 4, 8), saving=Decimal("999"), actor=actor, today=LATER)
    iro_dispute_create(raised_on=D(2022, 3, 31), raised_by="I. Reviewer", issue="Care plan.", actor=actor,
                       today=LATER)
    report = build("fy2021")
    other = table(report, "representations", "other_resolution")
    assert [other.value(row, "fy2021") for row in (
        "initial_feedback", "initial_feedback_converted", "adr_offered", "adr_resolved", "iro_disputes",
    )] == [2, 1, 2, 1, 1]
    savings = table(report, "representations", "adr_savings")
    assert savings.display("saving", "fy2021") == "£2,050.50"
    assert savings.display("saving", "fy2020") == "£0"
    # The converted concern is both initial feedback and, from the day it was made, a complaint.
    assert figure(report, "representations", "representations", "complaints") == 2
