"""Members' enquiry pages: who may open each, the list's filters (open, answered, overdue at the due
date's boundary), pages and query count, logging one with the target shown, changing it,
recording the response on time or late, and linking the complaint it became."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_restrict_to
from fairhearing.cases.kind_choices import MemberKind, TargetKind
from fairhearing.cases.kinds.enquiries import enquiry_link_complaint, enquiry_respond
from fairhearing.cases.models import Enquiry, LocalTarget
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.cases.tests.kinds.factories import EnquiryFactory, make_enquiry
from fairhearing.people.models import Person

from .helpers import TODAY, D, date_fields, listed, login, text_of, today  # noqa: F401

LIST = reverse("staff:enquiry_list")
NEW = reverse("staff:enquiry_new")
pytestmark = pytest.mark.django_db


def url(name: str, enquiry) -> str:
    return reverse(f"staff:{name}", args=[enquiry.reference])


@pytest.fixture
def team_a():
    return TeamFactory(name="Family Support Team 1")


@pytest.fixture
def enquiry(team_a):
    """Received Tuesday 4 January 2022: due Tuesday 18 January, so overdue on the 19th (TODAY)."""
    return make_enquiry(actor=officer(), team=team_a, member_name="Cllr A. Example")


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
def test_each_role_may_or_may_not_open_each_page(client, enquiry, roles, list_status, detail_status, change_status):
    login(client, *roles)
    assert client.get(LIST).status_code == list_status
    assert client.get(url("enquiry_detail", enquiry)).status_code == detail_status
    for name in ("enquiry_edit", "enquiry_respond", "enquiry_link"):
        assert client.get(url(name, enquiry)).status_code == change_status
        assert client.post(url(name, enquiry)).status_code == change_status
    assert client.get(NEW).status_code == (200 if change_status == 200 else 403)


def test_a_responding_manager_sees_their_teams_enquiries_only(client, enquiry, team_a):
    other = make_enquiry(actor=officer(), team=TeamFactory(name="Fostering"))
    login(client, Role.RESPONDING_MANAGER, team=team_a)
    assert listed(client.get(LIST)) == [enquiry.reference]
    assert client.get(url("enquiry_detail", enquiry)).status_code == 200
    assert client.get(url("enquiry_detail", other)).status_code == 404
    assert client.get(url("enquiry_respond", enquiry)).status_code == 403
    assert client.get(url("enquiry_respond", other)).status_code == 404


def test_an_enquiry_linked_to_a_complaint_the_user_is_excluded_from_is_hidden(client, enquiry, team_a):
    complaint = make_complaint(actor=officer(), teams=[team_a])
    enquiry_link_complaint(enquiry=enquiry, complaint=complaint, actor=officer())
    user = login(client, Role.COMPLAINTS_OFFICER)
    complaint.excluded_users.add(user)
    assert client.get(url("enquiry_detail", enquiry)).status_code == 404
    assert listed(client.get(LIST)) == []


# The list and its overdue boundary ------------------------------------------------------------------

@pytest.fixture
def several(team_a):
    actor = officer()
    made = {
        # Due 18 January: overdue on the 19th.
        "overdue": make_enquiry(actor=actor, team=team_a, received_on=D(2022, 1, 4)),
        # Due 19 January: due today, not overdue.
        "due_today": make_enquiry(actor=actor, team=team_a, received_on=D(2022, 1, 5), member_kind=MemberKind.MP),
        "on_time": make_enquiry(actor=actor, team=TeamFactory(name="Fostering"), received_on=D(2022, 1, 6),
                                member_kind=MemberKind.COUNCILLOR),
        "late": make_enquiry(actor=actor, team=team_a, received_on=D(2021, 12, 1), member_kind=MemberKind.MEP),
    }
    enquiry_respond(enquiry=made["on_time"], responded_on=D(2022, 1, 10), actor=actor, today=TODAY)
    enquiry_respond(enquiry=made["late"], responded_on=D(2022, 1, 10), actor=actor, today=TODAY)
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["on_time", "due_today", "overdue", "late"]),  # newest first
        ("status=open", ["due_today", "overdue"]),
        ("status=overdue", ["overdue"]),
        ("status=answered", ["on_time", "late"]),
        ("status=late", ["late"]),
        ("member_kind=mep", ["late"]),
        ("member_kind=mp&status=open", ["due_today", "overdue"]),
        ("received_to_day=4&received_to_month=1&received_to_year=2022", ["overdue", "late"]),
    ],
)
def test_each_filter(client, several, query, expected):
    login(client, Role.COMPLAINTS_OFFICER)
    assert listed(client.get(f"{LIST}?{query}")) == [several[name].reference for name in expected]


def test_the_team_filter(client, several, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    assert listed(client.get(f"{LIST}?team={team_a.pk}&status=answered")) == [several["late"].reference]


def test_an_enquiry_due_across_christmas_is_overdue_the_day_after_its_due_date(client, team_a):
    """Received Monday 20 December 2021: 10 working days skip 27 and 28 December and 3 January
    (bank holidays), so it is due Thursday 6 January 2022."""
    enquiry = make_enquiry(actor=officer(), team=team_a, received_on=D(2021, 12, 20))
    assert enquiry.response_due_on == D(2022, 1, 6)
    login(client, Role.COMPLAINTS_OFFICER)
    for day, overdue in ((6, False), (7, True)):
        with time_machine.travel(datetime.datetime(2022, 1, day, 9, tzinfo=ZoneInfo("Europe/London")), tick=False):
            assert (listed(client.get(f"{LIST}?status=overdue")) == [enquiry.reference]) is overdue
            assert ("Overdue" in text_of(client.get(url("enquiry_detail", enquiry)))) is overdue


def test_rows_say_when_an_enquiry_is_due_or_how_it_was_answered(client, several):
    login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(LIST))
    assert "On time Answered 10 January 2022" in page
    assert "Late Answered 10 January 2022" in page
    assert "Overdue Due 18 January 2022" in page
    assert "Due 19 January 2022" in page and "Overdue Due 19 January 2022" not in page


def test_a_bad_status_is_left_out_with_a_message(client, several):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(f"{LIST}?status=lost")
    assert len(listed(response)) == 4
    assert "Choose whether it has been answered from the list" in text_of(response)


def test_pages_of_fifty(client, team_a):
    EnquiryFactory.create_batch(52, team=team_a)
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(f"{LIST}?status=open&page=2")
    assert len(listed(response)) == 2 and response.context["page"].number == 2
    assert response.context["page_links"]["previous"] == f"{LIST}?status=open&page=1"


def test_the_query_count_does_not_grow_with_the_number_of_enquiries(client, team_a, django_assert_max_num_queries):
    EnquiryFactory.create_batch(3, team=team_a)
    login(client, Role.RESPONDING_MANAGER, team=team_a)
    with django_assert_max_num_queries(12) as few:
        client.get(f"{LIST}?status=overdue")
    EnquiryFactory.create_batch(40, team=team_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(listed(client.get(f"{LIST}?status=overdue"))) == 43


# Logging one ----------------------------------------------------------------------------------------

def form_data(team_, **overrides) -> dict[str, str]:
    data = {**date_fields("received_on", TODAY), "member_kind": MemberKind.MP, "member_name": "Jane Example MP",
            "team": str(team_.pk), "summary": "Asks why the family has had no reply.",
            "on_behalf_of_first_name": "Kim", "on_behalf_of_last_name": "Doe"}
    return data | overrides


def test_the_logging_page_shows_the_response_target(client, team_a):
    LocalTarget.objects.filter(kind=TargetKind.ENQUIRY_RESPONSE).update(working_days=15)
    login(client, Role.COMPLAINTS_OFFICER)
    assert "Response target 15 working days after the date received" in text_of(client.get(NEW))


def test_logging_an_enquiry_stores_the_due_date_and_audits(client, team_a):
    user = login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, form_data(team_a), follow=True)
    enquiry = Enquiry.objects.get()
    assert response.redirect_chain[-1][0] == url("enquiry_detail", enquiry)
    # Wednesday 19 January 2022 + 10 working days = Wednesday 2 February.
    assert f"Member's enquiry {enquiry.reference} logged: response due 2 February 2022" in text_of(response)
    assert (enquiry.member_name, enquiry.on_behalf_of.full_name, enquiry.response_due_on) == (
        "Jane Example MP", "Kim Doe", D(2022, 2, 2))
    event = AuditEvent.objects.for_subject(enquiry).get(verb="enquiry.created")
    assert event.actor == user and "Kim" not in event.summary


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"member_kind": ""}, "Select whether it is from an MP, MEP or councillor"),
        ({"member_name": ""}, "Enter the name of the MP, MEP or councillor"),
        ({"team": ""}, "Select the team the enquiry is about"),
        ({"summary": " "}, "Enter what the enquiry is about"),
        ({"received_on_month": "13"}, "Date received must be a real date"),
        ({"received_on_day": "20"}, "The date received cannot be in the future."),
        ({"on_behalf_of_first_name": ""}, "Enter the first name of the person the enquiry is on behalf of"),
    ],
)
def test_bad_input_is_explained_nothing_is_saved_and_what_was_typed_is_kept(client, team_a, overrides, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, form_data(team_a, **overrides))
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page and message in page
    assert not Enquiry.objects.exists() and not Person.objects.exists()
    assert 'value="Doe"' in response.content.decode()


def test_logging_needs_the_csrf_token(team_a):
    client = Client(enforce_csrf_checks=True)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(NEW, form_data(team_a)).status_code == 403
    assert not Enquiry.objects.exists()


# The enquiry's page and changes ---------------------------------------------------------------------

def test_the_page_shows_every_field_the_due_date_and_the_timeline(client, enquiry):
    login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(url("enquiry_detail", enquiry)))
    for words in ("Tuesday 4 January 2022", "MP: Cllr A. Example", "On behalf of Not recorded",
                  "Family Support Team 1", "Asks when the family's assessment will be finished.",
                  "Response target 10 working days after the date received", "Overdue", "Due 18 January 2022",
                  "1 working day overdue", "Record the response", "Link to a complaint", "Change the details",
                  "MP enquiry logged: response due 18 January 2022"):
        assert words in page, words


def test_a_senior_manager_sees_no_actions(client, enquiry):
    login(client, Role.SENIOR_MANAGER)
    page = text_of(client.get(url("enquiry_detail", enquiry)))
    assert "Cllr A. Example" in page and "Record the response" not in page


def test_changing_the_date_received_moves_the_due_date(client, enquiry, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    data = form_data(team_a, member_kind=MemberKind.COUNCILLOR, **date_fields("received_on", D(2022, 1, 5)),
                     on_behalf_of_first_name="", on_behalf_of_last_name="")
    assert client.post(url("enquiry_edit", enquiry), data).status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.received_on, enquiry.response_due_on, enquiry.member_kind) == (
        D(2022, 1, 5), D(2022, 1, 19), MemberKind.COUNCILLOR)
    event = AuditEvent.objects.for_subject(enquiry).get(verb="enquiry.updated")
    assert "response due on" in event.summary


def test_a_constituent_can_be_added_later_but_not_twice(client, enquiry, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    data = form_data(team_a, **date_fields("received_on", D(2022, 1, 4)), member_name="Cllr A. Example")
    assert client.post(url("enquiry_edit", enquiry), data).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.on_behalf_of.full_name == "Kim Doe"
    assert "on_behalf_of_first_name" not in client.get(url("enquiry_edit", enquiry)).context["form"].fields


def test_a_refused_change_saves_nothing(client, enquiry, team_a):
    login(client, Role.COMPLAINTS_OFFICER)
    data = form_data(team_a, summary="Changed", **date_fields("received_on", D(2022, 1, 4)),
                     **date_fields("responded_on", D(2022, 1, 3)))
    response = client.post(url("enquiry_edit", enquiry), data)
    assert "The response date cannot be before the enquiry was received (4 January 2022)." in text_of(response)
    assert "Changed" in text_of(response)
    enquiry.refresh_from_db()
    assert enquiry.summary != "Changed" and enquiry.responded_on is None and enquiry.on_behalf_of is None


# Recording the response ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("responded_on", "banner"),
    [
        (D(2022, 1, 18), "Response recorded: answered on time (due 18 January 2022)"),  # on the due date
        (D(2022, 1, 19), "Response recorded: answered late (due 18 January 2022)"),  # the day after
    ],
)
def test_recording_the_response_says_on_time_or_late(client, enquiry, responded_on, banner):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("enquiry_respond", enquiry), date_fields("responded_on", responded_on), follow=True)
    page = text_of(response)
    assert banner in page
    enquiry.refresh_from_db()
    assert enquiry.responded_on == responded_on
    assert AuditEvent.objects.for_subject(enquiry).filter(verb="enquiry.responded").exists()
    assert ("late" if responded_on > enquiry.response_due_on else "on time") in page


@pytest.mark.parametrize(
    ("responded_on", "message"),
    [
        (D(2022, 1, 3), "The response date cannot be before the enquiry was received (4 January 2022)."),
        (D(2022, 1, 20), "The response date cannot be in the future."),
    ],
)
def test_a_response_date_out_of_bounds_is_refused(client, enquiry, responded_on, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("enquiry_respond", enquiry), date_fields("responded_on", responded_on))
    assert response.status_code == 200 and message in text_of(response)
    enquiry.refresh_from_db()
    assert enquiry.responded_on is None


def test_an_answered_enquiry_cannot_be_answered_again(client, enquiry):
    enquiry_respond(enquiry=enquiry, responded_on=D(2022, 1, 10), actor=officer(), today=TODAY)
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("enquiry_respond", enquiry), date_fields("responded_on", TODAY))
    assert response.status_code == 409
    assert "already answered on 10 January 2022" in text_of(response)
    enquiry.refresh_from_db()
    assert enquiry.responded_on == D(2022, 1, 10)
    assert "Record the response" not in text_of(client.get(url("enquiry_detail", enquiry)))


def test_recording_the_response_needs_the_csrf_token(enquiry):
    client = Client(enforce_csrf_checks=True)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.post(url("enquiry_respond", enquiry), date_fields("responded_on", TODAY)).status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.responded_on is None


# Linking a complaint --------------------------------------------------------------------------------

def test_linking_a_complaint_writes_both_timelines(client, enquiry, team_a):
    complaint = make_complaint(actor=officer(), teams=[team_a])
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("enquiry_link", enquiry), {"complaint_reference": f" {complaint.reference.lower()} "},
                           follow=True)
    assert f"Linked to complaint {complaint.reference}" in text_of(response)
    enquiry.refresh_from_db()
    assert enquiry.complaint == complaint
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.enquiry_linked").exists()
    assert f'href="{reverse("staff:complaint_detail", args=[complaint.reference])}"' in response.content.decode()


@pytest.mark.parametrize("reference", ["CSC-2099-9999", "hidden"])
def test_only_a_complaint_the_user_can_see_can_be_linked(client, enquiry, team_a, reference):
    hidden = make_complaint(actor=officer(), teams=[team_a])
    user = login(client, Role.COMPLAINTS_OFFICER)
    hidden.excluded_users.add(user)
    typed = hidden.reference if reference == "hidden" else reference
    response = client.post(url("enquiry_link", enquiry), {"complaint_reference": typed})
    assert response.status_code == 200
    assert "There is no complaint with that reference that you can see" in text_of(response)
    assert 'href="#id_complaint_reference"' in response.content.decode()
    assert typed in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.complaint is None


def test_an_empty_reference_is_refused(client, enquiry):
    login(client, Role.COMPLAINTS_OFFICER)
    assert "Enter the reference of the complaint" in text_of(client.post(url("enquiry_link", enquiry), {}))


def test_a_link_made_in_error_can_be_removed(client, enquiry, team_a):
    complaint = make_complaint(actor=officer(), teams=[team_a])
    enquiry_link_complaint(enquiry=enquiry, complaint=complaint, actor=officer())
    login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(url("enquiry_link", enquiry)))
    assert f"Remove the link to complaint {complaint.reference}" in page
    response = client.post(url("enquiry_link", enquiry), {"remove": "1"}, follow=True)
    assert "Link to the complaint removed" in text_of(response)
    enquiry.refresh_from_db()
    assert enquiry.complaint is None
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.enquiry_unlinked").exists()


def test_the_timeline_names_a_complaint_the_enquiry_was_moved_off_only_to_those_who_may_open_it(
        client, enquiry, team_a):
    old, new = make_complaint(teams=[team_a]), make_complaint(teams=[team_a])
    enquiry_link_complaint(enquiry=enquiry, complaint=old, actor=officer())
    named = login(client, Role.COMPLAINTS_OFFICER)
    complaint_restrict_to(complaint=old, users=[named], actor=officer())
    enquiry_link_complaint(enquiry=enquiry, complaint=new, actor=officer())
    assert AuditEvent.objects.for_subject(enquiry).filter(summary__contains=old.reference).exists()

    assert old.reference in text_of(client.get(url("enquiry_detail", enquiry)))

    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(url("enquiry_detail", enquiry))
    page = text_of(response)
    assert old.reference not in page
    assert f"Linked to complaint {new.reference}" in page
    links = [event for event in response.context["events"] if event.verb == "enquiry.complaint_linked"]
    assert [event.changes for event in links] == [{"complaint": [None, new.pk]}]


def test_a_removed_link_to_a_complaint_closed_to_the_reader_is_left_off_the_timeline(client, enquiry, team_a):
    hidden = make_complaint(teams=[team_a])
    enquiry_link_complaint(enquiry=enquiry, complaint=hidden, actor=officer())
    enquiry_link_complaint(enquiry=enquiry, complaint=None, actor=officer())
    hidden.excluded_users.add(login(client, Role.COMPLAINTS_OFFICER))
    response = client.get(url("enquiry_detail", enquiry))
    assert response.status_code == 200
    assert hidden.reference not in text_of(response)
    assert not [event for event in response.context["events"] if event.verb == "enquiry.complaint_linked"]


def test_removing_a_link_that_is_not_there_is_explained(client, enquiry):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("enquiry_link", enquiry), {"remove": "1"})
    assert response.status_code == 200 and "The enquiry is not linked to a complaint." in text_of(response)


# The dashboard --------------------------------------------------------------------------------------

def test_the_dashboard_counts_overdue_enquiries_and_links_to_exactly_those(client, several):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(reverse("staff:home"))
    figure = next(figure for figure in response.context["records_overdue"]
                  if figure["label"] == "Members' enquiries overdue")
    assert figure["count"] == 1 and figure["url"] == f"{LIST}?status=overdue"
    assert f'href="{LIST}?status=overdue"' in response.content.decode()
    assert listed(client.get(figure["url"])) == [several["overdue"].reference]


def test_a_senior_manager_sees_the_figure_too(client, several):
    login(client, Role.SENIOR_MANAGER)
    labels = [figure["label"] for figure in client.get(reverse("staff:home")).context["records_overdue"]]
    assert labels == ["Members' enquiries overdue", "Initial feedback overdue"]
