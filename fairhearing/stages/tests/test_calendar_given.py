"""A service given a calendar (``calendar=``) counts with it and does not read the stored one.

An import builds the calendar once for a whole file and passes it to every service. The calendar
given here has one non-working day the database does not: Monday 10 January 2022 (a council
closure day, say). Received Tuesday 4 January 2022, Stage 1's 10 working days end on Tuesday 18
January with the stored calendar, and on Wednesday 19 January with the given one.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError
from fairhearing.stages.services import stage_extend, stage_one_start, stage_respond
from fairhearing.workingdays.calendar import WorkingDayCalendar
from fairhearing.workingdays.selectors import calendar_get

from .conftest import LATER, D, findings

pytestmark = pytest.mark.django_db
CLOSURE = D(2022, 1, 10)


@pytest.fixture
def calendar():
    return WorkingDayCalendar({**calendar_get().non_working_days, CLOSURE: "Council closure day"})


def calendar_reads(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if "workingdays_" in query["sql"]]


def test_stage_one_is_due_by_the_calendar_given_which_is_not_read_again(complaint, actor, calendar):
    with CaptureQueriesContext(connection) as queries:
        stage = stage_one_start(complaint=complaint, actor=actor, today=LATER, calendar=calendar)
    assert (stage.due_on, stage.original_due_on) == (D(2022, 1, 19), D(2022, 1, 19))
    assert calendar_reads(queries) == []


def test_without_a_calendar_the_stored_one_is_read(actor):
    complaint = make_complaint(actor=actor)
    with CaptureQueriesContext(connection) as queries:
        stage = stage_one_start(complaint=complaint, actor=actor, today=LATER)
    assert stage.due_on == D(2022, 1, 18)
    assert len(calendar_reads(queries)) == 2  # bank holidays and closure days


def test_an_extension_to_a_day_the_given_calendar_closes_is_refused(stage_one, actor, calendar):
    # Monday 24 January 2022 is a working day in the database, closed only in this calendar.
    closed = WorkingDayCalendar({**calendar.non_working_days, D(2022, 1, 24): "Council closure day"})
    with pytest.raises(DomainError, match="24 January 2022 is not a working day"):
        stage_extend(stage=stage_one, new_due_on=D(2022, 1, 24), reason="Complex", complainant_told_on=D(2022, 1, 4),
                     actor=actor, today=LATER, calendar=closed)
    extended = stage_extend(stage=stage_one, new_due_on=D(2022, 1, 24), reason="Complex",
                            complainant_told_on=D(2022, 1, 4), actor=actor, today=LATER)
    assert (extended.due_on, extended.allowed_working_days) == (D(2022, 1, 24), 14)


def test_a_response_is_timed_and_its_escalation_window_set_by_the_calendar_given(complaint, actor, calendar):
    stage = stage_one_start(complaint=complaint, actor=actor, today=LATER, calendar=calendar)
    with CaptureQueriesContext(connection) as queries:
        stage = stage_respond(stage=stage, responded_on=D(2022, 1, 19), findings=findings("upheld", "upheld"),
                              actor=actor, today=LATER, calendar=calendar)
    assert calendar_reads(queries) == []
    # 4 to 19 January: 11 working days stored, 10 without Monday 10 January; on time by this calendar.
    assert stage.response_working_days == 10
    # 20 working days after Wednesday 19 January: Wednesday 16 February (10 January is behind it).
    assert stage.escalation_deadline_on == D(2022, 2, 16)


def test_a_complaint_created_with_a_calendar_is_acknowledged_by_it(actor):
    closed_thursday = WorkingDayCalendar({**calendar_get().non_working_days, D(2022, 1, 6): "Council closure day"})
    complaint = make_complaint(actor=actor, calendar=closed_thursday)
    # 3 working days after Tuesday 4 January without Thursday 6 January: Monday 10 January.
    assert complaint.acknowledgement_due_on == D(2022, 1, 10)
    assert make_complaint(actor=actor).acknowledgement_due_on == D(2022, 1, 7)
