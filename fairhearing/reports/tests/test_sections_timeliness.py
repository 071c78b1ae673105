"""Response times in working-day buckets, and responses on time by their final due date.

Stage 1 of a complaint received Tuesday 4 January 2022 is due Tuesday 18 January (10 working days);
the 11th working day is Wednesday 19 January, the 20th Tuesday 1 February, the 21st Wednesday
2 February. A Stage 2 statement agreed Tuesday 1 March 2022 starts 25 working days ending Tuesday
5 April; the 26th is Wednesday 6 April; the 65th, across Easter (15 and 18 April), the early May
bank holiday (2 May) and the Platinum Jubilee (2 and 3 June), is Tuesday 7 June; the 66th
Wednesday 8 June.
"""

import pytest

from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.cases.choices import WithdrawalMethod
from fairhearing.cases.services import complaint_acknowledge
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.stages.choices import Outcome, PauseReason
from fairhearing.stages.services import (
    complaint_withdraw,
    stage_extend,
    stage_pause,
    stage_request_next,
    stage_resume,
    stage_three_convene_panel,
    stage_three_council_respond,
    stage_three_panel_met,
    stage_three_report_received,
)

from .factories import (
    LATER,
    D,
    adjudicate,
    build,
    findings,
    respond,
    senior,
    stage_one,
    stage_two,
    table,
)

pytestmark = pytest.mark.django_db

RECEIVED = D(2022, 1, 4)


def answered(responded_on, received_on=RECEIVED):
    stage = respond(stage_one(make_complaint(received_on=received_on)), responded_on)
    return stage


def buckets(report, number, column=None):
    times = table(report, "response_times", f"stage_{number}_response_times")
    index = times.column_index(column or report.period.key)
    return {row.key: (row.cells[index].value, row.cells[index + 1].display) for row in times.rows}


def test_stage_1_buckets_at_10_11_20_and_21_working_days():
    stages = [answered(D(2022, 1, 18)), answered(D(2022, 1, 19)), answered(D(2022, 2, 1)), answered(D(2022, 2, 2))]
    assert [s.response_working_days for s in stages] == [10, 11, 20, 21]
    assert buckets(build("fy2021"), 1) == {
        "up_to_10": (1, "25.0%"), "11_to_20": (2, "50.0%"), "over_20": (1, "25.0%"), "total": (4, "100.0%"),
    }


def test_a_stage_1_response_sent_after_the_period_is_in_the_next_periods_buckets():
    answered(D(2022, 3, 31), received_on=D(2022, 3, 17))
    answered(D(2022, 4, 1), received_on=D(2022, 3, 18))
    report = build("fy2022")
    assert buckets(report, 1, "fy2021")["total"] == (1, "100.0%")
    assert buckets(report, 1, "fy2022")["total"] == (1, "100.0%")


def test_working_days_paused_are_not_counted_in_the_time_taken():
    stage = stage_one(make_complaint(received_on=RECEIVED))
    stage_pause(stage=stage, reason=PauseReason.AWAITING_ADVOCATE, started_on=D(2022, 1, 6), actor=officer(),
                today=LATER)
    stage = stage_resume(stage=stage, resumed_on=D(2022, 1, 10), actor=officer(), today=LATER)
    assert stage.due_on == D(2022, 1, 20)  # two working days paused (7 and 10 January)
    stage = respond(stage, D(2022, 1, 20))
    assert stage.response_working_days == 10
    assert buckets(build("fy2021"), 1)["up_to_10"] == (1, "100.0%")


def stage_two_answered(adjudicated_on, received_on):
    complaint = make_complaint(received_on=received_on)
    respond(stage_one(complaint), D(2022, 1, 18))
    stage = stage_two(complaint, requested_on=D(2022, 2, 15), agreed_on=D(2022, 3, 1))
    return adjudicate(stage, adjudicated_on)


def test_stage_2_buckets_at_25_26_65_and_66_working_days_and_on_time_by_the_due_date():
    stages = [stage_two_answered(D(2022, 4, 5), D(2022, 1, 4)), stage_two_answered(D(2022, 4, 6), D(2022, 1, 5)),
              stage_two_answered(D(2022, 6, 7), D(2022, 1, 6)), stage_two_answered(D(2022, 6, 8), D(2022, 1, 7))]
    assert [s.response_working_days for s in stages] == [25, 26, 65, 66]
    assert {s.due_on for s in stages} == {D(2022, 4, 5)}
    report = build("fy2022")
    assert buckets(report, 2) == {
        "up_to_25": (1, "25.0%"), "26_to_65": (2, "50.0%"), "over_65": (1, "25.0%"), "total": (4, "100.0%"),
    }
    on_time = table(report, "response_times", "on_time")
    assert [on_time.value("stage_2", f"fy2022_{c}") for c in ("due", "on_time")] == [4, 1]
    assert on_time.display("stage_2", "fy2022_percent") == "25.0%"


def test_on_time_counts_responses_due_in_the_period_by_their_final_due_date():
    answered(D(2022, 1, 18), received_on=D(2022, 1, 4))  # on the due date: on time
    answered(D(2022, 1, 19), received_on=D(2022, 1, 4))  # a day after it: late
    extended = stage_one(make_complaint(received_on=D(2022, 1, 4)))
    extended = stage_extend(stage=extended, new_due_on=D(2022, 2, 1), reason="Needs an advocate.",
                            complainant_told_on=D(2022, 1, 10), actor=officer(), today=LATER)
    respond(extended, D(2022, 2, 1))  # late against 18 January, on time against the agreed date
    stage_one(make_complaint(received_on=D(2022, 1, 4)))  # never answered: late
    for withdrawn_on in (D(2022, 1, 18), D(2022, 1, 19)):
        complaint = make_complaint(received_on=D(2022, 1, 4))
        stage_one(complaint)
        complaint_withdraw(complaint=complaint, withdrawn_on=withdrawn_on, method=WithdrawalMethod.WRITTEN,
                           reason="No longer needed.", actor=officer(), today=LATER)
    paused = stage_one(make_complaint(received_on=D(2022, 1, 4)))
    stage_pause(stage=paused, reason=PauseReason.POLICE_INVESTIGATION, started_on=D(2022, 1, 12),
                actor=officer(), today=LATER)
    moved = stage_one(make_complaint(received_on=D(2022, 3, 15)))
    assert moved.due_on == D(2022, 3, 29)
    stage_extend(stage=moved, new_due_on=D(2022, 4, 12), reason="Complex.", complainant_told_on=D(2022, 3, 21),
                 actor=officer(), today=LATER)

    report = build("fy2022")
    on_time = table(report, "response_times", "on_time")
    # Due in 2021-22: on the day, a day late, extended, unanswered, withdrawn a day after it was
    # due. Not: withdrawn on the due date (never due), paused now, extended into 2022-23.
    assert [on_time.value("stage_1", f"fy2021_{c}") for c in ("due", "on_time")] == [5, 2]
    assert on_time.display("stage_1", "fy2021_percent") == "40.0%"
    assert [on_time.value("stage_1", f"fy2022_{c}") for c in ("due", "on_time")] == [1, 0]
    assert on_time.display("stage_3", "fy2021_percent") == "N/A"
    assert build("fy2021").section("response_times").paragraphs == [
        "Of the Stage 1 responses due in 2021-22, 40.0% were sent on time (counting agreed extensions)."
    ]


def test_acknowledgements_on_time_by_their_target():
    on_day = make_complaint(received_on=D(2022, 1, 4))  # 3 working days: due Friday 7 January
    assert on_day.acknowledgement_due_on == D(2022, 1, 7)
    complaint_acknowledge(complaint=on_day, acknowledged_on=D(2022, 1, 7), actor=officer(), today=LATER)
    late = make_complaint(received_on=D(2022, 1, 4))
    complaint_acknowledge(complaint=late, acknowledged_on=D(2022, 1, 10), actor=officer(), today=LATER)
    make_complaint(received_on=D(2022, 1, 4))  # not acknowledged: late
    on_time = table(build("m2022-01"), "response_times", "on_time")
    assert [on_time.value("acknowledgement", f"m2022-01_{c}") for c in ("due", "on_time")] == [3, 1]
    assert on_time.display("acknowledgement", "m2022-01_percent") == "33.3%"


def test_an_acknowledgement_never_due_because_the_complaint_ended_first_is_left_out():
    withdrawn = make_complaint(received_on=D(2022, 1, 4))  # acknowledgement due Friday 7 January
    complaint_withdraw(complaint=withdrawn, withdrawn_on=D(2022, 1, 7), method=WithdrawalMethod.ORAL,
                       reason="Sorted out on the phone.", actor=officer(), today=LATER)
    late = make_complaint(received_on=D(2022, 1, 4))
    complaint_withdraw(complaint=late, withdrawn_on=D(2022, 1, 10), method=WithdrawalMethod.ORAL,
                       reason="Sorted out on the phone.", actor=officer(), today=LATER)
    on_time = table(build("m2022-01"), "response_times", "on_time")
    assert [on_time.value("acknowledgement", f"m2022-01_{c}") for c in ("due", "on_time")] == [1, 0]


def stage_three_requested():
    """A Stage 3 asked for on Thursday 20 January 2022, after Stages 1 and 2 were answered."""
    complaint = make_complaint(received_on=D(2021, 11, 1))
    respond(stage_one(complaint), D(2021, 11, 12))
    adjudicate(stage_two(complaint, requested_on=D(2021, 11, 22), agreed_on=D(2021, 11, 29)), D(2022, 1, 10))
    return stage_request_next(complaint=complaint, requested_on=D(2022, 1, 20), actor=officer(), today=LATER)


def test_a_stage_3_waiting_for_its_panel_has_no_council_response_due():
    three = stage_three_requested()
    assert three.due_on == D(2022, 3, 3)  # the panel must meet within 30 working days
    assert three.council_response_due_on is None
    on_time = table(build("fy2021"), "response_times", "on_time")
    assert on_time.value("stage_3", "fy2021_due") == 0


def test_stage_3_counts_by_the_council_response_due_date_once_the_panel_has_reported():
    for responded_on in (D(2022, 3, 29), D(2022, 3, 30)):  # on the due date, and a day after
        three = stage_three_requested()
        members = [UserFactory(username=f"panel{n}") for n in range(3)]
        three = stage_three_convene_panel(stage=three, members=members, chair=members[0], actor=officer())
        three = stage_three_panel_met(stage=three, met_on=D(2022, 3, 1), actor=officer(), today=LATER)
        three = stage_three_report_received(stage=three, received_on=D(2022, 3, 8), actor=officer(), today=LATER)
        assert three.council_response_due_on == D(2022, 3, 29)  # 15 working days after the report
        stage_three_council_respond(
            stage=three, responded_on=responded_on, findings=findings(three.complaint, Outcome.NOT_UPHELD),
            actor=senior(), today=LATER)
    on_time = table(build("fy2021"), "response_times", "on_time")
    assert [on_time.value("stage_3", f"fy2021_{c}") for c in ("due", "on_time")] == [2, 1]
    assert on_time.display("stage_3", "fy2021_percent") == "50.0%"
