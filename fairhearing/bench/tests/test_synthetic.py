"""The synthetic caseload: rows the services could have written, references that carry on.

Loaded once for the module inside a transaction rolled back at the end (audit events cannot be
deleted); each test's own transaction is a savepoint inside it.
"""

import re
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q

from fairhearing.audit.models import AuditEvent
from fairhearing.bench.loader import SYNTHETIC_USERNAME, SyntheticRefused, synthetic_load
from fairhearing.bench.management.commands.load_synthetic_representations import Command
from fairhearing.bench.shapes import plans_make
from fairhearing.cases.choices import ComplaintStatus
from fairhearing.cases.models import Complaint, ReferenceCounter
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.stages.choices import StageStatus
from fairhearing.stages.deadlines import stage_due_on
from fairhearing.stages.models import PointOutcome, Stage, StageExtension, StagePause
from fairhearing.workingdays.selectors import calendar_get

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 16)
COUNT = 600
OPEN = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_STAGE, ComplaintStatus.RESPONDED)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201 - pytest fixtures
    """A real complaint first (so the counter has a number to carry on from), then the load."""
    with django_db_blocker.unblock(), transaction.atomic():
        before = make_complaint(actor=officer(), received_on=date(2026, 1, 5), today=TODAY)
        result = synthetic_load(count=COUNT, seed=7, today=TODAY)
        yield {"result": result, "before": before}
        transaction.set_rollback(True)


def synthetic():
    return Complaint.objects.filter(created_by__username=SYNTHETIC_USERNAME)


def test_loads_the_count_asked_for(loaded):
    assert synthetic().count() == COUNT == loaded["result"].complaints


def test_references_carry_on_from_the_counter_and_stay_unique(loaded):
    assert loaded["before"].reference == "CSC-2026-0001"
    refs = list(synthetic().filter(received_on__year=2026).order_by("received_on", "pk")
                .values_list("reference", flat=True))
    assert refs[0] == "CSC-2026-0002"
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in refs]
    assert numbers == list(range(2, len(refs) + 2))
    assert ReferenceCounter.objects.get(year=2026).last_number == len(refs) + 1
    for ref in synthetic().values_list("reference", flat=True):
        assert re.fullmatch(r"CSC-20(1[6-9]|2[0-6])-\d{4,}", ref)
    # A complaint logged through the service afterwards takes the next number.
    after = make_complaint(actor=officer(), received_on=date(2026, 3, 2), today=TODAY)
    assert after.reference == f"CSC-2026-{len(refs) + 2:04d}"


def test_spread_over_ten_years_mostly_closed_with_an_open_caseload(loaded):
    years = Counter(synthetic().values_list("received_on__year", flat=True))
    assert min(years) == 2016 and max(years) == 2026
    assert years[2025] > years[2017]  # volumes grow
    statuses = Counter(synthetic().values_list("status", flat=True))
    closed = statuses[ComplaintStatus.CLOSED] + statuses[ComplaintStatus.WITHDRAWN]
    assert closed > 0.9 * COUNT
    assert statuses[ComplaintStatus.WITHDRAWN] > 0.05 * COUNT
    assert sum(statuses[s] for s in OPEN) > 0


def test_statuses_match_the_stages(loaded):
    complaints = synthetic().annotate(
        open_stages=Count("stages", filter=Q(stages__closed_on__isnull=True)),
        stage_count=Count("stages"),
    )
    for complaint in complaints:
        if complaint.status == ComplaintStatus.RECEIVED:
            assert complaint.stage_count == 0, complaint.reference
        elif complaint.status == ComplaintStatus.IN_STAGE:
            assert complaint.open_stages == 1, complaint.reference
        else:
            assert complaint.open_stages == 0, complaint.reference
        if complaint.status in OPEN:
            assert complaint.closed_on is None and not complaint.closure_reason
        else:
            assert complaint.closed_on and complaint.closure_reason, complaint.reference


def test_stored_due_dates_are_the_calendars(loaded):
    calendar = calendar_get()
    stages = Stage.objects.filter(complaint__in=synthetic()).exclude(clock_started_on=None)
    assert stages.count() > COUNT * 0.8
    for stage in stages:
        assert stage.due_on == stage_due_on(stage, calendar), stage.pk
    for complaint in synthetic():
        assert complaint.acknowledgement_due_on == calendar.add_working_days(
            complaint.received_on, complaint.procedure.acknowledgement_days)


def test_stages_have_every_shape(loaded):
    """A few hundred complaints leave only a handful open; the 100,000 of the benchmark have
    every open shape (docs/performance.md). Here: each kind of stage and step exists."""
    stages = Stage.objects.filter(complaint__in=synthetic())
    assert stages.filter(status=StageStatus.OPEN).exists()
    assert StagePause.objects.filter(stage__in=stages).exists()
    assert StageExtension.objects.filter(stage__in=stages).exists()
    assert stages.filter(number=2).exists() and stages.filter(number=3).exists()
    assert stages.filter(status=StageStatus.WITHDRAWN).exists()
    assert stages.filter(status=StageStatus.REFUSED).exists()
    assert stages.filter(number=3, status=StageStatus.RESPONDED, report_received_on__isnull=False).exists()


def test_every_answered_stage_has_an_outcome_for_every_point(loaded):
    answered = Stage.objects.filter(complaint__in=synthetic(), status=StageStatus.RESPONDED)
    assert answered.exists()
    for stage in answered.annotate(points=Count("complaint__points", distinct=True),
                                   outcomes=Count("point_outcomes", distinct=True)):
        assert stage.outcome and stage.responded_on and stage.points == stage.outcomes
    assert PointOutcome.objects.filter(stage__complaint__in=synthetic()).exists()


def test_each_step_is_on_the_timeline(loaded):
    events = AuditEvent.objects.filter(verb="complaint.created", subject_id__in=synthetic().values("pk"))
    assert events.count() == COUNT
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"stage.started", "stage.responded", "complaint.closed", "complaint.withdrawn",
            "stage.extended", "stage.paused", "stage.adjudicated"} <= verbs


def test_plans_are_the_same_for_the_same_seed_and_day():
    assert plans_make(count=50, seed=3, today=TODAY) == plans_make(count=50, seed=3, today=TODAY)
    assert plans_make(count=50, seed=3, today=TODAY) != plans_make(count=50, seed=4, today=TODAY)


def test_refuses_production(settings):
    settings.ENVIRONMENT = "production"
    with pytest.raises(SyntheticRefused, match="production"):
        synthetic_load(count=10, today=TODAY)
    with pytest.raises(CommandError, match="production"):
        call_command(Command(), count=10)


def test_command_says_what_it_added_and_that_it_is_for_benchmarks():
    out = StringIO()
    call_command(Command(), count=30, seed=2, stdout=out, verbosity=0)
    assert "Added 30 synthetic complaints" in out.getvalue()
    assert "BENCHMARKING ONLY" in Command.help
