"""``make bench``: the page benchmark on SQLite and, when one is at hand, on PostgreSQL.

Each database gets a process of its own (``child.py``: settings are read from the environment)
and a database of its own, never the one the site uses: ``var/bench/bench.sqlite3``, and on
PostgreSQL a database named after ``DATABASE_URL``'s with ``_bench`` added, created if missing
(the role needs CREATEDB). The synthetic complaints stay there, so a second run only measures.
"""

import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

from fairhearing.core import clock

THRESHOLD_MS = 200


@dataclass(frozen=True)
class Target:
    """A database to benchmark on."""

    name: str
    url: str


@dataclass
class TargetResult:
    """What a run on one database found, or why it failed."""

    target: Target
    data: dict | None = None
    error: str = ""


def _postgres_admin_connect(url: str):  # noqa: ANN202 - a psycopg connection
    import psycopg

    parts = dj_database_url.parse(url)
    return psycopg.connect(
        dbname="postgres", user=parts.get("USER") or None, password=parts.get("PASSWORD") or None,
        host=parts.get("HOST") or None, port=parts.get("PORT") or None, autocommit=True,
        connect_timeout=5,
    )


def postgres_bench_url(url: str) -> str:
    """The benchmark database next to the one ``url`` names, created if it does not exist."""
    from psycopg import sql

    name = f"{dj_database_url.parse(url)['NAME']}_bench"[:63]
    with _postgres_admin_connect(url) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


# Tried when DATABASE_URL does not name PostgreSQL: the local server through libpq's defaults
# (its socket, the user's own role, or the PGHOST/PGUSER/PGPASSWORD variables).
LOCAL_POSTGRES_URL = "postgres:///fairhearing"


def targets_find(*, data_dir: Path, postgres: str = "auto") -> tuple[list[Target], list[str]]:
    """SQLite (a file in ``data_dir``) always; PostgreSQL from ``postgres`` (a URL), or, for
    "auto", from DATABASE_URL if it names PostgreSQL, else a local server if one lets us in.
    Returns the targets and notes on any that were left out."""
    targets = [Target("SQLite", f"sqlite:///{data_dir / 'bench.sqlite3'}")]
    notes: list[str] = []
    if postgres == "off":
        return targets, notes
    url = postgres
    if postgres == "auto":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            url = LOCAL_POSTGRES_URL
    try:
        targets.append(Target("PostgreSQL", postgres_bench_url(url)))
    except Exception as error:  # noqa: BLE001 - any failure to connect means "not at hand"
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        notes.append(f"PostgreSQL left out: cannot reach it ({reason}). Set DATABASE_URL to a "
                     "PostgreSQL database (its role needs CREATEDB) or pass --postgres URL.")
    return targets, notes


def target_run(target: Target, *, base_dir: Path, data_dir: Path, count: int, seed: int,
               warmup: int, requests: int, import_rows: int = 10_000, import_only: bool = False) -> TargetResult:
    """Run the child process for one database; its progress goes straight to our stderr."""
    env = {**os.environ, "DATABASE_URL": target.url, "DJANGO_DEBUG": "false",
           "DJANGO_LOG_LEVEL": "WARNING", "FAIRHEARING_VAR_DIR": str(data_dir)}
    if env.get("FAIRHEARING_ENV") == "production":
        return TargetResult(target, error="refused: FAIRHEARING_ENV=production")
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "fairhearing.bench.child", "--count", str(count),
               "--seed", str(seed), "--warmup", str(warmup), "--requests", str(requests),
               "--import-rows", str(import_rows)] + (["--import-only"] if import_only else [])
    process = subprocess.run(command, cwd=base_dir, env=env, stdout=subprocess.PIPE, text=True,  # noqa: S603
                             check=False)
    if process.returncode != 0:
        return TargetResult(target, error=f"the run failed (exit status {process.returncode})")
    return TargetResult(target, data=json.loads(process.stdout.strip().splitlines()[-1]))


def _cell(timing: dict) -> str:
    threshold = timing.get("threshold_ms", THRESHOLD_MS)
    flag = "" if timing["median_ms"] < threshold and timing["status"] == 200 else " **(!)**"
    return f"{timing['median_ms']:.0f} / {timing['p95_ms']:.0f}{flag} | {timing['queries']}"


def markdown(results: list[TargetResult], *, notes: list[str] = ()) -> str:
    """One table: a row per page, a median / p95 and a query count per database."""
    done = [r for r in results if r.data]
    lines = [f"Run on {clock.today():%-d %B %Y}, {os.cpu_count()} CPU cores, Python "
             f"{platform.python_version()}."]
    for result in done:
        data = result.data
        lines.append(f"- {result.target.name} {data['version']}: {data['complaints']:,} complaints "
                     f"({data['open']:,} open)" + (f", loaded in {data['load_seconds']:.0f} s"
                                                   if data.get("load_seconds") else ""))
    lines += [f"- {r.target.name}: {r.error}" for r in results if r.error]
    lines += [f"- {note}" for note in notes]
    if not done:
        return "\n".join(lines)
    if not done[0].data["timings"]:  # the import alone was measured
        return "\n".join(lines + _import_table(done))
    header = "| Page | " + " | ".join(f"{r.target.name} median / p95 ms | queries" for r in done) + " |"
    lines += ["", header, "|---" * (1 + 2 * len(done)) + "|"]
    for index, timing in enumerate(done[0].data["timings"]):
        cells = []
        for result in done:
            timings = result.data["timings"]
            cells.append(_cell(timings[index]) if index < len(timings) else "n/a | n/a")
        lines.append(f"| {timing['label']} | " + " | ".join(cells) + " |")
    requests = done[0].data["timings"][0]["requests"] if done[0].data["timings"] else 0
    lines += ["", f"Server time in milliseconds over {requests} requests after warming up (report "
                  "data: 5 builds); **(!)** marks a median over the target (pages "
                  f"{THRESHOLD_MS} ms, report data 2,000 ms) or a page that did not answer 200."]
    return "\n".join(lines + _import_table(done))


def _import_table(done: list[TargetResult]) -> list[str]:
    """A row per database for the measured import of a register, when one was measured."""
    measured = [(r.target.name, r.data["importing"]) for r in done if r.data.get("importing")]
    if not measured:
        return []
    rows = measured[0][1]["rows"]
    lines = ["", f"Import of {rows:,} rows", "",
             "| Database | validate s | import s | total s | rows per second | queries |", "|---" * 6 + "|"]
    for name, data in measured:
        flag = "" if data["total_seconds"] < data["target_seconds"] else " **(!)**"
        lines.append(f"| {name} | {data['validate_seconds']:.1f} | {data['import_seconds']:.1f} | "
                     f"{data['total_seconds']:.1f}{flag} | {data['rows_per_second']:.0f} | {data['queries']:,} |")
    lines += ["", f"A canonical complaints CSV of {rows:,} rows checked by validate_file and written by "
                  "import_complaints in one transaction, then rolled back; **(!)** marks a total over "
                  f"the target ({measured[0][1]['target_seconds']} s)."]
    return lines


def bench_run(*, base_dir: Path, data_dir: Path, count: int, seed: int, warmup: int,
              requests: int, postgres: str = "auto", import_rows: int = 10_000,
              import_only: bool = False) -> tuple[str, list[TargetResult]]:
    """Benchmark every database at hand and return the markdown report with the raw results.
    ``base_dir`` is the project (the child runs there); ``data_dir`` holds the SQLite file."""
    targets, notes = targets_find(data_dir=data_dir, postgres=postgres)
    results = [target_run(t, base_dir=base_dir, data_dir=data_dir, count=count, seed=seed,
                          warmup=warmup, requests=requests, import_rows=import_rows, import_only=import_only)
               for t in targets]
    return markdown(results, notes=notes), results
