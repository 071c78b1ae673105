"""manage.py send_reminders: idempotent, a dry run that writes nothing, skipped people counted,
and the date and look-ahead options."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.notifications.models import EmailTemplate, OutboxMessage
from fairhearing.notifications.reminders.items import DIGEST
from fairhearing.notifications.reminders.run import ESCALATION

from .conftest import D, enquiry_due, outbox

pytestmark = pytest.mark.django_db

MONDAY = "2025-06-09"


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def world(officer, manager):
    """Two enquiries the officer logged: one overdue since Friday, one due on Wednesday."""
    return [enquiry_due(D(2025, 6, 6), held_by=officer), enquiry_due(D(2025, 6, 11), held_by=officer)]


def test_running_twice_on_the_same_day_queues_nothing_new(world):
    first = run("--date", MONDAY)
    assert sorted(m.template_key for m in outbox()) == [DIGEST, ESCALATION]
    assert "daily digest: 1 queued, 0 already queued today" in first
    events = AuditEvent.objects.count()

    second = run("--date", MONDAY)
    assert len(outbox()) == 2
    assert "daily digest: 0 queued, 1 already queued today" in second
    assert "overdue escalation: 0 queued, 1 already queued today" in second
    assert AuditEvent.objects.count() == events  # nothing queued, nothing audited

    # The next working day is a new day.
    run("--date", "2025-06-10")
    assert len(outbox()) == 4
    assert {m.dedupe_key for m in outbox(DIGEST)} == {
        f"digest:{world[0].created_by.pk}:2025-06-09", f"digest:{world[0].created_by.pk}:2025-06-10",
    }


def test_the_digest_as_queued(world, officer):
    run("--date", MONDAY)
    [digest] = outbox(DIGEST)
    assert digest.subject == "Children's Services complaints: 1 due soon, 1 overdue"
    assert digest.recipient == officer
    assert digest.body_text.startswith("Hello Olu\n")
    assert "overdue or due in the next 5 working days" in digest.body_text
    assert (f"Overdue:\n- {world[0].reference}: reply to the Member's enquiry was due 6 June 2025 (overdue)\n\n"
            f"Due soon:\n- {world[1].reference}: reply to the Member's enquiry due 11 June 2025") in digest.body_text
    assert "http://127.0.0.1:8000/" in digest.body_text
    event = AuditEvent.objects.get(verb="reminders.sent")
    assert event.summary == "Reminders for 9 June 2025: 2 emails queued"
    assert event.data["queued"] == {"daily_digest": 1, "deadline_reminder": 0, "overdue_escalation": 1}


def test_a_dry_run_prints_counts_and_references_and_writes_nothing(world, officer):
    events = AuditEvent.objects.count()
    printed = run("--dry-run", "--date", MONDAY)
    assert OutboxMessage.objects.count() == 0
    assert AuditEvent.objects.count() == events
    assert "Dry run: nothing is written." in printed
    assert (f"daily digest for user {officer.pk}: would queue; 1 overdue, 1 due soon: "
            f"{world[0].reference}, {world[1].reference}") in printed
    assert "daily digest: 1 to queue, 0 already queued today" in printed
    assert "@" not in printed  # no addresses
    assert "Olu" not in printed  # no names

    # After a real run the dry run says what is already queued.
    run("--date", MONDAY)
    assert "daily digest: 0 to queue, 1 already queued today" in run("--dry-run", "--date", MONDAY)


def test_people_without_an_address_and_inactive_holders_are_skipped_and_counted(officer, manager):
    no_address = UserFactory(username="no-address", email="", roles=[Role.COMPLAINTS_OFFICER])
    bad_address = UserFactory(username="bad-address", email="not an address", roles=[Role.COMPLAINTS_OFFICER])
    leaver = UserFactory(username="leaver", roles=[Role.COMPLAINTS_OFFICER])
    for person in (no_address, bad_address, leaver, officer):
        enquiry_due(D(2025, 6, 11), held_by=person)
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])
    printed = run("--date", MONDAY)
    assert "Skipped: 1 inactive account, 2 without a usable email address." in printed
    # The officer's digest, and the manager's for the record its holder can no longer see to.
    assert sorted(m.to_address for m in outbox()) == ["manager@example.org", "officer@example.org"]


def test_on_a_bank_holiday_the_command_says_so_and_queues_nothing(world):
    printed = run("--date", "2025-08-25")
    assert printed == "Monday 25 August 2025 is not a working day (Late Summer Bank Holiday): nothing to send.\n"
    assert outbox() == []


def test_the_look_ahead_comes_from_the_setting_unless_given(world, officer, settings):
    settings.REMINDER_WORKING_DAYS = 1  # Tuesday 10 June: the enquiry due Wednesday is not listed
    printed = run("--dry-run", "--date", MONDAY)
    assert "items due up to Tuesday 10 June 2025 (1 working day ahead)" in printed
    assert re.search(rf"daily digest for user {officer.pk}: would queue; 1 overdue, 0 due soon", printed)
    printed = run("--dry-run", "--date", MONDAY, "--days", "2")
    assert "1 overdue, 1 due soon" in printed


@pytest.mark.parametrize(("args", "message"), [
    (("--date", "09/06/2025"), "write the date as YYYY-MM-DD"),
    (("--days", "-1"), "--days cannot be negative"),
])
def test_bad_options_are_refused(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("send_reminders", *args, stdout=StringIO())


def test_an_email_the_outbox_refuses_is_reported_and_the_others_still_go(world):
    # Wording saved before a rule changed: the outbox refuses a name-bearing subject when queueing.
    EmailTemplate.objects.create(key=DIGEST, subject="For {{ first_name }}", body="{{ items }}")
    out = StringIO()
    with pytest.raises(CommandError, match="1 email could not be queued"):
        call_command("send_reminders", "--date", MONDAY, stdout=out)
    assert "daily digest for user" in out.getvalue() and "NOT QUEUED" in out.getvalue()
    assert [m.template_key for m in outbox()] == [ESCALATION]
