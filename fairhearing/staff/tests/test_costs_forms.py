"""Costs pages: recording a cost through the service (with the audit events), each bad input
refused with a clear message and nothing saved, correcting one (each refusal beside its field,
what was typed kept), and removing one with a reason."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_exclude, complaint_restrict_to
from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.kinds.costs import cost_update
from fairhearing.cases.models import Cost
from fairhearing.cases.tests.factories import officer
from fairhearing.cases.tests.kinds.factories import make_cost

from .costs import LIST, NEW, cost_post, delete_url, detail_url, edit_post, edit_url, stored
from .test_resolutions import (  # noqa: F401 (today is an autouse fixture)
    RECEIVED,
    TODAY,
    complaint_past_stage_one,
    dated,
    page_text,
    today,
)

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint():
    return complaint_past_stage_one()


@pytest.fixture
def at_stage_two(complaint):
    """The complaint with Stage 1 over and Stage 2 under way (requested 1 February 2022)."""
    complaint.stages.create(number=2, requested_on=D(2022, 2, 1))
    return complaint


@pytest.fixture
def fee(at_stage_two):
    """£1,800 for the independent investigator on Stage 2, invoiced 1 March 2022."""
    return make_cost(complaint=at_stage_two, stage=at_stage_two.stages.get(number=2), kind=CostKind.INVESTIGATOR_FEE,
                     amount=Decimal("1800"), incurred_on=D(2022, 3, 1), description="Invoice 123", today=TODAY)


# Recording a cost ------------------------------------------------------------------------------

def test_recording_publicity_needs_no_complaint(client):
    client.force_login(officer())
    response = client.post(NEW, cost_post(amount="£1,250.50"))
    assert response.status_code == 302 and response.url == LIST
    cost = Cost.objects.get()
    assert (cost.kind, cost.amount, cost.incurred_on, cost.complaint, cost.description) == (
        CostKind.PUBLICITY, Decimal("1250.50"), D(2022, 4, 4), None, "Leaflets for schools")
    assert AuditEvent.objects.for_subject(cost).get(verb="cost.created").summary == (
        "Publicity and leaflets cost of £1,250.50 recorded, incurred 4 April 2022")
    assert "Publicity and leaflets cost of £1,250.50 recorded" in page_text(client.get(response.url))


def test_an_investigators_fee_names_its_stage_and_goes_back_to_the_complaint(client, at_stage_two):
    complaint = at_stage_two
    client.force_login(officer())
    response = client.post(NEW, cost_post(kind="investigator_fee", amount="1800", complaint=complaint.reference,
                                          stage_number="2"))
    assert response.status_code == 302
    assert response.url == reverse("staff:complaint_detail", args=[complaint.reference]) + "#costs"
    cost = Cost.objects.get()
    assert (cost.complaint, cost.stage.number, cost.amount) == (complaint, 2, Decimal("1800.00"))
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.cost_recorded").exists()


def test_a_payment_names_its_complaint(client, complaint):
    client.force_login(officer())
    assert client.post(NEW, cost_post(kind="payment", complaint=complaint.reference)).status_code == 302
    assert Cost.objects.get().complaint == complaint


def test_the_complaint_pages_link_fills_in_the_complaint(client, complaint):
    client.force_login(officer())
    response = client.get(f"{NEW}?complaint={complaint.reference}")
    assert response.context["form"]["complaint"].value() == complaint.reference
    assert f'{reverse("staff:complaint_detail", args=[complaint.reference])}#costs' in page_text(response)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select what the money was spent on"),
        ({"amount": ""}, "amount", "Enter the amount, in pounds"),
        ({"amount": "two hundred"}, "amount", "Enter the amount as an amount in pounds, like 1800 or 1800.50"),
        ({"amount": "0"}, "amount", "The amount must be more than £0"),
        ({"amount": "0.00"}, "amount", "The amount must be more than £0"),
        ({"amount": "-20"}, "amount", "The amount cannot be negative"),
        ({"amount": "20.001"}, "amount", "The amount can have at most two decimal places (pence)"),
        ({"incurred_on_day": "", "incurred_on_month": "", "incurred_on_year": ""}, "incurred_on",
         "Enter the date of the cost"),
        ({"incurred_on_month": "13"}, "incurred_on", "Date of the cost must be a real date"),
        ({"complaint": "CSC-2022-9999"}, "complaint", "No complaint with the reference CSC-2022-9999 was found"),
        ({"stage_number": "2"}, "stage_number", "Enter the complaint reference, or leave the stage not recorded"),
    ],
)
def test_recording_a_cost_refuses_bad_input_and_keeps_what_was_typed(client, overrides, field, message):
    client.force_login(officer())
    response = client.post(NEW, cost_post(**overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Cost.objects.exists()
    page = page_text(response)
    assert "There is a problem" in page and "Leaflets for schools" in page


def test_a_stage_the_complaint_has_not_reached_is_refused(client, complaint):
    client.force_login(officer())
    response = client.post(NEW, cost_post(kind="investigator_fee", complaint=complaint.reference, stage_number="2"))
    assert response.context["form"].errors["stage_number"] == [
        f"Complaint {complaint.reference} has not reached Stage 2"]
    assert not Cost.objects.exists()


# The service's rules, each refusal shown beside the field it is about (the code the service gives
# it), with the same wording on the page that records a cost and the one that corrects it.
SERVICE_RULES = [
    ({"kind": "investigator_fee", "stage_number": ""}, "stage_number",
     "A fee for an independent investigator must name the Stage 2 or Stage 3 it was for."),
    ({"kind": "independent_person_fee", "stage_number": "1"}, "stage_number",
     "A fee for an independent person must name the Stage 2 or Stage 3 it was for."),
    ({"kind": "panel_fee", "stage_number": "2"}, "stage_number", "A review panel fee can only belong to Stage 3."),
    ({"kind": "payment", "complaint": "", "stage_number": ""}, "complaint",
     "A payment to a complainant must name the complaint it was for."),
    (dated("incurred_on", TODAY + datetime.timedelta(days=1)), "incurred_on",
     "The date of the cost cannot be in the future."),
    (dated("incurred_on", RECEIVED - datetime.timedelta(days=1)), "incurred_on",
     "The date of the cost cannot be before the complaint was received (4 January 2022)."),
]


@pytest.mark.parametrize(("overrides", "field", "message"), SERVICE_RULES)
def test_the_services_rules_for_each_kind_are_shown_and_nothing_is_saved(client, at_stage_two, overrides, field,
                                                                          message):
    client.force_login(officer())
    response = client.post(NEW, cost_post(**{"complaint": at_stage_two.reference, **overrides}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert escape(message) in page_text(response)
    assert not Cost.objects.exists()


@pytest.mark.parametrize("incurred_on", [RECEIVED, TODAY])
def test_a_cost_may_fall_on_the_day_the_complaint_arrived_and_on_today(client, complaint, incurred_on):
    client.force_login(officer())
    response = client.post(NEW, cost_post(kind="payment", complaint=complaint.reference, **dated("incurred_on", incurred_on)))
    assert response.status_code == 302
    assert Cost.objects.get().incurred_on == incurred_on


# Correcting a cost -------------------------------------------------------------------------------

def test_the_change_page_starts_with_what_was_recorded(client, fee):
    client.force_login(officer())
    form = client.get(edit_url(fee)).context["form"]
    assert {name: form[name].value() for name in ("kind", "amount", "complaint", "stage_number", "description")} == {
        "kind": "investigator_fee", "amount": "1800.00", "complaint": fee.complaint.reference, "stage_number": "2",
        "description": "Invoice 123"}
    assert form["incurred_on"].value() == D(2022, 3, 1)


def test_correcting_a_cost_saves_it_writes_the_audit_event_and_shows_it_on_the_timeline(client, fee):
    complaint = fee.complaint
    complaint.stages.filter(number=2).update(status="responded", closed_on=D(2022, 4, 29))
    complaint.stages.create(number=3, requested_on=D(2022, 5, 2))
    user = officer()
    client.force_login(user)
    response = client.post(edit_url(fee), edit_post(fee, kind="panel_fee", amount="£2,100.50", stage_number="3",
                                                     description="Invoice 124", **dated("incurred_on", TODAY)))
    assert response.status_code == 302 and response.url == detail_url(fee)
    assert stored(fee) == (CostKind.PANEL_FEE, Decimal("2100.50"), TODAY, complaint.pk,
                           complaint.stages.get(number=3).pk, "Invoice 124")
    event = AuditEvent.objects.for_subject(fee).get(verb="cost.updated")
    assert (event.actor, event.changes) == (user, {
        "kind": ["investigator_fee", "panel_fee"], "amount": ["1800.00", "2100.50"],
        "incurred_on": ["2022-03-01", "2022-06-15"], "stage": [2, 3], "description": ["(changed)", "(changed)"]})
    page = page_text(client.get(response.url))
    assert "Review panel cost of £2,100.50 saved" in page
    assert "Review panel cost of £2,100.50 changed: what it was spent on, amount, date, stage, description" in page
    assert "1 March 2022" in page and "15 June 2022" in page  # the timeline's before and after
    assert "Invoice 123" not in page  # the old description is kept nowhere


def test_saving_the_change_page_without_changing_anything_writes_nothing(client, fee):
    client.force_login(officer())
    events = AuditEvent.objects.count()
    response = client.post(edit_url(fee), edit_post(fee, amount="1,800"))
    assert response.status_code == 302
    assert AuditEvent.objects.count() == events


def test_a_cost_can_be_moved_to_another_complaint(client, fee):
    other = complaint_past_stage_one()
    client.force_login(officer())
    response = client.post(edit_url(fee), edit_post(fee, kind="payment", complaint=other.reference, stage_number=""))
    assert response.status_code == 302
    assert stored(fee)[3:5] == (other.pk, None)
    assert AuditEvent.objects.for_subject(other).filter(verb="complaint.cost_recorded").exists()
    assert AuditEvent.objects.for_subject(fee.complaint).filter(verb="complaint.cost_removed").exists()


def colleague(username: str):  # noqa: ANN201
    """Another complaints officer (``officer()`` is always the same one)."""
    return UserFactory(username=username, roles=[Role.COMPLAINTS_OFFICER])


def test_the_timeline_of_a_moved_cost_names_its_old_complaint_only_to_those_who_may_open_it(client, fee):
    old, other = fee.complaint, complaint_past_stage_one()
    named, mover = colleague("named"), officer()
    complaint_restrict_to(complaint=old, users=[named, mover], actor=mover)
    cost_update(cost=fee, actor=mover, kind=CostKind.PAYMENT, complaint=other, stage=None, today=TODAY)
    event = AuditEvent.objects.for_subject(fee).get(verb="cost.updated")
    assert event.changes["complaint"] == [old.reference, other.reference]  # the record keeps it

    client.force_login(colleague("reader"))
    response = client.get(detail_url(fee))
    [shown] = [event for event in response.context["events"] if event.verb == "cost.updated"]
    assert shown.changes["complaint"] == [None, other.reference]
    assert old.reference not in page_text(response) and other.reference in page_text(response)

    client.force_login(named)
    assert old.reference in page_text(client.get(detail_url(fee)))


def test_a_complaint_change_between_complaints_closed_to_the_reader_is_left_off_the_timeline(client, fee):
    old, other = fee.complaint, complaint_past_stage_one()
    mover, reader = officer(), colleague("reader")
    cost_update(cost=fee, actor=mover, kind=CostKind.PAYMENT, complaint=other, stage=None, today=TODAY)
    cost_update(cost=fee, actor=mover, kind=CostKind.OTHER, complaint=None, today=TODAY)
    complaint_restrict_to(complaint=old, users=[mover], actor=mover)
    complaint_exclude(complaint=other, users=[reader], actor=mover)
    client.force_login(reader)
    response = client.get(detail_url(fee))
    changes = [event.changes for event in response.context["events"] if event.verb == "cost.updated"]
    assert changes == [{"kind": ["payment", "other"]},  # newest first
                       {"kind": ["investigator_fee", "payment"], "stage": [2, None]}]
    assert old.reference not in page_text(response) and other.reference not in page_text(response)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select what the money was spent on"),
        ({"kind": "lunch"}, "kind", "Select what the money was spent on"),
        ({"amount": ""}, "amount", "Enter the amount, in pounds"),
        ({"amount": "two hundred"}, "amount", "Enter the amount as an amount in pounds, like 1800 or 1800.50"),
        ({"amount": "0"}, "amount", "The amount must be more than £0"),
        ({"amount": "-20"}, "amount", "The amount cannot be negative"),
        ({"amount": "20.001"}, "amount", "The amount can have at most two decimal places (pence)"),
        ({"incurred_on_day": "", "incurred_on_month": "", "incurred_on_year": ""}, "incurred_on",
         "Enter the date of the cost"),
        ({"incurred_on_day": "30", "incurred_on_month": "2"}, "incurred_on", "Date of the cost must be a real date"),
        ({"complaint": "CSC-2022-9999"}, "complaint", "No complaint with the reference CSC-2022-9999 was found"),
        ({"complaint": ""}, "stage_number", "Enter the complaint reference, or leave the stage not recorded"),
        ({"stage_number": "3"}, "stage_number", "has not reached Stage 3"),
        ({"stage_number": "4"}, "stage_number", "Choose Stage 1, 2 or 3, or leave the stage not recorded"),
        *SERVICE_RULES,
    ],
)
def test_correcting_a_cost_refuses_bad_input_beside_its_field_keeps_what_was_typed_and_saves_nothing(
        client, fee, overrides, field, message):
    client.force_login(officer())
    before, events = stored(fee), AuditEvent.objects.count()
    typed = {"amount": "1750", "description": "Invoice 999 corrected", **overrides}
    response = client.post(edit_url(fee), edit_post(fee, **typed))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field] and message in errors[field][0]
    assert stored(fee) == before and AuditEvent.objects.count() == events
    page = page_text(response)
    assert "There is a problem" in page and escape(errors[field][0]) in page
    assert "Invoice 999 corrected" in page and f'value="{typed["amount"]}"' in page


def test_the_amount_a_person_typed_is_kept_as_typed(client, fee):
    client.force_login(officer())
    response = client.post(edit_url(fee), edit_post(fee, amount="12.345"))
    assert 'value="12.345"' in page_text(response) and stored(fee)[1] == Decimal("1800.00")


# Removing a cost -------------------------------------------------------------------------------

def test_removing_a_cost_needs_a_reason_and_the_audit_log_keeps_it(client, complaint):
    cost = make_cost(complaint=complaint, kind=CostKind.PAYMENT, amount=Decimal("300"), incurred_on=D(2022, 2, 1),
                     today=TODAY)
    client.force_login(officer())
    page = page_text(client.get(delete_url(cost)))
    assert "Payment to complainant" in page and "£300.00" in page and complaint.reference in page
    response = client.post(delete_url(cost), {"reason": "  "})
    assert response.context["form"].errors["reason"] == ["Say why the cost is being removed"]
    assert Cost.objects.exists()
    pk = cost.pk
    response = client.post(delete_url(cost), {"reason": "Recorded twice"})
    assert response.status_code == 302 and response.url == LIST
    assert not Cost.objects.exists()
    event = AuditEvent.objects.get(verb="cost.deleted")
    assert (event.summary, event.data["reason"], event.subject_id) == (
        "Payment to complainant cost of £300.00 removed", "Recorded twice", pk)
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.cost_removed").exists()
    assert "Payment to complainant cost of £300.00 removed" in page_text(client.get(LIST))
    assert client.get(delete_url(cost)).status_code == 404
