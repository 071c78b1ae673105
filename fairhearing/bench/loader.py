"""Loading synthetic complaints fast: stories built in memory, inserted with bulk_create in batches.

For benchmarking only. It bypasses the per-row services (which take a row lock, validate and
audit each step one at a time: hours for 100,000 complaints) but writes rows the services could
have written: every database constraint holds, due dates come from the real working-day
calendar (loaded once), and references continue the ReferenceCounter of each year under a row
lock, exactly as ``cases.references.reference_next`` does, so real complaints logged afterwards
carry on from the right number.
"""

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from random import Random

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction

from fairhearing.accounts.models import User
from fairhearing.accounts.roles import Role
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import (
    Complaint,
    ComplaintChild,
    ComplaintComplainant,
    ComplaintPoint,
    Procedure,
    ReferenceCounter,
    Theme,
)
from fairhearing.cases.references import reference_format
from fairhearing.core import clock
from fairhearing.demo.council import TEAMS, groups_ensure, teams_ensure
from fairhearing.demo.names import NameBook
from fairhearing.people.models import Child, Person
from fairhearing.stages.models import (
    PanelMember,
    PointOutcome,
    Remedy,
    Stage,
    StageExtension,
    StagePause,
    StageRule,
)
from fairhearing.workingdays.selectors import calendar_get

from .shapes import plans_make
from .stages import StageRunner  # noqa: F401 - imported here so a broken module fails early
from .story import Story
from .world import Rows, World

BATCH_SIZE = 2000
INSERT_BATCH_SIZE = 1000
# The user recorded as creating every synthetic complaint: how synthetic data is told apart.
SYNTHETIC_USERNAME = "synthetic-data"
STAFF = [  # username prefix, role, how many, job title
    ("synthetic-officer", Role.COMPLAINTS_OFFICER, 8, "Complaints Officer"),
    ("synthetic-senior", Role.SENIOR_MANAGER, 3, "Head of Service"),
    ("synthetic-io", Role.INVESTIGATOR, 6, "Investigating Officer"),
    ("synthetic-ip", Role.INVESTIGATOR, 6, "Independent Person"),
    ("synthetic-panel", Role.INVESTIGATOR, 9, "Review panel member"),
]


class SyntheticRefused(Exception):  # noqa: N818 - read as a sentence
    """The synthetic data will not load here."""


@dataclass
class LoadResult:
    """What was loaded and how long it took."""

    complaints: int = 0
    seconds: float = 0.0
    rows: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)


def _staff(rng: Random) -> dict[str, list[User]]:
    """The synthetic council's staff by username prefix; made once, reused on later runs."""
    groups = groups_ensure()
    book = NameBook(rng)
    unusable = make_password(None)
    staff: dict[str, list[User]] = {}
    for prefix, role, count, title in STAFF:
        staff[prefix] = []
        for number in range(1, count + 1):
            user, created = User.objects.get_or_create(
                username=f"{prefix}-{number}",
                defaults={"first_name": book.adult_first_name(), "last_name": book.surname(),
                          "job_title": title, "password": unusable},
            )
            if created:
                user.groups.add(groups[role.value])
            staff[prefix].append(user)
    return staff


def world_load(*, today: date, seed: int) -> World:
    """Reference data, teams, staff and the calendar for a run."""
    teams = teams_ensure()
    staff = _staff(Random(f"fair-hearing-synthetic-staff:{seed}"))
    actor, _ = User.objects.get_or_create(
        username=SYNTHETIC_USERNAME,
        defaults={"first_name": "Synthetic", "last_name": "data loader", "is_active": False,
                  "password": make_password(None)},
    )
    procedures = {p.code: p for p in Procedure.objects.all()}
    rules = {(r.procedure.code, r.number): r for r in StageRule.objects.select_related("procedure")}
    volumes = {name: volume for name, _area, volume in TEAMS}
    team_list = sorted(teams.values(), key=lambda t: t.name)
    return World(
        today=today, calendar=calendar_get(), procedures=procedures, rules=rules,
        teams=team_list, team_weights=[volumes.get(t.name, 1) for t in team_list],
        themes=list(Theme.objects.filter(is_active=True).order_by("name")),
        officers=staff["synthetic-officer"], seniors=staff["synthetic-senior"],
        investigators=staff["synthetic-io"], independents=staff["synthetic-ip"],
        panel=staff["synthetic-panel"], actor=actor,
    )


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _assign_references(complaints: list[Complaint]) -> None:
    """Give each complaint the next number of its year, locking each year's counter row."""
    by_year: dict[int, list[Complaint]] = {}
    for complaint in complaints:
        by_year.setdefault(complaint.received_on.year, []).append(complaint)
    for year, batch in sorted(by_year.items()):
        try:
            with transaction.atomic():
                ReferenceCounter.objects.get_or_create(year=year)
        except IntegrityError:
            pass  # created by someone else in the meantime: lock theirs
        counter = ReferenceCounter.objects.select_for_update().get(year=year)
        for offset, complaint in enumerate(batch, start=1):
            complaint.reference = reference_format(year=year, number=counter.last_number + offset)
        counter.last_number += len(batch)
        counter.save(update_fields=["last_number"])


def _insert(rows: Rows, content_types: dict[type, ContentType]) -> Counter:
    """Insert one batch, parents before children; return the rows written per table."""
    size = INSERT_BATCH_SIZE
    written: Counter = Counter()
    for model, objects in [
        (Person, rows.persons), (Child, rows.children), (Complaint, rows.complaints),
        (ComplaintPoint, rows.points), (ComplaintComplainant, rows.complainants),
        (ComplaintChild, rows.complaint_children), (Complaint.teams.through, rows.complaint_teams),
        (Complaint.themes.through, rows.complaint_themes), (Stage, rows.stages),
        (PointOutcome, rows.outcomes), (Remedy, rows.remedies), (StageExtension, rows.extensions),
        (StagePause, rows.pauses), (PanelMember, rows.panel_members),
    ]:
        model.objects.bulk_create(objects, batch_size=size)
        written[model._meta.label] += len(objects)
    events = []
    for event, subject in rows.events:
        event.subject_type = content_types[type(subject)]
        event.subject_id = subject.pk
        events.append(event)
    AuditEvent.objects.bulk_create(events, batch_size=size)
    written[AuditEvent._meta.label] += len(events)
    return written


def synthetic_load(
    *, count: int, seed: int = 1, today: date | None = None,
    progress: Callable[[int, int, float], None] | None = None,
) -> LoadResult:
    """Add ``count`` synthetic complaints received over the last ten years."""
    if settings.ENVIRONMENT == "production":
        raise SyntheticRefused(
            "Synthetic complaints are for benchmarking on a throwaway database: they will not "
            "load with FAIRHEARING_ENV=production."
        )
    if count < 1:
        raise SyntheticRefused("Give a count of at least 1.")
    started = time.perf_counter()
    today = today or clock.today()
    with transaction.atomic():
        world = world_load(today=today, seed=seed)
    content_types = ContentType.objects.get_for_models(Complaint, Person, Child)
    content_types = {model: content_types[model] for model in (Complaint, Person, Child)}
    result = LoadResult()
    plans = plans_make(count=count, seed=seed, today=today)
    # Millions of short-lived model instances would set the cyclic garbage collector off again
    # and again; one collection per batch is enough.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for batch in _chunks(plans, BATCH_SIZE):
            rows = Rows()
            for plan in batch:
                Story(world, plan, rows).run()
            with transaction.atomic():
                _assign_references(rows.complaints)
                result.rows += _insert(rows, content_types)
            result.statuses.update(complaint.status for complaint in rows.complaints)
            result.complaints += len(batch)
            del rows
            gc.collect()
            if progress is not None:
                progress(result.complaints, count, time.perf_counter() - started)
    finally:
        if gc_was_enabled:
            gc.enable()
    if connection.vendor == "postgresql":
        # What autovacuum would do within a minute or so: plans then use fresh statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result.seconds = time.perf_counter() - started
    return result
