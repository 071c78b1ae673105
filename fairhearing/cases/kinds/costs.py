"""What the complaints service spent, and the yearly totals for the annual report (seed 003, 1.8).

A financial year runs from 1 April to 31 March and is named by the year it starts in: 2022 is
1 April 2022 to 31 March 2023, shown as "2022-23".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Case, DecimalField, IntegerField, Min, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES
from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError

from ..kind_choices import STAGE_FEE_KINDS, CostKind
from ..models import Complaint, Cost
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
from .access import SENIOR, costs_visible_to

ZERO = Decimal("0.00")
# How each field is named in an update's summary, in the order a cost's page shows them.
CHANGE_NAMES = {
    "kind": "what it was spent on", "amount": "amount", "incurred_on": "date", "complaint": "complaint",
    "stage": "stage", "description": "description",
}


@contextmanager
def _about(field_name: str) -> Iterator[None]:
    """Name the field a refusal is about (as the error's code, the service's argument name), so a
    page can show the message beside that field rather than above the form."""
    try:
        yield
    except DomainError as error:
        raise DomainError(error.message, code=field_name) from error


def _check(cost: Cost, *, today: date) -> None:
    with _about("kind"):
        check_choice(cost.kind, CostKind, message="Choose what the money was spent on.")
    with _about("amount"):
        cost.amount = check_money(cost.amount, label="amount", allow_zero=False)
        if cost.amount is None:
            raise DomainError("Enter the amount, in pounds.")
    complaint, stage = cost.complaint, cost.stage
    with _about("incurred_on"):
        check_date(cost.incurred_on, label="date of the cost", today=today,
                   not_before=complaint.received_on if complaint else None,
                   not_before_label="the complaint was received")
    if stage is not None:
        if complaint is None:
            raise DomainError("Choose the complaint the stage belongs to.", code="complaint")
        if stage.complaint_id != complaint.pk:
            raise DomainError(f"That stage is not part of complaint {complaint.reference}.", code="stage")
    label = CostKind(cost.kind).label
    if cost.kind in STAGE_FEE_KINDS and (stage is None or stage.number not in (2, 3)):
        raise DomainError(f"A fee for an {label.lower()} must name the Stage 2 or Stage 3 it was for.",
                          code="stage")
    if cost.kind == CostKind.PANEL_FEE and stage is not None and stage.number != 3:
        raise DomainError("A review panel fee can only belong to Stage 3.", code="stage")
    if cost.kind == CostKind.PAYMENT and complaint is None:
        raise DomainError("A payment to a complainant must name the complaint it was for.", code="complaint")
    full_clean(cost)


@transaction.atomic
def cost_create(
    *,
    kind: str,
    amount: Decimal,
    incurred_on: date,
    actor: Any,
    complaint: Complaint | None = None,
    stage: Any = None,
    description: str = "",
    today: date | None = None,
) -> Cost:
    """Record money spent. Fees for an Independent Investigator or Independent Person name the
    Stage 2 or 3 they were for; a payment to a complainant names the complaint.

    ``stage`` is a stages.Stage (typed loosely because the stages app sits above this one).
    """
    today = today or clock.today()
    cost = Cost(
        kind=kind, amount=amount, incurred_on=incurred_on, complaint=complaint, stage=stage,
        description=(description or "").strip(), created_by=actor,
    )
    _check(cost, today=today)
    cost.save()
    audit_record(
        actor=actor, verb="cost.created", subject=cost,
        summary=f"{CostKind(kind).label} cost of £{cost.amount:,.2f} recorded, "
                f"incurred {long_date(incurred_on)}",
        data={"kind": kind, "amount": cost.amount, "incurred_on": incurred_on,
              "complaint": complaint and complaint.pk, "stage": stage and stage.number},
    )
    if complaint is not None:
        audit_record(
            actor=actor, verb="complaint.cost_recorded", subject=complaint,
            summary=f"{CostKind(kind).label} cost of £{cost.amount:,.2f} recorded",
            data={"cost": cost.pk, "kind": kind, "amount": cost.amount},
        )
    return cost


def _described(cost: Cost) -> str:
    return f"{CostKind(cost.kind).label} cost of £{cost.amount:,.2f}"


@transaction.atomic
def cost_update(
    *,
    cost: Cost,
    actor: Any,
    kind: str | Unchanged = UNCHANGED,
    amount: Decimal | str | None | Unchanged = UNCHANGED,
    incurred_on: date | None | Unchanged = UNCHANGED,
    complaint: Complaint | None | Unchanged = UNCHANGED,
    stage: Any = UNCHANGED,
    description: str | Unchanged = UNCHANGED,
    today: date | None = None,
) -> Cost:
    """Correct a cost: pass only the fields that change. The same rules hold as when it was
    recorded, so a fee still names its Stage 2 or 3 and a payment its complaint.

    One event on the cost's timeline lists each change (amounts as text, the complaint by its
    reference, the stage by its number, the description only as changed); nothing is written if nothing changed. A cost moved to
    another complaint is also written on both complaints' timelines, as recording and removing
    one are, so each complaint's own history still adds up.
    """
    today = today or clock.today()
    cost = lock(cost)
    before_complaint, before_stage = cost.complaint, cost.stage
    if amount is not UNCHANGED:
        with _about("amount"):
            amount = check_money(amount, label="amount", allow_zero=False)
    if description is not UNCHANGED:
        description = description or ""
    changes = apply_changes(cost, {
        "kind": kind, "amount": amount, "incurred_on": incurred_on, "complaint": complaint,
        "stage": stage, "description": description,
    })
    if not changes:
        return cost
    _check(cost, today=today)
    cost.save()
    # Readable on the timeline and still true if the complaint or stage is later deleted.
    if "amount" in changes:
        changes["amount"] = [f"{value:.2f}" if value is not None else None for value in changes["amount"]]
    if "complaint" in changes:
        changes["complaint"] = [before_complaint and before_complaint.reference,
                                cost.complaint and cost.complaint.reference]
    if "stage" in changes:
        changes["stage"] = [before_stage and before_stage.number, cost.stage and cost.stage.number]
    if "description" in changes:
        # The description may name a child, and the audit log can never be corrected: record that
        # it changed, never what it said, so taking a name out of it takes it out of the record.
        changes["description"] = ["(changed)", "(changed)"]
    summary = f"{_described(cost)} changed: " + ", ".join(
        CHANGE_NAMES[name] for name in CHANGE_NAMES if name in changes)
    audit_record(actor=actor, verb="cost.updated", subject=cost, summary=summary, changes=changes)
    if "complaint" in changes:
        if before_complaint is not None:
            audit_record(actor=actor, verb="complaint.cost_removed", subject=before_complaint,
                         summary=f"{_described(cost)} moved to another complaint",
                         data={"cost": cost.pk, "moved": True})
        if cost.complaint is not None:
            audit_record(actor=actor, verb="complaint.cost_recorded", subject=cost.complaint,
                         summary=f"{_described(cost)} moved to this complaint",
                         data={"cost": cost.pk, "kind": cost.kind, "amount": cost.amount, "moved": True})
    return cost


@transaction.atomic
def cost_delete(*, cost: Cost, reason: str, actor: Any) -> None:
    """Remove a cost recorded in error, saying why. The audit event keeps what it was."""
    cost = lock(cost)
    reason = check_text(reason, message="Say why the cost is being removed.")
    snapshot = {
        "kind": cost.kind, "amount": cost.amount, "incurred_on": cost.incurred_on,
        "complaint": cost.complaint_id, "stage": cost.stage_id, "description": cost.description,
    }
    summary = f"{cost.get_kind_display()} cost of £{cost.amount:,.2f} removed"
    # Written before the row goes, while it still has its id, so the event names its subject.
    audit_record(actor=actor, verb="cost.deleted", subject=cost, summary=summary,
                 data={**snapshot, "reason": reason})
    if cost.complaint_id is not None:
        audit_record(actor=actor, verb="complaint.cost_removed", subject=cost.complaint,
                     summary=summary, data={"cost": cost.pk, "reason": reason})
    cost.delete()


@dataclass(frozen=True)
class CostYear:
    """One financial year's expenditure, by kind (every kind present, zero if nothing was spent)."""

    year: int
    starts_on: date
    ends_on: date
    by_kind: dict[str, Decimal] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    @property
    def total(self) -> Decimal:
        return sum(self.by_kind.values(), ZERO)


def financial_year_of(day: date) -> int:
    """The year a financial year starts in: 2023 for 10 March 2024, 2024 for 1 April 2024."""
    return day.year if day.month >= 4 else day.year - 1


def costs_totals_by_year(*, first_year: int, last_year: int) -> list[CostYear]:
    """Spending per financial year from ``first_year`` to ``last_year`` (each the year the
    financial year starts in), totalled by kind in one aggregated query."""
    if first_year > last_year:
        raise DomainError("The first year must not be after the last year.")
    starts_on, ends_on = date(first_year, 4, 1), date(last_year + 1, 3, 31)
    # January to March belong to the financial year that began the April before.
    financial_year = Case(
        When(incurred_on__month__lt=4, then=ExtractYear("incurred_on") - Value(1)),
        default=ExtractYear("incurred_on"),
        output_field=IntegerField(),
    )
    rows = (
        Cost.objects.filter(incurred_on__range=(starts_on, ends_on))
        .annotate(financial_year=financial_year)
        .values("financial_year", "kind")
        .annotate(total=Sum("amount", output_field=DecimalField(max_digits=14, decimal_places=2)))
        .order_by()
    )
    totals: dict[int, dict[str, Decimal]] = {
        year: dict.fromkeys(CostKind.values, ZERO) for year in range(first_year, last_year + 1)
    }
    for row in rows:
        totals[row["financial_year"]][row["kind"]] = Decimal(row["total"]).quantize(ZERO)
    return [
        CostYear(year=year, starts_on=date(year, 4, 1), ends_on=date(year + 1, 3, 31), by_kind=by_kind)
        for year, by_kind in totals.items()
    ]


# Reading ----------------------------------------------------------------------------------------

def user_may_view_costs(user: Any) -> bool:
    """Whether the user may see costs at all: the roles that see every cost in kinds/access.py
    (the complaints team and senior managers; superusers as the team)."""
    return bool(
        user and user.is_authenticated and user.is_active
        and (user.is_superuser or user.role_names & (COMPLAINTS_TEAM_ROLES | SENIOR))
    )


def financial_year_bounds(year: int) -> tuple[date, date]:
    """1 April of ``year`` to 31 March of the next: the financial year named by ``year``."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def costs_for_list(*, user: Any, kind: str = "", financial_year: int | None = None) -> QuerySet[Cost]:
    """The costs this user may see, most recent first, with each one's complaint and stage loaded."""
    costs = costs_visible_to(user).select_related("complaint", "stage")
    if kind:
        costs = costs.filter(kind=kind)
    if financial_year is not None:
        costs = costs.filter(incurred_on__range=financial_year_bounds(financial_year))
    return costs.order_by("-incurred_on", "-id")


def costs_for_complaint(*, user: Any, complaint: Complaint) -> QuerySet[Cost]:
    """The costs recorded on one complaint, as this user may see them, oldest first."""
    return costs_visible_to(user).filter(complaint=complaint).select_related("stage").order_by("incurred_on", "id")


def cost_first_financial_year(*, default: int) -> int:
    """The financial year of the earliest cost recorded, or ``default`` when there is none."""
    earliest = Cost.objects.aggregate(earliest=Min("incurred_on"))["earliest"]
    return financial_year_of(earliest) if earliest else default
