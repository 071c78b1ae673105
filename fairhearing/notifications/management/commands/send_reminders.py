"""Queue the day's reminder emails: digests, deadline reminders and the overdue escalation.

Meant for cron, once each morning (docs/reminders.md):

    30 7 * * *  cd /srv/fairhearing && .venv/bin/python manage.py send_reminders

Safe to run again: an email already queued for a person today is not queued twice. On a weekend,
bank holiday or closure day it queues nothing. ``--dry-run`` prints what would be queued (counts
and references, never addresses or names) and writes nothing. The send_email worker delivers.
"""

from argparse import ArgumentTypeError
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhearing.core import clock
from fairhearing.core.dates import long_date_with_day
from fairhearing.core.errors import DomainError
from fairhearing.notifications.reminders.items import DEADLINES, DIGEST
from fairhearing.notifications.reminders.run import (
    ESCALATION,
    ReminderPlan,
    reminder_working_days,
    reminders_plan,
    reminders_send,
)

LABELS = {DIGEST: "daily digest", DEADLINES: "deadline reminder", ESCALATION: "overdue escalation"}


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ArgumentTypeError(f"write the date as YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Queue today's reminder emails (idempotent; nothing on non-working days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Print what would be queued; write nothing.")
        parser.add_argument("--date", type=_date, help="Run as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--days", type=int, help="Working days to look ahead (default: "
                            "FAIRHEARING_REMINDER_WORKING_DAYS, or 5).")

    def handle(self, *args: object, **options: object) -> None:
        today = options["date"] or clock.today()
        days = options["days"] if options["days"] is not None else reminder_working_days()
        if days < 0:
            raise CommandError("--days cannot be negative.")
        try:
            if options["dry_run"]:
                plan = reminders_plan(today=today, days=days)
            else:
                plan = reminders_send(today=today, days=days)
        except DomainError as error:
            raise CommandError(error.message) from error
        self._report(plan, dry_run=bool(options["dry_run"]))
        failed = [email for email in plan.emails if email.failed]
        if failed:
            raise CommandError(f"{len(failed)} email{'s' if len(failed) != 1 else ''} could not be queued.")

    def _report(self, plan: ReminderPlan, *, dry_run: bool) -> None:
        when = long_date_with_day(plan.today)
        if not plan.is_working_day:
            self.stdout.write(f"{when} is not a working day ({plan.not_working_reason}): nothing to send.")
            return
        self.stdout.write(
            f"Reminders for {when}: items due up to {long_date_with_day(plan.until)} "
            f"({plan.days} working day{'s' if plan.days != 1 else ''} ahead)."
            + (" Dry run: nothing is written." if dry_run else "")
        )
        for email in plan.emails:
            if email.already_queued:
                state = "already queued today"
            elif email.failed:
                state = f"NOT QUEUED: {email.failed}"
            else:
                state = "would queue" if dry_run else "queued"
            self.stdout.write(
                f"  {LABELS[email.template_key]} for user {email.user.pk}: {state}; "
                f"{email.overdue_count} overdue, {email.due_count} due soon: {', '.join(email.references)}"
            )
        for key, label in LABELS.items():
            new = sum(1 for email in plan.emails if email.template_key == key
                      and not email.already_queued and not email.failed)
            before = plan.count(key, already_queued=True)
            self.stdout.write(f"{label}: {new} {'to queue' if dry_run else 'queued'}, {before} already queued today")
        self.stdout.write(
            f"Skipped: {plan.skipped_inactive} inactive account{'s' if plan.skipped_inactive != 1 else ''}, "
            f"{plan.skipped_no_address} without a usable email address."
        )
