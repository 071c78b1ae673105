"""The ``case_allocated`` email: a member of staff is told when a record is given to them.

Registered with fairhearing.cases.allocation_listeners (see that module for when it is called).
It runs inside the allocating service's transaction and only queues an outbox row, so the email
exists exactly when the allocation was committed.

Nobody is emailed when:
- they allocated the record to themselves (they know; the email would only add noise);
- their account is inactive, or has no usable email address (the allocation still stands);
- they may not open the record (an allocation cannot give access: a person excluded from a
  complaint, or not able to see Ombudsman cases or action plans, hears nothing about it);
- the allocation is part of an import (allocation_notices_suppressed).

The email carries the reference, what kind of record it is, the role the person was named in and
what is due next, and a link. Never a name or the record's text.
"""

from typing import Any

from django.urls import reverse

from fairhearing.cases.models import Complaint
from fairhearing.cases.selectors import complaints_visible_to
from fairhearing.core.dates import long_date
from fairhearing.learning.access import action_plans_visible_to
from fairhearing.learning.models import Action
from fairhearing.ombudsman.access import ombudsman_cases_visible_to
from fairhearing.ombudsman.choices import Compliance
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.stages.choices import Phase
from fairhearing.stages.models import Stage

from ..links import absolute_url
from ..services import email_queue
from .items import STAGE_WHAT
from .recipients import usable_address

ALLOCATED = "case_allocated"


def _stage_due(stage: Stage | None) -> str:
    if stage is None or stage.due_on is None:
        return ""
    if stage.paused_since is not None:
        return f"Stage {stage.number} is paused."
    what = STAGE_WHAT.get(stage.phase, STAGE_WHAT[Phase.RESPONSE]).format(n=stage.number)
    return f"{what[0].upper()}{what[1:]} due {long_date(stage.due_on)}."


def _complaint(complaint: Complaint, stage: Stage | None) -> tuple[str, str, str]:
    if stage is None:
        stage = complaint.stages.filter(closed_on__isnull=True).first()
    due = _stage_due(stage)
    if not due and complaint.acknowledged_on is None and complaint.acknowledgement_due_on:
        due = f"Acknowledgement due {long_date(complaint.acknowledgement_due_on)}."
    kind = f"Stage {stage.number} complaint" if stage is not None else "complaint"
    link = absolute_url(reverse("staff:complaint_detail", kwargs={"reference": complaint.reference}))
    return kind, due, link


def _ombudsman_case(case: OmbudsmanCase) -> tuple[str, str, str]:
    due = ""
    if case.information_due_on and case.information_sent_on is None and not case.is_decided:
        due = f"Information for the Ombudsman due {long_date(case.information_due_on)}."
    else:
        next_due = (case.recommendations.filter(compliance=Compliance.PENDING)
                    .order_by("due_on").values_list("due_on", flat=True).first())
        if next_due:
            due = f"Next recommendation due {long_date(next_due)}."
    # "Local Government and Social Care Ombudsman case" reads after "A" in the default wording.
    link = absolute_url(reverse("staff:ombudsman_case_detail", kwargs={"pk": case.pk}))
    return "Local Government and Social Care Ombudsman case", due, link


def _action(action: Action) -> tuple[str, str, str]:
    if action.target_on:
        due = f"Target completion {long_date(action.target_on)}."
    elif action.target_text:
        due = f"Target completion: {action.target_text}."
    else:
        due = ""
    link = absolute_url(reverse("staff:action_detail", kwargs={"pk": action.pk}))
    return "task on an action plan", due, link


def _may_see(record: Any, user: Any) -> bool:
    if isinstance(record, Stage):
        return complaints_visible_to(user).filter(pk=record.complaint_id).exists()
    if isinstance(record, Complaint):
        return complaints_visible_to(user).filter(pk=record.pk).exists()
    if isinstance(record, OmbudsmanCase):
        return ombudsman_cases_visible_to(user).filter(pk=record.pk).exists()
    if isinstance(record, Action):
        return action_plans_visible_to(user).filter(pk=record.plan_id).exists()
    raise TypeError(f"Nothing is known about allocating a {type(record).__name__}.")


def allocation_email_queue(*, record: Any, user: Any, role_label: str, actor: Any) -> None:
    """Queue the ``case_allocated`` email to ``user`` for ``record`` (an allocation listener)."""
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        return
    address = usable_address(user) if user.is_active else ""
    if not address or not _may_see(record, user):
        return
    if isinstance(record, Stage):
        reference = record.complaint.reference
        kind, due, link = _complaint(record.complaint, record)
        about = record.complaint
    elif isinstance(record, Complaint):
        reference = record.reference
        kind, due, link = _complaint(record, None)
        about = record
    elif isinstance(record, OmbudsmanCase):
        reference = record.lgsco_reference
        kind, due, link = _ombudsman_case(record)
        about = record
    else:
        reference = f"Action plan {record.plan.period_label}, action {record.number}"
        kind, due, link = _action(record)
        about = record
    summary = f"You are named as: {role_label}." + (f" {due}" if due else "")
    email_queue(
        template_key=ALLOCATED, to=address, recipient=user, about=about, actor=actor,
        fields={"reference": reference, "record_kind": kind, "due_summary": summary, "link": link},
    )
