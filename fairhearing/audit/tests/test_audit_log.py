"""The audit log is append-only at every layer: model, queryset, admin and database."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from fairhearing.accounts.models import Team
from fairhearing.audit.models import AppendOnlyError, AuditEvent
from fairhearing.audit.selectors import audit_timeline, audit_views
from fairhearing.audit.services import audit_record, audit_record_view, diff_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return Team.objects.create(name="Family Support Team 1")


@pytest.fixture
def event(team):
    user = get_user_model().objects.create_user(username="officer", password="x" * 12)
    return audit_record(
        actor=user, verb="team.renamed", subject=team, summary="Team renamed",
        changes={"name": ["Old", "New"]},
    )


def test_record_stores_who_what_and_subject(event, team):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor.username == "officer"
    assert stored.verb == "team.renamed"
    assert stored.subject_id == team.pk
    assert stored.changes == {"name": ["Old", "New"]}


def test_system_events_have_no_actor(team):
    stored = audit_record(actor=None, verb="calendar.changed", subject=None, summary="Holiday added")
    assert stored.actor is None and stored.subject_type is None


def test_timeline_lists_only_the_subjects_events_in_order(event, team):
    other = Team.objects.create(name="Other")
    audit_record(actor=None, verb="team.created", subject=other, summary="x")
    second = audit_record(actor=None, verb="team.closed", subject=team, summary="y")
    assert list(audit_timeline(subject=team)) == [event, second]


def test_model_refuses_change_and_delete(event):
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_queryset_refuses_update_and_delete(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET summary = 'rewritten' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_database_refuses_raw_update_and_delete(event, sql):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).summary == "Team renamed"


def test_admin_is_read_only(client, event):
    admin = get_user_model().objects.create_superuser(username="admin", password="x" * 12)
    client.force_login(admin)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete_url = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    change_url = reverse("admin:audit_auditevent_change", args=[event.pk])
    client.post(change_url, {"summary": "rewritten"})
    assert AuditEvent.objects.get(pk=event.pk).summary == "Team renamed"


def test_diff_fields_lists_only_changed_values():
    assert diff_fields({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}


def test_views_are_logged_apart_from_the_timeline(event, team):
    viewer = get_user_model().objects.create_user(username="viewer", password="x" * 12)
    audit_record_view(user=viewer, subject=team)
    assert list(audit_timeline(subject=team)) == [event]
    assert [view.actor for view in audit_views(subject=team)] == [viewer]
