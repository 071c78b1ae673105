"""One day's reminders: what would be sent (``reminders_plan``, a pure read) and sending it
(``reminders_send``, the service behind ``manage.py send_reminders``).

Each working day, for each person (docs/reminders.md):
- ``daily_digest``: the casework they hold that is overdue or due within the next N working days
  (complaint acknowledgements, stage deadlines, Members' enquiries, initial feedback, the
  Ombudsman's requests for information, and for complaints managers the complaints sent online
  and not yet logged or closed);
- ``deadline_reminder``: the Ombudsman recommendations and action-plan actions they hold, on the
  same terms. A separate email because their owners are often not caseworkers (a head of service
  owning an action, a learning lead), and because the team can word it for that audience;
- ``overdue_escalation`` to each complaints manager: everything overdue across the service that
  they may see, the items that became overdue since the last working day listed first. The whole
  list, every working day, not only what is new: an item still overdue tomorrow must not drop out
  of sight, and a missed run (the server was down) loses nothing.

Nobody gets an email with nothing in it. On a day that is not a working day (weekend, bank
holiday, closure day) nothing is sent; the next working day's emails include whatever fell due
meanwhile, because overdue items stay listed until done.

Idempotent: each email has a dedupe key ("digest:<user>:<date>", "deadlines:<user>:<date>",
"escalation:<user>:<date>"), and email_queue creates nothing for a key already used, so a second
run on the same day queues nothing new.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.workingdays.selectors import calendar_get

from ..links import absolute_url
from ..models import OutboxMessage
from ..services import email_queue
from .items import DEADLINES, DIGEST, DueItem, item_sources, items_held_by, items_overdue_visible_to
from .recipients import complaints_managers, reminder_candidates, usable_address

ESCALATION = "overdue_escalation"
DEDUPE_PREFIX = {DIGEST: "digest", DEADLINES: "deadlines", ESCALATION: "escalation"}


def reminder_working_days() -> int:
    """N, the digest's look-ahead in working days (FAIRHEARING_REMINDER_WORKING_DAYS, default 5)."""
    return int(getattr(settings, "REMINDER_WORKING_DAYS", 5))


def dedupe_key(template_key: str, *, user_id: int, today: date) -> str:
    return f"{DEDUPE_PREFIX[template_key]}:{user_id}:{today.isoformat()}"


@dataclass
class PlannedEmail:
    """One email the day's run would queue, before any address is looked at by the caller."""

    template_key: str
    user: Any
    items: list[DueItem]
    today: date
    new_since: date | None = None  # escalation only: items due on or after this became overdue today
    already_queued: bool = False  # an earlier run today queued it (same dedupe key)
    queued: bool = False  # this run queued it
    failed: str = ""  # why the outbox refused it

    @property
    def key(self) -> str:
        return dedupe_key(self.template_key, user_id=self.user.pk, today=self.today)

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.is_overdue(self.today))

    @property
    def due_count(self) -> int:
        return len(self.items) - self.overdue_count

    @property
    def newly_overdue(self) -> list[DueItem]:
        if self.new_since is None:
            return []
        return [item for item in self.items if item.due_on >= self.new_since]

    @property
    def references(self) -> list[str]:
        """Each item's reference once, in the email's order (for the dry run's report)."""
        return list(dict.fromkeys(item.reference for item in self.items))

    def items_text(self) -> str:
        """The ``items`` field: overdue first, then due soon; in an escalation, new ones first."""
        if self.template_key == ESCALATION:
            new = self.newly_overdue
            older = [item for item in self.items if item not in new]
            parts = []
            if new:
                parts.append("Overdue since the last working day:\n" + _lines(new, self.today))
            if older:
                parts.append("Overdue before that:\n" + _lines(older, self.today))
            return "\n\n".join(parts)
        overdue = [item for item in self.items if item.is_overdue(self.today)]
        due = [item for item in self.items if not item.is_overdue(self.today)]
        parts = []
        if overdue:
            parts.append("Overdue:\n" + _lines(overdue, self.today))
        if due:
            parts.append("Due soon:\n" + _lines(due, self.today))
        return "\n\n".join(parts)


def _lines(items: list[DueItem], today: date) -> str:
    return "\n".join(f"- {item.line(today)}" for item in items)


@dataclass
class ReminderPlan:
    """What a day's run sends, or why it sends nothing."""

    today: date
    days: int
    not_working_reason: str = ""
    until: date | None = None
    emails: list[PlannedEmail] = field(default_factory=list)
    skipped_inactive: int = 0
    skipped_no_address: int = 0

    @property
    def is_working_day(self) -> bool:
        return not self.not_working_reason

    def to_queue(self) -> list[PlannedEmail]:
        return [email for email in self.emails if not email.already_queued]

    def count(self, template_key: str, *, already_queued: bool = False) -> int:
        return sum(1 for email in self.emails
                   if email.template_key == template_key and email.already_queued == already_queued)


def reminders_plan(*, today: date, days: int) -> ReminderPlan:
    """Work out a day's emails without writing anything.

    Queries: the calendar (2), the people (2), then one per kind of record per person; none
    per record. ``days`` is N: items due on or before the Nth working day after ``today`` are
    "due soon" (due exactly N working days ahead is included, N + 1 is not).
    """
    if days < 0:
        raise DomainError("The number of working days to look ahead cannot be negative.")
    plan = ReminderPlan(today=today, days=days)
    calendar = calendar_get()
    if not calendar.is_working_day(today):
        plan.not_working_reason = calendar.reason_not_working(today) or "not a working day"
        return plan
    plan.until = calendar.add_working_days(today, days)
    # An item due on the last working day, or on the non-working days since, became overdue today.
    previous_working_day = _previous_working_day(calendar, today)
    # Read at run time, not import time: other apps register their kinds when Django starts.
    sources = item_sources()
    by_email = {key: tuple(source for source in sources if source.email == key) for key in (DIGEST, DEADLINES)}

    for user in reminder_candidates():
        if not user.is_active:
            plan.skipped_inactive += 1
            continue
        planned = [
            PlannedEmail(template_key=key, user=user, items=items, today=today)
            for key in (DIGEST, DEADLINES)
            if (items := items_held_by(user, until=plan.until, sources=by_email[key]))
        ]
        if planned and not usable_address(user):
            plan.skipped_no_address += 1
            continue
        plan.emails.extend(planned)

    for manager in complaints_managers():
        items = items_overdue_visible_to(manager, today=today, sources=sources)
        if not items:
            continue
        if not usable_address(manager):
            plan.skipped_no_address += 1
            continue
        plan.emails.append(PlannedEmail(template_key=ESCALATION, user=manager, items=items, today=today,
                                        new_since=previous_working_day))

    queued = set(OutboxMessage.objects.filter(dedupe_key__in=[email.key for email in plan.emails])
                 .values_list("dedupe_key", flat=True))
    for email in plan.emails:
        email.already_queued = email.key in queued
    return plan


def _previous_working_day(calendar: Any, today: date) -> date:
    """The working day before ``today``, found by stepping back (a fortnight at most in practice)."""
    day = today.fromordinal(today.toordinal() - 1)
    while not calendar.is_working_day(day):
        day = day.fromordinal(day.toordinal() - 1)
    return day


def _fields(email: PlannedEmail, *, days: int) -> dict[str, str]:
    common = {
        "items": email.items_text(),
        "overdue_count": str(email.overdue_count),
        "link": absolute_url(reverse("staff:home")),
    }
    if email.template_key == ESCALATION:
        return common
    common["due_count"] = str(email.due_count)
    if email.template_key == DIGEST:
        # Not the username, which is often the email address; the greeting reads "Hello there".
        common["first_name"] = email.user.first_name or "there"
        common["working_days"] = str(days)
    return common


@transaction.atomic
def reminders_send(*, today: date | None = None, days: int | None = None, actor: Any = None) -> ReminderPlan:
    """Queue the day's digests, deadline reminders and escalations (those not already queued).

    One transaction, so a run either queues its emails and its audit event or nothing; an email
    the outbox refuses (say, wording the team saved with a field it may no longer use) is marked
    failed on the plan and the rest still go. Returns the plan, each email marked as queued before
    or failed, for the command's report.
    """
    today = today or clock.today()
    days = reminder_working_days() if days is None else days
    plan = reminders_plan(today=today, days=days)
    queued: dict[str, int] = dict.fromkeys(DEDUPE_PREFIX, 0)
    for email in plan.to_queue():
        try:
            message = email_queue(
                template_key=email.template_key, to=usable_address(email.user),
                fields=_fields(email, days=days), dedupe_key=email.key, recipient=email.user, actor=actor,
            )
        except DomainError as error:
            email.failed = error.message
            continue
        if message is None:  # queued by a run at the same moment
            email.already_queued = True
        else:
            email.queued = True
            queued[email.template_key] += 1
    total = sum(queued.values())
    if total:
        audit_record(
            actor=actor, verb="reminders.sent", subject=None,
            summary=f"Reminders for {long_date(today)}: {total} email{'s' if total != 1 else ''} queued",
            data={
                "date": today, "working_days": days, "queued": queued,
                "skipped_inactive": plan.skipped_inactive, "skipped_no_address": plan.skipped_no_address,
            },
        )
    return plan
