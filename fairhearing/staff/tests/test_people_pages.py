"""Linked records pages: a child's page, a person's page, and the search for a child or family.

Every role against the pages (what each may see, 403 for roles that see no case records, 404 when
every record about the child is hidden), the audit of each view, the search keeping names out of
URLs, a hidden record leaving no trace on the page, and query counts that do not grow with records.
"""

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import NoReverseMatch, reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.audit.services import VIEWED
from fairhearing.cases.access import complaint_exclude, complaint_restrict_to
from fairhearing.cases.models import Complaint
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.cases.tests.kinds.factories import (
    ComplimentFactory,
    EnquiryFactory,
    make_compliment,
    make_concern,
    make_enquiry,
    make_iro_dispute,
)
from fairhearing.ombudsman.tests.factories import decide, make_case
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import ChildFactory, PersonFactory
from fairhearing.staff.views.people import DETAIL_PAGES, SEARCHES_SESSION_KEY
from fairhearing.stages.services import (
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_two_agree_statement,
    stage_two_appoint,
)
from fairhearing.stages.tests.conftest import LATER, D, findings

pytestmark = pytest.mark.django_db

SEARCH = reverse("staff:people_search")


def child_url(child: Any) -> str:
    return reverse("staff:child_records", kwargs={"pk": child.pk})


def person_url(person: Any) -> str:
    return reverse("staff:person_records", kwargs={"pk": person.pk})


@dataclass
class World:
    """Samira Quill on a Fostering complaint from her mother Patricia (with her sister Ruth), on an
    Adoption complaint from her grandmother Joanne, and on one record of every other kind."""

    fostering: Any
    adoption: Any
    sam: Any
    ruth: Any
    pat: Any
    jo: Any
    complaint_a: Complaint
    complaint_b: Complaint
    records: dict[str, Any]


@pytest.fixture
def world(db) -> World:
    actor = officer()
    fostering, adoption = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    sam = ChildFactory(first_name="Samira", last_name="Quill", case_system_id="LCS-40017",
                       date_of_birth=D(2012, 6, 1))
    ruth = ChildFactory(first_name="Ruth", last_name="Quill", date_of_birth=D(2015, 3, 27))
    pat = PersonFactory(first_name="Patricia", last_name="Quill")
    jo = PersonFactory(first_name="Joanne", last_name="Marsh")
    complaint_a = make_complaint(actor=actor, teams=[fostering], complainants=[(pat, Relationship.PARENT)],
                                 children=[sam, ruth], received_on=D(2022, 1, 4))
    complaint_b = make_complaint(actor=actor, teams=[adoption], complainants=[(jo, Relationship.FAMILY)],
                                 children=[sam], received_on=D(2022, 2, 1))
    ombudsman = make_case(actor=actor, complaints=[complaint_a], person=pat, child=sam)
    records = {
        "compliment": make_compliment(actor=actor, team=fostering, person=pat, child=sam),
        "enquiry": make_enquiry(actor=actor, team=fostering, on_behalf_of=pat, child=sam),
        "concern": make_concern(actor=actor, team=adoption, person=jo, child=sam),
        "iro_dispute": make_iro_dispute(actor=actor, child=sam),
        "ombudsman_case": decide(ombudsman, actor=actor),
    }
    return World(fostering=fostering, adoption=adoption, sam=sam, ruth=ruth, pat=pat, jo=jo,
                 complaint_a=complaint_a, complaint_b=complaint_b, records=records)


def login(client: Client, role: Role, *teams: Any, username: str | None = None) -> Any:
    user = UserFactory(username=username or str(role), roles=[role])
    user.teams.add(*teams)
    client.force_login(user)
    return user


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def every_reference(world: World) -> dict[str, str]:
    refs = {"complaint_a": world.complaint_a.reference, "complaint_b": world.complaint_b.reference}
    refs.update({key: str(record) for key, record in world.records.items()})
    return refs


def shown(html: str, world: World) -> set[str]:
    return {key for key, reference in every_reference(world).items() if reference in html}


# The child's page, role by role -------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER, Role.SENIOR_MANAGER])
def test_the_complaints_team_and_senior_managers_see_every_record(client, world, role):
    login(client, role)
    html = page(client, child_url(world.sam))
    assert shown(html, world) == set(every_reference(world))
    for title in ("Complaints", "Compliments", "Members&#x27; enquiries", "Initial feedback", "IRO disputes",
                  "Ombudsman cases"):
        assert f">{title}</caption>" in html
    assert "Samira Quill" in html and "1 June 2012" in html and "LCS-40017" in html
    assert "4 January 2022" in html  # complaint A's received date, as councils write dates


def test_each_record_links_to_its_own_page_and_says_where_it_stands(client, world):
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client, child_url(world.sam))
    complaint = reverse("staff:complaint_detail", kwargs={"reference": world.complaint_a.reference})
    assert f'href="{complaint}">{world.complaint_a.reference}</a>' in html
    assert "Received, not yet started" in html
    assert "Upheld" in html  # the Ombudsman's decision
    assert "Not yet shared with the team" in html  # the compliment
    assert "Open: informal discussion" in html  # the IRO dispute


def test_a_responding_manager_sees_their_teams_records_and_not_another_teams(client, world):
    login(client, Role.RESPONDING_MANAGER, world.fostering)
    html = page(client, child_url(world.sam))
    assert shown(html, world) == {"complaint_a", "compliment", "enquiry"}
    assert "Marsh" not in html  # Joanne raised only Adoption's records
    assert "Ruth Quill" in html  # Ruth is on the Fostering complaint


def test_a_responding_manager_of_another_team_gets_404_for_a_child_only_on_other_teams_records(client, world):
    login(client, Role.RESPONDING_MANAGER, world.adoption)
    assert client.get(child_url(world.ruth)).status_code == 404  # only on the Fostering complaint
    assert client.get(person_url(world.pat)).status_code == 404
    html = page(client, child_url(world.sam))
    assert shown(html, world) == {"complaint_b", "concern"}
    assert "Ruth" not in html and "Patricia" not in html


def test_an_unknown_id_is_the_same_404(client, world):
    login(client, Role.COMPLAINTS_MANAGER)
    assert client.get(reverse("staff:child_records", kwargs={"pk": 999_999})).status_code == 404
    assert client.get(reverse("staff:person_records", kwargs={"pk": 999_999})).status_code == 404


def test_an_excluded_user_does_not_see_the_excluded_complaint_and_gets_404_if_it_was_the_only_record(
        client, world):
    user = login(client, Role.COMPLAINTS_OFFICER, username="excluded")
    complaint_exclude(complaint=world.complaint_a, users=[user], actor=officer())
    html = page(client, child_url(world.sam))
    # Not the complaint, nor the Ombudsman case about it.
    assert shown(html, world) == {"complaint_b", "compliment", "enquiry", "concern", "iro_dispute"}
    assert "Ruth" not in html
    assert client.get(child_url(world.ruth)).status_code == 404


def test_an_iro_dispute_never_reveals_a_child_known_only_from_a_complaint_closed_to_the_user(client, world):
    """Ruth is named only on complaint A and on an IRO dispute chosen from it: an officer excluded
    from A may see the dispute (without the child) but must not find Ruth or open her page."""
    make_iro_dispute(actor=officer(), child=world.ruth)
    user = login(client, Role.COMPLAINTS_OFFICER, username="excluded")
    complaint_exclude(complaint=world.complaint_a, users=[user], actor=officer())
    assert client.get(child_url(world.ruth)).status_code == 404
    html = page(client, search(client, words="Ruth Quill")["Location"])
    assert f'href="{child_url(world.ruth)}"' not in html


def test_a_restricted_complaint_is_shown_only_to_the_people_named(client, world):
    named = UserFactory(username="named", roles=[Role.COMPLAINTS_OFFICER])
    complaint_restrict_to(complaint=world.complaint_b, users=[named], actor=named)
    login(client, Role.COMPLAINTS_MANAGER)
    assert "complaint_b" not in shown(page(client, child_url(world.sam)), world)
    client.force_login(named)
    assert "complaint_b" in shown(page(client, child_url(world.sam)), world)


def test_the_learning_lead_sees_compliments_and_ombudsman_cases(client, world):
    login(client, Role.LEARNING_LEAD)
    assert shown(page(client, child_url(world.sam)), world) == {"compliment", "ombudsman_case"}
    assert client.get(child_url(world.ruth)).status_code == 404


@pytest.mark.parametrize("role", [Role.INVESTIGATOR, Role.REPORT_READER, Role.ADMINISTRATOR])
def test_roles_that_see_no_linked_records_are_refused(client, world, role):
    login(client, role)
    for url in (child_url(world.sam), person_url(world.pat), SEARCH):
        assert client.get(url).status_code == 403, url
    assert client.post(SEARCH, {"words": "quill"}).status_code == 403
    assert not AuditEvent.objects.filter(verb=VIEWED).exists()


def test_signing_in_is_required(client, world):
    for url in (child_url(world.sam), person_url(world.pat), SEARCH):
        response = client.get(url)
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == resolve_url(settings.LOGIN_URL)


def test_the_pages_accept_get_only(client, world):
    login(client, Role.COMPLAINTS_MANAGER)
    assert client.post(child_url(world.sam)).status_code == 405
    assert client.post(person_url(world.pat)).status_code == 405


# The person's page --------------------------------------------------------------------------------

def test_a_persons_page_lists_what_they_raised_and_links_to_the_children(client, world):
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client, person_url(world.pat))
    assert shown(html, world) == {"complaint_a", "compliment", "enquiry", "ombudsman_case"}
    assert f'href="{child_url(world.sam)}"' in html and f'href="{child_url(world.ruth)}"' in html
    html = page(client, child_url(world.sam))
    assert f'href="{person_url(world.pat)}"' in html and f'href="{person_url(world.jo)}"' in html


# Nothing hidden shows ------------------------------------------------------------------------------

def _comparable(html: str) -> str:
    """The page without what changes on every request (the CSP nonce and the CSRF token)."""
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_a_hidden_record_leaves_no_trace_on_the_page(client, world):
    """The page a responding manager sees is byte for byte the same whether or not another team
    has records about the same child: nothing is counted, listed or linked from them."""
    login(client, Role.RESPONDING_MANAGER, world.fostering)
    before = _comparable(page(client, child_url(world.sam)))
    other = TeamFactory(name="Disabled Children")
    make_complaint(actor=officer(), teams=[other], children=[world.sam, ChildFactory(first_name="Hidden")],
                   complainants=[(PersonFactory(first_name="Secret"), Relationship.PARENT)])
    ComplimentFactory(team=other, child=world.sam)
    EnquiryFactory(team=other, child=world.sam)
    assert _comparable(page(client, child_url(world.sam))) == before


def test_the_page_title_names_no_one(client, world):
    login(client, Role.COMPLAINTS_MANAGER)
    title = re.search(r"<title>(.*?)</title>", page(client, child_url(world.sam)), re.S).group(1)
    assert "Quill" not in title and "Samira" not in title
    title = re.search(r"<title>(.*?)</title>", page(client, person_url(world.pat)), re.S).group(1)
    assert "Quill" not in title and "Patricia" not in title


# The audit log --------------------------------------------------------------------------------------

def test_every_view_of_a_childs_or_persons_page_is_logged_without_names(client, world):
    user = login(client, Role.COMPLAINTS_OFFICER)
    page(client, child_url(world.sam))
    page(client, child_url(world.sam))
    page(client, person_url(world.pat))
    events = AuditEvent.objects.filter(verb=VIEWED, actor=user)
    assert events.for_subject(world.sam).count() == 2
    assert events.for_subject(world.pat).count() == 1
    for event in events:
        assert "Quill" not in event.summary and "Samira" not in event.summary


def test_a_refused_view_is_not_logged_as_a_view(client, world):
    login(client, Role.RESPONDING_MANAGER, world.adoption)
    assert client.get(child_url(world.ruth)).status_code == 404
    assert not AuditEvent.objects.filter(verb=VIEWED).exists()


# Query counts ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.COMPLAINTS_MANAGER, Role.RESPONDING_MANAGER])
def test_the_childs_page_costs_the_same_queries_however_many_records(client, world, role,
                                                                     django_assert_max_num_queries):
    login(client, role, world.fostering)
    url = child_url(world.sam)
    with django_assert_max_num_queries(20) as few:
        page(client, url)
    for _ in range(8):
        make_complaint(actor=officer(), teams=[world.fostering], children=[world.sam, ChildFactory()])
        EnquiryFactory(team=world.fostering, child=world.sam, on_behalf_of=PersonFactory())
        ComplimentFactory(team=world.fostering, child=world.sam, person=PersonFactory())
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        html = page(client, url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert html.count('class="govuk-table__row"') > 24


def test_the_persons_page_costs_the_same_queries_however_many_records(client, world,
                                                                      django_assert_max_num_queries):
    login(client, Role.COMPLAINTS_OFFICER)
    url = person_url(world.pat)
    with django_assert_max_num_queries(20) as few:
        page(client, url)
    for _ in range(8):
        make_complaint(actor=officer(), teams=[world.fostering], complainants=[(world.pat, Relationship.PARENT)],
                       children=[ChildFactory()])
        ComplimentFactory(team=world.fostering, person=world.pat, child=ChildFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page(client, url)


# The search -------------------------------------------------------------------------------------------

def search(client: Client, **data: str) -> Any:
    return client.post(SEARCH, data)


def test_the_search_posts_and_the_results_address_carries_only_a_key(client, world):
    login(client, Role.COMPLAINTS_OFFICER)
    response = search(client, words="Samira Quill")
    assert response.status_code == 302
    location = response["Location"]
    assert "samira" not in location.lower() and "quill" not in location.lower()
    query = parse_qs(urlparse(location).query)
    assert set(query) == {"search"} and len(query["search"][0]) <= 20
    html = page(client, location)
    assert f'href="{child_url(world.sam)}"' in html
    assert f'href="{child_url(world.ruth)}"' not in html  # "samira" is not part of Ruth's names
    assert 'value="Samira Quill"' in html  # the box keeps the words, from the session


def test_a_date_of_birth_search_keeps_the_date_out_of_the_address(client, world):
    login(client, Role.COMPLAINTS_OFFICER)
    response = search(client, words="", born_on_day="27", born_on_month="3", born_on_year="2015")
    assert set(parse_qs(urlparse(response["Location"]).query)) == {"search"}
    html = page(client, response["Location"])
    assert f'href="{child_url(world.ruth)}"' in html and f'href="{child_url(world.sam)}"' not in html
    assert "People are not searched by date of birth" in html


def test_a_case_system_id_finds_the_child(client, world):
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client, search(client, words="lcs-40017")["Location"])
    assert f'href="{child_url(world.sam)}"' in html


def test_people_are_found_by_name_and_link_to_their_page(client, world):
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client, search(client, words="marsh")["Location"])
    assert f'href="{person_url(world.jo)}"' in html
    assert "No children match." in html


def test_the_search_finds_only_children_and_people_on_records_the_user_may_see(client, world):
    login(client, Role.RESPONDING_MANAGER, world.adoption)
    html = page(client, search(client, words="quill")["Location"])
    assert f'href="{child_url(world.sam)}"' in html
    assert "Ruth" not in html and "Patricia" not in html  # named only on Fostering's records


def test_a_search_key_is_only_good_in_the_session_that_made_it(client, world):
    login(client, Role.COMPLAINTS_OFFICER)
    location = search(client, words="quill")["Location"]
    other = Client()
    other.force_login(UserFactory(username="colleague", roles=[Role.COMPLAINTS_MANAGER]))
    html = page(other, location)
    assert "Your search has expired" in html and "Quill" not in html


@pytest.mark.parametrize(("data", "message"), [
    ({"words": "   "}, "Enter a name, a case-system ID or a date of birth"),
    ({"words": "x" * 101}, "Name or case-system ID must be 100 characters or fewer"),
    ({"words": "quill", "born_on_day": "31", "born_on_month": "2", "born_on_year": "2015"},
     "Date of birth must be a real date"),
    ({"words": "quill", "born_on_day": "1", "born_on_month": "", "born_on_year": "2015"},
     "Date of birth must include a month"),
])
def test_a_search_that_cannot_be_used_says_why_and_keeps_what_was_typed(client, world, data, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = search(client, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "govuk-error-summary" in html
    assert "<title>Error:" in html
    if data["words"].strip():
        assert f'value="{data["words"]}"' in html
    assert SEARCHES_SESSION_KEY not in client.session


def test_the_search_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer())
    assert client.post(SEARCH, {"words": "quill"}).status_code == 403
    form = page(client, SEARCH)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert client.post(SEARCH, {"words": "quill", "csrfmiddlewaretoken": token}).status_code == 302


def test_the_search_forms_post_and_never_use_get(client, world):
    login(client, Role.COMPLAINTS_OFFICER)
    for html in (page(client, reverse("staff:records")), page(client, SEARCH)):
        forms = re.findall(r'<form[^>]*action="' + re.escape(SEARCH) + '"[^>]*>', html)
        assert forms and all('method="post"' in form for form in forms)


def test_the_records_hub_offers_the_search_to_the_roles_that_may_use_it(client, world):
    login(client, Role.RESPONDING_MANAGER, world.fostering)
    html = page(client, reverse("staff:records"))
    assert "Children and families" in html and 'name="words"' in html and 'name="born_on_day"' in html
    # Posting the hub's boxes works as the search page's own form does.
    response = search(client, words="", born_on_day="1", born_on_month="6", born_on_year="2012")
    assert f'href="{child_url(world.sam)}"' in page(client, response["Location"])


def test_the_search_results_cost_the_same_queries_however_many_match(client, world, django_assert_max_num_queries):
    login(client, Role.COMPLAINTS_OFFICER)
    location = search(client, words="quill")["Location"]
    with django_assert_max_num_queries(20) as few:
        page(client, location)
    for _ in range(10):
        ComplimentFactory(child=ChildFactory(last_name="Quill"), person=PersonFactory(last_name="Quill"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client, location)
    assert html.count('class="govuk-table__row"') > 20  # 12 children and 11 people, and the headings


# The complaint page's links --------------------------------------------------------------------------

def test_the_complaint_page_links_each_complainant_and_child_to_their_records(client, world):
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client, reverse("staff:complaint_detail", kwargs={"reference": world.complaint_a.reference}))
    for url in (child_url(world.sam), child_url(world.ruth), person_url(world.pat)):
        assert f'href="{url}"' in html
    # Every link leads to a page this user may open.
    for url in (child_url(world.sam), child_url(world.ruth), person_url(world.pat)):
        assert client.get(url).status_code == 200


def test_the_complaint_page_offers_no_records_links_to_an_investigator(client, world):
    actor = officer()
    investigator = login(client, Role.INVESTIGATOR, username="io")
    complaint = world.complaint_a
    stage = stage_one_start(complaint=complaint, actor=actor, today=LATER)
    stage_respond(stage=stage, responded_on=D(2022, 1, 18), findings=findings("upheld", "upheld"),
                  actor=actor, today=LATER)
    stage = stage_request_next(complaint=complaint, requested_on=D(2022, 2, 15), actor=actor, today=LATER)
    stage_two_agree_statement(stage=stage, agreed_on=D(2022, 3, 1), actor=actor, today=LATER)
    stage_two_appoint(stage=stage, investigating_officer=investigator,
                      independent_person=UserFactory(username="ip", roles=[Role.INVESTIGATOR]),
                      appointed_on=D(2022, 3, 2), actor=actor, today=LATER)
    html = page(client, reverse("staff:complaint_detail", kwargs={"reference": complaint.reference}))
    assert "Samira Quill" in html
    assert child_url(world.sam) not in html and person_url(world.pat) not in html


def test_every_kind_with_a_page_of_its_own_is_linked_to_it(client, world):
    """Each row links to its record's page once that kind has one (the kinds' pages are built
    separately; a kind without one shows its reference unlinked rather than a broken link)."""
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client, child_url(world.sam))
    for key, record in world.records.items():
        name, argument, attribute = DETAIL_PAGES[key]
        try:
            url = reverse(name, kwargs={argument: getattr(record, attribute)})
        except NoReverseMatch:
            assert f">{record}</th>" in html
            continue
        assert f'href="{url}">{record}</a>' in html
