"""Costs pages: who may open each, a cost's page with its timeline, the list's filters and yearly
totals at financial-year boundaries, paging at a constant query count, CSRF, the costs on the
complaint page, and the records hub."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_exclude
from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.models import Complaint, Cost
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.cases.tests.kinds.factories import AdrCaseFactory, CostFactory, make_cost

from .costs import LIST, NEW, cost_post, delete_url, detail_url, edit_post, edit_url, stored
from .test_resolutions import (  # noqa: F401 (today is an autouse fixture)
    CHANGERS,
    NOBODY,
    READ_ONLY,
    TODAY,
    complaint_past_stage_one,
    login,
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
