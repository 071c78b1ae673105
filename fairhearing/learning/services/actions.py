"""Action plans (seed 003's last table): the plan, its numbered actions, their dated updates, and
the complaints and Ombudsman cases that prompted them."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record, diff_fields
from fairhearing.cases.allocation_listeners import notify_allocated
from fairhearing.cases.models import Complaint
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.models import OmbudsmanCase

from ..access import user_may_view_learning_plans
from ..choices import ActionStatus
from ..models import Action, ActionPlan, ActionUpdate
from ._common import (
    NUMBER_MAX,
    OWNER_MAX,
    PERIOD_MAX,
    SHORT_TEXT_MAX,
    TITLE_MAX,
    not_before,
    not_in_future,
    optional,
    required,
)


def _plan_fields(*, title: str, period_label: str, starts_on: date | None, ends_on: date | None) -> dict[str, Any]:
    """The plan's fields as they will be saved, or a DomainError naming what to put right."""
    title = required(title, "Enter a title for the action plan.", max_length=TITLE_MAX, label="title")
    period_label = required(period_label, 'Enter the period the plan covers, for example "2022-23".',
                            max_length=PERIOD_MAX, label="period")
    if starts_on is None or ends_on is None:
        raise DomainError("Enter the dates the plan starts and ends.")
    if ends_on <= starts_on:
        raise DomainError("The plan must end after it starts.")
    return {"title": title, "period_label": period_label, "starts_on": starts_on, "ends_on": ends_on}


@transaction.atomic
def action_plan_create(
    *, title: str, period_label: str, starts_on: date, ends_on: date, actor: Any,
) -> ActionPlan:
    """Start an action plan for a period (e.g. the year after an annual report). Plans look ahead,
    so their dates may be in the future."""
    fields = _plan_fields(title=title, period_label=period_label, starts_on=starts_on, ends_on=ends_on)
    title, period_label = fields["title"], fields["period_label"]
    plan = ActionPlan.objects.create(**fields, created_by=actor)
    audit_record(
        actor=actor, verb="action_plan.created", subject=plan,
        summary=f"Action plan {period_label} created ({long_date(starts_on)} to {long_date(ends_on)})",
        data={"title": title, "period_label": period_label, "starts_on": starts_on, "ends_on": ends_on},
    )
    return plan


_PLAN_LABELS = {"title": "title", "period_label": "period", "starts_on": "start date", "ends_on": "end date"}


@transaction.atomic
def action_plan_update(
    *, plan: ActionPlan, title: str, period_label: str, starts_on: date, ends_on: date, actor: Any,
) -> ActionPlan:
    """Correct an action plan's title, period or dates, which must still be in order. Its actions
    keep their own dates: a plan's dates say which year it is for, not when each action is due.
    Writes an event only when something changed."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    fields = _plan_fields(title=title, period_label=period_label, starts_on=starts_on, ends_on=ends_on)
    changes = diff_fields({name: getattr(plan, name) for name in fields}, fields)
    if not changes:
        return plan
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=list(fields))
    audit_record(
        actor=actor, verb="action_plan.updated", subject=plan,
        summary=f"Action plan {plan.period_label} changed "
        f"({', '.join(label for name, label in _PLAN_LABELS.items() if name in changes)})",
        changes=changes,
    )
    return plan


def _action_fields(
    *, task: str, owner: str, intended_outcome: str, start_by: date | None, start_by_text: str,
    target_on: date | None, target_text: str,
) -> dict[str, Any]:
    """The action's own fields as they will be saved, or a DomainError naming what to put right.
    Plans look ahead, so the dates may be in the future; an action cannot be due before it starts."""
    task = required(task, "Describe the task or action.")
    owner = required(owner, "Enter who owns the action (names or roles).", max_length=OWNER_MAX,
                     label="owner")
    start_by_text = optional(start_by_text, max_length=SHORT_TEXT_MAX, label="start date in words")
    target_text = optional(target_text, max_length=SHORT_TEXT_MAX, label="target date in words")
    if start_by is not None and target_on is not None and target_on < start_by:
        raise DomainError(
            f"The target completion date cannot be before the action starts ({long_date(start_by)})."
        )
    return {
        "task": task, "owner": owner, "intended_outcome": (intended_outcome or "").strip(),
        "start_by": start_by, "start_by_text": start_by_text, "target_on": target_on, "target_text": target_text,
    }


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
    ombudsman_cases: Sequence[OmbudsmanCase] = (),
    actor: Any,
) -> Action:
    """Add a numbered action to a plan: the next number unless one is given. Numbers are unique in
    a plan, so "action 10" always means one thing when progress is reported."""
    # Lock the plan so two people adding actions at once cannot take the same number.
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    fields = _action_fields(task=task, owner=owner, intended_outcome=intended_outcome, start_by=start_by,
                            start_by_text=start_by_text, target_on=target_on, target_text=target_text)
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
    action = Action.objects.create(plan=plan, number=number, **fields, created_by=actor)
    action.complaints.set(complaints)
    action.ombudsman_cases.set(ombudsman_cases)
    audit_record(
        actor=actor, verb="action.added", subject=action,
        summary=f"Action {number} added to action plan {plan.period_label}",
        data={
            "plan": plan.pk, "number": number, "start_by": start_by, "target_on": target_on,
            "complaints": sorted(c.reference for c in action.complaints.all()),
            "ombudsman_cases": sorted(c.lgsco_reference for c in action.ombudsman_cases.all()),
        },
    )
    return action


_ACTION_LABELS = {
    "task": "task", "owner": "owner", "start_by": "by date", "start_by_text": "by date in words",
    "intended_outcome": "intended outcome", "target_on": "target completion date",
    "target_text": "target completion date in words",
}


@transaction.atomic
def action_edit(
    *,
    action: Action,
    task: str,
    owner: str,
    intended_outcome: str,
    start_by: date | None,
    start_by_text: str,
    target_on: date | None,
    target_text: str,
    actor: Any,
) -> Action:
    """Correct an action's task, owner, dates or intended outcome. Its number stays, so "action 10"
    means the same thing in every quarterly report, and its status moves only through dated
    updates (:func:`action_update_record`), so the plan shows when and why it moved. Writes an
    event only when something changed."""
    action = Action.objects.select_for_update(of=("self",)).select_related("plan").get(pk=action.pk)
    fields = _action_fields(task=task, owner=owner, intended_outcome=intended_outcome, start_by=start_by,
                            start_by_text=start_by_text, target_on=target_on, target_text=target_text)
    changes = diff_fields({name: getattr(action, name) for name in fields}, fields)
    if not changes:
        return action
    for name, value in fields.items():
        setattr(action, name, value)
    action.save(update_fields=list(fields))
    audit_record(
        actor=actor, verb="action.edited", subject=action,
        summary=f"Action {action.number} of action plan {action.plan.period_label} changed "
        f"({', '.join(label for name, label in _ACTION_LABELS.items() if name in changes)})",
        changes=changes,
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
    action = Action.objects.select_for_update(of=("self",)).select_related("plan").get(pk=action.pk)
    text = required(text, "Write the update: what has happened since the last one.")
    if status_after not in ActionStatus.values:
        raise DomainError("Choose where the action has got to: not started, in progress, complete or dropped.")
    if written_on is None:
        raise DomainError("Enter the date of the update.")
    not_in_future(written_on, label="date of the update", today=today)
    # The newest update is the one the plan shows, and the action's status is the one it reports,
    # so an update may not be slipped in before the last one.
    last_written = action.updates.order_by("-written_on").values_list("written_on", flat=True).first()
    if last_written is not None:
        not_before(written_on, label="date of the update", floor=last_written, floor_label="the last update")
    if status_after == ActionStatus.COMPLETE:
        if completed_on is None:
            raise DomainError("Enter the date the action was completed.")
        not_in_future(completed_on, label="date completed", today=today)
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
    action = Action.objects.select_for_update(of=("self",)).select_related("plan").get(pk=action.pk)
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


@transaction.atomic
def action_link_ombudsman_case(*, action: Action, ombudsman_case: OmbudsmanCase, actor: Any) -> Action:
    """Record that an Ombudsman case (usually its decision or recommendations) prompted an action."""
    action = Action.objects.select_for_update(of=("self",)).select_related("plan").get(pk=action.pk)
    if action.ombudsman_cases.filter(pk=ombudsman_case.pk).exists():
        raise DomainError(
            f"Action {action.number} is already linked to Ombudsman case {ombudsman_case.lgsco_reference}."
        )
    action.ombudsman_cases.add(ombudsman_case)
    audit_record(
        actor=actor, verb="action.ombudsman_case_linked", subject=action,
        summary=f"Action {action.number} of action plan {action.plan.period_label} linked to "
        f"Ombudsman case {ombudsman_case.lgsco_reference}",
        data={"ombudsman_case": ombudsman_case.pk},
    )
    return action


@transaction.atomic
def action_assign_owner(*, action: Action, owned_by: Any, actor: Any) -> Action:
    """Name the member of staff who answers for the action and is reminded of its target date, or
    nobody (``owned_by=None``); the person named is told by email. The plan's "owner" words stay
    as written. Only someone who may see action plans can own one; the same owner again writes
    nothing."""
    action = Action.objects.select_for_update(of=("self",)).select_related("plan").get(pk=action.pk)
    if owned_by is not None:
        if not owned_by.is_active:
            raise DomainError(f"{owned_by} cannot own the action: their account is not active.")
        if not user_may_view_learning_plans(owned_by):
            raise DomainError(f"{owned_by} cannot own the action: their role does not let them see action plans.")
    before = action.owned_by_id
    after = owned_by.pk if owned_by is not None else None
    if before == after:
        return action
    action.owned_by = owned_by
    action.save(update_fields=["owned_by"])
    # Ids, not names: summaries of learning records carry references and dates only.
    audit_record(
        actor=actor, verb="action.owner_assigned", subject=action,
        summary=f"Action {action.number} of action plan {action.plan.period_label}: "
        + ("owner named" if after else "owner removed"),
        changes={"owned_by_id": [before, after]},
    )
    notify_allocated(record=action, user=owned_by, role_label="Owner of the action", actor=actor)
    return action
