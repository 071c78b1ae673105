"""Local targets (editable and audited) and the admin pages for the other kinds of record."""

import pytest
from django.urls import reverse

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.kind_choices import CostKind, TargetKind
from fairhearing.cases.kinds.targets import local_target_update, target_days
from fairhearing.cases.models import Enquiry, LocalTarget
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError

from .conftest import D
from .factories import (
    make_adr,
    make_compliment,
    make_concern,
    make_cost,
    make_enquiry,
    make_iro_dispute,
)

pytestmark = pytest.mark.django_db


def test_both_targets_start_at_ten_working_days():
    assert target_days(TargetKind.ENQUIRY_RESPONSE) == 10
    assert target_days(TargetKind.CONCERN_RESPONSE) == 10
    assert LocalTarget.objects.count() == 2


def test_a_missing_row_falls_back_to_the_default_and_unknown_kinds_are_refused():
    LocalTarget.objects.filter(kind=TargetKind.CONCERN_RESPONSE).delete()
    assert target_days(TargetKind.CONCERN_RESPONSE) == 10
    with pytest.raises(DomainError, match="no local target"):
        target_days("stage_one")


def test_updating_a_target_is_audited(actor):
    target = LocalTarget.objects.get(kind=TargetKind.CONCERN_RESPONSE)
    target = local_target_update(target=target, working_days=15, actor=actor)
    assert target_days(TargetKind.CONCERN_RESPONSE) == 15
    event = AuditEvent.objects.for_subject(target).get(verb="local_target.updated")
    assert (event.actor, event.changes) == (actor, {"working_days": [10, 15]})


@pytest.mark.parametrize("days", [0, 101, "ten", True])
def test_bad_targets_are_refused(actor, days):
    target = LocalTarget.objects.get(kind=TargetKind.CONCERN_RESPONSE)
    with pytest.raises(DomainError):
        local_target_update(target=target, working_days=days, actor=actor)
    assert target_days(TargetKind.CONCERN_RESPONSE) == 10
    assert not AuditEvent.objects.exists()


def test_admin_edits_the_target_through_the_service_for_new_enquiries_only(admin_client, actor):
    logged_before = make_enquiry(actor=actor)
    target = LocalTarget.objects.get(kind=TargetKind.ENQUIRY_RESPONSE)
    url = reverse("admin:cases_localtarget_change", args=[target.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"working_days": 20, "description": "Twenty days"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="local_target.updated")
    assert event.actor.username == "root"
    assert event.changes["working_days"] == [10, 20]
    logged_after = make_enquiry(actor=actor)
    logged_before.refresh_from_db()
    assert (logged_before.response_days, logged_after.response_days) == (10, 20)


def test_admin_refuses_a_target_of_zero(admin_client):
    target = LocalTarget.objects.get(kind=TargetKind.ENQUIRY_RESPONSE)
    url = reverse("admin:cases_localtarget_change", args=[target.pk])
    response = admin_client.post(url, {"working_days": 0, "description": ""})
    assert response.status_code == 200
    assert "between 1 and 100" in response.content.decode()
    assert target_days(TargetKind.ENQUIRY_RESPONSE) == 10
    assert admin_client.get(reverse("admin:cases_localtarget_add")).status_code == 403


MODELS = ["compliment", "enquiry", "concern", "adrcase", "irodispute", "cost", "kindreferencecounter",
          "localtarget"]


@pytest.fixture
def one_of_each(actor):
    complaint = make_complaint(actor=actor)
    return {
        "compliment": make_compliment(actor=actor),
        "enquiry": make_enquiry(actor=actor),
        "concern": make_concern(actor=actor),
        "adrcase": make_adr(actor=actor, complaint=complaint),
        "irodispute": make_iro_dispute(actor=actor),
        "cost": make_cost(actor=actor, kind=CostKind.PAYMENT, complaint=complaint, incurred_on=D(2022, 1, 5),
                          today=D(2022, 1, 5)),
    }


@pytest.mark.parametrize("model", MODELS)
def test_admin_list_and_detail_pages_load_for_a_superuser(admin_client, one_of_each, model):
    assert admin_client.get(reverse(f"admin:cases_{model}_changelist")).status_code == 200
    record = one_of_each.get(model)
    if record is not None:
        assert admin_client.get(reverse(f"admin:cases_{model}_change", args=[record.pk])).status_code == 200


@pytest.mark.parametrize("model", ["compliment", "enquiry", "concern", "adrcase", "irodispute", "cost"])
def test_records_are_read_only_in_the_admin(admin_client, one_of_each, model):
    record = one_of_each[model]
    assert admin_client.get(reverse(f"admin:cases_{model}_add")).status_code == 403
    change_url = reverse(f"admin:cases_{model}_change", args=[record.pk])
    assert admin_client.post(change_url, {"summary": "rewritten", "words": "rewritten"}).status_code == 403
    delete_url = reverse(f"admin:cases_{model}_delete", args=[record.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()


def test_enquiry_summary_is_unchanged_after_an_admin_post(admin_client, one_of_each):
    enquiry = one_of_each["enquiry"]
    admin_client.post(reverse("admin:cases_enquiry_change", args=[enquiry.pk]), {"summary": "rewritten"})
    assert Enquiry.objects.get(pk=enquiry.pk).summary != "rewritten"


def test_the_administrator_role_changes_targets_but_cannot_open_the_records(client, one_of_each):
    from fairhearing.accounts.roles import Role
    from fairhearing.accounts.tests.factories import UserFactory

    administrator = UserFactory(username="sysadmin", roles=[Role.ADMINISTRATOR], is_staff=True)
    client.force_login(administrator)
    target = LocalTarget.objects.get(kind=TargetKind.CONCERN_RESPONSE)
    url = reverse("admin:cases_localtarget_change", args=[target.pk])
    assert client.post(url, {"working_days": 12, "description": ""}).status_code == 302
    assert target_days(TargetKind.CONCERN_RESPONSE) == 12
    assert AuditEvent.objects.get(verb="local_target.updated").actor == administrator
    for model, record in one_of_each.items():
        assert client.get(reverse(f"admin:cases_{model}_changelist")).status_code == 403, model
        assert client.get(reverse(f"admin:cases_{model}_change", args=[record.pk])).status_code == 403, model
