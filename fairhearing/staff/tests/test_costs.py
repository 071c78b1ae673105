"""Costs pages: who may open each, recording a cost through the service (with the audit events),
each bad input refused with a clear message and nothing saved, removing one with a reason, the
list's filters and yearly totals at financial-year boundaries, paging at a constant query count,
CSRF, and the costs on the complaint page."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_exclude
from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.models import Cost
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
    for url in (LIST, NEW, delete_url(cost)):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_a_cost_on_a_complaint_the_user_is_excluded_from_is_hidden(client, complaint):
    hidden = make_cost(complaint=complaint, kind=CostKind.PAYMENT, incurred_on=D(2022, 2, 1), today=TODAY)
    shown = make_cost(today=TODAY)
    manager = login(client, "complaints_manager")
    complaint_exclude(complaint=complaint, users=[manager], actor=officer())
    assert client.get(delete_url(hidden)).status_code == 404
    assert client.post(delete_url(hidden), {"reason": "Wrong"}).status_code == 404
    assert list(client.get(LIST).context["rows"]) == [shown]
    assert Cost.objects.count() == 2


def test_a_cost_that_does_not_exist_is_404(client):
    login(client, "complaints_officer")
    assert client.get(reverse("staff:cost_delete", args=[999999])).status_code == 404


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


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "investigator_fee"}, "A fee for an independent investigator must name the Stage 2 or Stage 3 it was for."),
        ({"kind": "independent_person_fee", "stage_number": "1"},
         "A fee for an independent person must name the Stage 2 or Stage 3 it was for."),
        ({"kind": "panel_fee", "stage_number": "2"}, "A review panel fee can only belong to Stage 3."),
        ({"kind": "payment", "complaint": ""}, "A payment to a complainant must name the complaint it was for."),
        (dated("incurred_on", TODAY + datetime.timedelta(days=1)), "The date of the cost cannot be in the future."),
        (dated("incurred_on", RECEIVED - datetime.timedelta(days=1)),
         "The date of the cost cannot be before the complaint was received (4 January 2022)."),
    ],
)
def test_the_services_rules_for_each_kind_are_shown_and_nothing_is_saved(client, at_stage_two, overrides, message):
    client.force_login(officer())
    response = client.post(NEW, cost_post(**{"complaint": at_stage_two.reference, **overrides}))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert escape(message) in page_text(response)
    assert not Cost.objects.exists()


@pytest.mark.parametrize("incurred_on", [RECEIVED, TODAY])
def test_a_cost_may_fall_on_the_day_the_complaint_arrived_and_on_today(client, complaint, incurred_on):
    client.force_login(officer())
    response = client.post(NEW, cost_post(kind="payment", complaint=complaint.reference, **dated("incurred_on", incurred_on)))
    assert response.status_code == 302
    assert Cost.objects.get().incurred_on == incurred_on


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
    assert csrf_client.post(delete_url(cost), {"reason": "Recorded twice"}).status_code == 403
    assert list(Cost.objects.all()) == [cost]


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
