"""Initial feedback pages: sending to the service, resolving, closing, and making it a formal
complaint in one step."""

import pytest
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.kind_choices import ConcernStatus
from fairhearing.cases.kinds.concern_conversion import concern_convert_to_complaint
from fairhearing.cases.kinds.concerns import concern_close, concern_resolve, concern_send_to_service
from fairhearing.cases.models import Complaint, Procedure
from fairhearing.cases.tests.factories import officer
from fairhearing.cases.tests.kinds.factories import make_concern
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

from .concerns import url
from .helpers import TODAY, D, date_fields, login, text_of, today  # noqa: F401 (today is an autouse fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_a():
    return TeamFactory(name="Family Support Team 1")


@pytest.fixture
def concern(team_a):
    """Received Tuesday 4 January 2022 from Kerry about Max: due 18 January, overdue on the 19th."""
    return make_concern(actor=officer(), team=team_a, person=PersonFactory(first_name="Kerry", last_name="Doe"),
                        child=ChildFactory(first_name="Max", last_name="Doe"))


def statutory():
    return Procedure.objects.get(code="children-statutory")


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
