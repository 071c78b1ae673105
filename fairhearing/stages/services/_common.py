"""Checks and steps shared by the stage services."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from fairhearing.audit.services import audit_record
from fairhearing.cases.models import Complaint, ComplaintPoint
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed

from ..choices import Outcome, RemedyKind, StageStatus
from ..models import PointOutcome, Remedy, Stage, StageRule


@dataclass(frozen=True)
class PointFinding:
    """The decision on one point of complaint."""

    outcome: str
    finding: str = ""


@dataclass(frozen=True)
class RemedyInput:
    kind: str
    description: str = ""
    amount: Decimal | None = None


def require_date(value: date | None, *, label: str, not_before: date | None = None,
                 not_before_label: str = "", today: date) -> date:
    """A date the user entered: present, not in the future, not before a related event."""
    if value is None:
        raise DomainError(f"Enter the {label}.")
    if value > today:
        raise DomainError(f"The {label} cannot be in the future.")
    if not_before is not None and value < not_before:
        raise DomainError(
            f"The {label} cannot be before {not_before_label} ({long_date(not_before)})."
        )
    return value


def require_open(stage: Stage) -> None:
    if not stage.is_open:
        raise TransitionNotAllowed(f"Stage {stage.number} is closed.")


def require_not_paused(stage: Stage, action: str) -> None:
    if stage.is_paused:
        raise TransitionNotAllowed(
            f"Stage {stage.number} is paused. Resume it before you {action}."
        )


def rule_for(complaint: Complaint, number: int) -> StageRule | None:
    return StageRule.objects.filter(procedure_id=complaint.procedure_id, number=number).first()


def require_rule(complaint: Complaint, number: int) -> StageRule:
    rule = rule_for(complaint, number)
    if rule is None:
        raise TransitionNotAllowed(f"The {complaint.procedure.name} has no Stage {number}.")
    return rule


def derive_outcome(outcomes: Sequence[str]) -> str:
    """A stage's outcome follows from its points: all upheld, none upheld, or partly."""
    if outcomes and all(o == Outcome.UPHELD for o in outcomes):
        return Outcome.UPHELD
    if outcomes and all(o == Outcome.NOT_UPHELD for o in outcomes):
        return Outcome.NOT_UPHELD
    return Outcome.PARTIALLY_UPHELD


def findings_build(
    *, stage: Stage, points: Sequence[ComplaintPoint], findings: Mapping[int, PointFinding],
    remedies: Sequence[RemedyInput],
) -> tuple[list[PointOutcome], list[Remedy], str]:
    """Check the findings and remedies and make their rows, unsaved; with the stage's outcome.

    Pure: the import's batch writer (intake/importing/bulk_stages.py) uses it to record a response
    exactly as :func:`record_findings` does.
    """
    if not points:
        raise DomainError("Add the points of complaint before recording the response.")
    missing = [p.number for p in points if p.number not in findings]
    if missing:
        raise DomainError(
            "Record an outcome for every point of complaint. Missing: "
            + ", ".join(f"point {n}" for n in missing) + "."
        )
    unknown = sorted(set(findings) - {p.number for p in points})
    if unknown:
        raise DomainError("There is no point " + ", ".join(str(n) for n in unknown) + ".")
    for number, finding in findings.items():
        if finding.outcome not in Outcome.values:
            raise DomainError(f"Choose upheld, partially upheld or not upheld for point {number}.")
    for remedy in remedies:
        if remedy.kind not in RemedyKind.values:
            raise DomainError("Choose the kind of each remedy.")
        if remedy.kind == RemedyKind.FINANCIAL and (remedy.amount is None or remedy.amount <= 0):
            raise DomainError("Enter the amount of the financial remedy, in pounds.")
        if remedy.amount is not None and remedy.amount < 0:
            raise DomainError("A remedy amount cannot be negative.")
    outcomes = [
        PointOutcome(stage=stage, point=point, outcome=findings[point.number].outcome,
                     finding=findings[point.number].finding.strip())
        for point in points
    ]
    remedy_rows = [Remedy(stage=stage, kind=r.kind, description=r.description.strip(), amount=r.amount)
                   for r in remedies]
    return outcomes, remedy_rows, derive_outcome([findings[p.number].outcome for p in points])


def record_findings(
    *, stage: Stage, findings: Mapping[int, PointFinding], remedies: Sequence[RemedyInput]
) -> str:
    """Save an outcome for every point (keyed by point number) and the remedies; return the stage outcome."""
    outcomes, remedy_rows, outcome = findings_build(
        stage=stage, points=list(stage.complaint.points.all()), findings=findings, remedies=remedies)
    PointOutcome.objects.bulk_create(outcomes)
    Remedy.objects.bulk_create(remedy_rows)
    return outcome


def close_stage(stage: Stage, *, status: str, closed_on: date) -> None:
    stage.status = status
    stage.closed_on = closed_on


def record(*, actor: Any, verb: str, stage: Stage | None, complaint: Complaint, summary: str,
           changes: dict | None = None, data: dict | None = None) -> None:
    """Audit a lifecycle step on the complaint's timeline."""
    payload = dict(data or {})
    if stage is not None:
        payload.setdefault("stage", stage.number)
    audit_record(actor=actor, verb=verb, subject=complaint, summary=summary,
                 changes=changes, data=payload)


def latest_stage(complaint: Complaint) -> Stage | None:
    return complaint.stages.order_by("-number").first()


def open_stage(complaint: Complaint) -> Stage | None:
    return complaint.stages.filter(status=StageStatus.OPEN).first()
