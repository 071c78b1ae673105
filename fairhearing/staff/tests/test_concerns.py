"""Initial feedback pages: who may open each (a responding manager records how their team resolved
one), the list's filters with the overdue boundary, pages and query count, logging with the people,
changing, sending to the service, resolving, closing, and making it a formal complaint in one step."""

import pytest
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ConcernStatus, TargetKind
from fairhearing.cases.kinds.concern_conversion import concern_convert_to_complaint
from fairhearing.cases.kinds.concerns import (
    concern_close,
    concern_resolve,
    concern_send_to_service,
)
from fairhearing.cases.models import Complaint, Concern, LocalTarget, Procedure
from fairhearing.cases.tests.factories import officer
from fairhearing.cases.tests.kinds.factories import ConcernFactory, make_concern
from fairhearing.people.choices import Relationship
from fairhearing.people.models import Child, Person
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

from .test_compliments import TODAY, D, date_fields, listed, login, text_of, today  # noqa: F401

LIST = reverse("staff:concern_list")
NEW = reverse("staff:concern_new")
CHANGES = ("concern_edit", "concern_send", "concern_close", "concern_convert")
pytestmark = pytest.mark.django_db


def url(name: str, concern) -> str:
    return reverse(f"staff:{name}", args=[concern.reference])


def statutory():
    return Procedure.objects.get(code="children-statutory")


@pytest.fixture
def team_a():
    return TeamFactory(name="Family Support Team 1")


@pytest.fixture
def concern(team_a):
    """Received Tuesday 4 January 2022 from Kerry about Max: due 18 January, overdue on the 19th."""
    return make_concern(actor=officer(), team=team_a, person=PersonFactory(first_name="Kerry", last_name="Doe"),
                        child=ChildFactory(first_name="Max", last_name="Doe"))


# Who may open what -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("roles", "list_status", "detail_status", "change_status"),
    [
        ((Role.COMPLAINTS_MANAGER,), 200, 200, 200),
        ((Role.COMPLAINTS_OFFICER,), 200, 200, 200),
        ((Role.SENIOR_MANAGER,), 200, 200, 403),
        ((Role.LEARNING_LEAD,), 403, 404, 404),
        ((Role.INVESTIGATOR,), 403, 404, 404),
        ((Role.REPORT_READER,), 403, 404, 404),
        ((Role.ADMINISTRATOR,), 403, 404, 404),
        ((), 403, 404, 404),
    ],
)
def test_each_role_may_or_may_not_open_each_page(client, concern, roles, list_status, detail_status, change_status):
    login(client, *roles)
    assert client.get(LIST).status_code == list_status
    assert client.get(url("concern_detail", concern)).status_code == detail_status
    for name in (*CHANGES, "concern_resolve"):
        assert client.get(url(name, concern)).status_code == change_status
        assert client.post(url(name, concern)).status_code == change_status
    assert client.get(NEW).status_code == (200 if change_status == 200 else 403)


def test_a_responding_manager_resolves_their_teams_concerns_and_changes_nothing_else(client, concern, team_a):
    other = make_concern(actor=officer(), team=TeamFactory(name="Fostering"))
    login(client, Role.RESPONDING_MANAGER, team=team_a)
    assert listed(client.get(LIST)) == [concern.reference]
    page = text_of(client.get(url("concern_detail", concern)))
    assert "Record how it was resolved" in page and "Send to the service" not in page
    assert "Make it a formal complaint" not in page and "Change the details" not in page
    for name in CHANGES:
        assert client.get(url(name, concern)).status_code == 403
    assert client.get(url("concern_resolve", other)).status_code == 404
    assert client.get(url("concern_detail", other)).status_code == 404
    response = client.post(url("concern_resolve", concern),
                           {**date_fields("resolved_on", TODAY), "outcome": "Social worker called back."})
    assert response.url == url("concern_detail", concern)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RESOLVED


# The list -------------------------------------------------------------------------------------------

@pytest.fixture
def several(team_a):
    actor = officer()
    made = {
        "overdue": make_concern(actor=actor, team=team_a, received_on=D(2022, 1, 4)),  # due 18 January
        "due_today": make_concern(actor=actor, team=team_a, received_on=D(2022, 1, 5)),  # due 19 January
        "resolved": make_concern(actor=actor, team=TeamFactory(name="Fostering"), received_on=D(2022, 1, 6)),
        "closed": make_concern(actor=actor, team=team_a, received_on=D(2021, 12, 1)),
    }
    concern_resolve(concern=made["resolved"], resolved_on=D(2022, 1, 10), outcome="Put right.", actor=actor,
                    today=TODAY)
    concern_close(concern=made["closed"], closed_on=D(2022, 1, 10), reason="No reply.", actor=actor, today=TODAY)
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["resolved", "due_today", "overdue", "closed"]),
        ("status=open", ["due_today", "overdue"]),
        ("status=overdue", ["overdue"]),
        ("status=resolved", ["resolved"]),
        ("status=closed", ["closed"]),
        ("status=converted", []),
        ("received_from_day=5&received_from_month=1&received_from_year=2022&status=open", ["due_today"]),
    ],
)
def test_each_filter(client, several, query, expected):
    login(client, Role.COMPLAINTS_OFFICER)
    assert listed(client.get(f"{LIST}?{query}")) == [several[name].reference for name in expected]


def test_the_team_filter(client, several, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    assert listed(client.get(f"{LIST}?team={team_a.pk}&status=closed")) == [several["closed"].reference]


def test_sending_to_the_service_restarts_the_clock_for_the_overdue_filter(client, team_a):
    """Received 4 January (due 18th, overdue on the 19th) but sent to the service on the 10th: due
    the 24th, so no longer overdue."""
    concern = make_concern(actor=officer(), team=team_a)
    login(client, Role.COMPLAINTS_OFFICER)
    assert listed(client.get(f"{LIST}?status=overdue")) == [concern.reference]
    concern_send_to_service(concern=concern, sent_on=D(2022, 1, 10), actor=officer(), today=TODAY)
    assert listed(client.get(f"{LIST}?status=overdue")) == []


def test_the_query_count_does_not_grow_with_the_number_of_concerns(client, team_a, django_assert_max_num_queries):
    # ConcernFactory's due date reads sent_to_service_on, which it does not declare: given here.
    ConcernFactory.create_batch(3, team=team_a, sent_to_service_on=None)
    login(client, Role.RESPONDING_MANAGER, team=team_a)
    with django_assert_max_num_queries(12) as few:
        client.get(f"{LIST}?status=overdue")
    ConcernFactory.create_batch(60, team=team_a, sent_to_service_on=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"{LIST}?status=overdue")
    assert len(listed(response)) == 50 and response.context["page"].paginator.count == 63
    assert 'aria-label="Pages of initial feedback"' in response.content.decode()


# Logging one ----------------------------------------------------------------------------------------

def form_data(team_, **overrides) -> dict[str, str]:
    data = {**date_fields("received_on", TODAY), "channel": Channel.TELEPHONE, "team": str(team_.pk),
            "summary": "No call back from the social worker.", "person_first_name": "Kerry",
            "person_last_name": "Doe", "person_email": "", "person_telephone": "01632 960 001",
            "child_first_name": "Max", "child_last_name": "Doe"}
    return data | overrides


def test_the_logging_page_shows_the_response_target(client):
    LocalTarget.objects.filter(kind=TargetKind.CONCERN_RESPONSE).update(working_days=5)
    login(client, Role.COMPLAINTS_OFFICER)
    assert "Response target 5 working days after it is received" in text_of(client.get(NEW))


def test_logging_initial_feedback_records_the_people_and_audits(client, team_a):
    user = login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, form_data(team_a), follow=True)
    concern = Concern.objects.get()
    assert response.redirect_chain[-1][0] == url("concern_detail", concern)
    assert f"Initial feedback {concern.reference} logged: response due 2 February 2022" in text_of(response)
    assert (concern.person.full_name, concern.person.telephone, concern.child.full_name) == (
        "Kerry Doe", "01632 960 001", "Max Doe")
    event = AuditEvent.objects.for_subject(concern).get(verb="concern.created")
    assert event.actor == user and "Kerry" not in event.summary and "Max" not in event.summary


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"channel": ""}, "Select how the concern arrived"),
        ({"team": ""}, "Select the team the concern is about"),
        ({"summary": ""}, "Enter what the concern is about"),
        ({"received_on_year": "22"}, "Year must include 4 numbers"),
        ({"received_on_day": "20"}, "The date received cannot be in the future."),
        ({"person_telephone": "call me"}, "Enter a telephone number, like 01632 960 001"),
        ({"person_email": "kerry@"}, "Enter an email address in the correct format"),
        ({"person_first_name": ""}, "Enter the first name of the person who raised the concern"),
        ({"child_first_name": ""}, "Enter the child's first name, or leave both of the child's names empty."),
    ],
)
def test_bad_input_is_explained_nothing_is_saved_and_what_was_typed_is_kept(client, team_a, overrides, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, form_data(team_a, **overrides))
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page and message in page
    assert not Concern.objects.exists() and not Person.objects.exists() and not Child.objects.exists()
    assert 'value="Doe"' in response.content.decode()


def test_logging_needs_the_csrf_token(team_a):
    client = Client(enforce_csrf_checks=True)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(NEW, form_data(team_a)).status_code == 403
    assert not Concern.objects.exists()


# The concern's page and changes ---------------------------------------------------------------------

def test_the_page_shows_every_field_the_actions_and_the_timeline(client, concern):
    login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(url("concern_detail", concern)))
    for words in ("Status Open", "Tuesday 4 January 2022 by telephone", "Kerry Doe", "Child Max Doe",
                  "Family Support Team 1", "Calls to the social worker not returned.", "Sent to the service Not yet",
                  "Overdue", "Due 18 January 2022", "1 working day overdue", "Send to the service",
                  "Record how it was resolved", "Close it", "Make it a formal complaint", "Change the details",
                  "Initial feedback logged: response due 18 January 2022"):
        assert words in page, words


def test_changing_it_and_adding_who_raised_it(client, team_a):
    concern = make_concern(actor=officer(), team=team_a, person=None, child=None)
    login(client, Role.COMPLAINTS_OFFICER)
    data = form_data(team_a, **date_fields("received_on", D(2022, 1, 5)), summary="Corrected",
                     child_first_name="", child_last_name="")
    assert client.post(url("concern_edit", concern), data).status_code == 302
    concern.refresh_from_db()
    assert (concern.received_on, concern.response_due_on, concern.summary) == (D(2022, 1, 5), D(2022, 1, 19),
                                                                              "Corrected")
    assert concern.person.full_name == "Kerry Doe" and concern.child is None
    fields = client.get(url("concern_edit", concern)).context["form"].fields
    assert "person_first_name" not in fields and "child_first_name" in fields


def test_a_refused_change_saves_nothing_at_all(client, team_a):
    concern = make_concern(actor=officer(), team=team_a, person=None, child=None)
    login(client, Role.COMPLAINTS_OFFICER)
    data = form_data(team_a, **date_fields("received_on", D(2022, 1, 5)), summary="Corrected",
                     person_first_name="", child_first_name="")
    response = client.post(url("concern_edit", concern), data)
    assert "Enter the first name of the person who raised the concern" in text_of(response)
    concern.refresh_from_db()
    assert concern.summary != "Corrected" and concern.received_on == D(2022, 1, 4)
    assert not Person.objects.exists()


# Sending, resolving and closing --------------------------------------------------------------------

def test_sending_to_the_service_moves_the_due_date(client, concern):
    fostering = TeamFactory(name="Fostering")
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("concern_send", concern),
                           {**date_fields("sent_on", D(2022, 1, 10)), "team": str(fostering.pk)}, follow=True)
    assert "Sent to the service: response due 24 January 2022" in text_of(response)
    concern.refresh_from_db()
    assert (concern.sent_to_service_on, concern.team, concern.response_due_on) == (
        D(2022, 1, 10), fostering, D(2022, 1, 24))
    assert AuditEvent.objects.for_subject(concern).filter(verb="concern.sent_to_service").exists()


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [
        (D(2022, 1, 3), "The date sent to the service cannot be before the concern was received (4 January 2022)."),
        (D(2022, 1, 20), "The date sent to the service cannot be in the future."),
    ],
)
def test_a_send_date_out_of_bounds_is_refused(client, concern, sent_on, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("concern_send", concern),
                           {**date_fields("sent_on", sent_on), "team": str(concern.team_id)})
    assert response.status_code == 200 and message in text_of(response)
    concern.refresh_from_db()
    assert concern.sent_to_service_on is None


def test_a_concern_already_sent_is_not_sent_again(client, concern):
    concern_send_to_service(concern=concern, sent_on=D(2022, 1, 10), actor=officer(), today=TODAY)
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(url("concern_send", concern))
    assert response.status_code == 409 and "already sent to the service on 10 January 2022" in text_of(response)


@pytest.mark.parametrize(
    ("resolved_on", "banner"),
    [
        (D(2022, 1, 18), "Recorded as resolved"),  # on the due date
        (D(2022, 1, 19), "Recorded as resolved after the due date (18 January 2022)"),  # the day after
    ],
)
def test_recording_how_it_was_resolved(client, concern, resolved_on, banner):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("concern_resolve", concern),
                           {**date_fields("resolved_on", resolved_on), "outcome": "Called back."}, follow=True)
    page = text_of(response)
    assert banner in page and "Status Resolved by the service" in page and "Called back." in page
    assert ("after the due date" in page) is (resolved_on > D(2022, 1, 18))
    concern.refresh_from_db()
    assert (concern.status, concern.resolved_on, concern.outcome) == (ConcernStatus.RESOLVED, resolved_on,
                                                                      "Called back.")


def test_resolving_needs_how(client, concern):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("concern_resolve", concern), {**date_fields("resolved_on", TODAY), "outcome": " "})
    assert "Say how the concern was resolved" in text_of(response)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.OPEN


def test_closing_it_says_why(client, concern):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("concern_close", concern),
                           {**date_fields("closed_on", TODAY), "reason": "No reply to two letters."}, follow=True)
    page = text_of(response)
    assert "Initial feedback closed" in page and "Why it was closed No reply to two letters." in page
    concern.refresh_from_db()
    assert (concern.status, concern.closed_on) == (ConcernStatus.CLOSED, TODAY)


@pytest.mark.parametrize("name", ["concern_send", "concern_resolve", "concern_close"])
def test_a_closed_concern_cannot_be_sent_resolved_or_closed_again(client, concern, name):
    concern_close(concern=concern, closed_on=D(2022, 1, 10), reason="No reply.", actor=officer(), today=TODAY)
    login(client, Role.COMPLAINTS_OFFICER)
    for method in ("get", "post"):
        response = getattr(client, method)(url(name, concern))
        assert response.status_code == 409
        assert "This concern has already been closed" in text_of(response)
    concern.refresh_from_db()
    assert concern.closed_on == D(2022, 1, 10)


def test_steps_need_the_csrf_token(concern):
    client = Client(enforce_csrf_checks=True)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(url("concern_close", concern),
                       {**date_fields("closed_on", TODAY), "reason": "Forged"}).status_code == 403
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.OPEN


# Making it a formal complaint -----------------------------------------------------------------------

def convert_data(**overrides) -> dict[str, str]:
    data = {**date_fields("received_on", TODAY), "relationship": Relationship.PARENT,
            "procedure": str(statutory().pk), "routing_reason": "About a child in need: Part 3 function.",
            "point_1": "No call back", "point_2": "", "point_3": "Plan not shared"}
    return data | overrides


def test_making_it_a_complaint_in_one_step_keeps_both_histories(client, concern):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("concern_convert", concern), convert_data(), follow=True)
    complaint = Complaint.objects.get()
    assert response.redirect_chain[-1][0] == reverse("staff:complaint_detail", args=[complaint.reference])
    page = text_of(response)
    assert f"Complaint {complaint.reference} logged from initial feedback {concern.reference}" in page
    # The complaint's timeline shows where it came from.
    assert f"Made from initial feedback {concern.reference} (received 4 January 2022)" in page
    assert [point.description for point in complaint.points.order_by("number")] == ["No call back", "Plan not shared"]
    assert complaint.complainants.get().relationship == Relationship.PARENT
    assert complaint.received_on == TODAY
    concern.refresh_from_db()
    assert (concern.status, concern.converted_to) == (ConcernStatus.CONVERTED, complaint)
    # The concern's page links to the complaint and offers no more steps but changing its details.
    page = text_of(client.get(url("concern_detail", concern)))
    assert f"This concern became a formal complaint: complaint {complaint.reference}" in page
    assert f"Turned into complaint {complaint.reference}" in page
    assert "Make it a formal complaint" not in page and "Close it" not in page


def test_the_relationship_must_be_chosen(client, concern):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(url("concern_convert", concern))
    assert response.context["form"]["relationship"].value() in (None, "")
    response = client.post(url("concern_convert", concern), convert_data(relationship=""))
    assert "Select their relationship to the child" in text_of(response)
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"procedure": ""}, "Select the procedure the complaint goes to"),
        ({"routing_reason": ""}, "Enter why the complaint goes to this procedure"),
        ({"point_1": "", "point_3": ""}, "Enter at least one point of complaint"),
        ({"received_on_day": "3"}, "cannot be before the concern was received (4 January 2022)"),
        ({"received_on_day": "20"}, "cannot be in the future"),
    ],
)
def test_bad_answers_are_explained_and_nothing_is_made(client, concern, overrides, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("concern_convert", concern), convert_data(**overrides))
    assert response.status_code == 200 and message in text_of(response)
    assert "Plan not shared" in text_of(response) or "point_3" in overrides
    assert not Complaint.objects.exists()
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.OPEN


def test_the_complaint_may_be_made_on_the_day_the_concern_came_in(client, concern):
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(url("concern_convert", concern), convert_data(received_on_day="4")).status_code == 302
    assert Complaint.objects.get().received_on == D(2022, 1, 4)


def test_a_statutory_complaint_needs_the_child(client, team_a):
    concern = make_concern(actor=officer(), team=team_a, child=None)
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("concern_convert", concern), convert_data())
    assert "A statutory complaint is always about a child" in text_of(response)
    assert not Complaint.objects.exists()
    corporate = Procedure.objects.get(code="corporate")
    assert client.post(url("concern_convert", concern), convert_data(procedure=str(corporate.pk))).status_code == 302


def test_without_who_raised_it_the_page_says_what_to_do_first(client, team_a):
    concern = make_concern(actor=officer(), team=team_a, person=None)
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("concern_convert", concern), convert_data())
    assert response.status_code == 409 and "Record who raised the concern first" in text_of(response)
    assert not Complaint.objects.exists()


def test_a_resolved_concern_may_still_become_a_complaint_but_only_once(client, concern):
    concern_resolve(concern=concern, resolved_on=D(2022, 1, 10), outcome="Called back.", actor=officer(),
                    today=TODAY)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(url("concern_convert", concern), convert_data()).status_code == 302
    response = client.get(url("concern_convert", concern))
    assert response.status_code == 409 and "already been made complaint" in text_of(response)
    assert Complaint.objects.count() == 1


def test_a_converted_concern_shows_the_complaint_reference_without_a_link_to_one_the_user_cannot_open(
        client, concern, team_a):
    complaint = concern_convert_to_complaint(
        concern=concern, actor=officer(), procedure=statutory(), routing_reason="Part 3", points=["One"],
        relationship=Relationship.PARENT, today=TODAY)
    complaint.teams.set([TeamFactory(name="Fostering")])  # the complaint moved to another team
    login(client, Role.RESPONDING_MANAGER, team=team_a)
    response = client.get(url("concern_detail", concern))
    assert f"complaint {complaint.reference}" in text_of(response)
    assert reverse("staff:complaint_detail", args=[complaint.reference]) not in response.content.decode()


# The dashboard --------------------------------------------------------------------------------------

def test_the_dashboard_counts_overdue_initial_feedback_and_links_to_exactly_those(client, several):
    make_concern(actor=officer(), team=TeamFactory(name="Fostering"), received_on=D(2022, 1, 3))  # overdue too
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(reverse("staff:home"))
    figure = next(figure for figure in response.context["records_overdue"]
                  if figure["label"] == "Initial feedback overdue")
    assert figure["count"] == 2 and figure["url"] == f"{LIST}?status=overdue"
    assert "Initial feedback overdue" in text_of(response)
    assert len(listed(client.get(figure["url"]))) == 2
