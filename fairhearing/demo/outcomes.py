"""Findings point by point and the remedies that go with them.

A stage's outcome follows from its points (the stages service derives it), so the demo decides the
outcome it wants and writes point findings that add up to it: every point upheld, none upheld, or
a mixture for "partially upheld".
"""

from decimal import Decimal
from random import Random

from fairhearing.stages.choices import Outcome, RemedyKind
from fairhearing.stages.services import PointFinding, RemedyInput

from .texts import FINDINGS

# Stage 1 outcomes: for complaints that end at Stage 1, and for those that go on to Stage 2
# (which are seldom upheld at Stage 1, or the complainant would not have asked again).
OUTCOMES_ENDING = {Outcome.UPHELD: 30, Outcome.PARTIALLY_UPHELD: 32, Outcome.NOT_UPHELD: 38}
OUTCOMES_ESCALATING = {Outcome.UPHELD: 8, Outcome.PARTIALLY_UPHELD: 37, Outcome.NOT_UPHELD: 55}
OUTCOMES_LATER_STAGE = {Outcome.UPHELD: 25, Outcome.PARTIALLY_UPHELD: 42, Outcome.NOT_UPHELD: 33}

FINANCIAL = [
    (Decimal("100.00"), "Payment for time and trouble in pursuing the complaint."),
    (Decimal("150.00"), "Reimbursement of travel costs for family time."),
    (Decimal("250.00"), "Payment for time and trouble in pursuing the complaint."),
    (Decimal("300.00"), "Goodwill payment for the delay."),
    (Decimal("500.00"), "Payment for distress caused by the delay."),
    (Decimal("750.00"), "Backdated fostering allowance."),
    (Decimal("1250.00"), "Savings owed to the young person, repaid with interest."),
]
OTHER_REMEDIES = [
    (RemedyKind.EXPLANATION, "A full explanation of the decision and what happens next."),
    (RemedyKind.ACTION, "The plan was reviewed and the missing support put in place."),
    (RemedyKind.RECONSIDERED, "The decision was looked at again by a different manager."),
    (RemedyKind.TRAINING, "Team reminded of the expectations on returning calls within two working days."),
    (RemedyKind.SERVICE_IMPROVEMENT, "Letters confirming changes of social worker are now sent automatically."),
    (RemedyKind.POLICY_CHANGE, "The policy on children's savings in care has been rewritten."),
]


def point_outcomes(rng: Random, outcome: str, count: int) -> list[str]:
    """Outcomes for ``count`` points that together give ``outcome``."""
    if outcome in (Outcome.UPHELD, Outcome.NOT_UPHELD):
        return [outcome] * count
    if count == 1:
        return [Outcome.PARTIALLY_UPHELD]
    outcomes = [rng.choice([Outcome.UPHELD, Outcome.PARTIALLY_UPHELD])]
    outcomes += [rng.choice(list(Outcome.values)) for _ in range(count - 1)]
    if all(o == Outcome.UPHELD for o in outcomes):
        outcomes[-1] = Outcome.NOT_UPHELD
    rng.shuffle(outcomes)
    return outcomes


def findings_for(rng: Random, outcome: str, count: int) -> dict[int, PointFinding]:
    """Findings keyed by point number, adding up to ``outcome``."""
    return {
        number: PointFinding(outcome=point, finding=rng.choice(FINDINGS[point]))
        for number, point in enumerate(point_outcomes(rng, outcome, count), start=1)
    }


def remedies_for(rng: Random, outcome: str, *, stage: int) -> list[RemedyInput]:
    """What was done to put things right: an apology for anything upheld, often more."""
    if outcome == Outcome.NOT_UPHELD:
        if rng.random() < 0.25:
            kind, text = OTHER_REMEDIES[0]
            return [RemedyInput(kind=kind, description=text)]
        return []
    remedies = [RemedyInput(kind=RemedyKind.APOLOGY, description="A written apology.")]
    for kind, text in rng.sample(OTHER_REMEDIES, k=rng.randint(0, 2)):
        remedies.append(RemedyInput(kind=kind, description=text))
    chance = 0.12 if stage == 1 else 0.45
    if outcome == Outcome.UPHELD:
        chance *= 1.5
    if rng.random() < chance:
        amount, text = rng.choice(FINANCIAL)
        remedies.append(RemedyInput(kind=RemedyKind.FINANCIAL, description=text, amount=amount))
    return remedies
