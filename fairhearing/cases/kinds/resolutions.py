"""Alternative dispute resolution (ADR) on complaints, and IRO dispute resolution (seed 001).

ADR may be offered at any stage; what it saved (e.g. a Stage 2 investigation not needed) is
recorded for the annual report. An IRO dispute is the Independent Reviewing Officer taking a
concern about a child's plan up the council's local process, short of a complaint.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from fairhearing.accounts.models import Team
from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES
from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.people.models import Child

from ..kind_choices import AdrMethod, AdrResult, IroStage, ReferenceKind
from ..models import AdrCase, Complaint, IroDispute
from ._common import (
    UNCHANGED,
    Unchanged,
    apply_changes,
    check_choice,
    check_date,
    check_money,
    check_text,
    full_clean,
    lock,
)
from .access import SENIOR, adr_cases_visible_to, iro_disputes_visible_to
from .references import kind_reference_next

# A saving is money not spent because ADR settled some or all of the complaint.
_RESULTS_WITH_SAVING = {AdrResult.RESOLVED, AdrResult.CONTINUING}


def _check_adr(adr: AdrCase, *, today: date) -> None:
    complaint = adr.complaint
    check_date(adr.offered_on, label="date ADR was offered", today=today,
               not_before=complaint.received_on if complaint else None,
               not_before_label="the complaint was received")
    check_choice(adr.method, AdrMethod, message="Choose how ADR was (or will be) held.")
    check_choice(adr.result, AdrResult, message="Choose the result of ADR.")
    if adr.stage_number is not None:
        if complaint is None:
            raise DomainError("Choose the complaint before saying which stage ADR was offered at.")
        if adr.stage_number not in (1, 2, 3):
            raise DomainError("The stage must be 1, 2 or 3.")
        # Counted through the relation: the stages app sits above this one.
        if adr.stage_number > 1 and not complaint.stages.filter(number=adr.stage_number).exists():
            raise DomainError(f"This complaint has not reached Stage {adr.stage_number}.")
    check_date(adr.held_on, label="date ADR took place", today=today, required=False,
               not_before=adr.offered_on, not_before_label="it was offered")
    if adr.confirmed_in_writing_on is not None and adr.held_on is None:
        raise DomainError("Record when ADR took place before the date its outcome was confirmed in writing.")
    check_date(adr.confirmed_in_writing_on, label="date the outcome was confirmed in writing", today=today,
               required=False, not_before=adr.held_on, not_before_label="ADR took place")
    if adr.result != AdrResult.PENDING and adr.held_on is None:
        raise DomainError("Record when ADR took place before its result.")
    adr.saving = check_money(adr.saving, label="saving", allow_zero=True)
    if adr.saving and adr.result not in _RESULTS_WITH_SAVING:
        raise DomainError("A saving can only be recorded when ADR resolved some or all of the complaint.")
    full_clean(adr)


@transaction.atomic
def adr_create(
    *,
    offered_on: date,
    method: str,
    actor: Any,
    complaint: Complaint | None = None,
    stage_number: int | None = None,
    team: Team | None = None,
    held_on: date | None = None,
    confirmed_in_writing_on: date | None = None,
    result: str = AdrResult.PENDING,
    saving: Decimal | None = None,
    notes: str = "",
    today: date | None = None,
) -> AdrCase:
    """Record that ADR or mediation was offered (and, if known already, held and its result)."""
    today = today or clock.today()
    adr = AdrCase(
        reference="", complaint=complaint, stage_number=stage_number, offered_on=offered_on,
        held_on=held_on, method=method, confirmed_in_writing_on=confirmed_in_writing_on,
        result=result, saving=saving, team=team, notes=(notes or "").strip(), created_by=actor,
    )
    _check_adr(adr, today=today)
    adr.reference = kind_reference_next(kind=ReferenceKind.ADR, year=offered_on.year)
    adr.save()
    audit_record(
        actor=actor, verb="adr.created", subject=adr,
        summary=f"ADR offered on {long_date(offered_on)}"
                + (f" on complaint {complaint.reference}" if complaint else ""),
        data={"complaint": complaint and complaint.pk, "stage_number": stage_number, "method": method,
              "result": result, "saving": adr.saving},
    )
    if complaint is not None:
        audit_record(
            actor=actor, verb="complaint.adr_offered", subject=complaint,
            summary=f"ADR offered on {long_date(offered_on)} ({adr.reference})",
            data={"adr": adr.pk, "adr_reference": adr.reference},
        )
    return adr


def _text_left_out(changes: dict[str, list[Any]], fields: tuple[str, ...]) -> dict[str, list[Any]]:
    """The changes to audit, with free text (which may name a child or the person who raised a
    dispute) recorded only as changed. The audit log can never be corrected, so its text must not
    outlive an edit that takes a name out."""
    return {field: (["(changed)", "(changed)"] if field in fields else values) for field, values in changes.items()}


@transaction.atomic
def adr_update(
    *,
    adr_case: AdrCase,
    actor: Any,
    complaint: Complaint | None | Unchanged = UNCHANGED,
    stage_number: int | None | Unchanged = UNCHANGED,
    offered_on: date | Unchanged = UNCHANGED,
    held_on: date | None | Unchanged = UNCHANGED,
    method: str | Unchanged = UNCHANGED,
    confirmed_in_writing_on: date | None | Unchanged = UNCHANGED,
    result: str | Unchanged = UNCHANGED,
    saving: Decimal | None | Unchanged = UNCHANGED,
    team: Team | None | Unchanged = UNCHANGED,
    notes: str | Unchanged = UNCHANGED,
    today: date | None = None,
) -> AdrCase:
    """Record how ADR went (held, confirmed in writing, result, saving) or correct it."""
    today = today or clock.today()
    adr = lock(adr_case)
    if saving is not UNCHANGED and saving is not None:
        saving = check_money(saving, label="saving", allow_zero=True)
    changes = apply_changes(adr, {
        "complaint": complaint, "stage_number": stage_number, "offered_on": offered_on,
        "held_on": held_on, "method": method, "confirmed_in_writing_on": confirmed_in_writing_on,
        "result": result, "saving": saving, "team": team, "notes": notes,
    })
    if not changes:
        return adr
    _check_adr(adr, today=today)
    adr.save()
    if "result" in changes:
        summary = f"ADR result: {AdrResult(adr.result).label}"
    else:
        summary = "ADR changed: " + ", ".join(sorted(changes)).replace("_", " ")
    audit_record(actor=actor, verb="adr.updated", subject=adr, summary=summary,
                 changes=_text_left_out(changes, ("notes",)))
    return adr


def _check_iro(dispute: IroDispute, *, today: date) -> None:
    check_date(dispute.raised_on, label="date the dispute was raised", today=today)
    dispute.raised_by = check_text(dispute.raised_by, message="Enter the name of the IRO who raised it.")
    dispute.issue = check_text(dispute.issue, message="Describe the issue the IRO raised.")
    check_choice(dispute.local_stage, IroStage, message="Choose how far the dispute has gone.")
    check_date(dispute.resolved_on, label="date resolved", today=today, required=False,
               not_before=dispute.raised_on, not_before_label="it was raised")
    if dispute.resolved_on is not None and not dispute.outcome.strip():
        raise DomainError("Describe the outcome before recording the dispute as resolved.")
    full_clean(dispute)


@transaction.atomic
def iro_dispute_create(
    *,
    raised_on: date,
    raised_by: str,
    issue: str,
    actor: Any,
    child: Child | None = None,
    team: Team | None = None,
    local_stage: str = IroStage.INFORMAL,
    today: date | None = None,
) -> IroDispute:
    """Log an IRO's dispute about a child's case, at the stage of the local process it has reached."""
    today = today or clock.today()
    dispute = IroDispute(
        reference="", raised_on=raised_on, raised_by=raised_by, issue=issue, child=child, team=team,
        local_stage=local_stage, created_by=actor,
    )
    _check_iro(dispute, today=today)
    dispute.reference = kind_reference_next(kind=ReferenceKind.IRO_DISPUTE, year=raised_on.year)
    dispute.save()
    audit_record(
        actor=actor, verb="iro_dispute.created", subject=dispute,
        summary=f"IRO dispute logged, raised {long_date(raised_on)} ({IroStage(local_stage).label})",
        data={"raised_on": raised_on, "local_stage": local_stage, "team": team and team.pk},
    )
    return dispute


@transaction.atomic
def iro_dispute_update(
    *,
    iro_dispute: IroDispute,
    actor: Any,
    raised_on: date | Unchanged = UNCHANGED,
    raised_by: str | Unchanged = UNCHANGED,
    child: Child | None | Unchanged = UNCHANGED,
    team: Team | None | Unchanged = UNCHANGED,
    issue: str | Unchanged = UNCHANGED,
    local_stage: str | Unchanged = UNCHANGED,
    outcome: str | Unchanged = UNCHANGED,
    resolved_on: date | None | Unchanged = UNCHANGED,
    today: date | None = None,
) -> IroDispute:
    """Move a dispute up the local process, record its outcome and resolution, or correct it."""
    today = today or clock.today()
    dispute = lock(iro_dispute)
    changes = apply_changes(dispute, {
        "raised_on": raised_on, "raised_by": raised_by, "child": child, "team": team, "issue": issue,
        "local_stage": local_stage, "outcome": outcome, "resolved_on": resolved_on,
    })
    if not changes:
        return dispute
    _check_iro(dispute, today=today)
    dispute.save()
    if "resolved_on" in changes and dispute.resolved_on is not None:
        summary = f"IRO dispute resolved on {long_date(dispute.resolved_on)}"
    elif "local_stage" in changes:
        summary = f"IRO dispute now at: {IroStage(dispute.local_stage).label}"
    else:
        summary = "IRO dispute changed: " + ", ".join(sorted(changes)).replace("_", " ")
    audit_record(actor=actor, verb="iro_dispute.updated", subject=dispute, summary=summary,
                 changes=_text_left_out(changes, ("issue", "outcome", "raised_by")))
    return dispute


# Reading ----------------------------------------------------------------------------------------

def user_may_view_resolutions(user: Any) -> bool:
    """Whether the user may see ADR cases and IRO disputes at all: the roles that see every one in
    kinds/access.py (the complaints team and senior managers; superusers as the team). Pages for
    the whole kind (the lists) are refused to everyone else; a single record is fetched through
    ``record_get_for_user``, which answers 404."""
    return bool(
        user and user.is_authenticated and user.is_active
        and (user.is_superuser or user.role_names & (COMPLAINTS_TEAM_ROLES | SENIOR))
    )


def adr_cases_for_list(
    *,
    user: Any,
    result: str = "",
    stage_number: int | None = None,
    without_stage: bool = False,
    offered_from: date | None = None,
    offered_to: date | None = None,
) -> QuerySet[AdrCase]:
    """The ADR cases this user may see, newest offer first, with each one's complaint loaded.
    ``without_stage`` keeps only those with no stage recorded (ADR not on a complaint's stage)."""
    adr_cases = adr_cases_visible_to(user).select_related("complaint", "team")
    if result:
        adr_cases = adr_cases.filter(result=result)
    if without_stage:
        adr_cases = adr_cases.filter(stage_number__isnull=True)
    elif stage_number is not None:
        adr_cases = adr_cases.filter(stage_number=stage_number)
    if offered_from is not None:
        adr_cases = adr_cases.filter(offered_on__gte=offered_from)
    if offered_to is not None:
        adr_cases = adr_cases.filter(offered_on__lte=offered_to)
    return adr_cases.order_by("-offered_on", "-id")


def adr_cases_for_complaint(*, user: Any, complaint: Complaint) -> QuerySet[AdrCase]:
    """The ADR offered on one complaint, as this user may see it, in the order it was offered."""
    return adr_cases_visible_to(user).filter(complaint=complaint).order_by("offered_on", "id")


def iro_disputes_for_list(*, user: Any, local_stage: str = "", is_open: bool | None = None) -> QuerySet[IroDispute]:
    """The IRO disputes this user may see, most recently raised first, with each one's team loaded.
    ``is_open`` True keeps the unresolved, False the resolved, None both."""
    disputes = iro_disputes_visible_to(user).select_related("team")
    if local_stage:
        disputes = disputes.filter(local_stage=local_stage)
    if is_open is not None:
        disputes = disputes.filter(resolved_on__isnull=is_open)
    return disputes.order_by("-raised_on", "-id")
