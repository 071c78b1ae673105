"""``manage.py load_synthetic_representations --count 100000 [--seed N]``: for benchmarks only."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairhearing.bench.loader import SyntheticRefused, synthetic_load


class Command(BaseCommand):
    help = (
        "FOR BENCHMARKING ONLY, not a demo: adds COUNT synthetic complaints received over the "
        "last ten years (mostly closed, a few thousand open at every stage, some overdue or "
        "paused), with people, points, stages, outcomes and audit events, written in bulk. Use a "
        "throwaway database (see make bench); for trying the system out use load_demo_council. "
        "Refuses to run with FAIRHEARING_ENV=production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100_000, help="How many complaints to add.")
        parser.add_argument("--seed", type=int, default=1,
                            help="The same seed on the same day gives the same complaints.")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        verbosity = options["verbosity"]

        def progress(done: int, total: int, seconds: float) -> None:
            if verbosity >= 1:
                self.stdout.write(f"  {done:,} of {total:,} complaints ({seconds:.0f} s)")

        try:
            result = synthetic_load(count=options["count"], seed=options["seed"], progress=progress)
        except SyntheticRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Added {result.complaints:,} synthetic complaints in {result.seconds:.1f} seconds."))
        statuses = ", ".join(f"{name} {number:,}" for name, number in sorted(result.statuses.items()))
        self.stdout.write(f"  By status: {statuses}")
        rows = ", ".join(f"{name} {number:,}" for name, number in sorted(result.rows.items()))
        self.stdout.write(f"  Rows written: {rows}")
