"""Received online: who may open each page, the queue (filters, counts, pages, query count), a
submission's page and its files, logging one as a complaint or a compliment, closing one, and the
dashboard's figure."""

import datetime
import re

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Complaint, Compliment, Document, Procedure
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.people.choices import LegalStatus, Relationship
from fairhearing.people.models import Person
from fairhearing.publicforms.choices import SubmissionKind, SubmissionStatus
from fairhearing.publicforms.models import OnlineSubmission, SubmissionAttachment
from fairhearing.publicforms.tests.factories import (
    MOMENT,
    OnlineSubmissionFactory,
    complaint_answers,
    compliment_answers,
    make_submission,
)

from .helpers import login, text_of

D = datetime.date
LIST = reverse("staff:online_list")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_clock():
    """Wednesday 20 April 2022, the week after the forms arrived (Thursday 14 April)."""
    with time_machine.travel(datetime.datetime(2022, 4, 20, 9, 30, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def submission():
    return make_submission()


def url(name: str, submission: OnlineSubmission, *args: object) -> str:
    return reverse(f"staff:{name}", args=[submission.reference, *args])


def attach(submission: OnlineSubmission, name: str = "letter.pdf") -> SubmissionAttachment:
    return SubmissionAttachment.objects.create(
        submission=submission, file=ContentFile(PDF, name=name), original_name=name,
        content_type="application/pdf", size=len(PDF))


# Who may open the pages -----------------------------------------------------------------------------------

ALLOWED = [Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER]
REFUSED = [Role.SENIOR_MANAGER, Role.RESPONDING_MANAGER, Role.INVESTIGATOR, Role.LEARNING_LEAD,
           Role.REPORT_READER, Role.ADMINISTRATOR]
PAGES = ["online_detail", "online_log_complaint", "online_close", "online_log_compliment"]


@pytest.mark.parametrize("role", ALLOWED + REFUSED)
def test_only_the_complaints_team_opens_the_pages(client, submission, role):
    file = attach(submission)
    login(client, role, team=TeamFactory())
    expected = 200 if role in ALLOWED else 403
    assert client.get(LIST).status_code == expected
    for name in PAGES:
        status = client.get(url(name, submission)).status_code
        # Logging a complaint as a compliment is a 409 for those allowed.
        assert status == (409 if expected == 200 and name == "online_log_compliment" else expected), name
    assert client.get(url("online_file_download", submission, file.pk)).status_code == expected
    for name in ("online_close", "online_log_complaint"):
        assert client.post(url(name, submission), {}).status_code == expected
    assert OnlineSubmission.objects.get().status == SubmissionStatus.NEW


def test_a_superuser_is_treated_as_the_complaints_team(client, submission):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(url("online_detail", submission)).status_code == 200


def test_signed_out_people_are_sent_to_sign_in(client, submission):
    for address in (LIST, url("online_detail", submission), url("online_close", submission)):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_an_unknown_reference_is_not_found(client):
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.get(reverse("staff:online_detail", args=["ONL-2022-99999"])).status_code == 404


def test_another_submissions_file_is_not_found_under_this_reference(client, submission):
    other = make_submission()
    theirs = attach(other)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.get(url("online_file_download", submission, theirs.pk)).status_code == 404
    assert client.get(url("online_file_download", other, theirs.pk)).status_code == 200


def test_a_refused_role_learns_nothing_from_a_guessed_reference(client):
    login(client, Role.RESPONDING_MANAGER)
    assert client.get(reverse("staff:online_detail", args=["ONL-2022-99999"])).status_code == 403


# The queue ----------------------------------------------------------------------------------------------

def listed(response) -> list[str]:
    assert response.status_code == 200
    return [row.reference for row in response.context["rows"]]


@pytest.fixture
def queue():
    first = make_submission(now=MOMENT)
    second = make_submission(now=MOMENT + datetime.timedelta(hours=1), answers=compliment_answers())
    third = make_submission(now=MOMENT + datetime.timedelta(hours=2))
    logged = OnlineSubmissionFactory(status=SubmissionStatus.NEW)
    OnlineSubmission.objects.filter(pk=logged.pk).update(status=SubmissionStatus.CLOSED, closed_reason="spam")
    return {"first": first, "second": second, "third": third, "closed": logged}


def test_the_queue_shows_what_is_waiting_oldest_first(client, queue):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(LIST)
    assert listed(response) == [queue["first"].reference, queue["second"].reference, queue["third"].reference]
    page = text_of(response)
    assert "New (3)" in page and "Closed without logging (1)" in page and "Any status (4)" in page
    assert "21 April 2022" in page  # the first complaint's acknowledgement date
    assert "3 waiting" in page


@pytest.mark.parametrize(("query", "expected"), [
    ("status=closed", ["closed"]),
    ("status=any", ["third", "second", "first", "closed"]),
    ("kind=compliment", ["second"]),
    ("status=new&kind=complaint", ["first", "third"]),
    ("status=logged", []),
])
def test_the_queue_filters(client, queue, query, expected):
    login(client, Role.COMPLAINTS_OFFICER)
    got = listed(client.get(f"{LIST}?{query}"))
    if query == "status=any":
        assert set(got) == {queue[name].reference for name in expected}
    else:
        assert got == [queue[name].reference for name in expected]


def test_a_filter_that_cannot_be_read_is_left_out_with_a_message(client, queue):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(f"{LIST}?kind=letter")
    assert "Choose complaints or compliments from the list" in text_of(response)
    assert len(listed(response)) == 3


def test_the_queue_pages_and_its_query_count_does_not_grow(client, django_assert_max_num_queries):
    OnlineSubmissionFactory.create_batch(3)
    login(client, Role.COMPLAINTS_OFFICER)
    with django_assert_max_num_queries(10) as few:
        client.get(LIST)
    OnlineSubmissionFactory.create_batch(60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(listed(response)) == 50 and response.context["page"].paginator.num_pages == 2
    assert len(listed(client.get(f"{LIST}?page=2"))) == 13
    assert "There is no page 9" in text_of(client.get(f"{LIST}?page=9"))


def test_the_queue_shows_no_names(client, submission):
    login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(LIST))
    assert submission.reference in page and "Pat" not in page and "Sam" not in page


# One submission ------------------------------------------------------------------------------------------

def test_the_submission_page_shows_every_answer_and_logs_the_view(client, submission):
    attach(submission)
    user = login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(url("online_detail", submission)))
    for answer in ("Pat Example", "Parent", "Sam Example", "27 March 2012", "No one came to the review meeting.",
                   "An apology and a new meeting.", "Not sure", "pat@example.org", "letter.pdf",
                   "Thursday 21 April 2022", "Yes, when it arrived"):
        assert answer in page
    assert "Log as a complaint" in page and "Close without logging" in page and "Log as a compliment" not in page
    viewed = AuditEvent.objects.get(verb="record.viewed", actor=user)
    assert viewed.subject_id == submission.pk and viewed.summary == "Viewed"


def test_a_file_downloads_privately_and_the_download_is_logged(client, submission):
    file = attach(submission, name="Sam's letter.pdf")
    user = login(client, Role.COMPLAINTS_MANAGER)
    response = client.get(url("online_file_download", submission, file.pk))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store" and response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(verb="online_submission.file_downloaded")
    assert event.actor == user and event.subject_id == submission.pk
    assert "Sam" not in f"{event.summary} {event.data}"


# Logging as a complaint ------------------------------------------------------------------------------------

def complaint_post(submission: OnlineSubmission, **overrides: str) -> dict[str, str]:
    statutory = Procedure.objects.get(code="children-statutory")
    data = {
        "child_count": "1",
        "complainant-first_name": "Pat", "complainant-last_name": "Example", "complainant-relationship": "parent",
        "complainant-email": "pat@example.org", "complainant-telephone": "", "complainant-address": "",
        "complainant-postcode": "", "complainant-contact_preference": "email",
        "child-1-first_name": "Sam", "child-1-last_name": "Example", "child-1-date_of_birth_day": "27",
        "child-1-date_of_birth_month": "3", "child-1-date_of_birth_year": "2012",
        "child-1-legal_status": LegalStatus.CHILD_IN_NEED, "child-1-case_system_id": "",
        "summary": "No one came to the review meeting.", "point_1": "Nobody came to the review.",
        "procedure": str(statutory.pk), "routing_reason": "About services to a child in need.",
        "eligibility_basis": "parent", "child_consent": "not_needed",
        # Trying to change how and when it arrived: the submission's facts win.
        "channel": "letter", "received_on_day": "1", "received_on_month": "1", "received_on_year": "2020",
    }
    return data | overrides


def test_the_log_page_is_filled_in_from_the_submission(client, submission):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(url("online_log_complaint", submission))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Pat"' in body and 'value="Sam"' in body and 'value="pat@example.org"' in body
    assert 'value="parent" selected' in body
    assert "What happened:\nNo one came to the review meeting.\n\nWhat they would like to happen:\nAn apology" in body
    page = text_of(response)
    assert "Thursday 14 April 2022 through the online form" in page and "Not sure" in page
    assert 'name="channel"' not in body  # how it arrived is not the officer's to change


def test_a_child_complainant_fills_in_the_child(client):
    submission = make_submission(answers=complaint_answers(relationship=Relationship.CHILD, first_name="Sam",
                                                           last_name="Young", child_first_name=""))
    login(client, Role.COMPLAINTS_OFFICER)
    body = client.get(url("online_log_complaint", submission)).content.decode()
    assert re.search(r'name="child-1-first_name"[^>]*value="Sam"', body)
    assert re.search(r'name="child-1-last_name"[^>]*value="Young"', body)
    assert re.search(r'name="complainant-first_name"[^>]*value="Sam"', body)
    assert 'value="not_needed" checked' in body  # a child complaining needs no one's consent


def test_logging_a_complaint_keeps_the_reference_and_the_submissions_facts(client, submission):
    attach(submission, name="letter.pdf")
    user = login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("online_log_complaint", submission), complaint_post(submission))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("staff:complaint_detail", args=[submission.reference])
    assert complaint.reference == submission.reference == "ONL-2022-00001"
    assert (complaint.received_on, complaint.channel) == (D(2022, 4, 14), "online_form")
    assert complaint.acknowledgement_due_on == submission.acknowledge_by == D(2022, 4, 21)
    person = complaint.complainants.get().person
    assert (person.first_name, person.email) == ("Pat", "pat@example.org")
    assert complaint.children.get().child.first_name == "Sam"
    document = Document.objects.get(complaint=complaint)
    assert document.original_name == "letter.pdf" and document.file.read() == PDF
    assert "Would like an advocate: Not sure." in complaint.notes.get().text
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.LOGGED and submission.logged_record == complaint
    assert submission.logged_by == user
    event = AuditEvent.objects.get(verb="online_submission.logged")
    assert event.summary == f"Logged as complaint {complaint.reference}"
    assert "Complaint ONL-2022-00001 logged from the online form" in text_of(client.get(response["Location"]))
    assert "Logged as complaint ONL-2022-00001" in text_of(client.get(url("online_detail", submission)))


@pytest.mark.parametrize(("overrides", "message"), [
    ({"routing_reason": ""}, "Enter why the complaint goes to this procedure"),
    ({"procedure": ""}, "Select the procedure the complaint goes to"),
    ({"complainant-first_name": ""}, "Enter the complainant's first name"),
    ({"point_1": ""}, "Enter at least one point of complaint"),
    ({"child-1-first_name": "", "child-1-last_name": "", "child-1-date_of_birth_day": "",
      "child-1-date_of_birth_month": "", "child-1-date_of_birth_year": "", "child-1-legal_status": ""},
     "a statutory complaint is always about a child"),
])
def test_a_bad_log_page_says_what_is_wrong_keeps_the_answers_and_saves_nothing(client, submission, overrides, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("online_log_complaint", submission), complaint_post(submission, **overrides))
    assert response.status_code == 200
    assert message in text_of(response)
    assert "About services to a child in need." in response.content.decode() or overrides.get("routing_reason") == ""
    assert not Complaint.objects.exists() and not Person.objects.exists()
    assert OnlineSubmission.objects.get().status == SubmissionStatus.NEW


def test_likely_duplicates_are_shown_before_logging(client, submission):
    make_complaint(complainants=[(Person.objects.create(first_name="Pat", last_name="Example",
                                                        email="pat@example.org"), Relationship.PARENT)],
                   received_on=D(2022, 4, 1))
    login(client, Role.COMPLAINTS_OFFICER)
    first = client.post(url("online_log_complaint", submission), complaint_post(submission))
    assert first.status_code == 200 and "Possible duplicates" in text_of(first)
    fingerprint = first.context["page"].duplicate_check.initial["duplicates_fingerprint"]
    confirmed = client.post(url("online_log_complaint", submission), complaint_post(
        submission, duplicates_checked="on", duplicates_fingerprint=fingerprint))
    assert confirmed.status_code == 302
    assert Complaint.objects.filter(reference=submission.reference).exists()


def test_adding_another_child_keeps_what_was_typed(client, submission):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("online_log_complaint", submission), complaint_post(submission, add_child="1"))
    assert response.status_code == 200 and response.context["page"].child_count == 2
    assert "About services to a child in need." in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_logged_submission_cannot_be_logged_again(client, submission):
    login(client, Role.COMPLAINTS_OFFICER)
    client.post(url("online_log_complaint", submission), complaint_post(submission))
    for name in ("online_log_complaint", "online_close"):
        response = client.get(url(name, submission))
        assert response.status_code == 409 and "has already been logged" in text_of(response)
        assert client.post(url(name, submission), complaint_post(submission)).status_code == 409
    assert Complaint.objects.count() == 1


def test_a_reference_already_used_by_a_complaint_is_refused_on_the_page(client, submission):
    make_complaint(reference=submission.reference)
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("online_log_complaint", submission), complaint_post(submission))
    assert response.status_code == 200
    assert f"The reference {submission.reference} is already used by another complaint." in text_of(response)
    assert OnlineSubmission.objects.get().status == SubmissionStatus.NEW


# Logging as a compliment -------------------------------------------------------------------------------------

@pytest.fixture
def compliment_submission():
    return make_submission(answers=compliment_answers())


def test_logging_a_compliment_for_a_team(client, compliment_submission):
    team = TeamFactory(name="Fostering")
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.get(url("online_log_compliment", compliment_submission))
    body = page.content.decode()
    assert "Jo listened to us and things changed." in body and 'value="Jo, the social worker"' in body
    assert client.get(url("online_log_complaint", compliment_submission)).status_code == 409
    data = {"team": str(team.pk), "source": "parent_family", "words": "Jo listened to us and things changed.",
            "about": "Jo, the social worker", "consent_to_quote": "on", "person_first_name": "Pat",
            "person_last_name": "Example"}
    response = client.post(url("online_log_compliment", compliment_submission), data)
    compliment = Compliment.objects.get()
    assert response["Location"] == reverse("staff:compliment_detail", args=[compliment.reference])
    assert (compliment.team, compliment.channel, compliment.received_on) == (team, "online_form", D(2022, 4, 14))
    assert compliment.consent_to_quote and compliment.person.first_name == "Pat"
    compliment_submission.refresh_from_db()
    assert compliment_submission.status == SubmissionStatus.LOGGED
    assert compliment_submission.logged_record == compliment
    assert compliment_submission.kind == SubmissionKind.COMPLIMENT


def test_a_compliment_needs_a_team(client, compliment_submission):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("online_log_compliment", compliment_submission),
                           {"source": "parent_family", "words": "Thank you"})
    assert response.status_code == 200 and "Select the team or service area" in text_of(response)
    assert 'Thank you' in response.content.decode()
    assert not Compliment.objects.exists()


# Closing without logging ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "message"), [
    ({}, "Select why it is being closed"),
    ({"reason": "bored"}, "Select why it is being closed"),
    ({"reason": "other", "note": " "}, "Enter why it is being closed"),
])
def test_closing_needs_a_reason(client, submission, data, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("online_close", submission), data)
    assert response.status_code == 200 and message in text_of(response)
    assert OnlineSubmission.objects.get().status == SubmissionStatus.NEW


def test_closing_as_spam(client, submission):
    user = login(client, Role.COMPLAINTS_MANAGER)
    response = client.post(url("online_close", submission), {"reason": "duplicate", "note": "Same as Pat's email"})
    assert response["Location"] == LIST
    submission.refresh_from_db()
    assert (submission.status, submission.closed_reason, submission.closed_by) == ("closed", "duplicate", user)
    event = AuditEvent.objects.get(verb="online_submission.closed")
    assert event.summary == "Closed without logging: duplicate of another submission or record"
    assert "Pat" not in f"{event.summary} {event.data}"
    page = text_of(client.get(url("online_detail", submission)))
    assert "Closed without logging" in page and "Same as Pat's email" in page
    assert client.get(url("online_close", submission)).status_code == 409


def test_closing_posts_need_the_csrf_token(submission):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(UserFactory(roles=[Role.COMPLAINTS_OFFICER]))
    assert strict.post(url("online_close", submission), {"reason": "spam"}).status_code == 403
    assert OnlineSubmission.objects.get().status == SubmissionStatus.NEW


# The dashboard and the Records hub -------------------------------------------------------------------------------

def test_the_dashboard_counts_what_is_waiting_with_the_oldest_due_date(client):
    make_submission(now=MOMENT)
    make_submission(now=MOMENT + datetime.timedelta(days=5))
    make_submission(answers=compliment_answers())
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(reverse("staff:home"))
    figure = response.context["online_waiting"]
    assert (figure["count"], figure["oldest_acknowledge_by"]) == (3, D(2022, 4, 21))
    page = text_of(response)
    assert "Received online, not yet logged" in page and "by Thursday 21 April 2022" in page
    assert f'href="{LIST}"' in response.content.decode()


def test_the_dashboard_figure_is_only_for_the_complaints_team(client):
    make_submission()
    login(client, Role.SENIOR_MANAGER)
    response = client.get(reverse("staff:home"))
    assert response.context.get("online_waiting") is None
    assert "Received online" not in text_of(response)


def test_the_records_hub_links_to_the_queue_for_the_team_only(client):
    login(client, Role.COMPLAINTS_OFFICER)
    assert f'href="{LIST}"' in client.get(reverse("staff:records")).content.decode()
    client.logout()
    login(client, Role.SENIOR_MANAGER)
    assert f'href="{LIST}"' not in client.get(reverse("staff:records")).content.decode()


def test_the_submission_page_query_count_does_not_grow_with_its_files(client, submission,
                                                                      django_assert_max_num_queries):
    attach(submission, "one.pdf")
    login(client, Role.COMPLAINTS_OFFICER)
    with django_assert_max_num_queries(15) as few:
        client.get(url("online_detail", submission))
    for n in range(5):
        attach(submission, f"more{n}.pdf")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "more4.pdf" in text_of(client.get(url("online_detail", submission)))


@pytest.mark.parametrize(("today", "overdue"), [(D(2022, 4, 21), False), (D(2022, 4, 22), True)])
def test_an_acknowledgement_past_its_date_is_marked_overdue_on_the_queue_and_the_page(client, today, overdue):
    """Acknowledge by Thursday 21 April 2022 (sent 14 April, before Easter): on the day it is still
    in time; from the next day the queue and the form's page say Overdue."""
    submission = make_submission()
    assert submission.acknowledge_by == D(2022, 4, 21)
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(9, 30), tzinfo=datetime.UTC), tick=False):
        login(client, Role.COMPLAINTS_OFFICER)  # signed in that day: sessions end after a quiet spell
        queue = text_of(client.get(LIST))
        page = text_of(client.get(url("online_detail", submission)))
    assert ("Overdue 21 April 2022" in queue) is overdue
    assert ("Overdue To be acknowledged by" in page) is overdue
    assert "To be acknowledged by Thursday 21 April 2022" in page
