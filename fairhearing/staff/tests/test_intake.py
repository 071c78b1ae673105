"""The "Log a complaint" page: who may use it, every way the form can be wrong, duplicates first."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Complaint, Procedure, Theme
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core.errors import DomainError
from fairhearing.people.choices import Ethnicity, Gender, LegalStatus, Relationship
from fairhearing.people.models import Child, ChildMonitoring, Person
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

D = datetime.date
URL = reverse("staff:complaint_new")
TODAY = D(2026, 3, 10)
SAM_BORN = D(2014, 5, 2)
EARLIER = D(2026, 2, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_clock():
    """Midday on Tuesday 10 March 2026: 'today' for the page."""
    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def user(client):
    user = officer()
    client.force_login(user)
    return user


def date_parts(name, value):
    day, month, year = value if isinstance(value, tuple) else (value.day, value.month, value.year)
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


def child_data(number, first="Sam", last="Example", born=SAM_BORN, **extra):
    data = {f"child-{number}-first_name": first, f"child-{number}-last_name": last,
            f"child-{number}-legal_status": LegalStatus.CHILD_IN_NEED, f"child-{number}-case_system_id": ""}
    data |= date_parts(f"child-{number}-date_of_birth", born)
    return data | {f"child-{number}-{key}": value for key, value in extra.items()}


def form_data(**overrides):
    """A complete, valid telephone complaint; override a key with None to leave it out."""
    data = {
        "child_count": "1",
        "channel": "telephone",
        **date_parts("received_on", D(2026, 3, 9)),
        "complainant-first_name": "Alex",
        "complainant-last_name": "Example",
        "complainant-relationship": Relationship.PARENT,
        "complainant-email": "alex@example.org",
        "complainant-telephone": "",
        "complainant-address": "",
        "complainant-postcode": "",
        "complainant-contact_preference": "email",
        **child_data(1),
        "summary": "Calls to the social worker are not returned.",
        "point_1": "Calls not returned for three weeks",
        "procedure": str(Procedure.objects.get(code="children-statutory").pk),
        "routing_reason": "About services to a child in need (Part 3).",
        "eligibility_basis": "parent",
        "child_consent": "not_needed",
        "assigned_to": str(officer().pk),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def page_errors(response):
    html = response.content.decode()
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return re.sub(r"<[^>]+>", "", summary.group(1)).replace("&#x27;", "'") if summary else ""


def fingerprint(response):
    return re.search(r'name="duplicates_fingerprint" value="([0-9a-f]+)"', response.content.decode()).group(1)


# Who may log -------------------------------------------------------------------------------------

def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("roles", "superuser", "status"),
    [
        ((Role.COMPLAINTS_MANAGER,), False, 200),
        ((Role.COMPLAINTS_OFFICER,), False, 200),
        ((), True, 200),
        ((Role.SENIOR_MANAGER,), False, 403),
        ((Role.RESPONDING_MANAGER,), False, 403),
        ((Role.INVESTIGATOR,), False, 403),
        ((Role.LEARNING_LEAD,), False, 403),
        ((Role.REPORT_READER,), False, 403),
        ((Role.ADMINISTRATOR,), False, 403),
        ((), False, 403),
    ],
)
def test_only_the_complaints_team_may_log(client, roles, superuser, status):
    client.force_login(UserFactory(roles=roles, is_superuser=superuser))
    assert client.get(URL).status_code == status
    response = client.post(URL, form_data())
    assert response.status_code == (302 if status == 200 else 403)
    assert Complaint.objects.count() == (1 if status == 200 else 0)


# The empty page ----------------------------------------------------------------------------------

def test_empty_page_is_a_script_with_sensible_defaults(client, user):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Log a complaint" in html and "There is a problem" not in html
    assert '<form method="post" action="/complaints/new/" novalidate>' in html.replace("\n", "")
    for heading in ("1. How the complaint arrived", "2. Who is complaining", "3. The child or children",
                    "4. What the complaint is about", "5. Which procedure", "6. Who handles it"):
        assert heading in html
    assert "Ask: what is your relationship to the child?" in html
    assert 'aria-describedby="id_complainant-relationship-hint"' in html
    assert 'name="received_on_day" type="text" inputmode="numeric" value="10"' in html  # today
    assert f'<option value="{user.pk}" selected>' in html  # assigned to me
    assert html.count('class="govuk-fieldset fh-intake-child"') == 1
    assert "Equality monitoring for child 1 (optional)" in html


# Saving ------------------------------------------------------------------------------------------

def test_happy_path_with_one_child(client, user):
    theme = Theme.objects.get(name="Delay")
    team = TeamFactory(name="Family Support Team 2")
    response = client.post(URL, form_data(teams=[str(team.pk)], themes=[str(theme.pk)], point_2="Meeting missed"),
                           follow=True)
    complaint = Complaint.objects.get()
    assert response.redirect_chain == [(reverse("staff:complaint_detail", args=[complaint.reference]), 302)]
    assert f"Complaint {complaint.reference} logged" in response.content.decode()
    assert complaint.reference == "CSC-2026-0001"
    assert (complaint.received_on, complaint.channel, complaint.assigned_to) == (D(2026, 3, 9), "telephone", user)
    assert list(complaint.points.values_list("description", flat=True)) == [
        "Calls not returned for three weeks", "Meeting missed"]
    assert list(complaint.teams.all()) == [team] and list(complaint.themes.all()) == [theme]
    person = complaint.complainants.get().person
    assert (person.first_name, person.email) == ("Alex", "alex@example.org")
    child = complaint.children.get().child
    assert (child.first_name, child.date_of_birth, child.legal_status) == ("Sam", D(2014, 5, 2), LegalStatus.CHILD_IN_NEED)
    assert not ChildMonitoring.objects.exists()
    # No personal data in the address the browser is sent to.
    assert "Alex" not in response.redirect_chain[0][0] and "Sam" not in response.redirect_chain[0][0]


def test_several_children_blank_blocks_ignored(client, user):
    data = form_data(child_count="3", **child_data(2, first="Jo", born=D(2016, 1, 1)))
    data |= child_data(3, first="", last="", born=("", "", ""), legal_status="")
    assert client.post(URL, data).status_code == 302
    names = sorted(link.child.first_name for link in Complaint.objects.get().children.all())
    assert names == ["Jo", "Sam"]


def test_monitoring_given_declined_or_not_asked(client, user):
    data = form_data(child_count="3", **child_data(1, gender=Gender.FEMALE, ethnicity=Ethnicity.BAFR))
    data |= child_data(2, first="Jo", prefer_not_to_say="on") | child_data(3, first="Kim")
    assert client.post(URL, data).status_code == 302
    sam, jo, kim = (Child.objects.get(first_name=name) for name in ("Sam", "Jo", "Kim"))
    assert (sam.monitoring.gender, sam.monitoring.ethnicity, sam.monitoring.religion) == ("F", "BAFR", "not_answered")
    assert jo.monitoring.ethnicity == Ethnicity.REFU
    assert not ChildMonitoring.objects.filter(child=kim).exists()


def test_monitoring_answers_and_prefer_not_to_say_together_are_refused(client, user):
    response = client.post(URL, form_data(**child_data(1, gender="M", prefer_not_to_say="on")))
    assert "Either tick 'They prefer not to say' or give their answers" in page_errors(response)
    assert not Complaint.objects.exists()


def test_add_another_child_keeps_everything_and_shows_no_errors(client, user):
    response = client.post(URL, form_data(summary="", add_child="1"))
    html = response.content.decode()
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert html.count('class="govuk-fieldset fh-intake-child"') == 2
    assert 'name="child_count" value="2"' in html
    assert "There is a problem" not in html and "govuk-form-group--error" not in html
    assert 'value="Alex"' in html and 'value="Sam"' in html and 'name="child-1-date_of_birth_year" type="text" inputmode="numeric" value="2014"' in html
    assert 'formaction="/complaints/new/#child-3"' in html


# Every way the form can be wrong -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("overrides", "message", "anchor"),
    [
        ({"channel": None}, "Select how the complaint arrived", "id_channel"),
        (date_parts("received_on", ("", "", "")), "Enter the date received", "id_received_on"),
        ({"complainant-first_name": " "}, "Enter the complainant's first name", "id_complainant-first_name"),
        ({"complainant-relationship": ""}, "Select the complainant's relationship to the child", "id_complainant-relationship"),
        ({"complainant-email": ""}, "Enter an email address, or choose another way to contact them", "id_complainant-email"),
        ({"complainant-contact_preference": "telephone"}, "Enter a telephone number, or choose another way", "id_complainant-telephone"),
        ({"complainant-contact_preference": "letter"}, "Enter an address, or choose another way", "id_complainant-address"),
        ({"summary": ""}, "Enter what the complaint is about", "id_summary"),
        ({"point_1": "  "}, "Enter at least one point of complaint", "id_point_1"),
        ({"procedure": None}, "Select the procedure the complaint goes to", "id_procedure"),
        ({"routing_reason": ""}, "Enter why the complaint goes to this procedure", "id_routing_reason"),
        ({"eligibility_basis": None}, "Select the basis on which they may complain", "id_eligibility_basis"),
        ({"child_consent": None}, "Select whether the child agrees to the complaint", "id_child_consent"),
        (child_data(1, first="", last="", born=("", "", ""), legal_status=""),
         "Enter the child's first name: a statutory complaint is always about a child", "id_child-1-first_name"),
        (child_data(1, first=""), "Enter the child's first name", "id_child-1-first_name"),
    ],
)
def test_each_required_answer_missing(client, user, overrides, message, anchor):
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 200
    assert message in page_errors(response)
    assert f'href="#{anchor}"' in response.content.decode()
    assert "<title>Error: Log a complaint" in response.content.decode()
    assert not Complaint.objects.exists() and not Person.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (date_parts("received_on", (11, 3, 2026)), "Date received must be today or in the past"),
        (date_parts("received_on", (31, 2, 2026)), "Date received must be a real date"),
        (date_parts("received_on", (9, "", 2026)), "Date received must include a month"),
        (date_parts("received_on", (9, 3, 26)), "Year must include 4 numbers"),
        (date_parts("received_on", ("x", 3, 2026)), "Date received must be a real date"),
        (date_parts("grounds_arose_on", (10, 3, 2026)), "must be the same as or before the date received"),
        (date_parts("grounds_arose_on", (30, 2, 2025)), "Date the problem happened must be a real date"),
        (date_parts("child-1-date_of_birth", (1, 1, 2027)), "Date of birth must be today or in the past"),
        (date_parts("child-1-date_of_birth", (1, 13, 2014)), "Date of birth must be a real date"),
        ({"complainant-email": "alex@"}, "Enter an email address in the correct format, like name@example.com"),
        ({"complainant-email": "alex example.org"}, "Enter an email address in the correct format"),
        ({"complainant-telephone": "call me"}, "Enter a telephone number, like 01632 960 001"),
        ({"complainant-telephone": "0770"}, "Enter a telephone number"),
        ({"complainant-postcode": "ZZZ"}, "Enter a real postcode, like AA3 1AB"),
        ({"procedure": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_input(client, user, overrides, message):
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 200
    assert message in page_errors(response)
    assert not Complaint.objects.exists()


def test_several_children_errors_say_which_child(client, user):
    data = form_data(child_count="2", **child_data(2, first="", gender="M"))
    assert "Child 2: Enter the child's first name" in page_errors(client.post(URL, data))


def test_nothing_typed_is_lost_on_an_error(client, user):
    team = TeamFactory(name="Fostering")
    data = form_data(summary="", teams=[str(team.pk)], **{"complainant-telephone": "07700 900982",
                                                            "complainant-address": "1 High Street"},
                     **date_parts("grounds_arose_on", (1, 2, 2026)), **child_data(1, religion="sikh"))
    html = client.post(URL, data).content.decode()
    for kept in ('value="Alex"', 'value="07700 900982"', "1 High Street</textarea>",
                 "Calls not returned for three weeks</textarea>", 'value="telephone" checked',
                 f'value="{team.pk}" checked', '<option value="sikh" selected>',
                 'name="grounds_arose_on_month" type="text" inputmode="numeric" value="2"',
                 "About services to a child in need (Part 3).</textarea>"):
        assert kept in html, kept


def test_a_late_complaint_is_warned_about_then_flagged_after_saving(client, user):
    late = date_parts("grounds_arose_on", (1, 2, 2025))
    html = client.post(URL, form_data(summary="", **late)).content.decode()
    assert "it is a late complaint" in html
    html = client.post(URL, form_data(summary="", **date_parts("grounds_arose_on", (1, 4, 2025)))).content.decode()
    assert "it is a late complaint" not in html
    response = client.post(URL, form_data(**late), follow=True)
    assert "record whether it is accepted late" in response.content.decode()
    assert Complaint.objects.get().is_late


def test_a_refusal_from_the_service_is_shown_and_undoes_the_people(client, user, monkeypatch):
    def refuse(**kwargs):
        raise DomainError("The Children's statutory complaints procedure is no longer in use.")

    monkeypatch.setattr("fairhearing.cases.intake.complaint_create", refuse)
    response = client.post(URL, form_data())
    assert response.status_code == 200
    assert "no longer in use" in page_errors(response)
    assert not Person.objects.exists() and not Child.objects.exists()
    assert 'value="Alex"' in response.content.decode()


# Likely duplicates -------------------------------------------------------------------------------

def earlier_complaint(received_on=EARLIER, **kwargs):
    person = PersonFactory(first_name="Alex", last_name="Example", email="alex@example.org", telephone="07700 900982")
    child = ChildFactory(first_name="Sam", last_name="Example", date_of_birth=D(2014, 5, 2), case_system_id="LL42")
    return make_complaint(received_on=received_on, today=TODAY, complainants=[(person, Relationship.PARENT)],
                          children=[child], **kwargs)


DIFFERENT_PERSON = {"complainant-first_name": "Pat", "complainant-last_name": "Other",
                    "complainant-email": "pat@example.org"}
DIFFERENT_CHILD = child_data(1, first="Kim", last="Other", born=D(2015, 1, 1))


@pytest.mark.parametrize(
    "overrides",
    [
        DIFFERENT_CHILD,  # same email and name
        {**DIFFERENT_CHILD, "complainant-email": "pat@example.org"},  # same name
        {**DIFFERENT_CHILD, **DIFFERENT_PERSON, "complainant-telephone": "+44 7700 900982"},  # same phone
        DIFFERENT_PERSON,  # same child: name and date of birth
        {**DIFFERENT_PERSON, **child_data(1, first="Kim", last="Other", case_system_id="ll42")},  # same case ID
    ],
    ids=["email", "name", "phone", "child-dob", "case-id"],
)
def test_duplicates_are_shown_before_saving_then_saved_with_the_tick(client, user, overrides):
    earlier = earlier_complaint()
    response = client.post(URL, form_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 200 and Complaint.objects.count() == 1
    assert "This complaint may already be logged" in html and "There is a problem" not in html
    assert earlier.reference in html and "1 February 2026" in html
    assert earlier.get_status_display() in html and escape(earlier.procedure.name) in html
    assert "I have checked: this is a new complaint" in html

    # Saving again without the tick is an error; with it, the complaint is logged.
    again = client.post(URL, form_data(**overrides, duplicates_fingerprint=fingerprint(response)))
    assert "Tick the box to confirm this is a new complaint" in page_errors(again)
    assert 'href="#id_duplicates_checked"' in again.content.decode()
    saved = client.post(URL, form_data(**overrides, duplicates_fingerprint=fingerprint(response),
                                       duplicates_checked="on"))
    assert saved.status_code == 302 and Complaint.objects.count() == 2


def test_a_tick_for_other_matches_does_not_count(client, user):
    earlier_complaint()
    response = client.post(URL, form_data(duplicates_checked="on", duplicates_fingerprint="0" * 40))
    assert response.status_code == 200 and Complaint.objects.count() == 1
    assert "This complaint may already be logged" in response.content.decode()
    box = re.search(r'<input[^>]*name="duplicates_checked"[^>]*>', response.content.decode()).group(0)
    assert "checked" not in box.replace("duplicates_checked", "")  # asked afresh, unticked


def test_matches_older_than_90_days_are_ignored(client, user):
    earlier_complaint(received_on=D(2026, 3, 9) - datetime.timedelta(days=91))
    assert client.post(URL, form_data()).status_code == 302
    assert Complaint.objects.count() == 2


def test_matches_the_user_cannot_see_are_counted_not_shown(client, user):
    hidden = earlier_complaint()
    hidden.excluded_users.add(user)
    response = client.post(URL, form_data())
    html = response.content.decode()
    assert "1 other possible match you cannot see" in html
    assert hidden.reference not in html
    saved = client.post(URL, form_data(duplicates_fingerprint=fingerprint(response), duplicates_checked="on"))
    assert saved.status_code == 302


def test_the_duplicate_check_costs_the_same_whatever_the_number_of_matches(client, user):
    earlier_complaint()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert "may already be logged" in client.post(URL, form_data()).content.decode()
        return len(captured)

    few = queries()
    for _ in range(10):
        earlier_complaint(teams=[TeamFactory()])
    assert queries() == few
