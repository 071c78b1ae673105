"""Every write about learning from complaints: learning notes on responses, learning meetings and
their approval, action plans, their numbered actions and dated updates, and what prompted them.

Each function takes the acting user, validates, saves and writes an audit event about the record
in the same transaction. Errors a user can correct are DomainError with a plain-English message.
Audit summaries carry references and dates only: the free text may name a child or a member of
staff, so it stays out of them.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record, diff_fields
from fairhearing.cases.models import Complaint, Theme
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.stages.models import Stage

from .choices import ActionStatus, RootCause
from .models import Action, ActionPlan, ActionUpdate, LearningMeeting, LearningNote

OWNER_MAX = Action._meta.get_field("owner").max_length
SHORT_TEXT_MAX = Action._meta.get_field("start_by_text").max_length
PERSON_MAX = LearningMeeting._meta.get_field("chair").max_length
TITLE_MAX = ActionPlan._meta.get_field("title").max_length
PERIOD_MAX = ActionPlan._meta.get_field("period_label").max_length
NUMBER_MAX = 32767  # PositiveSmallIntegerField's limit on every database Django supports


def _required(value: str, message: str, *, max_length: int | None = None, label: str = "") -> str:
    """Stripped text that must be present (and, for short fields, fit)."""
    value = (value or "").strip()
    if not value:
        raise DomainError(message)
    if max_length is not None and len(value) > max_length:
        raise DomainError(f"The {label} must be {max_length} characters or fewer.")
    return value


def _optional(value: str, *, max_length: int, label: str) -> str:
    value = (value or "").strip()
    if len(value) > max_length:
        raise DomainError(f"The {label} must be {max_length} characters or fewer.")
    return value


def _not_in_future(value: date | None, *, label: str, today: date) -> None:
    if value is not None and value > today:
        raise DomainError(f"The {label} cannot be in the future.")


def _not_before(value: date | None, *, label: str, floor: date, floor_label: str) -> None:
    if value is not None and value < floor:
        raise DomainError(f"The {label} cannot be before {floor_label} ({long_date(floor)}).")


# Learning notes ------------------------------------------------------------------------------


def _note_root_cause(root_cause: str) -> str:
    if root_cause and root_cause not in RootCause.values:
        raise DomainError("Choose a root cause from the list, or leave it empty.")
    return root_cause


def _note_themes(themes: Sequence[Theme], *, allowed_retired: set[int]) -> list[Theme]:
    """The themes chosen; a retired theme may stay on a note that had it but not be newly added."""
    chosen = list({theme.pk: theme for theme in themes}.values())
    retired = [t.name for t in chosen if not t.is_active and t.pk not in allowed_retired]
    if retired:
        raise DomainError(f"The theme {', '.join(sorted(retired))} is no longer in use. Choose another.")
    return chosen


def _note_dates(
    *, complaint: Complaint, stage: Stage | None, practitioner_told_on: date | None,
    shared_with_learning_team_on: date | None, today: date,
) -> None:
    """Learning is shared after the response it came from: never in the future, and never before
    the response (or, for a note on the complaint as a whole, before the complaint arrived)."""
    _not_in_future(practitioner_told_on, label="date the practitioner was told", today=today)
    _not_in_future(shared_with_learning_team_on, label="date shared with the learning team", today=today)
    if stage is not None and stage.responded_on is not None:
        floor, floor_label = stage.responded_on, f"the Stage {stage.number} response"
    else:
        floor, floor_label = complaint.received_on, "the complaint was received"
    _not_before(practitioner_told_on, label="date the practitioner was told", floor=floor,
                floor_label=floor_label)
    _not_before(shared_with_learning_team_on, label="date shared with the learning team",
                floor=complaint.received_on, floor_label="the complaint was received")


def _note_snapshot(note: LearningNote) -> dict[str, Any]:
    return {
        "what_was_learned": note.what_was_learned,
        "practitioner_told_on": note.practitioner_told_on,
        "shared_with_learning_team_on": note.shared_with_learning_team_on,
        "root_cause": note.root_cause,
        "themes": sorted(note.themes.values_list("name", flat=True)) if note.pk else [],
    }


@transaction.atomic
def learning_note_record(
    *,
    complaint: Complaint,
    stage: Stage | None,
    what_was_learned: str,
    practitioner_told_on: date | None = None,
    shared_with_learning_team_on: date | None = None,
    themes: Sequence[Theme] = (),
    root_cause: str = "",
    actor: Any,
    today: date | None = None,
) -> LearningNote:
    """Record what a response taught the service (the monitoring form). One note per response;
    ``stage=None`` records learning about the complaint as a whole (e.g. one resolved informally)."""
    today = today or clock.today()
    if stage is not None:
        stage = Stage.objects.select_for_update().get(pk=stage.pk)
        if stage.complaint_id != complaint.pk:
            raise DomainError(f"That stage belongs to another complaint, not {complaint.reference}.")
        if stage.responded_on is None:
            raise DomainError(
                f"Stage {stage.number} has not been responded to yet. Record learning once the "
                "response has been sent."
            )
        if LearningNote.objects.filter(stage=stage).exists():
            raise DomainError(
                f"The Stage {stage.number} response already has a learning note. Change that note instead."
            )
    text = _required(what_was_learned, "Say what was learned.")
    root_cause = _note_root_cause(root_cause)
    chosen = _note_themes(themes, allowed_retired=set())
    _note_dates(complaint=complaint, stage=stage, practitioner_told_on=practitioner_told_on,
                shared_with_learning_team_on=shared_with_learning_team_on, today=today)
    note = LearningNote.objects.create(
        complaint=complaint, stage=stage, what_was_learned=text, root_cause=root_cause,
        practitioner_told_on=practitioner_told_on,
        shared_with_learning_team_on=shared_with_learning_team_on,
        recorded_on=today, created_by=actor,
    )
    note.themes.set(chosen)
    if stage is not None:
        summary = f"Learning recorded from the Stage {stage.number} response to {complaint.reference}"
    else:
        summary = f"Learning recorded on complaint {complaint.reference} as a whole"
    audit_record(
        actor=actor, verb="learning_note.recorded", subject=note, summary=summary,
        data={
            "complaint": complaint.pk, "stage": stage.number if stage is not None else None,
            "root_cause": root_cause, "themes": sorted(t.name for t in chosen),
            "practitioner_told_on": practitioner_told_on,
            "shared_with_learning_team_on": shared_with_learning_team_on,
        },
    )
    return note


@transaction.atomic
def learning_note_update(
    *,
    note: LearningNote,
    what_was_learned: str,
    practitioner_told_on: date | None,
    shared_with_learning_team_on: date | None,
    themes: Sequence[Theme],
    root_cause: str,
    actor: Any,
    today: date | None = None,
) -> LearningNote:
    """Change a learning note, typically to add the date the learning was shared. The complaint and
    response it belongs to stay fixed. Writes an event only when something changed."""
    today = today or clock.today()
    note = LearningNote.objects.select_for_update().select_related("complaint", "stage").get(pk=note.pk)
    text = _required(what_was_learned, "Say what was learned.")
    root_cause = _note_root_cause(root_cause)
    before = _note_snapshot(note)
    chosen = _note_themes(themes, allowed_retired=set(note.themes.values_list("pk", flat=True)))
    _note_dates(complaint=note.complaint, stage=note.stage, practitioner_told_on=practitioner_told_on,
                shared_with_learning_team_on=shared_with_learning_team_on, today=today)
    after = {
        "what_was_learned": text, "practitioner_told_on": practitioner_told_on,
        "shared_with_learning_team_on": shared_with_learning_team_on, "root_cause": root_cause,
        "themes": sorted(t.name for t in chosen),
    }
    changes = diff_fields(before, after)
    if not changes:
        return note
    note.what_was_learned = text
    note.practitioner_told_on = practitioner_told_on
    note.shared_with_learning_team_on = shared_with_learning_team_on
    note.root_cause = root_cause
    note.save()
    note.themes.set(chosen)
    audit_record(
        actor=actor, verb="learning_note.updated", subject=note,
        summary=f"Learning note on {note.complaint.reference} changed ({', '.join(_labels(changes))})",
        changes=changes,
    )
    return note


_NOTE_LABELS = {
    "what_was_learned": "what was learned",
    "practitioner_told_on": "date practitioner told",
    "shared_with_learning_team_on": "date shared with the learning team",
    "root_cause": "root cause",
    "themes": "themes",
}


def _labels(changes: dict[str, Any]) -> list[str]:
    return [label for name, label in _NOTE_LABELS.items() if name in changes]


# Learning meetings ---------------------------------------------------------------------------


@transaction.atomic
def learning_meeting_record(
    *,
    held_on: date,
    chair: str,
    attendees: str,
    inputs: str,
    key_priority: str,
    notes: str = "",
    complaints: Sequence[Complaint] = (),
    actor: Any,
    today: date | None = None,
) -> LearningMeeting:
    """Record a monthly learning meeting that has taken place, with its one key priority; the
    priority then goes to the Director for approval (seed 000)."""
    today = today or clock.today()
    if held_on is None:
        raise DomainError("Enter the date of the meeting.")
    _not_in_future(held_on, label="date of the meeting", today=today)
    meeting = LearningMeeting.objects.create(
        held_on=held_on,
        chair=_required(chair, "Enter who chaired the meeting.", max_length=PERSON_MAX, label="chair's name"),
        attendees=_required(attendees, "Enter who attended the meeting."),
        inputs=_required(inputs, "Enter what the meeting looked at, such as complaints, audits or reviews."),
        key_priority=_required(key_priority, "Enter the key priority for the month."),
        notes=(notes or "").strip(),
        created_by=actor,
    )
    meeting.complaints.set(complaints)
    audit_record(
        actor=actor, verb="learning_meeting.recorded", subject=meeting,
        summary=f"Learning meeting of {long_date(held_on)} recorded",
        data={"held_on": held_on, "complaints": sorted(c.reference for c in meeting.complaints.all())},
    )
    return meeting


@transaction.atomic
def learning_meeting_approve(
    *, meeting: LearningMeeting, approved_by: str, approved_on: date, actor: Any, today: date | None = None,
) -> LearningMeeting:
    """Record that the meeting's key priority was approved (by the Director), and when."""
    today = today or clock.today()
    meeting = LearningMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_approved:
        raise TransitionNotAllowed(
            f"The key priority was already approved on {long_date(meeting.approved_on)}."
        )
    approver = _required(approved_by, "Enter who approved the key priority.", max_length=PERSON_MAX,
                         label="approver's name")
    if approved_on is None:
        raise DomainError("Enter the date the key priority was approved.")
    _not_in_future(approved_on, label="date of approval", today=today)
    _not_before(approved_on, label="date of approval", floor=meeting.held_on, floor_label="the meeting")
    meeting.approved_by, meeting.approved_on = approver, approved_on
    meeting.save(update_fields=["approved_by", "approved_on"])
    audit_record(
        actor=actor, verb="learning_meeting.approved", subject=meeting,
        summary=f"Key priority of the learning meeting of {long_date(meeting.held_on)} approved on "
        f"{long_date(approved_on)}",
        changes={"approved_on": [None, approved_on]},
    )
    return meeting


# Action plans --------------------------------------------------------------------------------


@transaction.atomic
def action_plan_create(
    *, title: str, period_label: str, starts_on: date, ends_on: date, actor: Any,
) -> ActionPlan:
    """Start an action plan for a period (e.g. the year after an annual report). Plans look ahead,
    so their dates may be in the future."""
    title = _required(title, "Enter a title for the action plan.", max_length=TITLE_MAX, label="title")
    period_label = _required(period_label, 'Enter the period the plan covers, for example "2022-23".',
                             max_length=PERIOD_MAX, label="period")
    if starts_on is None or ends_on is None:
        raise DomainError("Enter the dates the plan starts and ends.")
    if ends_on <= starts_on:
        raise DomainError("The plan must end after it starts.")
    plan = ActionPlan.objects.create(
        title=title, period_label=period_label, starts_on=starts_on, ends_on=ends_on, created_by=actor,
    )
    audit_record(
        actor=actor, verb="action_plan.created", subject=plan,
        summary=f"Action plan {period_label} created ({long_date(starts_on)} to {long_date(ends_on)})",
        data={"title": title, "period_label": period_label, "starts_on": starts_on, "ends_on": ends_on},
    )
    return plan


@transaction.atomic
def action_add(
    *,
    plan: ActionPlan,
    task: str,
    owner: str,
    intended_outcome: str = "",
    start_by: date | None = None,
    start_by_text: str = "",
    target_on: date | None = None,
    target_text: str = "",
    number: int | None = None,
    complaints: Sequence[Complaint] = (),
    actor: Any,
) -> Action:
    """Add a numbered action to a plan: the next number unless one is given. Numbers are unique in
    a plan, so "action 10" always means one thing when progress is reported."""
    # Lock the plan so two people adding actions at once cannot take the same number.
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    task = _required(task, "Describe the task or action.")
    owner = _required(owner, "Enter who owns the action (names or roles).", max_length=OWNER_MAX,
                      label="owner")
    start_by_text = _optional(start_by_text, max_length=SHORT_TEXT_MAX, label="start date in words")
    target_text = _optional(target_text, max_length=SHORT_TEXT_MAX, label="target date in words")
    if start_by is not None and target_on is not None and target_on < start_by:
        raise DomainError(
            f"The target completion date cannot be before the action starts ({long_date(start_by)})."
        )
    last = plan.actions.order_by("-number").values_list("number", flat=True).first() or 0
    if number is None:
        number = last + 1
    elif not 1 <= number <= NUMBER_MAX:
        raise DomainError(f"Action numbers run from 1 to {NUMBER_MAX:,}.")
    elif plan.actions.filter(number=number).exists():
        raise DomainError(
            f"This plan already has an action {number}. Choose another number, or leave it empty "
            f"to use the next one ({last + 1})."
        )
    action = Action.objects.create(
        plan=plan, number=number, task=task, owner=owner,
        intended_outcome=(intended_outcome or "").strip(),
        start_by=start_by, start_by_text=start_by_text, target_on=target_on, target_text=target_text,
        created_by=actor,
    )
    action.complaints.set(complaints)
    audit_record(
        actor=actor, verb="action.added", subject=action,
        summary=f"Action {number} added to action plan {plan.period_label}",
        data={
            "plan": plan.pk, "number": number, "start_by": start_by, "target_on": target_on,
            "complaints": sorted(c.reference for c in action.complaints.all()),
        },
    )
    return action


@transaction.atomic
def action_update_record(
    *,
    action: Action,
    written_on: date,
    text: str,
    status_after: str,
    completed_on: date | None = None,
    actor: Any,
    today: date | None = None,
) -> ActionUpdate:
    """Add a dated progress update (the quarterly update) and move the action to the status it
    reports. A complete action needs the date it was completed."""
    today = today or clock.today()
    action = Action.objects.select_for_update().select_related("plan").get(pk=action.pk)
    text = _required(text, "Write the update: what has happened since the last one.")
    if status_after not in ActionStatus.values:
        raise DomainError("Choose where the action has got to: not started, in progress, complete or dropped.")
    if written_on is None:
        raise DomainError("Enter the date of the update.")
    _not_in_future(written_on, label="date of the update", today=today)
    # The newest update is the one the plan shows, and the action's status is the one it reports,
    # so an update may not be slipped in before the last one.
    last_written = action.updates.order_by("-written_on").values_list("written_on", flat=True).first()
    if last_written is not None:
        _not_before(written_on, label="date of the update", floor=last_written, floor_label="the last update")
    if status_after == ActionStatus.COMPLETE:
        if completed_on is None:
            raise DomainError("Enter the date the action was completed.")
        _not_in_future(completed_on, label="date completed", today=today)
        if completed_on > written_on:
            raise DomainError("The action cannot be completed after the update that reports it.")
    elif completed_on is not None:
        raise DomainError("Only a complete action has a completion date. Leave it empty or mark the action complete.")
    update = ActionUpdate.objects.create(
        action=action, written_on=written_on, text=text, status_after=status_after, created_by=actor,
    )
    changes = diff_fields(
        {"status": action.status, "completed_on": action.completed_on},
        {"status": status_after, "completed_on": completed_on},
    )
    action.status, action.completed_on = status_after, completed_on
    action.save(update_fields=["status", "completed_on"])
    audit_record(
        actor=actor, verb="action.updated", subject=action,
        summary=f"Action {action.number} of action plan {action.plan.period_label}: update of "
        f"{long_date(written_on)}, {ActionStatus(status_after).label.lower()}",
        changes=changes,
        data={"update": update.pk, "written_on": written_on},
    )
    return update


@transaction.atomic
def action_link_complaint(*, action: Action, complaint: Complaint, actor: Any) -> Action:
    """Record that a complaint prompted (or is addressed by) an action."""
    action = Action.objects.select_for_update().select_related("plan").get(pk=action.pk)
    if action.complaints.filter(pk=complaint.pk).exists():
        raise DomainError(f"Action {action.number} is already linked to {complaint.reference}.")
    action.complaints.add(complaint)
    audit_record(
        actor=actor, verb="action.complaint_linked", subject=action,
        summary=f"Action {action.number} of action plan {action.plan.period_label} linked to "
        f"complaint {complaint.reference}",
        data={"complaint": complaint.pk},
    )
    return action
