"""Reporting the Ombudsman's decisions in the historic categories.

Councils' annual reports show Ombudsman outcomes over three years side by side (seed 003, table
1.1), and the older years were recorded in the categories the LGSCO used before its current
labels (domain-spec 2.2: the 2007/08 key of MI, LS, M and NM reports, discretion, outside
jurisdiction, premature). So a case decided under the current labels is also given a historic
category, by the table below, and a case recorded in the old categories keeps the one stored.

This is a reporting convention, not a rule of law: the LGSCO publishes no mapping between the two
schemes. The rows are tried in order and the first that matches wins (the full reasons are beside
each row in ``HISTORIC_MAP``):

1. A historic category is stored: that category. The case was recorded in the old scheme.
2. Upheld, remedy already provided: local settlement. The council had already put things right and
   the Ombudsman accepted its remedy; the old scheme called that a local settlement, not a report
   of maladministration. It comes before rows 3 and 4 because such cases usually record fault
   (often injustice) too: what sets them apart is that the council had already remedied it.
3. Upheld, injustice: maladministration and injustice (the old "MI" finding).
4. Upheld, anything else: maladministration, no injustice. Upheld is a finding of fault; with no
   injustice found or recorded it is the old "M" finding.
5. Not upheld: no maladministration after investigation (investigated, no fault: the old "NM").
6. Closed after initial enquiries, out of jurisdiction: outside jurisdiction.
7. Closed after initial enquiries, discretion: Ombudsman discretion (s24A(6) LGA 1974).
8. Closed after initial enquiries for any other reason (late, court, injustice not significant,
   could not add, other): closed after initial enquiries, the name older tables also used.
9. Referred back for local resolution: premature or informal enquiries (the council had not yet
   had its chance to respond).
10. Incomplete or invalid: investigation discontinued (ended without a finding because the
    complaint could not go on as made).
11. Advice given: closed after initial enquiries (ended at first contact, no finding).
12. No decision yet: no category (None, NULL in SQL).

:func:`historic_category_for` applies the table to one case in Python;
:func:`historic_category_expression` is the same table as SQL, for reports that count in the
database. Both are built from ``HISTORIC_MAP``, and the tests check they
agree for every combination of decision, closing reason and flags.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, F, Q, Value, When

from .choices import ClosingReason, DecisionLabel, HistoricCategory


@dataclass(frozen=True)
class HistoricMapping:
    """One row of the table: when every field in ``when`` has its value, the case counts as
    ``category``."""

    when: tuple[tuple[str, Any], ...]
    category: HistoricCategory
    why: str


def _row(category: HistoricCategory, why: str, **when: Any) -> HistoricMapping:
    return HistoricMapping(when=tuple(when.items()), category=category, why=why)


HISTORIC_MAP: tuple[HistoricMapping, ...] = (
    _row(
        HistoricCategory.LOCAL_SETTLEMENT,
        "The council had already put things right and the Ombudsman accepted its remedy. The old "
        "scheme counted a complaint resolved by the council's own satisfactory action as a local "
        "settlement, not as a report of maladministration. This row comes before the fault and "
        "injustice rows because such cases usually record fault (and often injustice) as well: "
        "what sets them apart is that the council had already remedied it.",
        decision=DecisionLabel.UPHELD, remedy_already_provided=True,
    ),
    _row(
        HistoricCategory.MALADMINISTRATION_INJUSTICE,
        "Fault that caused injustice is what the old 'MI' finding meant.",
        decision=DecisionLabel.UPHELD, injustice=True,
    ),
    _row(
        HistoricCategory.MALADMINISTRATION_NO_INJUSTICE,
        "An upheld decision is a finding of fault; with no injustice found (or none recorded) it "
        "is the old 'M' finding, maladministration without injustice.",
        decision=DecisionLabel.UPHELD,
    ),
    _row(
        HistoricCategory.NO_MALADMINISTRATION,
        "Not upheld means the Ombudsman investigated and found no fault: the old 'NM' finding.",
        decision=DecisionLabel.NOT_UPHELD,
    ),
    _row(
        HistoricCategory.OUTSIDE_JURISDICTION,
        "The law did not let the Ombudsman look at it, which the old scheme counted as outside "
        "jurisdiction.",
        decision=DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES,
        closing_reason=ClosingReason.OUT_OF_JURISDICTION,
    ),
    _row(
        HistoricCategory.DISCRETION,
        "The Ombudsman used its discretion not to pursue it (s24A(6) LGA 1974), the old 'Omb disc'.",
        decision=DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES, closing_reason=ClosingReason.DISCRETION,
    ),
    _row(
        HistoricCategory.CLOSED_AFTER_INITIAL_ENQUIRIES,
        "Any other closure after initial enquiries (late, court, injustice not significant, could "
        "not add, other) keeps the name it had in the older tables too, where it was 'closed after "
        "initial enquiries - no further action'.",
        decision=DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES,
    ),
    _row(
        HistoricCategory.PREMATURE,
        "Referred back because the council had not yet had the chance to respond: the old "
        "'premature' category.",
        decision=DecisionLabel.REFERRED_BACK,
    ),
    _row(
        HistoricCategory.DISCONTINUED,
        "The Ombudsman stopped without a finding because the complaint could not go on as made; "
        "the old tables counted cases ended without a finding as discontinued.",
        decision=DecisionLabel.INCOMPLETE_INVALID,
    ),
    _row(
        HistoricCategory.CLOSED_AFTER_INITIAL_ENQUIRIES,
        "Advice given ends at the first contact with no finding about the council, as a closure "
        "after initial enquiries did.",
        decision=DecisionLabel.ADVICE_GIVEN,
    ),
)


def historic_category_for(case: Any) -> str | None:
    """The historic category an Ombudsman case is reported under, or None while it is undecided.

    ``case`` is an OmbudsmanCase (saved or not) or anything with its decision fields.
    """
    if case.historic_category:
        return case.historic_category
    for mapping in HISTORIC_MAP:
        if all(getattr(case, field) == value for field, value in mapping.when):
            return mapping.category.value
    return None


def historic_category_expression() -> Case:
    """The same as :func:`historic_category_for`, as an expression for ``annotate`` or
    ``values``: the stored historic category when set, else the one the table gives, else NULL."""
    return Case(
        When(~Q(historic_category=""), then=F("historic_category")),
        *(When(Q(*mapping.when), then=Value(mapping.category.value)) for mapping in HISTORIC_MAP),
        default=Value(None),
        output_field=CharField(),
    )
