"""``manage.py load_demo_council``, run once for the module and checked from every side.

The command runs inside a module-wide transaction that is rolled back at the end (audit events
are append-only, so the data could not be deleted afterwards); each test's own transaction is a
savepoint inside it.
"""

import json
import re
from collections import Counter
from datetime import date
from io import BytesIO, StringIO

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from PIL import Image

from fairhearing.accounts.models import Team, User
from fairhearing.accounts.roles import Role
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import (
    Channel,
    ClosureReason,
    ComplaintStatus,
    Decision,
    ProcedureKind,
)
from fairhearing.cases.models import Complaint, ComplaintPoint, Compliment
from fairhearing.core import clock
from fairhearing.core.dates import long_date_with_day
from fairhearing.demo.council import DEMO_PASSWORD, DEMO_URL, LOGINS
from fairhearing.demo.scenarios import financial_year_end
from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.models import OutboxMessage
from fairhearing.people.models import Child, ChildMonitoring, Person
from fairhearing.publicforms.choices import (
    CloseReason,
    FormVersion,
    SubmissionKind,
    SubmissionStatus,
)
from fairhearing.publicforms.models import OnlineSubmission, SubmissionAttachment
from fairhearing.publicforms.selectors import complaint_timescales, submissions_waiting
from fairhearing.publicforms.services import submission_received_on
from fairhearing.stages.choices import Outcome, RequestDecision, StageStatus
from fairhearing.stages.models import PanelMember, Remedy, Stage, StageExtension, StagePause
from fairhearing.workingdays.selectors import calendar_get

pytestmark = pytest.mark.django_db

COUNTED = [User, Group, Team, Person, Child, ChildMonitoring, Complaint, ComplaintPoint, Stage,
           StageExtension, StagePause, Remedy, PanelMember, AuditEvent, OnlineSubmission,
           OutboxMessage]


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


def test_loading_the_demo_emails_nobody_but_the_people_who_sent_forms_online(first_run):
    """Years of replayed allocations are history: no allocation email is queued (the listener is
    registered at start-up, so without the suppression hundreds would be). The only emails are the
    acknowledgements the public forms queue, one for each form that gave an email address."""
    from fairhearing.cases.allocation_listeners import registered_allocation_listeners

    assert registered_allocation_listeners(), "the allocation email listener should be registered"
    assert Complaint.objects.exclude(assigned_to=None).exists()
    assert not OutboxMessage.objects.filter(template_key="case_allocated").exists()
    submissions = OnlineSubmission.objects.all()
    with_email = submissions.exclude(email="")
    assert 0 < with_email.count() < submissions.count()  # the telephone-only complaint got none
    messages = OutboxMessage.objects.all()
    assert messages.count() == with_email.count()
    assert set(messages.values_list("status", flat=True)) == {OutboxStatus.QUEUED}
    kind = ContentType.objects.get_for_model(OnlineSubmission)
    about = {(m.about_type_id, m.about_id): m for m in messages}
    assert len(about) == messages.count()
    expected = {(SubmissionKind.COMPLAINT, FormVersion.ADULT): "complaint_acknowledgement",
                (SubmissionKind.COMPLAINT, FormVersion.YOUNG_PERSON): "complaint_acknowledgement_child",
                (SubmissionKind.COMPLIMENT, FormVersion.ADULT): "compliment_thanks"}
    for submission in with_email:
        message = about.pop((kind.pk, submission.pk))
        assert message.template_key == expected[(submission.kind, submission.form_version)]
        assert message.to_address == submission.email
        assert submission.reference in message.subject
        assert submission.acknowledgement_queued
    assert not about
    assert not submissions.filter(email="", acknowledgement_queued=True).exists()


# -- Received online --------------------------------------------------------------------------------

def _by_state() -> Counter:
    return Counter(OnlineSubmission.objects.values_list("kind", "form_version", "status"))


def test_forms_received_online_wait_in_the_queue_or_were_dealt_with(first_run):
    C, Y, A = SubmissionKind.COMPLAINT, FormVersion.YOUNG_PERSON, FormVersion.ADULT
    assert _by_state() == Counter({
        (C, A, SubmissionStatus.NEW): 2,
        (C, Y, SubmissionStatus.NEW): 1,
        (SubmissionKind.COMPLIMENT, A, SubmissionStatus.NEW): 1,
        (C, A, SubmissionStatus.LOGGED): 1,
        (C, A, SubmissionStatus.CLOSED): 1,
    })
    young = OnlineSubmission.objects.get(form_version=Y)
    assert young.is_from_child and young.child_first_name == "" and young.child_date_of_birth
    closed = OnlineSubmission.objects.get(status=SubmissionStatus.CLOSED)
    assert closed.closed_reason in (CloseReason.DUPLICATE, CloseReason.SPAM)
    assert closed.closed_note and closed.closed_by.username == "officer" and closed.closed_at
    kept = OnlineSubmission.objects.get(reference__in=closed.closed_note.replace(";", " ").split())
    assert kept.status == SubmissionStatus.NEW and kept.what_happened == closed.what_happened


def test_forms_arrived_over_the_last_ten_working_days(first_run, today):
    calendar = calendar_get()
    for submission in OnlineSubmission.objects.all():
        received_on = submission_received_on(submission)
        # One of the ten working days before today, whatever day of the week the tests run.
        assert received_on < today and calendar.is_working_day(received_on)
        assert calendar.add_working_days(received_on, 10) >= today, submission.reference
        if submission.kind == SubmissionKind.COMPLAINT:
            days = complaint_timescales().acknowledgement_days
            assert submission.acknowledge_by == calendar.add_working_days(received_on, days)
        else:
            assert submission.acknowledge_by is None


def test_the_complaint_logged_from_a_form_keeps_its_reference_and_was_routed(first_run):
    submission = OnlineSubmission.objects.get(status=SubmissionStatus.LOGGED)
    complaint = submission.logged_record
    assert isinstance(complaint, Complaint)
    assert complaint.reference == submission.reference
    assert complaint.channel == Channel.ONLINE_FORM
    assert complaint.received_on == submission_received_on(submission)
    assert complaint.procedure.kind == ProcedureKind.CHILDREN_STATUTORY
    assert complaint.routing_reason
    assert complaint.points.count() == 2
    assert complaint.themes.exists() and complaint.teams.exists()
    assert complaint.acknowledged_on is not None and complaint.acknowledged_on <= complaint.acknowledgement_due_on
    assert complaint.stages.get(number=1).status == StageStatus.OPEN
    assert complaint.notes.filter(text__contains=submission.reference).exists()
    assert submission.logged_by.username == "officer"


def test_the_dashboard_shows_the_forms_waiting_and_an_acknowledgement_due(first_run, today, client):
    waiting = submissions_waiting()
    assert waiting.count == 4
    assert waiting.oldest_acknowledge_by is not None and waiting.oldest_acknowledge_by <= today
    client.force_login(User.objects.get(username="officer"))
    dashboard = client.get(reverse("staff:home")).content.decode()
    assert re.search(r">4</span>\s*<span[^>]*>Received online, not yet logged<", dashboard)
    oldest = long_date_with_day(waiting.oldest_acknowledge_by)
    assert f"The oldest complaint waiting is due to be acknowledged by {oldest}." in dashboard
    queue = client.get(reverse("staff:online_list")).content.decode()
    for submission in OnlineSubmission.objects.filter(status=SubmissionStatus.NEW):
        assert submission.reference in queue
    attached = OnlineSubmission.objects.get(attachments__isnull=False)
    detail = client.get(reverse("staff:online_detail", args=[attached.reference]))
    assert detail.status_code == 200


def test_the_file_sent_with_a_form_is_a_real_png(first_run):
    attachment = SubmissionAttachment.objects.get()
    assert attachment.submission.status == SubmissionStatus.NEW
    assert attachment.content_type == "image/png" and attachment.original_name.endswith(".png")
    with attachment.file.open("rb") as stored:
        content = stored.read()
    assert len(content) == attachment.size
    image = Image.open(BytesIO(content))
    image.verify()
    assert image.format == "PNG" and image.size == (8, 8)


def test_online_references_are_unique_and_used_once(first_run):
    references = list(OnlineSubmission.objects.values_list("reference", flat=True))
    assert len(set(references)) == len(references) == 6
    assert all(re.fullmatch(r"ONL-\d{4}-\d{5}", reference) for reference in references)
    # In order of arrival: the reference counter was taken as each form came in.
    ordered = OnlineSubmission.objects.order_by("received_at")
    assert [s.reference for s in ordered] == sorted(references)
    reused = set(Complaint.objects.filter(reference__in=references).values_list("reference", flat=True))
    assert reused == {OnlineSubmission.objects.get(status=SubmissionStatus.LOGGED).reference}
    assert not Compliment.objects.filter(reference__in=references).exists()


def test_nothing_personal_in_the_audit_of_the_forms(first_run):
    submissions = list(OnlineSubmission.objects.all())
    personal = {value for s in submissions for value in (
        s.first_name, s.last_name, s.child_first_name, s.child_last_name, s.email, s.telephone, s.postcode,
        s.what_happened[:30], s.desired_outcome[:30], s.compliment_words[:30], s.closed_note[:30],
    ) if value}
    personal |= set(SubmissionAttachment.objects.values_list("original_name", flat=True))
    kind = ContentType.objects.get_for_model(OnlineSubmission)
    events = AuditEvent.objects.filter(
        Q(subject_type=kind, subject_id__in=[s.pk for s in submissions]) | Q(verb__startswith="online_submission.")
    )
    verbs = set(events.values_list("verb", flat=True))
    assert {"online_submission.received", "online_submission.logged", "online_submission.closed",
            "online_submission.draft_file_added", "email.queued"} <= verbs
    for event in events:
        text = event.summary + json.dumps(event.data, cls=DjangoJSONEncoder)
        leaked = [value for value in personal if value.lower() in text.lower()]
        assert not leaked, (event.verb, leaked)


def test_summary_lines_mention_the_forms_waiting(first_run):
    assert "received online 6 (4 waiting to be logged)" in first_run
