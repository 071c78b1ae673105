"""Loading the demo council: teams, sign-ins, two years of complaints, every other record and the
forms received online lately, once.

Idempotent by design: if the demo's ``manager`` sign-in and complaints already exist, nothing is
added. It refuses to add demo complaints to a database that already holds someone else's, and
refuses to run at all in production, where a published password must never exist.
"""

import time
from dataclasses import dataclass, field
from datetime import date
from random import Random

from django.conf import settings
from django.db import transaction

from fairhearing.accounts.models import User
from fairhearing.cases.allocation_listeners import allocation_notices_suppressed
from fairhearing.cases.models import Complaint, Procedure, Theme
from fairhearing.core import clock
from fairhearing.workingdays.selectors import calendar_get

from . import scenarios as sc
from .concerns import concerns_log
from .council import MARKER_USERNAME, TEAMS, groups_ensure, teams_ensure, users_ensure
from .history import Council
from .online_forms import online_forms_load
from .records import records_load
from .story import Story
from .summary import demo_counts

# Change it and every name, date and outcome changes; keep it and every run on a day matches.
SEED = "fair-hearing-demo-council"


class DemoRefused(Exception):  # noqa: N818 - read as a sentence: "demo refused"
    """The demo will not load here (production, or someone else's data)."""


@dataclass
class DemoResult:
    """What the loader did, and what the database holds now."""

    created: bool
    seconds: float = 0.0
    lines: list[str] = field(default_factory=list)


def demo_council_load(*, today: date | None = None) -> DemoResult:
    """Create the demo council, unless it is already there."""
    if settings.ENVIRONMENT == "production":
        raise DemoRefused(
            "The demo council is for trying Fair Hearing out on your own computer: it will not "
            "load with FAIRHEARING_ENV=production, because its sign-ins share a published password."
        )
    today = today or clock.today()
    if Complaint.objects.exists():
        if not User.objects.filter(username=MARKER_USERNAME).exists():
            raise DemoRefused(
                "This database already holds complaints that are not the demo council's, so no "
                "demo data was added."
            )
        return DemoResult(created=False, lines=demo_counts(today=today, calendar=calendar_get()).lines)
    started = time.perf_counter()
    # The demo's stories replay years of allocations: history, not news, so nobody is emailed.
    with transaction.atomic(), allocation_notices_suppressed():
        council = _council(today)
        plans = sc.scenarios_plan(rng=Random(SEED), today=today, calendar=council.calendar)
        stories = [Story(council, plan, seed=f"{SEED}:{index}") for index, plan in enumerate(plans)]
        # Initial feedback is logged first; the concerns that became complaints come back as
        # stories, told among the others in date order so complaint references stay in order.
        stories += concerns_log(council=council, seed=SEED)
        for story in sorted(stories, key=lambda story: story.scenario.received_on):
            story.run()
        records_load(council=council, seed=SEED)
        # Fixed, not drawn from the seed; sent through the public forms' services, so their
        # acknowledgements are queued in the outbox as they really would be.
        online_forms_load(council=council)
    counts = demo_counts(today=today, calendar=council.calendar)
    return DemoResult(created=True, seconds=time.perf_counter() - started, lines=counts.lines)


def _council(today: date) -> Council:
    teams = teams_ensure()
    users = users_ensure(teams=teams, groups=groups_ensure())
    codes = [sc.STATUTORY, sc.CORPORATE, sc.SAFEGUARDING, sc.OTHER_ROUTE]
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=codes, is_active=True)}
    missing = sorted(set(codes) - set(procedures))
    if missing:
        raise DemoRefused(
            "The demo needs the standard procedures, which `manage.py migrate` creates. Missing or "
            "inactive: " + ", ".join(missing) + "."
        )
    return Council(
        today=today,
        # Built once: the stories work out hundreds of dates from it without a query each.
        calendar=calendar_get(),
        teams=teams,
        team_weights={name: volume for name, _area, volume in TEAMS},
        themes={theme.name: theme for theme in Theme.objects.filter(is_active=True)},
        procedures=procedures,
        users=users,
    )
