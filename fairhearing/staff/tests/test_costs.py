"""Costs pages: who may open each, recording a cost through the service (with the audit events),
each bad input refused with a clear message and nothing saved, a cost's page with its timeline,
correcting one (each refusal beside its field, what was typed kept), removing one with a reason,
the list's filters and yearly totals at financial-year boundaries, paging at a constant query
count, CSRF, and the costs on the complaint page."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_exclude, complaint_restrict_to
from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.kinds.costs import cost_update
from fairhearing.cases.models import Complaint, Cost
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.cases.tests.kinds.factories import AdrCaseFactory, CostFactory, make_cost

from .test_resolutions import (  # noqa: F401  (today pins the clock for every test here)
    CHANGERS,
    NOBODY,
    READ_ONLY,
    RECEIVED,
    TODAY,
    complaint_past_stage_one,
    dated,
    login,
    page_text,
    today,
)

D = datetime.date
pytestmark = pytest.mark.django_db
LIST, NEW = reverse("staff:cost_list"), reverse("staff:cost_new")


@pytest.fixture
def complaint():
    return complaint_past_stage_one()


@pytest.fixture
def at_stage_two(complaint):
    """The complaint with Stage 1 over and Stage 2 under way (requested 1 February 2022)."""
    complaint.stages.create(number=2, requested_on=D(2022, 2, 1))
    return complaint


def cost_post(**overrides) -> dict[str, str]:
    data = {"kind": "publicity", "amount": "250", "incurred_on_day": "4", "incurred_on_month": "4",
            "incurred_on_year": "2022", "complaint": "", "stage_number": "", "description": "Leaflets for schools"}
    data.update(overrides)
    return data


def delete_url(cost: Cost) -> str:
    return reverse("staff:cost_delete", args=[cost.pk])


def detail_url(cost: Cost) -> str:
    return reverse("staff:cost_detail", args=[cost.pk])


def edit_url(cost: Cost) -> str:
    return reverse("staff:cost_edit", args=[cost.pk])


@pytest.fixture
def fee(at_stage_two):
    """£1,800 for the independent investigator on Stage 2, invoiced 1 March 2022."""
    return make_cost(complaint=at_stage_two, stage=at_stage_two.stages.get(number=2), kind=CostKind.INVESTIGATOR_FEE,
                     amount=Decimal("1800"), incurred_on=D(2022, 3, 1), description="Invoice 123", today=TODAY)


def edit_post(cost: Cost, **overrides) -> dict[str, str]:
    """The change page as it is first shown (what was recorded), with ``overrides`` typed over it."""
    data = {"kind": cost.kind, "amount": f"{cost.amount:.2f}", **dated("incurred_on", cost.incurred_on),
            "complaint": cost.complaint.reference if cost.complaint else "",
            "stage_number": str(cost.stage.number) if cost.stage else "", "description": cost.description}
    data.update(overrides)
    return data


def stored(cost: Cost) -> tuple:
    cost = Cost.objects.get(pk=cost.pk)
    return (cost.kind, cost.amount, cost.incurred_on, cost.complaint_id, cost.stage_id, cost.description)


# Who may open each page ------------------------------------------------------------------------

@pytest.mark.parametrize("who", CHANGERS + READ_ONLY + NOBODY)
def test_each_role_gets_the_costs_pages_the_access_rules_allow(client, complaint, who):
    cost = make_cost(complaint=complaint, incurred_on=D(2022, 2, 1), today=TODAY)
    login(client, who, complaint)
    sees, changes = who in CHANGERS + READ_ONLY, who in CHANGERS
    assert client.get(LIST).status_code == (200 if sees else 403)
    assert client.get(NEW).status_code == (200 if changes else 403)
    assert client.get(delete_url(cost)).status_code == (200 if changes else 403 if sees else 404)
    client.post(delete_url(cost), {"reason": "Recorded twice"})
    assert Cost.objects.exists() is not changes


def test_anonymous_users_are_sent_to_sign_in(client):
    cost = make_cost(today=TODAY)
    for url in (LIST, NEW, detail_url(cost), edit_url(cost), delete_url(cost)):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_a_cost_on_a_complaint_the_user_is_excluded_from_is_hidden(client, complaint):
    hidden = make_cost(complaint=complaint, kind=CostKind.PAYMENT, incurred_on=D(2022, 2, 1), today=TODAY)
    shown = make_cost(today=TODAY)
    manager = login(client, "complaints_manager")
    complaint_exclude(complaint=complaint, users=[manager], actor=officer())
    before = stored(hidden)
    for url in (detail_url(hidden), edit_url(hidden), delete_url(hidden)):
        assert client.get(url).status_code == 404, url
    assert client.post(edit_url(hidden), edit_post(hidden, amount="1")).status_code == 404
    assert client.post(delete_url(hidden), {"reason": "Wrong"}).status_code == 404
    assert list(client.get(LIST).context["rows"]) == [shown]
    assert Cost.objects.count() == 2 and stored(hidden) == before
    assert not AuditEvent.objects.filter(verb="cost.updated").exists()


def test_a_cost_that_does_not_exist_is_404(client):
    login(client, "complaints_officer")
    for name in ("staff:cost_detail", "staff:cost_edit", "staff:cost_delete"):
        assert client.get(reverse(name, args=[999999])).status_code == 404, name


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


@pytest.mark.parametrize("who", CHANGERS + READ_ONLY + NOBODY)
def test_each_role_gets_a_costs_page_and_its_change_page_as_the_access_rules_allow(client, fee, who):
    login(client, who, fee.complaint)
    sees, changes = who in CHANGERS + READ_ONLY, who in CHANGERS
    assert client.get(detail_url(fee)).status_code == (200 if sees else 404)
    assert client.get(edit_url(fee)).status_code == (200 if changes else 403 if sees else 404)
    response = client.post(edit_url(fee), edit_post(fee, amount="1750"))
    assert response.status_code == (302 if changes else 403 if sees else 404)
    assert stored(fee)[1] == (Decimal("1750.00") if changes else Decimal("1800.00"))
    assert AuditEvent.objects.filter(verb="cost.updated").exists() is changes


# A cost's page -----------------------------------------------------------------------------------

def test_a_costs_page_shows_every_field_who_recorded_it_and_its_timeline(client, fee):
    complaint = fee.complaint
    login(client, "senior_manager")
    response = client.get(detail_url(fee))
    page = page_text(response)
    for shown in ("Independent investigator", "£1,800.00", "1 March 2022", "Stage 2", "Invoice 123",
                  "15 June 2022", f"by {fee.created_by}", "Independent investigator cost of £1,800.00 recorded"):
        assert escape(shown) in page, shown
    assert f'href="{reverse("staff:complaint_detail", args=[complaint.reference])}">{complaint.reference}</a>' in page
    assert [event.verb for event in response.context["events"]] == ["cost.created"]
    # The senior manager may read it but not change or remove it.
    assert edit_url(fee) not in page and delete_url(fee) not in page
    client.force_login(officer())
    page = page_text(client.get(detail_url(fee)))
    assert f'href="{edit_url(fee)}"' in page and f'href="{delete_url(fee)}"' in page


def test_a_cost_on_no_complaint_says_so(client):
    cost = make_cost(today=TODAY)
    client.force_login(officer())
    page = page_text(client.get(detail_url(cost)))
    assert "Not on a complaint" in page and "Not recorded" in page


def test_a_complaint_the_user_may_not_open_is_named_but_not_linked(client, fee, monkeypatch):
    client.force_login(officer())
    monkeypatch.setattr("fairhearing.staff.views.costs.complaints_visible_to", lambda user: Complaint.objects.none())
    response = client.get(detail_url(fee))
    assert response.context["complaint_shown"] is False
    page = page_text(response)
    assert fee.complaint.reference in page
    assert reverse("staff:complaint_detail", args=[fee.complaint.reference]) not in page


def test_the_list_and_the_complaint_page_link_each_cost_to_its_page(client, fee):
    login(client, "senior_manager")
    assert f'href="{detail_url(fee)}"' in page_text(client.get(LIST))
    assert f'href="{detail_url(fee)}"' in page_text(client.get(reverse("staff:complaint_detail",
                                                                      args=[fee.complaint.reference])))


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


# The list and the totals -------------------------------------------------------------------------

@pytest.fixture
def spending(at_stage_two):
    """Costs either side of the 2022-23 financial year's boundaries."""
    stage_two = at_stage_two.stages.get(number=2)
    return {
        "march": CostFactory(kind=CostKind.PUBLICITY, amount=Decimal("100.00"), incurred_on=D(2022, 3, 31)),
        "april": CostFactory(kind=CostKind.INVESTIGATOR_FEE, amount=Decimal("1800.00"), incurred_on=D(2022, 4, 1),
                             complaint=at_stage_two, stage=stage_two),
        "june": CostFactory(kind=CostKind.PUBLICITY, amount=Decimal("50.25"), incurred_on=D(2022, 6, 15)),
        "old": CostFactory(kind=CostKind.PAYMENT, amount=Decimal("500.00"), incurred_on=D(2020, 7, 1),
                           complaint=at_stage_two),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["june", "april", "march", "old"]),
        ("?kind=publicity", ["june", "march"]),
        ("?year=2022", ["june", "april"]),  # 1 April 2022 onwards
        ("?year=2021", ["march"]),  # 31 March 2022 is the last day of 2021-22
        ("?year=2020", ["old"]),
        ("?year=2022&kind=publicity", ["june"]),
    ],
)
def test_the_costs_list_filters_by_kind_and_financial_year(client, spending, query, expected):
    client.force_login(officer())
    assert list(client.get(LIST + query).context["rows"]) == [spending[name] for name in expected]


def test_the_years_offered_run_from_the_first_cost_to_this_year(client, spending):
    client.force_login(officer())
    choices = client.get(LIST).context["form"].fields["year"].choices
    assert choices == [("", "Every year"), ("2022", "2022-23"), ("2021", "2021-22"), ("2020", "2020-21")]
    response = client.get(LIST + "?year=2019")
    assert list(response.context["rows"]) == list(Cost.objects.order_by("-incurred_on"))
    assert "Choose a financial year from the list" in page_text(response)


def test_the_totals_are_by_kind_for_three_financial_years(client, spending):
    client.force_login(officer())
    response = client.get(LIST)
    assert [year.label for year in response.context["years"]] == ["2020-21", "2021-22", "2022-23"]
    totals = {row.label: row.amounts for row in response.context["totals"]}
    assert totals["Publicity and leaflets"] == [Decimal("0.00"), Decimal("100.00"), Decimal("50.25")]
    assert totals["Independent investigator"] == [Decimal("0.00"), Decimal("0.00"), Decimal("1800.00")]
    assert totals["Payment to complainant"] == [Decimal("500.00"), Decimal("0.00"), Decimal("0.00")]
    assert totals["Total"] == [Decimal("500.00"), Decimal("100.00"), Decimal("1850.25")]
    page = page_text(response)
    assert "£1,850.25" in page and "Spending by kind in 2020-21, 2021-22 and 2022-23" in page
    # A chosen year ends the table.
    response = client.get(LIST + "?year=2021")
    assert [year.label for year in response.context["years"]] == ["2019-20", "2020-21", "2021-22"]


def test_the_totals_count_costs_the_user_cannot_open_but_the_list_does_not(client, spending, at_stage_two):
    manager = login(client, "complaints_manager")
    complaint_exclude(complaint=at_stage_two, users=[manager], actor=officer())
    response = client.get(LIST)
    assert list(response.context["rows"]) == [spending["june"], spending["march"]]
    assert {row.label: row.amounts for row in response.context["totals"]}["Total"][-1] == Decimal("1850.25")


def test_the_costs_list_pages_and_its_query_count_does_not_grow(client, complaint, django_assert_max_num_queries):
    client.force_login(officer())
    make_cost(complaint=complaint, kind=CostKind.PAYMENT, incurred_on=D(2022, 2, 1), today=TODAY)
    with django_assert_max_num_queries(20) as few:
        assert client.get(LIST).status_code == 200
    for number in range(55):
        CostFactory(complaint=complaint if number % 2 else make_complaint(actor=officer()),
                    incurred_on=D(2022, 2, 1) + datetime.timedelta(days=number))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["rows"]) == 50
    assert len(client.get(LIST + "?page=2").context["rows"]) == 6


# CSRF, the complaint page and the hub ------------------------------------------------------------

def test_posts_without_the_csrf_token_are_refused(complaint):
    cost = make_cost(today=TODAY)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(officer())
    assert csrf_client.post(NEW, cost_post()).status_code == 403
    assert csrf_client.post(edit_url(cost), edit_post(cost, amount="999")).status_code == 403
    assert csrf_client.post(delete_url(cost), {"reason": "Recorded twice"}).status_code == 403
    assert list(Cost.objects.all()) == [cost] and stored(cost)[1] == Decimal("250.00")
    assert not AuditEvent.objects.filter(verb="cost.updated").exists()


def test_the_complaint_page_lists_its_costs_with_their_total(client, at_stage_two):
    complaint = at_stage_two
    make_cost(complaint=complaint, kind=CostKind.INVESTIGATOR_FEE, amount=Decimal("1800"),
              stage=complaint.stages.get(number=2), incurred_on=D(2022, 3, 1), today=TODAY)
    make_cost(complaint=complaint, kind=CostKind.PAYMENT, amount=Decimal("250.50"), incurred_on=D(2022, 3, 2),
              today=TODAY)
    make_cost(amount=Decimal("99"), today=TODAY)  # not on this complaint
    client.force_login(officer())
    url = reverse("staff:complaint_detail", args=[complaint.reference])
    response = client.get(url)
    panel = response.context["adr_costs_panel"]
    assert [cost.amount for cost in panel["costs"]] == [Decimal("1800.00"), Decimal("250.50")]
    page = page_text(response)
    assert "£2,050.50" in page and "Stage 2" in page and f"{NEW}?complaint={complaint.reference}" in page
    login(client, "senior_manager")
    page = page_text(client.get(url))
    assert "£2,050.50" in page and f"{NEW}?complaint=" not in page
    login(client, "responding_manager", complaint)
    page = page_text(client.get(url))
    assert 'id="costs"' not in page and "£2,050.50" not in page


def test_the_complaint_page_query_count_does_not_grow_with_adr_and_costs(client, at_stage_two,
                                                                          django_assert_max_num_queries):
    complaint = at_stage_two
    client.force_login(officer())
    url = reverse("staff:complaint_detail", args=[complaint.reference])
    AdrCaseFactory(complaint=complaint)
    CostFactory(complaint=complaint, stage=complaint.stages.get(number=2))
    with django_assert_max_num_queries(60) as few:
        assert client.get(url).status_code == 200
    AdrCaseFactory.create_batch(8, complaint=complaint)
    CostFactory.create_batch(8, complaint=complaint, stage=complaint.stages.get(number=2))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["adr_costs_panel"]["costs"]) == 9


@pytest.mark.parametrize("who", CHANGERS + READ_ONLY + NOBODY)
def test_the_records_hub_offers_costs_to_those_who_may_see_them(client, who):
    login(client, who)
    response = client.get(reverse("staff:records"))
    shown = who in CHANGERS + READ_ONLY
    if response.status_code == 200:
        assert (LIST in page_text(response)) is shown
    else:
        assert not shown and response.status_code == 403
