"""``manage.py load_demo_council``: a fictional council to try Fair Hearing out (``make run``)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fairhearing.demo.council import logins_table
from fairhearing.demo.loader import DemoRefused, demo_council_load


class Command(BaseCommand):
    help = (
        "Load a fictional demo council: teams, one sign-in per role, two financial years and the "
        "current one of complaints with a live caseload, and the compliments, Members' enquiries, "
        "initial feedback, ADR, IRO disputes, costs, Ombudsman cases and learning the reports "
        "count, and a few complaints and a compliment received online lately (their "
        "acknowledgement emails are queued in the outbox). Running it again adds nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = demo_council_load()
        except DemoRefused as error:
            raise CommandError(str(error)) from error
        if result.created:
            self.stdout.write(self.style.SUCCESS(
                f"Demo council loaded in {result.seconds:.1f} seconds."
            ))
        else:
            self.stdout.write("The demo council is already loaded: nothing was added.")
        for line in result.lines:
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(self.style.WARNING(logins_table()))
