"""Moving stored due dates of enquiries and concerns when the working-day calendar changes.

Registered as a calendar listener (workingdays.listeners) by CasesConfig.ready(). It runs inside
the transaction that changed the calendar, so the holiday and every moved due date commit
together. Only records still waiting for an answer move: an answered enquiry or a resolved,
closed or converted concern keeps the due date it was measured against. Each move is audited on
the record's own timeline.
"""

from datetime import date
from typing import Any

from fairhearing.audit.services import audit_record
from fairhearing.core.dates import long_date
from fairhearing.workingdays.selectors import calendar_get

from ..kind_choices import ConcernStatus
from ..models import Concern, Enquiry


def _audit_move(*, actor: Any, subject: Enquiry | Concern, before: date, after: date, description: str) -> None:
    audit_record(
        actor=actor, verb="deadline.recalculated", subject=subject,
        summary=f"Response due date moved from {long_date(before)} to {long_date(after)} "
                "because the calendar changed",
        changes={"response_due_on": [before, after]},
        data={"reason": description},
    )


def representations_recalculate_for_calendar_change(
    *, actor: Any, description: str, changed_dates: list[date]
) -> int:
    """Recompute the due dates of unanswered enquiries and open concerns; return how many moved.

    Only records whose counting window could include a changed date are loaded: the clock started
    before the latest changed date and the due date is on or after the earliest. (A record due
    before a newly added holiday is unaffected; one due on or after it moves a day later.)
    """
    if not changed_dates:
        return 0
    earliest, latest = min(changed_dates), max(changed_dates)
    calendar = calendar_get()
    moved = 0

    enquiries = Enquiry.objects.select_for_update().filter(
        responded_on__isnull=True, received_on__lt=latest, response_due_on__gte=earliest
    )
    for enquiry in enquiries:
        after = calendar.add_working_days(enquiry.received_on, enquiry.response_days)
        if after != enquiry.response_due_on:
            before, enquiry.response_due_on = enquiry.response_due_on, after
            enquiry.save(update_fields=["response_due_on", "updated_at"])
            _audit_move(actor=actor, subject=enquiry, before=before, after=after, description=description)
            moved += 1

    concerns = Concern.objects.select_for_update().filter(
        status=ConcernStatus.OPEN, received_on__lt=latest, response_due_on__gte=earliest
    )
    for concern in concerns:
        after = calendar.add_working_days(concern.clock_started_on, concern.response_days)
        if after != concern.response_due_on:
            before, concern.response_due_on = concern.response_due_on, after
            concern.save(update_fields=["response_due_on", "updated_at"])
            _audit_move(actor=actor, subject=concern, before=before, after=after, description=description)
            moved += 1
    return moved
