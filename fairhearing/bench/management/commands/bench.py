"""``manage.py bench``: server time of the dashboard, the case list and a case page with 100,000
synthetic complaints, on SQLite and on PostgreSQL when one is at hand (see bench/runner.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhearing.bench.runner import bench_run


class Command(BaseCommand):
    help = (
        "Benchmark the busiest pages with COUNT synthetic complaints on throwaway databases "
        "(var/bench/bench.sqlite3, and <DATABASE_URL's name>_bench on PostgreSQL), loading them on the "
        "first run. Prints a markdown table of median and 95th percentile server time and queries."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--import-rows", type=int, default=10_000,
                            help="Rows of the register whose validation and import are timed (0: none).")
        parser.add_argument("--import-only", action="store_true",
                            help="Time the import alone, not the pages and the report.")
        parser.add_argument(
            "--postgres", default="auto",
            help='A PostgreSQL URL, "auto" (use DATABASE_URL if it is PostgreSQL) or "off".',
        )
        parser.add_argument("--output", help="Also write the report to this file.")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        if settings.ENVIRONMENT == "production":
            raise CommandError("The benchmark loads synthetic data: it will not run in production.")
        report, results = bench_run(
            base_dir=Path(settings.BASE_DIR), data_dir=Path(settings.BASE_DIR) / "var" / "bench",
            count=options["count"], seed=options["seed"],
            warmup=options["warmup"], requests=options["requests"], postgres=options["postgres"],
            import_rows=options["import_rows"], import_only=options["import_only"],
        )
        self.stdout.write(report)
        if options["output"]:
            Path(options["output"]).write_text(report + "\n")
        if not any(result.data for result in results):
            raise CommandError("No database could be benchmarked.")
