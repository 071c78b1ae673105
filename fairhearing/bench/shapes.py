"""The shape of the synthetic caseload: how many complaints arrive when, and how each one ends.

The mix of fates is the demo council's (``demo.scenarios.YEAR_DECK``, itself taken from published
annual reports): most complaints end at Stage 1, about one in six goes to Stage 2, a few to a
review panel, one in seven is withdrawn, a few are routed elsewhere or not accepted. Volumes grow
steadily over the ten years, as most councils' have. Whatever would happen after today has not
happened yet, so the most recent complaints are the open caseload.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from fairhearing.demo import scenarios as sc

YEARS = 10
# The last year receives this many times as many complaints as the first.
GROWTH = 3.0
STATUTORY, CORPORATE = sc.STATUTORY, sc.CORPORATE

# How far each fate goes. REOPENED is treated as STAGE1 here: reopening needs a closed stage to
# resume, which only the full services model; its share is under one per cent.
FATE_WEIGHTS: dict[tuple[str, str], int] = {}
for _procedure, _fate, _count in sc.YEAR_DECK:
    _fate = sc.STAGE1 if _fate == sc.REOPENED else _fate
    FATE_WEIGHTS[(_procedure, _fate)] = FATE_WEIGHTS.get((_procedure, _fate), 0) + _count
# Late complaints accepted before Stage 1 (reg 9), per hundred statutory complaints.
LATE_ACCEPTED_PERCENT = 2
# Complaints by someone who needs a sufficient-interest decision (reg 12), per hundred statutory.
SUFFICIENT_INTEREST_PERCENT = 8

CHANNEL_WEIGHTS = sc.CHANNELS

PRE_STAGE_FATES = {sc.ROUTED, sc.RESOLVED_EARLY, sc.WITHDRAWN_EARLY, sc.LATE_REFUSED, sc.INELIGIBLE}


@dataclass(frozen=True)
class Plan:
    """One synthetic complaint before it is built: when it arrived, where it goes, how it ends."""

    received_on: date
    procedure: str
    fate: str
    seed: int


def weighted(rng: Random, weights: dict) -> object:
    """One key of ``weights``, chosen with probability proportional to its value."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def received_dates(rng: Random, *, count: int, today: date) -> list[date]:
    """``count`` dates over the last ten years, sorted, with the daily rate growing linearly.

    Drawn by inverse transform: with density rising from 1 to GROWTH over the span, the position
    is the root of a quadratic, so each date costs a square root rather than a rejection loop.
    """
    span = YEARS * 365
    first = today - timedelta(days=span - 1)
    slope = GROWTH - 1.0
    days = []
    for _ in range(count):
        u = rng.random()
        # Solve x + slope * x^2 / 2 = u * (1 + slope / 2) for x in [0, 1].
        area = u * (1 + slope / 2)
        x = (-1 + (1 + 2 * slope * area) ** 0.5) / slope if slope else area
        days.append(first + timedelta(days=min(span - 1, int(x * span))))
    days.sort()
    return days


def plans_make(*, count: int, seed: int, today: date) -> list[Plan]:
    """The plan of every synthetic complaint, oldest first (so references follow the dates)."""
    rng = Random(f"fair-hearing-synthetic:{seed}")
    plans = []
    for received_on in received_dates(rng, count=count, today=today):
        procedure, fate = weighted(rng, FATE_WEIGHTS)
        plans.append(Plan(received_on=received_on, procedure=procedure, fate=fate,
                          seed=rng.getrandbits(48)))
    return plans
