"""Reading learning records: overdue and due-soon actions, an action plan with each action's latest
update in a fixed number of queries, and the learning recorded in a period."""

import datetime

import pytest

from fairhearing.learning.choices import ActionStatus
from fairhearing.learning.selectors import (
    action_plan_rows,
    actions_due_soon,
    actions_overdue,
    learning_notes_in_period,
)

from .factories import (
    RESPONDED_ON,
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    D,
    LearningNoteFactory,
    make_ombudsman_case,
    make_responded_stage,
)

pytestmark = pytest.mark.django_db

TODAY = D(2022, 10, 12)  # a Wednesday
DAY = datetime.timedelta(days=1)


# Overdue ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target_on", "today", "overdue"),
    [
        (TODAY, TODAY, False),  # due exactly today: not yet overdue
        (TODAY - DAY, TODAY, True),  # due yesterday
        (TODAY + DAY, TODAY, False),
        # Targets are calendar dates, not working days: an action due on Good Friday (15 April 2022)
        # is overdue on the Saturday, and one due on the Christmas substitute bank holiday (Tuesday
        # 27 December 2022) is overdue on the Wednesday.
        (D(2022, 4, 15), D(2022, 4, 15), False),
        (D(2022, 4, 15), D(2022, 4, 16), True),
        (D(2022, 12, 27), D(2022, 12, 28), True),
    ],
)
def test_overdue_boundary(target_on, today, overdue):
    action = ActionFactory(target_on=target_on, start_by=None)
    assert (action in actions_overdue(today=today)) is overdue


@pytest.mark.parametrize(
    ("status", "completed_on", "overdue"),
    [
        (ActionStatus.NOT_STARTED, None, True),
        (ActionStatus.IN_PROGRESS, None, True),
        (ActionStatus.COMPLETE, D(2022, 9, 1), False),
        (ActionStatus.DROPPED, None, False),
    ],
)
def test_only_open_actions_are_overdue(status, completed_on, overdue):
    action = ActionFactory(target_on=TODAY - DAY, status=status, completed_on=completed_on)
    assert (action in actions_overdue(today=TODAY)) is overdue


def test_an_action_with_a_target_in_words_only_is_never_overdue():
    ActionFactory(target_on=None, target_text="On-going")
    assert not actions_overdue(today=TODAY).exists()


def test_overdue_actions_come_oldest_target_first_with_their_plan_in_one_query(django_assert_num_queries):
    later = ActionFactory(target_on=D(2022, 9, 30))
    earlier = ActionFactory(target_on=D(2022, 7, 31), plan=ActionPlanFactory(period_label="2021-22"))
    with django_assert_num_queries(1):
        rows = [(a, a.plan.period_label) for a in actions_overdue(today=TODAY)]
    assert rows == [(earlier, "2021-22"), (later, "2022-23")]


# Due soon ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target_on", "due_soon"),
    [
        (TODAY - DAY, False),  # already overdue
        (TODAY, True),
        (D(2022, 10, 26), True),  # exactly the end of the window
        (D(2022, 10, 27), False),
    ],
)
def test_due_soon_window_includes_today_and_its_last_day(target_on, due_soon):
    action = ActionFactory(target_on=target_on, start_by=None)
    assert (action in actions_due_soon(today=TODAY, until=D(2022, 10, 26))) is due_soon


def test_closed_actions_are_not_due_soon():
    ActionFactory(target_on=TODAY, status=ActionStatus.COMPLETE, completed_on=D(2022, 10, 1))
    ActionFactory(target_on=TODAY, status=ActionStatus.DROPPED)
    assert not actions_due_soon(today=TODAY, until=TODAY + 14 * DAY).exists()


# The plan as the report prints it ---------------------------------------------------------------


def test_each_row_carries_its_latest_update():
    plan = ActionPlanFactory()
    first, second, third = (ActionFactory(plan=plan) for _ in range(3))
    ActionUpdateFactory(action=first, written_on=D(2022, 7, 1), text="July")
    ActionUpdateFactory(action=first, written_on=D(2022, 10, 3), text="October")
    ActionUpdateFactory(action=first, written_on=D(2022, 9, 1), text="September")
    # Two updates the same day: the one written last is the latest.
    ActionUpdateFactory(action=second, written_on=D(2022, 10, 3), text="Morning")
    ActionUpdateFactory(action=second, written_on=D(2022, 10, 3), text="Afternoon")
    ActionUpdateFactory(action=ActionFactory(), written_on=D(2023, 1, 5), text="Another plan's action")

    rows = action_plan_rows(plan=plan)

    assert [row.number for row in rows] == [1, 2, 3]
    assert [row.latest_update.text if row.latest_update else None for row in rows] == [
        "October", "Afternoon", None,
    ]
    assert rows[2] == third


def test_rows_come_in_number_order_whatever_order_they_were_added():
    plan = ActionPlanFactory()
    for number in (3, 1, 2):
        ActionFactory(plan=plan, number=number)
    assert [row.number for row in action_plan_rows(plan=plan)] == [1, 2, 3]


@pytest.mark.parametrize("actions", [1, 10])
def test_plan_rows_take_four_queries_however_many_actions(actions, django_assert_num_queries, actor):
    plan = ActionPlanFactory()
    complaints = [make_responded_stage(actor=actor).complaint for _ in range(2)]
    cases = [make_ombudsman_case(lgsco_reference="22 001 234")]
    for number in range(1, actions + 1):
        action = ActionFactory(plan=plan, complaints=complaints, ombudsman_cases=cases)
        for month in (7, 10):
            ActionUpdateFactory(action=action, written_on=D(2022, month, number), text=f"{number}/{month}")

    # One query each for the actions, the latest updates, the complaints and the Ombudsman cases.
    with django_assert_num_queries(4):
        rows = action_plan_rows(plan=plan)
        printed = [
            (row.number, row.task, row.target_label, row.latest_update.text,
             row.latest_update.written_on, [c.reference for c in row.complaints.all()],
             [c.lgsco_reference for c in row.ombudsman_cases.all()])
            for row in rows
        ]

    assert len(printed) == actions
    assert printed[-1][3] == f"{actions}/10"
    assert printed[0][5] == sorted(c.reference for c in complaints)
    assert printed[-1][6] == ["22 001 234"]


# Learning in a period ---------------------------------------------------------------------------


def test_notes_are_dated_by_their_response_and_both_ends_of_the_period_count(actor):
    on_start = LearningNoteFactory(stage=make_responded_stage(actor=actor, responded_on=D(2022, 4, 1),
                                                              received_on=D(2022, 3, 22)))
    on_end = LearningNoteFactory(stage=make_responded_stage(actor=actor, responded_on=D(2023, 3, 31),
                                                            received_on=D(2023, 3, 20)))
    LearningNoteFactory(stage=make_responded_stage(actor=actor, responded_on=D(2022, 3, 31),
                                                   received_on=D(2022, 3, 22)))
    LearningNoteFactory(stage=make_responded_stage(actor=actor, responded_on=D(2023, 4, 3),
                                                   received_on=D(2023, 3, 20)))

    notes = list(learning_notes_in_period(start=D(2022, 4, 1), end=D(2023, 3, 31)))

    assert notes == [on_start, on_end]
    assert [n.dated_on for n in notes] == [D(2022, 4, 1), D(2023, 3, 31)]


def test_learning_recorded_after_the_year_end_counts_in_the_year_of_its_response(actor):
    stage = make_responded_stage(actor=actor, received_on=D(2022, 3, 14), responded_on=D(2022, 3, 28))
    note = LearningNoteFactory(stage=stage, recorded_on=D(2022, 4, 20))
    assert list(learning_notes_in_period(start=D(2021, 4, 1), end=D(2022, 3, 31))) == [note]
    assert not learning_notes_in_period(start=D(2022, 4, 1), end=D(2023, 3, 31)).exists()


def test_a_note_without_a_response_is_dated_by_when_it_was_recorded(stage):
    note = LearningNoteFactory(stage=None, complaint=stage.complaint, recorded_on=D(2022, 5, 3))
    assert list(learning_notes_in_period(start=D(2022, 5, 3), end=D(2022, 5, 3))) == [note]
    assert not learning_notes_in_period(start=D(2022, 5, 4), end=D(2022, 6, 1)).exists()


def test_notes_in_period_load_complaint_stage_and_themes_in_two_queries(stage, django_assert_num_queries):
    LearningNoteFactory(stage=stage)
    with django_assert_num_queries(2):
        rows = [(n.complaint.reference, n.stage.responded_on, [t.name for t in n.themes.all()])
                for n in learning_notes_in_period(start=RESPONDED_ON, end=RESPONDED_ON)]
    assert rows == [(stage.complaint.reference, RESPONDED_ON, [])]
