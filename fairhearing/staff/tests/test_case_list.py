"""The complaints list: who may open it, each filter, search, sort, pages, bad input and query counts."""

import datetime
import re

import pytest
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Theme
from fairhearing.cases.tests.factories import CORPORATE, make_complaint, officer
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import ChildFactory, PersonFactory
from fairhearing.staff.tests.list_access import LIST_ACCESS
from fairhearing.staff.views import caselist
from fairhearing.stages.services import stage_one_start, stage_two_appoint

from .test_dashboard import TODAY, build_caseload, findings, listed_count, login, today  # noqa: F401

D = datetime.date
LIST = reverse("staff:complaint_list")
pytestmark = pytest.mark.django_db


def refs(response) -> list[str]:
    return [row["complaint"].reference for row in response.context["rows"]]


@pytest.fixture
def made():
    return build_caseload(officer())


@pytest.fixture
def officer_client(client, made):
    client.force_login(officer())
    return client


# Who may open the list ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("roles", "status"),
    LIST_ACCESS,
)
def test_each_role_may_or_may_not_open_the_list(client, made, roles, status):
    login(client, *roles)
    assert client.get(LIST).status_code == status
    assert client.get(LIST + "?status=all&due=overdue").status_code == status


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(LIST + "?due=overdue")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_responding_manager_lists_only_their_teams_complaints(client, made):
    login(client, Role.RESPONDING_MANAGER, team=made["answered"].teams.get())
    assert sorted(refs(client.get(LIST + "?status=all"))) == sorted(
        [made["answered"].reference, made["stage_two"].reference])
    # Asking for another team's complaints by filter shows none of them.
    other_team = made["overdue"].teams.get()
    assert refs(client.get(f"{LIST}?status=all&team={other_team.pk}")) == []


def test_investigator_lists_only_the_case_they_are_appointed_to(client, made):
    appointed, independent = (UserFactory(roles=[Role.INVESTIGATOR]) for _ in range(2))
    stage_two_appoint(stage=made["stage_two"].stages.get(number=2), investigating_officer=appointed,
                      independent_person=independent, appointed_on=D(2022, 1, 13), actor=officer(),
                      today=D(2022, 1, 13))
    client.force_login(appointed)
    assert refs(client.get(LIST + "?status=all")) == [made["stage_two"].reference]
    login(client, Role.INVESTIGATOR)
    assert refs(client.get(LIST + "?status=all")) == []


# Filters --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ["ack_overdue", "not_started", "overdue", "due_today", "due_soon", "on_track", "paused",
              "answered", "stage_two"]),
        ("status=all", "ALL"),
        ("status=withdrawn", ["withdrawn"]),
        ("status=received", ["ack_overdue", "not_started"]),
        ("status=responded", ["answered"]),
        ("stage=none", ["ack_overdue", "not_started"]),
        ("stage=2", ["stage_two"]),
        ("stage=1&status=all", ["overdue", "due_today", "due_soon", "on_track", "paused", "answered", "withdrawn"]),
        ("due=overdue", ["ack_overdue", "overdue"]),
        ("due=today", ["due_today"]),
        ("due=soon", ["due_soon"]),
        ("due=paused", ["paused"]),
        ("due=today&due=soon", ["due_today", "due_soon"]),
        ("acknowledgement=awaiting", ["ack_overdue", "on_track"]),
        ("acknowledgement=overdue", ["ack_overdue"]),
        ("team=none", ["not_started"]),
        ("assignee=me", ["overdue"]),
        ("kind=complaint&due=overdue", ["ack_overdue", "overdue"]),
        ("received_from_day=10&received_from_month=1&received_from_year=2022",
         ["ack_overdue", "not_started", "due_soon", "on_track"]),
        ("received_to_day=5&received_to_month=1&received_to_year=2022", ["overdue", "due_today", "answered",
                                                                         "stage_two"]),
        ("received_from_day=5&received_from_month=1&received_from_year=2022"
         "&received_to_day=6&received_to_month=1&received_to_year=2022", ["due_today", "paused"]),
    ],
)
def test_each_filter(officer_client, made, query, names):
    expected = sorted(c.reference for c in made.values()) if names == "ALL" else sorted(
        made[name].reference for name in names)
    assert sorted(refs(officer_client.get(f"{LIST}?{query}"))) == expected


def test_team_theme_procedure_and_channel_filters(officer_client, made):
    theme = Theme.objects.create(name="A theme only this complaint has")
    corporate = make_complaint(actor=officer(), procedure=CORPORATE, channel="telephone",
                               teams=[made["overdue"].teams.get()], themes=[theme])
    team_a = made["overdue"].teams.get()
    assert sorted(refs(officer_client.get(f"{LIST}?team={team_a.pk}"))) == sorted(
        [made[n].reference for n in ("ack_overdue", "overdue", "due_soon", "paused")] + [corporate.reference])
    assert refs(officer_client.get(f"{LIST}?theme={theme.pk}")) == [corporate.reference]
    assert refs(officer_client.get(f"{LIST}?procedure={CORPORATE}")) == [corporate.reference]
    assert refs(officer_client.get(f"{LIST}?channel=telephone")) == [corporate.reference]
    assert len(refs(officer_client.get(f"{LIST}?channel=telephone&channel=email"))) == 10


def test_assignee_filter_by_person_and_not_allocated(officer_client, made):
    holder = UserFactory(roles=[Role.COMPLAINTS_OFFICER], first_name="Morwenna", last_name="Quill")
    held = make_complaint(actor=officer(), assigned_to=holder)
    assert refs(officer_client.get(f"{LIST}?assignee={holder.pk}")) == [held.reference]
    assert made["overdue"].reference not in refs(officer_client.get(f"{LIST}?assignee=none"))
    assert len(refs(officer_client.get(f"{LIST}?assignee=none"))) == 8


def test_kind_filter_is_driven_by_the_list_of_kinds(officer_client, made, monkeypatch):
    from fairhearing.staff.forms import listing as forms

    page = officer_client.get(LIST).content.decode()
    assert 'name="kind" type="checkbox" value="complaint"' in page
    monkeypatch.setattr(forms.ComplaintFilterForm.base_fields["kind"], "choices",
                        [("complaint", "Complaints"), ("compliment", "Compliments")])
    assert refs(officer_client.get(f"{LIST}?kind=compliment")) == []  # no compliments yet
    assert len(refs(officer_client.get(f"{LIST}?kind=compliment&kind=complaint"))) == 9


def test_filters_show_what_is_applied_and_a_clear_link(officer_client, made):
    page = officer_client.get(f"{LIST}?due=overdue&stage=1").content.decode()
    assert "Status: Open (not closed or withdrawn); Stage reached: Stage 1; Deadline: Overdue." in page
    assert f'href="{LIST}">Clear filters' in page
    assert 'id="results-count">1 complaint<' in page


# Search ---------------------------------------------------------------------------------------

def search(client, words: str, query: str = ""):
    response = client.post(f"{LIST}{query}", {"words": words})
    assert response.status_code == 302
    assert words.strip().lower() not in response.url.lower()  # names never go in the URL
    return client.get(response.url)


@pytest.fixture
def named(made):
    actor = officer()
    return {
        "parent": make_complaint(actor=actor, complainants=[(PersonFactory(first_name="Olwen", last_name="Brackley"),
                                                            Relationship.PARENT)]),
        "child": make_complaint(actor=actor, children=[ChildFactory(first_name="Tamsin", last_name="Oduya")]),
    }


def test_search_by_reference_complainant_or_child_name(officer_client, made, named):
    assert refs(search(officer_client, made["overdue"].reference.lower())) == [made["overdue"].reference]
    assert refs(search(officer_client, "BRACKLEY")) == [named["parent"].reference]
    assert refs(search(officer_client, "olwen brack")) == [named["parent"].reference]
    assert refs(search(officer_client, "tamsin")) == [named["child"].reference]
    assert refs(search(officer_client, "Tamsin Brackley")) == []  # words must match one person
    assert refs(search(officer_client, "nobody-called-this")) == []


def test_search_keeps_the_filters_and_survives_paging_and_sorting(officer_client, made, monkeypatch):
    monkeypatch.setattr(caselist, "PAGE_SIZE", 1)
    response = search(officer_client, "example", "?due=overdue&sort=-received")
    assert response.context["page"].paginator.count == 2
    assert refs(response) == [made["ack_overdue"].reference]  # received 10 January: newest first
    next_url = response.context["page_links"]["next"]
    assert "due=overdue" in next_url and "search=" in next_url and "sort=-received" in next_url
    assert refs(officer_client.get(next_url)) == [made["overdue"].reference]  # received 4 January
    page = response.content.decode()
    assert "Clear search" in page and 'value="example"' in page


def test_an_expired_search_key_says_so_and_lists_without_it(officer_client, made):
    response = officer_client.get(f"{LIST}?search=notakeyweknow")
    assert response.status_code == 200
    assert "Your search has expired" in response.content.decode()
    assert len(refs(response)) == 9


def test_an_empty_search_clears_it_and_a_long_one_is_refused(officer_client, made):
    response = officer_client.post(f"{LIST}?due=overdue", {"words": "  "})
    assert response.url == f"{LIST}?due=overdue"
    response = officer_client.post(LIST, {"words": "x" * 101})
    assert response.status_code == 200
    assert "Search must be 100 characters or fewer" in response.content.decode()


# Sort and pages -------------------------------------------------------------------------------

def test_sort_links_in_the_headers_with_aria_sort(officer_client, made):
    page = officer_client.get(f"{LIST}?due=overdue").content.decode()
    assert re.search(r'aria-sort="ascending">\s*<a [^>]*href="/complaints/\?due=overdue&amp;sort=-due"', page)
    assert re.search(r'aria-sort="none">\s*<a [^>]*href="/complaints/\?due=overdue&amp;sort=received"', page)
    by_received = refs(officer_client.get(f"{LIST}?sort=received"))
    assert by_received == sorted(by_received, key=lambda r: next(c.received_on for c in made.values()
                                                               if c.reference == r))
    assert refs(officer_client.get(f"{LIST}?sort=-reference")) == sorted(by_received, reverse=True)
    assert refs(officer_client.get(f"{LIST}?sort=reference")) == sorted(by_received)
    due = refs(officer_client.get(LIST))
    assert due[:4] == [made[n].reference for n in ("ack_overdue", "overdue", "due_today", "due_soon")]
    page = officer_client.get(f"{LIST}?sort=-received").content.decode()
    assert re.search(r'aria-sort="descending">\s*<a [^>]*href="/complaints/\?sort=received"', page)


def test_pages_of_fifty_keep_the_filters(officer_client, made, monkeypatch):
    monkeypatch.setattr(caselist, "PAGE_SIZE", 2)
    response = officer_client.get(f"{LIST}?stage=none&stage=2&sort=reference")  # three complaints
    assert response.context["page"].paginator.num_pages == 2
    assert response.context["page_links"]["next"] == f"{LIST}?stage=none&stage=2&sort=reference&page=2"
    last = officer_client.get(response.context["page_links"]["next"])
    assert refs(last) == [made["stage_two"].reference]
    assert refs(response) + refs(last) == sorted(made[n].reference for n in ("ack_overdue", "not_started", "stage_two"))
    assert "Previous" in last.content.decode()


def test_fifty_to_a_page():
    assert caselist.PAGE_SIZE == 50


# Bad input ------------------------------------------------------------------------------------

BOTH_OVERDUE = ["ack_overdue", "overdue"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=nonsense", "Choose a status from the list"),
        ("due=later", "Choose a deadline from the list"),
        ("team=99999", "Choose a team from the list"),
        ("team=abc", "Choose a team from the list"),
        ("procedure=nope", "Choose a procedure from the list"),
        ("assignee=-1", "Choose who holds it from the list"),
        ("sort=colour", "The list could not be sorted that way"),
        ("received_from_day=31&received_from_month=2&received_from_year=2022", "Received from must be a real date"),
        ("received_to_day=4&received_to_year=2022", "Received to must include a month"),
        ("received_from_day=5&received_from_month=1&received_from_year=2022"
         "&received_to_day=4&received_to_month=1&received_to_year=2022",
         "Received to must be the same as or after received from"),
        ("page=99", "There is no page 99. Showing page 1 of 1."),
        ("page=abc", "Page numbers are whole numbers from 1. Showing page 1."),
        ("page=0", "Page numbers are whole numbers from 1. Showing page 1."),
        ("search=bad key!", "The search could not be read: search again"),
    ],
)
def test_bad_input_gets_a_clear_message_and_the_list_still_works(officer_client, made, query, message):
    response = officer_client.get(f"{LIST}?due=overdue&{query}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert "<title>Error:" in page
    # The filters that were valid still apply: overdue, and in one case received from 5 January.
    names = ["ack_overdue"] if "received_to_day=4&received_to_month=1" in query else BOTH_OVERDUE
    if not query.startswith("due="):
        assert sorted(refs(response)) == sorted(made[name].reference for name in names)


# Speed ----------------------------------------------------------------------------------------

def test_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    actor = officer()
    client.force_login(actor)
    team = TeamFactory(name="Fostering")
    url = f"{LIST}?status=all&team={team.pk}&sort=-received"

    def add(count):
        for _ in range(count):
            complaint = make_complaint(actor=actor, teams=[team, TeamFactory(name="Adoption")],
                                       children=[ChildFactory(), ChildFactory()])
            stage_one_start(complaint=complaint, actor=actor, today=D(2022, 1, 4))

    add(3)
    searched = client.post(url, {"words": "example"}).url
    with django_assert_max_num_queries(20) as few:
        assert listed_count(client, searched) == 3
    add(17)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert listed_count(client, searched) == 20
