"""The register of Ombudsman (LGSCO) cases: one row per case, and the rules a row must keep.

A case is known by the Ombudsman's own reference (21 012 345), which is the same in every council
register and in Fair Hearing, so it is the key: a row whose LGSCO reference is already in Fair
Hearing (imported or entered by hand) is left alone. A decision is given either in the
Ombudsman's current labels (Decision, with its closing reason and flags) or, for an older year,
in the historic categories (Historic category), never both.

A case's recommendations are a simple set in one row: their kinds in Recommendations, and in
Recommendations due, Recommendations completed and Payment amount either one value for all of
them or one for each, in the same order. The rules below are those the Ombudsman services check
(ombudsman/services/), so a valid row is one the writer (ombudsman_writer.py) can record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.choices import DecisionLabel, OmbudsmanPhase, RecommendationKind
from fairhearing.ombudsman.references import REFERENCE_EXAMPLE, lgsco_reference_normalise

from ..columns import RegisterKind
from ..files import Cell
from ..problems import Problem
from ..rows import RegisterSpec, RowChecker
from ..values import CodeList, Parsed, clean, complaint_references, parse_date, parse_money
from ._common import Add, adder, dates_in_order, dates_not_in_future, needs

NOT_COMPLIED = "not_complied"  # a Recommendations completed item: the Ombudsman found it not done
_NOT_COMPLIED_WORDS = {"not complied", "not_complied", "not complied with"}
INVESTIGATED = (DecisionLabel.UPHELD, DecisionLabel.NOT_UPHELD)
_FLAGS = ("fault", "injustice", "remedy_already_provided", "public_interest_report")
_KINDS = CodeList.from_choices("a kind of recommendation", RecommendationKind)


@dataclass(frozen=True)
class PlannedRecommendation:
    """One recommendation as the row describes it, its shared values spread out."""

    kind: str
    due_on: date
    completed_on: date | None
    not_complied: bool
    amount: Decimal | None


@dataclass(frozen=True)
class OmbudsmanRow:
    """One valid Ombudsman case row, typed; blank cells are None, empty text or empty tuples."""

    source_row: int
    lgsco_reference: str
    received: date
    complaints: tuple[str, ...] = ()
    team: str | None = None
    summary: str = ""
    phase: str | None = None
    information_requested: date | None = None
    information_due: date | None = None
    information_sent: date | None = None
    draft_decision: date | None = None
    final_decision: date | None = None
    decision: str | None = None
    closing_reason: str | None = None
    fault: bool | None = None
    injustice: bool | None = None
    remedy_already_provided: bool | None = None
    public_interest_report: bool | None = None
    historic_category: str | None = None
    recommendations: tuple[str, ...] = ()
    recommendations_due: tuple[date, ...] = ()
    recommendations_completed: tuple[date | str | None, ...] = ()
    payment_amount: tuple[Decimal, ...] = ()
    recommendation_details: str = ""

    def planned_recommendations(self) -> list[PlannedRecommendation]:
        """The recommendations in order, each with its own due date, completion and amount."""
        count = len(self.recommendations)
        due = spread(self.recommendations_due, count)
        completed = spread(self.recommendations_completed, count) if self.recommendations_completed else [None] * count
        payments = sum(1 for kind in self.recommendations if kind == RecommendationKind.PAYMENT)
        amounts = iter(spread(self.payment_amount, payments))
        return [
            PlannedRecommendation(
                kind=kind, due_on=due[index],
                completed_on=completed[index] if isinstance(completed[index], date) else None,
                not_complied=completed[index] == NOT_COMPLIED,
                amount=next(amounts) if kind == RecommendationKind.PAYMENT else None,
            )
            for index, kind in enumerate(self.recommendations)
        ]


def spread(values: tuple, count: int) -> list:
    """One value for all ``count`` items, or one each."""
    return list(values) * count if len(values) == 1 else list(values)


# Cells read in this register's own way --------------------------------------------------------


def parse_lgsco_reference(raw: Cell, today: date) -> Parsed:
    text = clean(raw)
    if not text:
        return None, None
    try:
        return lgsco_reference_normalise(text), None
    except DomainError:
        return None, f"{text} is not an LGSCO reference; give its 8 digits, for example {REFERENCE_EXAMPLE}"


def _items(raw: Cell) -> list[str]:
    """The items of a semicolon-separated cell, keeping blank items in their places."""
    text = clean(raw)
    return [clean(item) for item in text.split(";")] if text else []


def parse_kinds(raw: Cell, today: date) -> Parsed:
    """Recommendation kinds in order; unlike other lists, a kind may come twice (two payments)."""
    kinds, problems = [], []
    for item in (item for item in _items(raw) if item):
        kind, problem = _KINDS.parse(item)
        if problem:
            problems.append(problem)
        else:
            kinds.append(kind)
    return (None, "; ".join(problems)) if problems else (tuple(kinds) or None, None)


def parse_due_dates(raw: Cell, today: date) -> Parsed:
    if isinstance(raw, date):
        return (parse_date(raw, today=today)[0],), None
    dates, problems = [], []
    for item in _items(raw):
        value, problem = parse_date(item, today=today) if item else (None, "a date is missing between semicolons")
        if problem:
            problems.append(problem)
        else:
            dates.append(value)
    return (None, "; ".join(problems)) if problems else (tuple(dates) or None, None)


def parse_completions(raw: Cell, today: date) -> Parsed:
    """Each item a date, "not complied", or blank (not done yet)."""
    if isinstance(raw, date):
        return (parse_date(raw, today=today)[0],), None
    items, problems = [], []
    for item in _items(raw):
        if not item:
            items.append(None)
        elif item.casefold() in _NOT_COMPLIED_WORDS:
            items.append(NOT_COMPLIED)
        else:
            value, problem = parse_date(item, today=today)
            if problem:
                problems.append(f"{item} is not a date or not complied")
            items.append(value)
    if problems:
        return None, "; ".join(problems)
    return (tuple(items) if any(item is not None for item in items) else None), None


def parse_amounts(raw: Cell, today: date) -> Parsed:
    amounts, problems = [], []
    for item in _items(raw):
        value, problem = parse_money(item) if item else (None, "an amount is missing between semicolons")
        if problem is None and value is not None and value <= 0:
            problem = f"{item} is not more than £0"
        if problem:
            problems.append(problem)
        else:
            amounts.append(value)
    return (None, "; ".join(problems)) if problems else (tuple(amounts) or None, None)


# Rules ----------------------------------------------------------------------------------------

_ORDER = (
    ("information_requested", ("received",)),
    ("information_due", ("information_requested",)),
    ("information_sent", ("information_requested",)),
    ("draft_decision", ("received",)),
    ("final_decision", ("draft_decision", "received")),
)


class OmbudsmanRules:
    """The rules between an Ombudsman case's cells, as the Ombudsman services check them."""

    def __init__(self, today: date) -> None:
        self.today = today

    def __call__(self, number: int, values: dict[str, Any], checker: RowChecker) -> list[Problem]:
        problems: list[Problem] = []
        add = adder(number, checker, problems)
        # The Ombudsman's deadlines may lie ahead; everything else has happened.
        dates_not_in_future(values, self.today, add, may_be_future=("information_due",))
        dates_in_order(values, checker, add, _ORDER)
        needs(values, checker, add, "information_requested", ("information_due", "information_sent"),
              "the date the Ombudsman asked for information")
        self._decision(values, checker, add)
        self._recommendations(values, checker, add)
        return problems

    def _decision(self, values: dict, checker: RowChecker, add: Add) -> None:
        decision, historic = values.get("decision"), values.get("historic_category")
        needs(values, checker, add, "final_decision", ("decision", "historic_category"),
              "the date of the final decision")
        if values.get("final_decision") and not (decision or historic):
            add("decision", f"is blank; {checker.header_for('final_decision')} is filled in, so give the "
                f"decision (or, for an older year, the {checker.header_for('historic_category')})")
        if decision and historic:
            add("historic_category", f"is filled in as well as {checker.header_for('decision')}; give the "
                "decision in the current labels or in the historic categories, not both")
        if values.get("phase") == OmbudsmanPhase.DECIDED and not values.get("final_decision"):
            add("phase", f"is decided, but {checker.header_for('final_decision')} is blank")
        if not decision:
            for name in ("closing_reason", *_FLAGS):
                if values.get(name):
                    add(name, f"is filled in, but {checker.header_for('decision')} is blank; it belongs to a "
                        "decision in the Ombudsman's current labels")
            for name in ("fault", "injustice"):
                if values.get(name) is False:
                    add(name, f"is filled in, but {checker.header_for('decision')} is blank; it belongs to a "
                        "decision in the Ombudsman's current labels")
            return
        self._flags(decision, values, checker, add)

    def _flags(self, decision: str, values: dict, checker: RowChecker, add: Add) -> None:
        fault, injustice = values.get("fault"), values.get("injustice")
        remedied = bool(values.get("remedy_already_provided"))
        if decision == DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES:
            needs(values, checker, add, "closing_reason", ("decision",), "why the Ombudsman closed the case")
        elif values.get("closing_reason"):
            add("closing_reason", "is filled in, but only a case closed after initial enquiries has a closing reason")
        if decision not in INVESTIGATED:
            for name in ("fault", "injustice"):
                if values.get(name) is not None:
                    add(name, "is filled in, but the Ombudsman finds fault or injustice only in an upheld or "
                        "not upheld decision")
            if values.get("public_interest_report"):
                add("public_interest_report", "is yes, but a public interest report follows an upheld or not "
                    "upheld decision")
        if injustice and not fault:
            add("injustice", f"is yes, but {checker.header_for('fault')} is not; injustice is found only where "
                "there was fault")
        if decision == DecisionLabel.NOT_UPHELD and fault:
            add("fault", "is yes, but a complaint not upheld has no fault found")
        if decision == DecisionLabel.UPHELD:
            if not fault and not remedied:
                add("fault", f"is not yes; an upheld decision means the Ombudsman found fault, or "
                    f"{checker.header_for('remedy_already_provided')} is yes")
            elif fault and injustice is None:
                add("injustice", "is blank; the Ombudsman found fault, so say whether it caused injustice")
        elif remedied:
            add("remedy_already_provided", "is yes, but only an upheld decision records a remedy already provided")

    def _recommendations(self, values: dict, checker: RowChecker, add: Add) -> None:
        kinds = values.get("recommendations", ())
        parts = ("recommendations_due", "recommendations_completed", "payment_amount", "recommendation_details")
        if not kinds:
            for name in parts:
                if values.get(name):
                    add(name, f"is filled in, but {checker.header_for('recommendations')} is blank")
            return
        decision = values.get("decision")
        if decision and decision != DecisionLabel.UPHELD:
            add("recommendations", "is filled in, but the Ombudsman makes recommendations only when it upholds a "
                f"complaint (the decision is {DecisionLabel(decision).label.lower()})")
        needs(values, checker, add, "recommendations_due", ("recommendations",), "the date they are due")
        due = values.get("recommendations_due", ())
        self._count(due, len(kinds), "recommendations_due", "date", checker, add)
        for value in due:
            if value < values["received"]:
                add("recommendations_due", f"{long_date(value)} is before {checker.header_for('received')} "
                    f"({long_date(values['received'])})")
        completed = values.get("recommendations_completed", ())
        self._count(completed, len(kinds), "recommendations_completed", "entry", checker, add)
        if len(due) in (1, len(kinds)) and len(completed) in (0, 1, len(kinds)):
            self._completions(values, kinds, checker, add)
        payments = sum(1 for kind in kinds if kind == RecommendationKind.PAYMENT)
        amounts = values.get("payment_amount", ())
        if payments == 0 and amounts:
            add("payment_amount", "is filled in, but no recommendation is a payment")
        elif payments and not amounts:
            add("payment_amount", "is blank; give the amount of each payment recommended")
        else:
            self._count(amounts, payments, "payment_amount", "amount", checker, add, of="payments")

    def _count(self, given: tuple, count: int, name: str, what: str, checker: RowChecker, add: Add,
               of: str = "recommendations") -> None:
        if len(given) not in (0, 1, count):
            add(name, f"gives {len(given)} {what}s for {count} {of}; give one {what} for all, or one for each")

    def _completions(self, values: dict, kinds: tuple, checker: RowChecker, add: Add) -> None:
        due = spread(values["recommendations_due"], len(kinds))
        completed = values.get("recommendations_completed", ())
        for index, item in enumerate(spread(completed, len(kinds)) if completed else ()):
            if isinstance(item, date):
                if item > self.today:
                    add("recommendations_completed", f"{long_date(item)} is in the future")
                elif item < values["received"]:
                    add("recommendations_completed", f"{long_date(item)} is before "
                        f"{checker.header_for('received')} ({long_date(values['received'])})")
            elif item == NOT_COMPLIED and due[index] >= self.today:
                add("recommendations_completed", f"says not complied, but the recommendation is due by "
                    f"{long_date(due[index])}; it can be found not complied with only after that day")


SPEC = RegisterSpec(
    kind=RegisterKind.OMBUDSMAN, row_type=OmbudsmanRow, key="lgsco_reference", make_rules=OmbudsmanRules,
    cell_parsers={"lgsco_reference": parse_lgsco_reference, "recommendations": parse_kinds,
                  "recommendations_due": parse_due_dates, "recommendations_completed": parse_completions,
                  "payment_amount": parse_amounts},
    extra_names=lambda: {"complaint": complaint_references()},
)
