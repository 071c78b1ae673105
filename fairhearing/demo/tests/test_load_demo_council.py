"""``manage.py load_demo_council``, run once for the module and checked from every side.

The command runs inside a module-wide transaction that is rolled back at the end (audit events
are append-only, so the data could not be deleted afterwards); each test's own transaction is a
savepoint inside it.
"""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

from fairhearing.accounts.models import Team, User
from fairhearing.accounts.roles import Role
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import ClosureReason, ComplaintStatus, Decision
from fairhearing.cases.models import Complaint, ComplaintPoint
from fairhearing.core import clock
from fairhearing.demo.council import DEMO_PASSWORD, DEMO_URL, LOGINS
from fairhearing.demo.scenarios import financial_year_end
from fairhearing.people.models import Child, ChildMonitoring, Person
from fairhearing.stages.choices import Outcome, RequestDecision, StageStatus
from fairhearing.stages.models import PanelMember, Remedy, Stage, StageExtension, StagePause

pytestmark = pytest.mark.django_db

COUNTED = [User, Group, Team, Person, Child, ChildMonitoring, Complaint, ComplaintPoint, Stage,
           StageExtension, StagePause, Remedy, PanelMember, AuditEvent]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201 - pytest fixtures
    """Run the command once; roll everything back when the module's tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo_council", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def today() -> date:
    return clock.today()


def test_prints_a_login_per_role_with_the_password_and_address(first_run):
    assert "Demo council loaded" in first_run
    for login in LOGINS:
        assert f"\n{login.username} " in first_run
    assert DEMO_PASSWORD in first_run
    assert DEMO_URL in first_run
    assert "demo only" in first_run


def test_one_login_per_role(first_run):
    for role in Role:
        holders = User.objects.filter(groups__name=role.value, is_active=True)
        assert holders.exists(), role
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.has_role(Role.ADMINISTRATOR)
    assert admin.check_password(DEMO_PASSWORD)
    assert not User.objects.filter(is_superuser=True).exists()


def test_demo_administrator_has_least_privilege(first_run):
    admin = User.objects.get(username="admin")
    assert not admin.is_superuser
    assert admin.has_perm("workingdays.add_closureday") and admin.has_perm("accounts.change_team")
    assert not admin.has_perm("cases.view_complaint") and not admin.has_perm("people.view_child")
    assert not User.objects.filter(is_staff=True).exclude(username="admin").exists()
    responder = User.objects.get(username="responder")
    assert responder.teams.count() == 1
    investigators = User.objects.filter(groups__name=Role.INVESTIGATOR)
    assert investigators.count() == 5
    assert not investigators.filter(organisation="").exists()


def test_teams_have_service_areas(first_run):
    assert Team.objects.filter(name__startswith="Family Support Team").count() == 6
    assert not Team.objects.filter(service_area="").exists()


def test_two_financial_years_at_realistic_volume(first_run, today):
    end = financial_year_end(today)
    middle = date(end.year - 1, 3, 31)
    start = date(end.year - 2, 3, 31)
    earlier = Complaint.objects.filter(received_on__gt=start, received_on__lte=middle).count()
    later = Complaint.objects.filter(received_on__gt=middle, received_on__lte=end).count()
    assert 80 <= earlier <= 100
    assert 85 <= later <= 115  # the live caseload reaches back into it early in a year
    assert Complaint.objects.filter(received_on__gt=end).exists()
    assert not Complaint.objects.filter(received_on__gt=today).exists()


def test_live_caseload_is_open_overdue_due_soon_paused_and_unacknowledged(first_run, today):
    open_complaints = Complaint.objects.exclude(
        status__in=[ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN])
    assert open_complaints.count() >= 15
    assert open_complaints.filter(acknowledged_on__isnull=True).count() >= 2
    assert open_complaints.filter(acknowledged_on__isnull=True, acknowledgement_due_on__lt=today).exists()
    open_stages = Stage.objects.filter(status=StageStatus.OPEN)
    assert open_stages.filter(paused_since__isnull=True, due_on__lt=today).count() >= 2
    assert open_stages.filter(paused_since__isnull=True, due_on__gte=today).count() >= 3
    assert open_stages.filter(paused_since__isnull=False).count() >= 2
    assert open_stages.filter(number=2).exists()
    assert open_stages.filter(number=3).exists()
    assert Complaint.objects.filter(status=ComplaintStatus.RESPONDED).exists()


def test_every_outcome_at_stage_one_and_later_stages_reached(first_run):
    responded = Stage.objects.filter(status=StageStatus.RESPONDED)
    assert set(responded.filter(number=1).values_list("outcome", flat=True)) == set(Outcome.values)
    assert set(responded.filter(number=2).values_list("outcome", flat=True)) == set(Outcome.values)
    assert responded.filter(number=3).count() >= 2
    assert PanelMember.objects.filter(is_chair=True).count() == Stage.objects.filter(number=3).count()
    stage_two = Stage.objects.filter(number=2).exclude(status=StageStatus.REFUSED)
    share = stage_two.values("complaint").distinct().count() / Complaint.objects.count()
    assert 0.12 <= share <= 0.22


def test_the_awkward_paths_are_all_there(first_run):
    complaints = Complaint.objects.all()
    reasons = set(complaints.values_list("closure_reason", flat=True))
    assert set(ClosureReason.values) <= reasons
    assert complaints.filter(late_decision=Decision.ACCEPTED).exists()
    assert complaints.filter(late_decision=Decision.REFUSED).exists()
    assert complaints.filter(sufficient_interest_decision=Decision.ACCEPTED).exists()
    assert complaints.filter(sufficient_interest_decision=Decision.REFUSED).exists()
    assert complaints.filter(advocacy_accepted=True).exclude(advocacy_provider="").exists()
    assert complaints.filter(advocacy_accepted=False).exists()
    assert StageExtension.objects.exists()
    assert StagePause.objects.exclude(ended_on=None).exists()
    stages = Stage.objects.all()
    assert stages.filter(request_decision=RequestDecision.LATE_ACCEPTED).exists()
    assert stages.filter(request_decision=RequestDecision.LATE_REFUSED).exists()
    assert AuditEvent.objects.filter(verb="complaint.reopened").exists()
    assert Remedy.objects.filter(amount__gt=0).exists()
    late = [s for s in stages.filter(status=StageStatus.RESPONDED) if s.responded_on > s.due_on]
    assert late


def test_records_are_varied_and_fictional(first_run):
    complaints = Complaint.objects.all()
    assert complaints.values("channel").distinct().count() >= 6
    assert not complaints.filter(themes=None).exists()
    assert not Person.objects.exclude(
        Q(email__endswith="@example.org") | Q(email__endswith="@example.com")).exists()
    assert not Person.objects.exclude(telephone__startswith="07700 900").exists()
    assert ChildMonitoring.objects.values("ethnicity").distinct().count() >= 8
    assert not Child.objects.filter(date_of_birth=None).exists()


def test_everything_went_through_the_services(first_run):
    created = AuditEvent.objects.filter(verb="complaint.created").count()
    assert created == Complaint.objects.count()
    assert AuditEvent.objects.filter(verb="child.created").count() == Child.objects.count()
    assert AuditEvent.objects.filter(verb="person.created").count() == Person.objects.count()


def test_a_second_run_adds_nothing_and_prints_the_logins_again(first_run):
    before = _counts()
    out = StringIO()
    call_command("load_demo_council", stdout=out)
    assert _counts() == before
    assert "already loaded" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue() and "\nmanager " in out.getvalue()


def test_loading_the_demo_emails_nobody(first_run):
    """Years of replayed allocations are history: the outbox stays empty (the allocation email
    listener is registered at start-up, so without the suppression hundreds would be queued)."""
    from fairhearing.cases.allocation_listeners import registered_allocation_listeners
    from fairhearing.notifications.models import OutboxMessage

    assert registered_allocation_listeners(), "the allocation email listener should be registered"
    assert Complaint.objects.exclude(assigned_to=None).exists()
    assert not OutboxMessage.objects.exists()
