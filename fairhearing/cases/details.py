"""Changing a complaint's working details: the teams and themes it concerns, who holds it, what it
is about and why it follows its procedure.

These are corrections and reallocations made while the case is worked, and they feed the annual
report (complaints by team and by theme), so every change is audited with the fields before and
after. Names of teams, themes and staff are stored in the event, not ids, so the timeline reads as
a history even after a team is renamed or retired.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record, diff_fields
from fairhearing.core.errors import DomainError

from .allocation_listeners import notify_allocated
from .models import Complaint, Theme

# Labels for the event's summary line, in the order the page shows the fields.
FIELD_LABELS = {
    "teams": "teams",
    "themes": "themes",
    "held_by": "held by",
    "summary": "summary",
    "routing_reason": "why this procedure",
}


def _names(items: Iterable[Any]) -> str:
    return ", ".join(sorted(str(item) for item in items))


def _snapshot(complaint: Complaint, *, teams: Iterable[Team], themes: Iterable[Theme],
              assigned_to: Any) -> dict[str, str | None]:
    return {
        "teams": _names(teams) or None,
        "themes": _names(themes) or None,
        "held_by": str(assigned_to) if assigned_to is not None else None,
        "summary": complaint.summary,
        "routing_reason": complaint.routing_reason,
    }


@transaction.atomic
def complaint_details_update(
    *,
    complaint: Complaint,
    teams: Iterable[Team],
    themes: Iterable[Theme],
    assigned_to: Any,
    summary: str,
    routing_reason: str,
    actor: Any,
) -> Complaint:
    """Update the teams, themes, holder, summary and routing reason; audit the fields that changed.

    Saving without a change writes nothing, so the timeline only shows real changes.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    summary = summary.strip()
    routing_reason = routing_reason.strip()
    teams = list(teams)
    themes = list(themes)
    if not summary:
        raise DomainError("Say what the complaint is about.")
    if not routing_reason:
        raise DomainError("Say why the complaint goes to this procedure.")
    if assigned_to is not None and not assigned_to.is_active:
        raise DomainError(f"{assigned_to} cannot hold the complaint: their account is not active.")
    previous_holder = complaint.assigned_to
    before = _snapshot(complaint, teams=complaint.teams.all(), themes=complaint.themes.all(),
                       assigned_to=previous_holder)
    complaint.summary = summary
    complaint.routing_reason = routing_reason
    complaint.assigned_to = assigned_to
    after = _snapshot(complaint, teams=teams, themes=themes, assigned_to=assigned_to)
    changes = diff_fields(before, after)
    if not changes:
        return complaint
    complaint.save(update_fields=["summary", "routing_reason", "assigned_to", "updated_at"])
    if "teams" in changes:
        complaint.teams.set(teams)
    if "themes" in changes:
        complaint.themes.set(themes)
    changed = [label for name, label in FIELD_LABELS.items() if name in changes]
    audit_record(
        actor=actor, verb="complaint.details_changed", subject=complaint,
        summary="Details changed: " + ", ".join(changed),
        changes=changes,
    )
    notify_allocated(record=complaint, user=assigned_to, role_label="Officer holding the complaint",
                     actor=actor, previous=previous_holder)
    return complaint
