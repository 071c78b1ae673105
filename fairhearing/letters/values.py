"""The values of the merge fields for one complaint and one kind of letter.

Every value is plain text (dates as "4 January 2022"); None means "not recorded on the case", which
the letter shows as a visible marker and the preview lists as a warning. The queries here are fixed
in number, whatever the size of the case.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch

from fairhearing.cases.models import Complaint
from fairhearing.core.dates import long_date
from fairhearing.stages.choices import Outcome, RemedyKind
from fairhearing.stages.models import PointOutcome, Stage

from .choices import KIND_STAGE


@dataclass(frozen=True)
class Recipient:
    """Who the letter is addressed to: the primary complainant, with their postal address."""

    name: str
    address_lines: tuple[str, ...]


@dataclass(frozen=True)
class LetterFacts:
    values: dict[str, str | None]
    recipient: Recipient | None


def _date(value: date | None) -> str | None:
    return long_date(value) if value else None


def _person_name(user: Any) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def _join_names(names: list[str]) -> str | None:
    names = [name for name in names if name]
    if not names:
        return None
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _money(amount: Decimal) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


def _remedies(stage: Stage) -> str | None:
    lines = []
    for remedy in stage.remedies.all():
        line = RemedyKind(remedy.kind).label
        if remedy.description:
            line += f": {remedy.description.strip()}"
        if remedy.amount is not None:
            line += f" ({_money(remedy.amount)})"
        lines.append(line)
    return "\n".join(lines) or None


def _outcome_by_point(stage: Stage) -> str | None:
    blocks = []
    for outcome in stage.point_outcomes.all():
        finding = f" {outcome.finding.strip()}" if outcome.finding.strip() else ""
        blocks.append(
            f"Point {outcome.point.number}: {outcome.point.description.strip()}\n"
            f"Outcome: {Outcome(outcome.outcome).label}.{finding}"
        )
    return "\n\n".join(blocks) or None


def _panel_answer(stage: Stage) -> str | None:
    if stage.number != 3 or stage.responded_on is None:
        return None
    if not stage.departs_from_recommendations:
        return "The council accepts the panel's recommendations."
    reasons = stage.departure_reasons.strip()
    return "The council does not accept all of the panel's recommendations." + (
        f" Our reasons are: {reasons}" if reasons else ""
    )


def _letter_stage(stages: list[Stage], kind: str) -> Stage | None:
    """The stage a letter is about (see choices.KIND_STAGE)."""
    number = KIND_STAGE.get(kind)
    if number is not None:
        return next((stage for stage in stages if stage.number == number), None)
    extended = [stage for stage in stages if stage.extensions.all()]
    if extended:
        return max(extended, key=lambda stage: max(ext.pk for ext in stage.extensions.all()))
    open_stages = [stage for stage in stages if stage.is_open]
    return (open_stages or stages or [None])[-1]


def _stage_values(stage: Stage | None, kind: str) -> dict[str, str | None]:
    number = KIND_STAGE.get(kind) or (stage.number if stage else None)
    values: dict[str, str | None] = {"stage": f"Stage {number}" if number else None}
    if stage is None:
        return values
    extensions = list(stage.extensions.all())
    latest = max(extensions, key=lambda ext: ext.pk) if extensions else None
    values.update(
        requested_date=_date(stage.requested_on),
        due_date=_date(stage.due_on),
        previous_due_date=_date(latest.previous_due_on) if latest else None,
        new_due_date=_date(latest.new_due_on) if latest else None,
        extension_reason=latest.reason.strip() if latest else None,
        response_date=_date(stage.responded_on),
        outcome=Outcome(stage.outcome).label.lower() if stage.outcome else None,
        outcome_by_point=_outcome_by_point(stage),
        remedies=_remedies(stage) if stage.responded_on else None,
        escalation_deadline=_date(stage.escalation_deadline_on),
        investigating_officer_name=_person_name(stage.investigating_officer),
        independent_person_name=_person_name(stage.independent_person),
        responder_name=_person_name(stage.responded_by),
        panel_meeting_due_date=_date(stage.panel_meeting_due_on),
        panel_met_date=_date(stage.panel_met_on),
        panel_report_date=_date(stage.report_received_on),
        panel_recommendations_response=_panel_answer(stage),
    )
    return values


def _address(person: Any) -> tuple[str, ...]:
    lines = [line.strip() for line in person.address.splitlines() if line.strip()]
    if person.postcode.strip() and person.postcode.strip().upper() not in (line.upper() for line in lines):
        lines.append(person.postcode.strip().upper())
    return tuple(lines)


def _stages(complaint: Complaint) -> list[Stage]:
    return list(
        complaint.stages.select_related("investigating_officer", "independent_person", "responded_by")
        .prefetch_related(
            "extensions",
            "remedies",
            Prefetch("point_outcomes", queryset=PointOutcome.objects.select_related("point")),
        )
        .order_by("number")
    )


def _primary(links: Iterable[Any]) -> Any:
    links = list(links)
    return next((link for link in links if link.is_primary), links[0] if links else None)


def letter_facts(
    *, complaint: Complaint, kind: str, actor: Any, additional_information: str = "", today: date
) -> LetterFacts:
    """Everything a letter of this kind can say about this complaint."""
    primary = _primary(complaint.complainants.select_related("person").order_by("pk"))
    person = primary.person if primary else None
    children = [link.child for link in complaint.children.select_related("child").order_by("pk")]
    points = list(complaint.points.order_by("number"))
    stages = _stages(complaint)
    values: dict[str, str | None] = {
        "reference": complaint.reference,
        "complainant_name": person.full_name if person else None,
        "complainant_first_name": person.first_name if person else None,
        "child_first_name": _join_names([child.first_name for child in children]),
        "received_date": _date(complaint.received_on),
        "acknowledgement_due_date": _date(complaint.acknowledgement_due_on),
        "points_of_complaint": "\n".join(f"{p.number}. {p.description.strip()}" for p in points) or None,
        "additional_information": additional_information.strip(),
        "officer_name": _person_name(complaint.assigned_to) or _person_name(actor),
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.COUNCIL_SERVICE_NAME,
        "today": long_date(today),
    }
    values.update(_stage_values(_letter_stage(stages, kind), kind))
    recipient = Recipient(name=person.full_name, address_lines=_address(person)) if person else None
    return LetterFacts(values=values, recipient=recipient)
