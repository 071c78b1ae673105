"""The reminder schedule across bank holidays: what counts as due soon, what as overdue, and what
happens on days that are not working days.

"Due soon" means due on or before the Nth working day after today (N = 5 here): due exactly N
working days ahead is in, N + 1 is out. Each table row would fail if holidays were counted as
working days (the naive fifth weekday after Wednesday 16 April 2025 is Wednesday 23 April).
"""

import pytest

from fairhearing.cases.models import Enquiry
from fairhearing.notifications.reminders.items import DIGEST
from fairhearing.notifications.reminders.run import ESCALATION, reminders_plan, reminders_send
from fairhearing.workingdays.models import ClosureDay

from .conftest import D, email_for, enquiry_due, outbox

pytestmark = pytest.mark.django_db

# (run on, due on, expected: "due", "overdue" or None for not listed)
EASTER_2025 = [
    # Wednesday before Easter: Thu 17, Tue 22, Wed 23, Thu 24, Fri 25 are the next five working days.
    (D(2025, 4, 16), D(2025, 4, 25), "due"),
    (D(2025, 4, 16), D(2025, 4, 28), None),
    # Maundy Thursday: Tue 22 ... Mon 28 April.
    (D(2025, 4, 17), D(2025, 4, 28), "due"),
    (D(2025, 4, 17), D(2025, 4, 29), None),
    (D(2025, 4, 17), D(2025, 4, 17), "due"),  # due today is not yet overdue
    (D(2025, 4, 17), D(2025, 4, 16), "overdue"),  # the day after the due date
    # The Tuesday after Easter: items due over the long weekend are overdue, none forgotten.
    (D(2025, 4, 22), D(2025, 4, 17), "overdue"),
    (D(2025, 4, 22), D(2025, 4, 18), "overdue"),  # due on Good Friday
    (D(2025, 4, 22), D(2025, 4, 21), "overdue"),  # due on Easter Monday
    (D(2025, 4, 22), D(2025, 4, 29), "due"),
    (D(2025, 4, 22), D(2025, 4, 30), None),
]
CHRISTMAS_2025 = [
    # Tuesday 23 December: Wed 24, Mon 29, Tue 30, Wed 31 December, Fri 2 January.
    (D(2025, 12, 23), D(2026, 1, 2), "due"),
    (D(2025, 12, 23), D(2026, 1, 5), None),
    # Christmas Eve: Mon 29, Tue 30, Wed 31, Fri 2 and Mon 5 January (New Year's Day skipped).
    (D(2025, 12, 24), D(2026, 1, 5), "due"),
    (D(2025, 12, 24), D(2026, 1, 6), None),
    # Monday 29 December: what fell due on Christmas Day and Boxing Day is overdue.
    (D(2025, 12, 29), D(2025, 12, 25), "overdue"),
    (D(2025, 12, 29), D(2025, 12, 26), "overdue"),
    (D(2025, 12, 29), D(2025, 12, 29), "due"),
]


@pytest.mark.parametrize(("today", "due_on", "expected"), EASTER_2025 + CHRISTMAS_2025)
def test_due_soon_and_overdue_across_bank_holidays(officer, today, due_on, expected):
    enquiry = enquiry_due(due_on, held_by=officer)
    digest = email_for(reminders_plan(today=today, days=5), officer, DIGEST)
    if expected is None:
        assert digest is None
        return
    assert [item.reference for item in digest.items] == [enquiry.reference]
    assert (digest.overdue_count, digest.due_count) == ((1, 0) if expected == "overdue" else (0, 1))


@pytest.mark.parametrize(("days", "last_included"), [
    (0, D(2025, 4, 16)),  # only what is due today (and overdue)
    (1, D(2025, 4, 17)),
    (2, D(2025, 4, 22)),  # Good Friday and Easter Monday are skipped
    (10, D(2025, 5, 2)),
])
def test_the_look_ahead_is_n_working_days(officer, days, last_included):
    inside = enquiry_due(last_included, held_by=officer)
    plan = reminders_plan(today=D(2025, 4, 16), days=days)
    assert plan.until == last_included
    after = enquiry_due(D(2025, 5, 30), held_by=officer)
    references = [item.reference for item in email_for(plan, officer, DIGEST).items]
    assert references == [inside.reference]
    assert after.reference not in references


@pytest.mark.parametrize(("today", "reason"), [
    (D(2025, 4, 18), "Good Friday"),
    (D(2025, 4, 19), "Saturday"),
    (D(2025, 4, 21), "Easter Monday"),
    (D(2025, 12, 25), "Christmas Day"),
    (D(2025, 12, 26), "Boxing Day"),
])
def test_nothing_is_queued_on_a_day_that_is_not_a_working_day(officer, manager, today, reason):
    enquiry_due(D(2025, 4, 17), held_by=officer)
    enquiry_due(D(2025, 12, 24), held_by=officer)
    plan = reminders_send(today=today, days=5)
    assert plan.not_working_reason == reason
    assert plan.emails == []
    assert outbox() == []


def test_nothing_is_queued_on_a_council_closure_day(officer):
    ClosureDay.objects.create(date=D(2025, 12, 29), reason="Council closed between Christmas and New Year")
    enquiry_due(D(2025, 12, 24), held_by=officer)
    plan = reminders_send(today=D(2025, 12, 29), days=5)
    assert plan.not_working_reason == "Council closed between Christmas and New Year"
    assert outbox() == []
    # The next working day the digest resumes, with what fell due meanwhile.
    reminders_send(today=D(2025, 12, 30), days=5)
    assert [message.template_key for message in outbox()] == [DIGEST]


def test_the_run_after_easter_lists_what_fell_due_over_the_weekend(officer, manager):
    before = enquiry_due(D(2025, 4, 16), held_by=officer)  # overdue since Maundy Thursday
    thursday = enquiry_due(D(2025, 4, 17), held_by=officer)  # overdue from Good Friday
    holiday = enquiry_due(D(2025, 4, 21), held_by=officer)  # due on Easter Monday
    soon = enquiry_due(D(2025, 4, 23), held_by=officer)
    for today in (D(2025, 4, 18), D(2025, 4, 19), D(2025, 4, 20), D(2025, 4, 21)):
        reminders_send(today=today, days=5)
    assert outbox() == []

    reminders_send(today=D(2025, 4, 22), days=5)
    digest = outbox(DIGEST)[0]
    assert digest.to_address == "officer@example.org"
    assert "Overdue: 3" in digest.body_text and "Due soon: 1" in digest.body_text
    for enquiry in (before, thursday, holiday, soon):
        assert enquiry.reference in digest.body_text
    assert f"{holiday.reference}: reply to the Member's enquiry was due 21 April 2025 (overdue)" in digest.body_text

    # The complaints manager's escalation lists the items that became overdue since the last working
    # day (Thursday 17 April) first, and the older one after.
    escalation = outbox(ESCALATION)[0]
    assert escalation.to_address == "manager@example.org"
    new_part, older_part = escalation.body_text.split("Overdue before that:")
    assert thursday.reference in new_part and holiday.reference in new_part
    assert before.reference not in new_part and before.reference in older_part
    assert soon.reference not in escalation.body_text


def test_the_digest_counts_due_today_as_due_and_yesterday_as_overdue(officer):
    today = D(2025, 6, 10)
    enquiry_due(today, held_by=officer)
    enquiry_due(D(2025, 6, 9), held_by=officer)
    digest = email_for(reminders_plan(today=today, days=5), officer, DIGEST)
    assert (digest.overdue_count, digest.due_count) == (1, 1)
    assert "due today, 10 June 2025" in digest.items_text()


def test_answered_records_are_not_listed(officer):
    enquiry = enquiry_due(D(2025, 6, 9), held_by=officer)
    Enquiry.objects.filter(pk=enquiry.pk).update(responded_on=D(2025, 6, 6))
    assert reminders_plan(today=D(2025, 6, 10), days=5).emails == []


def test_negative_look_ahead_is_refused(officer):
    from fairhearing.core.errors import DomainError

    with pytest.raises(DomainError, match="cannot be negative"):
        reminders_plan(today=D(2025, 6, 10), days=-1)
