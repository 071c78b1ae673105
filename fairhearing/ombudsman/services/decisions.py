"""The Ombudsman's final decision: in its current labels, or in the historic categories for
decisions from older years."""

from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed

from ..choices import ClosingReason, DecisionLabel, HistoricCategory, OmbudsmanPhase
from ..models import OmbudsmanCase
from ..rules import historic_category_for
from ._common import check_date

# Decisions reached on the merits, where the Ombudsman says whether there was fault.
INVESTIGATED = (DecisionLabel.UPHELD, DecisionLabel.NOT_UPHELD)


def _check_decision(
    *, decision: str, closing_reason: str, fault: bool | None, injustice: bool | None,
    remedy_already_provided: bool, public_interest_report: bool,
) -> None:
    """The label, the reason for closing and the flags must describe one consistent decision."""
    if decision not in DecisionLabel.values:
        raise DomainError("Choose the Ombudsman's decision.", code="decision")
    if decision == DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES:
        if closing_reason not in ClosingReason.values:
            raise DomainError("Choose why the Ombudsman closed the case after initial enquiries.",
                              code="closing_reason")
    elif closing_reason:
        raise DomainError(
            "A reason for closing is recorded only when the Ombudsman closed the case after initial "
            "enquiries.", code="closing_reason",
        )
    if decision not in INVESTIGATED and (fault is not None or injustice is not None):
        raise DomainError(
            "The Ombudsman finds fault or injustice only in an upheld or not upheld decision. Leave "
            "fault and injustice blank.", code="fault",
        )
    if injustice and not fault:
        raise DomainError("Injustice is found only where there was fault. Record the fault as well.",
                          code="fault")
    if decision == DecisionLabel.NOT_UPHELD and fault:
        raise DomainError("A complaint that is not upheld has no fault found. Choose upheld if the "
                          "Ombudsman found fault.", code="fault")
    if decision == DecisionLabel.UPHELD:
        if not fault and not remedy_already_provided:
            raise DomainError(
                "An upheld decision means the Ombudsman found fault, or the council had already "
                "provided a suitable remedy. Record which.", code="fault",
            )
        if fault and injustice is None:
            raise DomainError("Say whether the fault caused injustice.", code="injustice")
    elif remedy_already_provided:
        raise DomainError(
            "A remedy the council had already provided is recorded only with an upheld decision: the "
            "Ombudsman counts those cases as upheld.", code="remedy_already_provided",
        )
    if public_interest_report and decision not in INVESTIGATED:
        raise DomainError("A public interest report follows an investigation: the decision must be "
                          "upheld or not upheld.", code="public_interest_report")


def _decision_summary(case: OmbudsmanCase) -> str:
    """'upheld: fault causing injustice', 'closed after initial enquiries: late', ..."""
    if case.decision == DecisionLabel.UPHELD:
        if case.remedy_already_provided:
            detail = "the council had already provided a satisfactory remedy"
        elif case.injustice:
            detail = "fault causing injustice"
        else:
            detail = "fault, no injustice"
        text = f"upheld: {detail}"
    elif case.decision == DecisionLabel.NOT_UPHELD:
        text = "not upheld: no fault"
    elif case.decision == DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES:
        text = f"closed after initial enquiries: {ClosingReason(case.closing_reason).label.lower()}"
    else:
        text = DecisionLabel(case.decision).label.lower()
    return text + (" (public interest report)" if case.public_interest_report else "")


def _check_final_date(case: OmbudsmanCase, final_decision_on: date, today: date) -> None:
    if case.is_decided:
        raise TransitionNotAllowed(
            f"The Ombudsman's final decision on this case was already recorded "
            f"({long_date(case.final_decision_on)})."
        )
    check_date(final_decision_on, label="date of the final decision", today=today,
               not_before=case.received_on, not_before_label="the council was told of the enquiry",
               code="final_decision_on")
    if case.draft_decision_on is not None and final_decision_on < case.draft_decision_on:
        raise DomainError(
            f"The final decision cannot be before the draft decision ({long_date(case.draft_decision_on)}).",
            code="final_decision_on",
        )


@transaction.atomic
def ombudsman_case_record_decision(
    *,
    case: OmbudsmanCase,
    final_decision_on: date,
    decision: str,
    closing_reason: str,
    fault: bool | None,
    injustice: bool | None,
    remedy_already_provided: bool,
    public_interest_report: bool,
    actor: Any,
    today: date | None = None,
) -> OmbudsmanCase:
    """Record the Ombudsman's final decision in its current labels; the case is then decided."""
    today = today or clock.today()
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    closing_reason = closing_reason or ""
    _check_final_date(case, final_decision_on, today)
    _check_decision(decision=decision, closing_reason=closing_reason, fault=fault, injustice=injustice,
                    remedy_already_provided=remedy_already_provided,
                    public_interest_report=public_interest_report)
    previous_phase = case.phase
    case.final_decision_on = final_decision_on
    case.decision = decision
    case.closing_reason = closing_reason
    case.fault = fault
    case.injustice = injustice
    case.remedy_already_provided = remedy_already_provided
    case.public_interest_report = public_interest_report
    case.phase = OmbudsmanPhase.DECIDED
    case.save()
    audit_record(
        actor=actor, verb="ombudsman.decided", subject=case,
        summary=f"Final decision on {long_date(final_decision_on)}: {_decision_summary(case)}",
        changes={"phase": [previous_phase, case.phase]},
        data={
            "decision": decision, "closing_reason": closing_reason, "fault": fault,
            "injustice": injustice, "remedy_already_provided": remedy_already_provided,
            "public_interest_report": public_interest_report,
            "historic_category": historic_category_for(case),
        },
    )
    return case


@transaction.atomic
def ombudsman_case_record_historic_decision(
    *, case: OmbudsmanCase, final_decision_on: date, historic_category: str, actor: Any,
    today: date | None = None,
) -> OmbudsmanCase:
    """Record a decision from an older year in the categories used then (for cases entered from
    old records, so earlier years can be reported beside current ones)."""
    today = today or clock.today()
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    _check_final_date(case, final_decision_on, today)
    if historic_category not in HistoricCategory.values:
        raise DomainError("Choose the category the decision was recorded in.", code="historic_category")
    previous_phase = case.phase
    case.final_decision_on = final_decision_on
    case.historic_category = historic_category
    case.phase = OmbudsmanPhase.DECIDED
    case.save()
    label = HistoricCategory(historic_category).label
    audit_record(
        actor=actor, verb="ombudsman.decided", subject=case,
        summary=f"Final decision on {long_date(final_decision_on)} (historic category): {label}",
        changes={"phase": [previous_phase, case.phase]},
        data={"historic_category": historic_category},
    )
    return case
