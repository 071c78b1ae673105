"""Complaints sent through the public forms, not yet logged or closed, in the reminders.

The person was told "we will be in touch by <date>" (the submission's stored ``acknowledge_by``),
so until a complaints officer logs or closes it, each one is an item in the complaints managers'
daily summary (nobody holds a submission, and records held by nobody go to them) and, once
overdue, in their escalation. Compliments have no statutory deadline and never appear.

The public forms app sits above this one and registers the kind when Django starts, so these tests
use its services and factories as a person sending a form and an officer logging it would.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.choices import Channel
from fairhearing.cases.intake import ChildInput, ComplainantInput, ComplaintLogInput
from fairhearing.cases.models import Procedure
from fairhearing.notifications.reminders.items import (
    DIGEST,
    item_sources,
    items_held_by,
    items_overdue_visible_to,
)
from fairhearing.notifications.reminders.run import ESCALATION, reminders_plan, reminders_send
from fairhearing.people.choices import Relationship
from fairhearing.publicforms.choices import CloseReason, SubmissionKind, SubmissionStatus
from fairhearing.publicforms.services import (
    online_submission_close,
    online_submission_log_complaint,
)
from fairhearing.publicforms.tests.factories import (
    OnlineSubmissionFactory,
    compliment_answers,
    make_submission,
)

from .conftest import D, email_for, outbox, references_for

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# Wednesday 16 April 2025, the day before Maundy Thursday: the three working days to acknowledge
# are Thursday 17, Tuesday 22 and Wednesday 23 April (Good Friday and Easter Monday skipped).
SENT = datetime.datetime(2025, 4, 16, 10, 30, tzinfo=LONDON)


def online_source():
    return next(source for source in item_sources() if source.kind == "online_submission")


def waiting(acknowledge_by, **kwargs):
    """A complaint sent online, still new, with this stored acknowledgement date."""
    return OnlineSubmissionFactory(acknowledge_by=acknowledge_by, **kwargs)


def plan(today):
    return reminders_plan(today=today, days=5)


def test_a_complaint_sent_online_is_in_the_managers_summary_by_reference_only(manager):
    submission = make_submission(now=SENT)
    assert submission.acknowledge_by == D(2025, 4, 23)
    reminders_send(today=D(2025, 4, 16), days=5)
    [digest] = outbox(DIGEST)
    assert digest.to_address == "manager@example.org"
    assert f"- Online form {submission.reference}: to acknowledge by 23 April 2025" in digest.body_text
    # Never the person's or the child's name, nor what they wrote.
    for said in ("Pat", "Sam", "Example", "review meeting", "apology"):
        assert said not in digest.body_text and said not in digest.subject


# (run on, acknowledge by, expected: "due", "overdue" or None for not listed). N = 5.
EASTER_2025 = [
    # Wednesday 16 April: Thu 17, Tue 22, Wed 23, Thu 24, Fri 25 are the next five working days.
    (D(2025, 4, 16), D(2025, 4, 25), "due"),
    (D(2025, 4, 16), D(2025, 4, 28), None),
    (D(2025, 4, 17), D(2025, 4, 17), "due"),  # due today is not yet overdue
    (D(2025, 4, 17), D(2025, 4, 16), "overdue"),  # the day after
    # The Tuesday after Easter: what was due on Thursday or over the long weekend is overdue.
    (D(2025, 4, 22), D(2025, 4, 17), "overdue"),
    (D(2025, 4, 22), D(2025, 4, 21), "overdue"),
    (D(2025, 4, 22), D(2025, 4, 29), "due"),
    (D(2025, 4, 22), D(2025, 4, 30), None),
]


@pytest.mark.parametrize(("today", "acknowledge_by", "expected"), EASTER_2025)
def test_due_soon_and_overdue_across_easter(manager, today, acknowledge_by, expected):
    submission = waiting(acknowledge_by)
    result = plan(today)
    digest = email_for(result, manager, DIGEST)
    escalation = email_for(result, manager, ESCALATION)
    if expected is None:
        assert digest is None and escalation is None
        return
    assert [item.reference for item in digest.items] == [f"Online form {submission.reference}"]
    assert (digest.overdue_count, digest.due_count) == ((1, 0) if expected == "overdue" else (0, 1))
    if expected == "overdue":
        assert [item.reference for item in escalation.items] == [f"Online form {submission.reference}"]
    else:
        assert escalation is None


def test_the_real_acknowledgement_date_is_exactly_n_working_days_ahead_across_easter(manager):
    submission = make_submission(now=SENT)  # acknowledge by Wednesday 23 April
    reference = f"Online form {submission.reference}"
    assert references_for(reminders_plan(today=D(2025, 4, 16), days=3), manager, DIGEST) == [reference]
    assert email_for(reminders_plan(today=D(2025, 4, 16), days=2), manager, DIGEST) is None


def test_overdue_from_the_day_after_and_in_the_escalation_as_new_after_easter(manager):
    submission = make_submission(now=datetime.datetime(2025, 4, 14, 9, 0, tzinfo=LONDON))
    assert submission.acknowledge_by == D(2025, 4, 17)  # Tue 15, Wed 16, Thu 17
    assert email_for(plan(D(2025, 4, 17)), manager, ESCALATION) is None
    for holiday in (D(2025, 4, 18), D(2025, 4, 21)):
        assert reminders_send(today=holiday, days=5).emails == []

    reminders_send(today=D(2025, 4, 22), days=5)
    [escalation] = outbox(ESCALATION)
    new_part = escalation.body_text.split("Overdue before that:")[0]
    assert (f"Overdue since the last working day:\n- Online form {submission.reference}: to acknowledge by "
            "17 April 2025 (overdue)") in new_part
    [digest] = outbox(DIGEST)
    assert f"Online form {submission.reference}: to acknowledge by 17 April 2025 (overdue)" in digest.body_text


def test_due_today_reads_as_today(manager):
    waiting(D(2025, 4, 22), reference="ONL-2025-00007")
    digest = email_for(plan(D(2025, 4, 22)), manager, DIGEST)
    assert digest.items_text() == "Due soon:\n- Online form ONL-2025-00007: to acknowledge by today, 22 April 2025"


def test_a_closed_submission_leaves_the_reminders(manager):
    submission = make_submission(now=SENT)
    assert email_for(plan(D(2025, 4, 24)), manager, ESCALATION) is not None
    online_submission_close(submission=submission, reason=CloseReason.DUPLICATE, actor=manager)
    result = plan(D(2025, 4, 24))
    assert email_for(result, manager, DIGEST) is None
    assert email_for(result, manager, ESCALATION) is None


def test_a_logged_submission_leaves_and_the_complaint_takes_over_its_acknowledgement(manager, officer):
    submission = make_submission(now=SENT)
    data = ComplaintLogInput(
        received_on=D(2025, 4, 16), channel=Channel.ONLINE_FORM, procedure=Procedure.objects.get(code="children-statutory"),
        routing_reason="About services to a child in need.", summary="Sent through the online form.",
        complainant=ComplainantInput(first_name="Pat", relationship=Relationship.PARENT),
        children=[ChildInput(first_name="Sam", date_of_birth=D(2012, 3, 27))],
        points=["No one came to the review meeting"], teams=[TeamFactory(name="Family Support Team 1")],
        assigned_to=officer,
    )
    complaint = online_submission_log_complaint(submission=submission, data=data, actor=manager,
                                                today=D(2025, 4, 17))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.LOGGED
    result = plan(D(2025, 4, 17))
    assert email_for(result, manager, DIGEST) is None
    # The same reference, now the complaint's own acknowledgement, held by its officer.
    assert [(item.reference, item.what) for item in email_for(result, officer, DIGEST).items] == [
        (complaint.reference, "acknowledgement"),
    ]
    assert complaint.reference == submission.reference


def test_compliments_sent_online_never_appear(manager):
    make_submission(answers=compliment_answers(), now=SENT)
    # Even one stored with a date (which the service never gives a compliment) is left out.
    OnlineSubmissionFactory(kind=SubmissionKind.COMPLIMENT, acknowledge_by=D(2025, 4, 17))
    complaint = waiting(D(2025, 4, 17))
    result = plan(D(2025, 4, 24))
    assert references_for(result, manager, DIGEST) == [f"Online form {complaint.reference}"]
    assert references_for(result, manager, ESCALATION) == [f"Online form {complaint.reference}"]


def test_only_the_complaints_managers_hear_of_the_queue(manager, officer, responding_manager):
    learning_lead = UserFactory(username="learning-lead", roles=[Role.LEARNING_LEAD])
    senior = UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])
    submission = waiting(D(2025, 4, 17))
    result = plan(D(2025, 4, 24))
    assert references_for(result, manager, DIGEST) == [f"Online form {submission.reference}"]
    # Officers may work the queue, but as with every record held by nobody, the managers are told.
    for person in (officer, responding_manager, learning_lead, senior):
        assert email_for(result, person, DIGEST) is None
    # Reading the queue follows the public forms' access rule: an officer may see it, the others
    # may not, so even asked for everything overdue whoever holds it they hear nothing of it.
    source = online_source()
    assert [item.reference for item in source.rows(officer, until=D(2025, 4, 24), held_only=False)] == [
        f"Online form {submission.reference}",
    ]
    for person in (responding_manager, learning_lead, senior):
        assert source.rows(person, until=D(2025, 4, 24), held_only=False) == []
        assert items_overdue_visible_to(person, today=D(2025, 4, 24)) == []


def test_an_inactive_complaints_manager_hears_nothing(manager):
    waiting(D(2025, 4, 17))
    manager.is_active = False
    manager.save(update_fields=["is_active"])
    assert online_source().rows(manager, until=D(2025, 4, 24), held_only=False) == []
    assert reminders_plan(today=D(2025, 4, 24), days=5).emails == []


def _queries(function):
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return len(captured), result


@pytest.mark.parametrize("count", [1, 25])
def test_one_query_for_the_kind_whatever_the_number_of_submissions(manager, officer, count):
    for n in range(count):
        waiting(D(2025, 4, 14 + n % 4))
    manager.role_names  # noqa: B018 - loads the roles, as the run does for everyone at once
    officer.role_names  # noqa: B018
    held, items = _queries(lambda: items_held_by(manager, until=D(2025, 4, 25), sources=[online_source()]))
    assert (held, len(items)) == (1, count)
    overdue, items = _queries(lambda: items_overdue_visible_to(manager, today=D(2025, 4, 22),
                                                               sources=[online_source()]))
    assert overdue == 1 and len(items) == count
    # Someone who holds none of them costs nothing.
    assert _queries(lambda: items_held_by(officer, until=D(2025, 4, 25), sources=[online_source()])) == (0, [])
