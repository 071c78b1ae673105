"""One benchmark run on the database ``DATABASE_URL`` names, started by ``runner.py``:

    DATABASE_URL=... python -m fairhearing.bench.child --count 100000

Migrates the database, tops it up to COUNT synthetic complaints if it holds fewer (so a second
run reuses the data), measures the pages and the import of a 10,000-row register (rolled back afterwards) and prints
one JSON object on stdout. Progress goes
to stderr. Settings come from the environment, so each database needs its own process.
"""

import argparse
import json
import os
import sys
import time


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--import-rows", type=int, default=10_000,
                        help="Rows of the register whose import is measured (0: leave it out).")
    parser.add_argument("--import-only", action="store_true", help="Measure the import, not the pages.")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from fairhearing.cases.models import Complaint

    from .importing import import_measure
    from .loader import SYNTHETIC_USERNAME, SyntheticRefused, synthetic_load
    from .measure import pages_measure

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    call_command("migrate", verbosity=0, interactive=False)
    have = Complaint.objects.filter(created_by__username=SYNTHETIC_USERNAME).count()
    load_seconds = None
    if have < args.count:
        say(f"Loading {args.count - have:,} synthetic complaints into {connection.vendor} "
            f"(it holds {have:,})...")
        started = time.perf_counter()
        try:
            synthetic_load(count=args.count - have, seed=args.seed + have,
                           progress=lambda done, total, s: say(f"  {done:,} of {total:,} ({s:.0f} s)"))
        except SyntheticRefused as error:
            sys.exit(str(error))
        load_seconds = time.perf_counter() - started
    timings = []
    if not args.import_only:
        say(f"Measuring on {connection.vendor}...")
        timings = pages_measure(warmup=args.warmup, requests=args.requests)
    importing = None
    if args.import_rows > 0:
        say(f"Validating and importing {args.import_rows:,} register rows (then rolling them back)...")
        importing = import_measure(rows=args.import_rows, seed=args.seed).as_dict()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    print(json.dumps({
        "vendor": connection.vendor,
        "version": version,
        "complaints": Complaint.objects.count(),
        "open": Complaint.objects.filter(status__in=["received", "in_stage", "responded"]).count(),
        "load_seconds": load_seconds,
        "timings": [timing.as_dict() for timing in timings],
        "importing": importing,
    }))


if __name__ == "__main__":
    main()
