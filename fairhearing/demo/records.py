"""The demo council's records besides complaints: compliments, Members' enquiries, ADR, IRO
disputes, costs, Ombudsman cases and learning, over the same years as the complaints.

Everything is written through the real services, each step passing ``today=`` the day it happened
(where the service takes one), so every date is checked as it would have been on that day and
nothing lies after the real today. Volumes per financial year follow the seed reports; the
current year gets the same rate, scaled to the part of it that has passed. Initial feedback is
logged before the complaints (concerns.py), because a few concerns become complaints.

The loader calls :func:`records_load` once, inside its transaction, only when it creates the demo
council: a second run adds nothing.
"""

from random import Random

from .history import Council
from .learning_story import learning_load
from .ombudsman_story import ombudsman_load
from .representations import compliments_load, enquiries_load
from .resolutions import adr_load, costs_load, iro_disputes_load
from .years import demo_years


def records_load(*, council: Council, seed: str) -> None:
    """Every other record of the demo, each kind after the ones it refers to."""
    years = demo_years(council.today)
    compliments_load(council=council, years=years, rng=Random(f"{seed}:compliments"))
    enquiries_load(council=council, years=years, rng=Random(f"{seed}:enquiries"))
    iro_disputes_load(council=council, years=years, rng=Random(f"{seed}:iro"))
    adr_load(council=council, years=years, rng=Random(f"{seed}:adr"))
    costs_load(council=council, years=years, rng=Random(f"{seed}:costs"))
    cases = ombudsman_load(council=council, years=years, rng=Random(f"{seed}:ombudsman"))
    learning_load(council=council, years=years, rng=Random(f"{seed}:learning"), ombudsman=cases)
