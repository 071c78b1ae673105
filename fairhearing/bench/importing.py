"""Measuring the import of a large historic register (issue 6: 10,000 rows in under 30 s).

A canonical complaints CSV is made from a fixed seed, with the spread a real register has: both
procedures and some routed elsewhere, extensions, withdrawals, Stage 2 and Stage 3, remedies and
payments, children with monitoring data, learning. Then, on the configured database and in this
process, ``validate_file`` reads and checks it and ``import_complaints`` writes it in one
transaction (in batches, with the services' checks, dates and audit events), each timed. The
import is then rolled back (a sentinel raised inside ``transaction.atomic``), together with the
teams and accounts made for it, so the benchmark database is left as it was and the measurement
can be repeated.
"""

from __future__ import annotations

import csv
import hashlib
import io
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from random import Random

from django.db import connection, transaction

from fairhearing.accounts.models import User
from fairhearing.accounts.roles import Role
from fairhearing.cases.choices import Channel, ProcedureKind
from fairhearing.cases.models import Theme
from fairhearing.core import clock
from fairhearing.demo.council import groups_ensure, teams_ensure
from fairhearing.intake.importing.columns import COMPLAINT_COLUMNS
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.importing.writer import import_complaints
from fairhearing.people.choices import Disability, Ethnicity, Gender, Religion
from fairhearing.stages.choices import Outcome, RemedyKind
from fairhearing.workingdays.selectors import calendar_get

from .measure import bench_user

IMPORT_ROWS = 10_000
IMPORT_TARGET_SECONDS = 30
ADJUDICATOR_USERNAME = "bench-import-adjudicator"
HEADERS = [column.header for column in COMPLAINT_COLUMNS]


@dataclass
class ImportTiming:
    """One measured import: seconds to validate and to write, and the queries the write made."""

    rows: int
    validate_seconds: float
    import_seconds: float
    queries: int
    created: int
    target_seconds: int = IMPORT_TARGET_SECONDS

    @property
    def total_seconds(self) -> float:
        return self.validate_seconds + self.import_seconds

    def as_dict(self) -> dict:
        data = asdict(self)
        data["total_seconds"] = self.total_seconds
        data["rows_per_second"] = self.rows / self.total_seconds if self.total_seconds else None
        return data


class _RollBack(Exception):  # noqa: N818 - a sentinel, not an error
    """Raised inside the measured transaction so that everything it wrote is undone."""


def _uk(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def register_csv(*, count: int, seed: int, today: date, teams: list[str], themes: list[str]) -> bytes:
    """A canonical complaints register of ``count`` rows, the same for the same seed and day.

    Every date is a working day on or before ``today`` and each stage keeps to the procedure's
    time limits, so the whole file is valid and every row goes through the services.
    """
    rng = Random(f"fair-hearing-import-bench:{seed}")
    calendar = calendar_get()
    added: dict[tuple[date, int], date] = {}

    def add(start: date, n: int) -> date:
        key = (start, n)
        if key not in added:
            added[key] = calendar.add_working_days(start, n)
        return added[key]

    outcomes = [code for code, _ in Outcome.choices]
    channels = [code for code, _ in Channel.choices]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for number in range(1, count + 1):
        received = add(today - timedelta(days=rng.randint(30, 4 * 365)), 0)
        procedure = rng.choices([ProcedureKind.CHILDREN_STATUTORY, ProcedureKind.CORPORATE,
                                 ProcedureKind.ELSEWHERE], weights=[85, 12, 3])[0]
        row = {
            "Reference": f"HIST-{seed}-{number:06d}",
            "Received": _uk(received) if rng.random() < 0.5 else received.isoformat(),
            "Procedure": procedure.value,
            "Channel": rng.choice(channels),
            "Complainant type": rng.choice(["parent", "Parent", "child", "foster_carer", "advocate", "Family"]),
            "Team": "; ".join(rng.sample(teams, 2 if rng.random() < 0.1 else 1)),
            "Themes": "; ".join(rng.sample(themes, min(len(themes), rng.randint(1, 3)))),
        }
        if rng.random() < 0.7:
            row.update(_child(rng, received))
        if procedure != ProcedureKind.ELSEWHERE:
            row.update(_stages(rng, add, received, procedure, today, outcomes))
        writer.writerow([row.get(header, "") for header in HEADERS])
    return out.getvalue().encode()


def _child(rng: Random, received: date) -> dict[str, str]:
    child = {
        "Gender": rng.choice(["M", "F", "U", "Female", "male"]),
        "Ethnicity": rng.choice([code for code, _ in Ethnicity.choices]),
        "Looked after": rng.choice(["yes", "no", "Yes", "No"]),
    }
    if rng.random() < 0.5:
        child["Child age"] = str(rng.randint(0, 17))
    else:
        child["Child date of birth"] = _uk(received - timedelta(days=rng.randint(200, 17 * 365)))
    if rng.random() < 0.3:
        child["Disability"] = rng.choice([code for code, _ in Disability.choices])
    if rng.random() < 0.4:
        child["Religion"] = rng.choice([code for code, _ in Religion.choices])
    if rng.random() < 0.05:
        child["Gender"] = rng.choice([code for code, _ in Gender.choices])
    return child


def _stages(rng: Random, add, received: date, procedure: str, today: date, outcomes: list[str]) -> dict[str, str]:  # noqa: ANN001
    """Stage columns: withdrawn, open or answered at Stage 1, then perhaps Stage 2 and Stage 3;
    anything that would fall after ``today`` is left for later, as in a live register."""
    cells: dict[str, str] = {}
    final: str | None = None

    def happened(day: date) -> bool:
        return day <= today

    if rng.random() < 0.07:
        withdrawn = add(received, rng.randint(1, 8))
        if happened(withdrawn):
            cells["Withdrawn"] = _uk(withdrawn)
        return cells
    days = rng.randint(4, 10)
    if rng.random() < 0.15:
        allowed = rng.randint(12, 20)  # at most 20 working days in all, for both procedures
        cells["Stage 1 extended"] = _uk(add(received, allowed))
        days = rng.randint(8, allowed)
    responded = add(received, days)
    if not happened(responded) or rng.random() < 0.03:
        return cells  # still open at Stage 1
    cells["Stage 1 responded"] = _uk(responded)
    cells["Stage 1 outcome"] = final = rng.choice(outcomes)
    if rng.random() < 0.1:
        cells["Learning"] = "Return calls within a day and confirm what was agreed in writing."
    if rng.random() < 0.2:
        requested = add(responded, rng.randint(2, 18))
        if happened(requested):
            cells["Stage 2 requested"] = _uk(requested)
            start = requested
            if procedure == ProcedureKind.CHILDREN_STATUTORY:
                agreed = add(requested, rng.randint(2, 8))
                if happened(agreed):
                    cells["Stage 2 statement agreed"] = _uk(agreed)
                start = agreed
            answered = add(start, rng.randint(15, 25 if procedure == ProcedureKind.CHILDREN_STATUTORY else 20))
            if happened(answered) and happened(start):
                cells["Stage 2 responded"] = _uk(answered)
                cells["Stage 2 outcome"] = final = rng.choice(outcomes)
                if procedure == ProcedureKind.CHILDREN_STATUTORY and rng.random() < 0.3:
                    cells.update(_stage_three(rng, add, answered, today, outcomes))
                    final = cells.get("Stage 3 outcome", final)
    if final in (Outcome.UPHELD, Outcome.PARTIALLY_UPHELD):
        remedies = [RemedyKind.APOLOGY.value]
        if rng.random() < 0.4:
            remedies.append(rng.choice([RemedyKind.EXPLANATION, RemedyKind.ACTION, RemedyKind.TRAINING]).value)
        cells["Remedies"] = "; ".join(remedies)
        if rng.random() < 0.1:
            cells["Payment amount"] = f"£{rng.choice([50, 100, 250, 500, 1000])}"
    return cells


def _stage_three(rng: Random, add, answered: date, today: date, outcomes: list[str]) -> dict[str, str]:  # noqa: ANN001
    cells: dict[str, str] = {}
    requested = add(answered, rng.randint(2, 18))
    if requested > today:
        return cells
    cells["Stage 3 requested"] = _uk(requested)
    panel = add(requested, rng.randint(15, 30))
    if panel > today:
        return cells
    cells["Stage 3 panel"] = _uk(panel)
    responded = add(panel, rng.randint(5, 15))
    if responded <= today:
        cells["Stage 3 responded"] = _uk(responded)
        cells["Stage 3 outcome"] = rng.choice(outcomes)
    return cells


def import_measure(*, rows: int = IMPORT_ROWS, seed: int = 1, today: date | None = None) -> ImportTiming:
    """Validate and import a register of ``rows`` rows, timing each, then roll the import back.

    Teams missing from the database are made (the demo council's), and the officer and the
    senior manager the import runs as; all of it is undone with the import. Queries are counted
    as they run (not kept: 10,000 rows make hundreds of thousands).
    """
    today = today or clock.today()
    queries = 0

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202 - Django's wrapper signature
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    timing: ImportTiming | None = None
    try:
        with transaction.atomic():
            teams = sorted(team.name for team in teams_ensure().values())
            themes = list(Theme.objects.filter(is_active=True).order_by("name").values_list("name", flat=True))
            data = register_csv(count=rows, seed=seed, today=today, teams=teams, themes=themes)
            officer = bench_user()
            adjudicator, created = User.objects.get_or_create(
                username=ADJUDICATOR_USERNAME, defaults={"first_name": "Bench", "last_name": "Adjudicator"})
            if created:
                adjudicator.groups.add(groups_ensure()[Role.SENIOR_MANAGER.value])
            started = time.perf_counter()
            validation = validate_file(data, today=today)
            validated = time.perf_counter()
            if not validation.is_valid:
                first = validation.problems[0]
                raise RuntimeError(f"The benchmark register is not valid ({len(validation.problems)} "
                                   f"problems), the first: {first}")
            with connection.execute_wrapper(count):
                started_import = time.perf_counter()
                result = import_complaints(validation=validation, file_name="benchmark-register.csv",
                                           file_sha256=hashlib.sha256(data).hexdigest(), actor=officer,
                                           adjudicator=adjudicator, today=today)
                if connection.vendor == "postgresql":
                    # PostgreSQL checks foreign keys when the transaction commits, which this one
                    # never does: check them now, so the time includes what a real import waits for.
                    # (SQLite checks each row as it is inserted.)
                    connection.check_constraints()
                imported = time.perf_counter()
            timing = ImportTiming(rows=validation.row_count, validate_seconds=validated - started,
                                  import_seconds=imported - started_import, queries=queries,
                                  created=result.created_count)
            raise _RollBack
    except _RollBack:
        pass
    return timing
