"""Writing a checked Ombudsman register through the Ombudsman services, and exporting cases in
the same format.

Each row is replayed as an officer would record it: the case logged with its complaints, team and
the Ombudsman's request for information (``ombudsman_case_create``), the draft decision, the final
decision in the current labels or the historic categories, then each recommendation added,
completed or found not complied with. A recommendation's text is the row's Recommendation details
or, when blank, the name of its kind ("Apology"); its evidence note says it was imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from fairhearing.accounts.models import Team
from fairhearing.cases.models import Complaint
from fairhearing.core import clock
from fairhearing.ombudsman.choices import Compliance, OmbudsmanPhase, RecommendationKind
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.ombudsman.services import (
    ombudsman_case_create,
    ombudsman_case_record_decision,
    ombudsman_case_record_draft_decision,
    ombudsman_case_record_historic_decision,
    recommendation_add,
    recommendation_complete,
    recommendation_record_not_complied,
)

from ..columns import OMBUDSMAN_COLUMNS, RegisterKind
from ..rows import Validation
from ..writer import ImportResult
from ._common import FROM_REGISTER, import_rows, iso, yes_no
from .ombudsman import OmbudsmanRow

HEADERS: tuple[str, ...] = tuple(column.header for column in OMBUDSMAN_COLUMNS)
SEPARATOR = "; "
NOT_COMPLIED_TEXT = "not complied"
NOT_COMPLIED_NOTE = "Imported from the register, which records that the council did not comply."
# A case is logged at the phase it had reached before any decision; recording the decision makes it decided.
_OPEN_PHASES = {OmbudsmanPhase.ENQUIRY, OmbudsmanPhase.ASSESSMENT, OmbudsmanPhase.INVESTIGATION}


def import_ombudsman_cases(
    *, validation: Validation, file_name: str, file_sha256: str, actor: Any, today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write every row of a checked Ombudsman register as Ombudsman cases, all or nothing.

    ``today`` is the day the import runs (by default the clock's): the services check no date is
    after it, and a recommendation may be recorded as not complied only once its due date is past.
    """
    today = today or clock.today()
    teams = {team.name: team for team in Team.objects.all()}

    def write(row: OmbudsmanRow) -> OmbudsmanCase:
        complaints = list(Complaint.objects.filter(reference__in=row.complaints))
        case = ombudsman_case_create(
            lgsco_reference=row.lgsco_reference, received_on=row.received, summary=row.summary,
            complaints=complaints, team=teams[row.team] if row.team else None,
            phase=row.phase if row.phase in _OPEN_PHASES else OmbudsmanPhase.ENQUIRY,
            information_requested_on=row.information_requested, information_due_on=row.information_due,
            information_sent_on=row.information_sent, actor=actor, today=today,
        )
        if row.draft_decision is not None:
            case = ombudsman_case_record_draft_decision(case=case, draft_decision_on=row.draft_decision, actor=actor,
                                                        today=today)
        if row.decision:
            case = ombudsman_case_record_decision(
                case=case, final_decision_on=row.final_decision, decision=row.decision,
                closing_reason=row.closing_reason or "", fault=row.fault, injustice=row.injustice,
                remedy_already_provided=bool(row.remedy_already_provided),
                public_interest_report=bool(row.public_interest_report), actor=actor, today=today,
            )
        elif row.historic_category:
            case = ombudsman_case_record_historic_decision(
                case=case, final_decision_on=row.final_decision, historic_category=row.historic_category,
                actor=actor, today=today,
            )
        for planned in row.planned_recommendations():
            recommendation = recommendation_add(
                case=case, kind=planned.kind, due_on=planned.due_on, amount=planned.amount, actor=actor,
                text=row.recommendation_details or RecommendationKind(planned.kind).label,
            )
            if planned.completed_on is not None:
                recommendation_complete(recommendation=recommendation, completed_on=planned.completed_on,
                                        evidence_note=FROM_REGISTER, actor=actor, today=today)
            elif planned.not_complied:
                recommendation_record_not_complied(recommendation=recommendation, evidence_note=NOT_COMPLIED_NOTE,
                                                   actor=actor, today=today)
        return case

    return import_rows(validation=validation, kind=RegisterKind.OMBUDSMAN, key="lgsco_reference",
                       model=OmbudsmanCase, file_name=file_name, file_sha256=file_sha256, actor=actor,
                       existing_keys=OmbudsmanCase.objects.values_list("lgsco_reference", flat=True),
                       write_row=write, noun="Ombudsman cases", progress=progress)


def ombudsman_export_rows(*, cases: QuerySet[OmbudsmanCase]) -> Iterator[list[str]]:
    """One row of text per case, in the canonical columns' order, by the date the council was told."""
    cases = (cases.select_related("team")
             .prefetch_related("complaints",
                               Prefetch("recommendations", queryset=Recommendation.objects.order_by("number")))
             .order_by("received_on", "lgsco_reference"))
    for case in cases:
        values = {
            "LGSCO reference": case.lgsco_reference,
            "Received": iso(case.received_on),
            "Complaints": SEPARATOR.join(sorted((c.reference for c in case.complaints.all()), key=str.casefold)),
            "Team": case.team.name if case.team else "",
            "Summary": case.summary,
            "Phase": case.phase,
            "Information requested": iso(case.information_requested_on),
            "Information due": iso(case.information_due_on),
            "Information sent": iso(case.information_sent_on),
            "Draft decision": iso(case.draft_decision_on),
            "Final decision": iso(case.final_decision_on),
            "Decision": case.decision,
            "Closing reason": case.closing_reason,
            "Fault": yes_no(case.fault),
            "Injustice": yes_no(case.injustice),
            "Remedy already provided": "yes" if case.remedy_already_provided else "",
            "Public interest report": "yes" if case.public_interest_report else "",
            "Historic category": case.historic_category,
            **_recommendation_values(list(case.recommendations.all())),
        }
        yield [values.get(header, "") for header in HEADERS]


def _recommendation_values(recommendations: list[Recommendation]) -> dict[str, str]:
    """The set of recommendations as the register's columns: a value shared by all is written once."""
    if not recommendations:
        return {}
    completed = [iso(r.completed_on) if r.completed_on else (NOT_COMPLIED_TEXT if r.compliance == Compliance.NOT_COMPLIED else "")
                 for r in recommendations]
    payments = [f"{r.amount:.2f}" for r in recommendations if r.kind == RecommendationKind.PAYMENT and r.amount]
    texts = [r.text for r in recommendations]
    if all(r.text == RecommendationKind(r.kind).label for r in recommendations):
        details = ""
    elif len(set(texts)) == 1:
        details = texts[0]
    else:
        # Each recommendation then imports with all the texts: the format holds one.
        details = " | ".join(texts)
    return {
        "Recommendations": SEPARATOR.join(r.kind for r in recommendations),
        "Recommendations due": _once_or_each([iso(r.due_on) for r in recommendations]),
        "Recommendations completed": _once_or_each(completed),
        "Payment amount": _once_or_each(payments),
        "Recommendation details": details,
    }


def _once_or_each(items: list[str]) -> str:
    if not items or all(item == items[0] for item in items):
        return items[0] if items else ""
    return SEPARATOR.join(items)
