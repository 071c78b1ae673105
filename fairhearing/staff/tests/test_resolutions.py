"""ADR and IRO dispute pages: who may open each, recording and updating through the services (with
the audit events), every bad input refused with a clear message and nothing saved, the lists'
filters and pages at a constant query count, CSRF, and the ADR panel on the complaint page."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.audit.services import VIEWED
from fairhearing.cases.access import complaint_exclude
from fairhearing.cases.kind_choices import AdrResult, IroStage
from fairhearing.cases.models import AdrCase, IroDispute
from fairhearing.cases.tests.factories import CORPORATE, make_complaint, officer
from fairhearing.cases.tests.kinds.factories import (
    AdrCaseFactory,
    IroDisputeFactory,
    make_adr,
    make_iro_dispute,
)
from fairhearing.people.tests.factories import ChildFactory

D = datetime.date
TODAY = D(2022, 6, 15)  # a Wednesday
RECEIVED = D(2022, 1, 4)  # when the complaints in these tests were received
pytestmark = pytest.mark.django_db

ADR_LIST, ADR_NEW = reverse("staff:adr_list"), reverse("staff:adr_new")
IRO_LIST, IRO_NEW = reverse("staff:iro_dispute_list"), reverse("staff:iro_dispute_new")

# Who sees ADR and IRO disputes (cases/kinds/access.py): the complaints team and senior managers;
# only the complaints team changes them. Superusers count as the complaints team.
CHANGERS = ["complaints_manager", "complaints_officer", "superuser"]
READ_ONLY = ["senior_manager"]
NOBODY = ["responding_manager", "investigator", "learning_lead", "report_reader", "administrator", "no_role"]


@pytest.fixture(autouse=True)
def today():
    """Pin the clock the pages read (services called directly are given today= explicitly)."""
    moment = datetime.datetime(2022, 6, 15, 10, 30, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        yield TODAY


def complaint_past_stage_one():  # noqa: ANN201
    """A complaint about one team, received Tuesday 4 January 2022, whose Stage 1 is over."""
    made = make_complaint(actor=officer(), received_on=RECEIVED, teams=[TeamFactory(name="Team A")])
    made.stages.create(number=1, requested_on=RECEIVED, status="responded", closed_on=D(2022, 1, 18))
    return made


@pytest.fixture
def complaint():
    return complaint_past_stage_one()


def user_for(who: str, complaint=None):  # noqa: ANN001, ANN201
    """A user in one role; a responding manager manages the complaint's team, if given."""
    if who == "superuser":
        return UserFactory(username="root", is_superuser=True)
    if who == "no_role":
        return UserFactory(username="no-role")
    user = UserFactory(username=who, roles=[Role(who)])
    if who == "responding_manager" and complaint is not None:
        user.teams.add(complaint.teams.get())
    return user


def login(client, who: str, complaint=None):  # noqa: ANN001, ANN201
    user = user_for(who, complaint)
    client.force_login(user)
    return user


def page_text(response) -> str:  # noqa: ANN001
    return response.content.decode()


def adr_post(**overrides) -> dict[str, str]:
    data = {"complaint": "", "stage_number": "", "offered_on_day": "10", "offered_on_month": "1",
            "offered_on_year": "2022", "method": "meeting", "team": "", "notes": "Parent agreed to meet."}
    data.update(overrides)
    return data


def adr_update_post(adr: AdrCase, **overrides) -> dict[str, str]:
    data = {
        "offered_on_day": str(adr.offered_on.day), "offered_on_month": str(adr.offered_on.month),
        "offered_on_year": str(adr.offered_on.year), "method": adr.method,
        "stage_number": str(adr.stage_number or ""), "held_on_day": "", "held_on_month": "", "held_on_year": "",
        "confirmed_in_writing_on_day": "", "confirmed_in_writing_on_month": "",
        "confirmed_in_writing_on_year": "", "result": adr.result, "saving": "", "team": "", "notes": adr.notes,
    }
    data.update(overrides)
    return data


def dated(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def iro_post(**overrides) -> dict[str, str]:
    data = {"raised_on_day": "2", "raised_on_month": "3", "raised_on_year": "2022", "raised_by": "Irene Reviewer",
            "child_complaint": "", "child": "", "team": "", "issue": "Care plan actions not completed.",
            "local_stage": "informal"}
    data.update(overrides)
    return data


# Who may open each page ------------------------------------------------------------------------

@pytest.mark.parametrize("who", CHANGERS + READ_ONLY + NOBODY)
def test_each_role_gets_the_adr_pages_the_access_rules_allow(client, complaint, who):
    adr = make_adr(complaint=complaint, offered_on=D(2022, 1, 10), today=TODAY)
    login(client, who, complaint)
    sees, changes = who in CHANGERS + READ_ONLY, who in CHANGERS
    assert client.get(ADR_LIST).status_code == (200 if sees else 403)
    assert client.get(ADR_NEW).status_code == (200 if changes else 403)
    assert client.get(reverse("staff:adr_detail", args=[adr.reference])).status_code == (200 if sees else 404)
    edit = reverse("staff:adr_edit", args=[adr.reference])
    assert client.get(edit).status_code == (200 if changes else 403 if sees else 404)
    # A refused post changes nothing.
    client.post(edit, adr_update_post(adr, result="not_resolved", **dated("held_on", D(2022, 1, 20))))
    assert AdrCase.objects.get().result == ("not_resolved" if changes else "pending")


@pytest.mark.parametrize("who", CHANGERS + READ_ONLY + NOBODY)
def test_each_role_gets_the_iro_dispute_pages_the_access_rules_allow(client, complaint, who):
    dispute = make_iro_dispute(raised_on=D(2022, 3, 2), today=TODAY)
    login(client, who, complaint)
    sees, changes = who in CHANGERS + READ_ONLY, who in CHANGERS
    assert client.get(IRO_LIST).status_code == (200 if sees else 403)
    assert client.get(IRO_NEW).status_code == (200 if changes else 403)
    assert client.get(reverse("staff:iro_dispute_detail", args=[dispute.reference])).status_code == (
        200 if sees else 404)
    edit = reverse("staff:iro_dispute_edit", args=[dispute.reference])
    assert client.get(edit).status_code == (200 if changes else 403 if sees else 404)
    client.post(edit, {"local_stage": "team_manager", "outcome": ""})
    assert IroDispute.objects.get().local_stage == ("team_manager" if changes else "informal")


def test_anonymous_users_are_sent_to_sign_in(client, complaint):
    adr = make_adr(complaint=complaint, today=TODAY)
    dispute = make_iro_dispute(today=TODAY)
    for url in (ADR_LIST, ADR_NEW, reverse("staff:adr_detail", args=[adr.reference]),
                reverse("staff:adr_edit", args=[adr.reference]), IRO_LIST, IRO_NEW,
                reverse("staff:iro_dispute_detail", args=[dispute.reference]),
                reverse("staff:iro_dispute_edit", args=[dispute.reference])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_adr_on_a_complaint_the_user_is_excluded_from_is_hidden_from_them(client, complaint):
    adr = make_adr(complaint=complaint, today=TODAY)
    other = make_adr(offered_on=D(2022, 2, 1), today=TODAY)  # not on a complaint
    manager = login(client, "complaints_manager")
    complaint_exclude(complaint=complaint, users=[manager], actor=officer())
    assert client.get(reverse("staff:adr_detail", args=[adr.reference])).status_code == 404
    assert client.get(reverse("staff:adr_edit", args=[adr.reference])).status_code == 404
    assert list(client.get(ADR_LIST).context["rows"]) == [other]


def test_a_reference_that_does_not_exist_is_404(client):
    login(client, "complaints_officer")
    assert client.get(reverse("staff:adr_detail", args=["ADR-2022-9999"])).status_code == 404
    assert client.get(reverse("staff:iro_dispute_edit", args=["IRO-2022-9999"])).status_code == 404


# Offering ADR --------------------------------------------------------------------------------

def test_offering_adr_on_a_complaint_records_it_on_both_timelines(client, complaint):
    client.force_login(officer())
    team = TeamFactory(name="Fostering")
    response = client.post(ADR_NEW, adr_post(complaint=complaint.reference.lower(), stage_number="1",
                                              method="mediation", team=str(team.pk)))
    adr = AdrCase.objects.get()
    assert response.status_code == 302 and response.url == reverse("staff:adr_detail", args=[adr.reference])
    assert (adr.complaint, adr.stage_number, adr.offered_on, adr.method, adr.team, adr.notes) == (
        complaint, 1, D(2022, 1, 10), "mediation", team, "Parent agreed to meet.")
    assert AuditEvent.objects.for_subject(adr).filter(verb="adr.created").exists()
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.adr_offered").exists()
    page = page_text(client.get(response.url))
    assert f"ADR {adr.reference} recorded" in page and "ADR offered on 10 January 2022" in page


def test_adr_can_be_offered_before_a_complaint_is_logged(client):
    client.force_login(officer())
    assert client.post(ADR_NEW, adr_post()).status_code == 302
    assert AdrCase.objects.get().complaint is None


def test_the_complaint_pages_link_fills_in_the_complaint_and_leads_back(client, complaint):
    client.force_login(officer())
    response = client.get(f"{ADR_NEW}?complaint={complaint.reference}")
    assert response.context["form"]["complaint"].value() == complaint.reference
    assert f'href="{reverse("staff:complaint_detail", args=[complaint.reference])}#adr"' in page_text(response)
    # A reference the user may not see fills in nothing and says nothing about it.
    assert client.get(f"{ADR_NEW}?complaint=CSC-2022-9999").context["form"]["complaint"].value() in (None, "")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"offered_on_day": "", "offered_on_month": "", "offered_on_year": ""}, "offered_on",
         "Enter the date ADR was offered"),
        ({"offered_on_day": "31", "offered_on_month": "2"}, "offered_on", "Date ADR was offered must be a real date"),
        ({"method": ""}, "method", "Select how ADR will be held"),
        ({"method": "carrier-pigeon"}, "method", "Select how ADR will be held"),
        ({"complaint": "CSC-2022-9999"}, "complaint", "No complaint with the reference CSC-2022-9999 was found"),
        ({"stage_number": "1"}, "stage_number", "Enter the complaint reference, or leave the stage not recorded"),
        ({"stage_number": "4"}, "stage_number", "Choose Stage 1, 2 or 3"),
        ({"team": "999999"}, "team", "Choose a team from the list"),
    ],
)
def test_offering_adr_refuses_bad_input_and_keeps_what_was_typed(client, complaint, overrides, field, message):
    client.force_login(officer())
    response = client.post(ADR_NEW, adr_post(**overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not AdrCase.objects.exists()
    page = page_text(response)
    assert "There is a problem" in page and "Error: Offer ADR" in page
    assert "Parent agreed to meet." in page  # the notes typed are still there


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"stage_number": "2"}, "This complaint has not reached Stage 2."),
        (dated("offered_on", TODAY + datetime.timedelta(days=1)), "cannot be in the future"),
        (dated("offered_on", RECEIVED - datetime.timedelta(days=1)),
         "cannot be before the complaint was received (4 January 2022)"),
    ],
)
def test_the_services_refusals_are_shown_and_nothing_is_saved(client, complaint, overrides, message):
    client.force_login(officer())
    response = client.post(ADR_NEW, adr_post(complaint=complaint.reference, **overrides))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].non_field_errors())
    assert escape(message) in page_text(response)
    assert not AdrCase.objects.exists()


@pytest.mark.parametrize("offered_on", [RECEIVED, TODAY])
def test_adr_may_be_offered_on_the_day_the_complaint_arrived_and_on_today(client, complaint, offered_on):
    client.force_login(officer())
    assert client.post(ADR_NEW, adr_post(complaint=complaint.reference, **dated("offered_on", offered_on))).status_code == 302
    assert AdrCase.objects.get().offered_on == offered_on


def test_a_complaint_hidden_from_the_user_gets_the_same_answer_as_one_that_does_not_exist(client, complaint):
    manager = login(client, "complaints_manager")
    complaint_exclude(complaint=complaint, users=[manager], actor=officer())
    response = client.post(ADR_NEW, adr_post(complaint=complaint.reference))
    assert response.context["form"].errors["complaint"] == [
        f"No complaint with the reference {complaint.reference} was found. Check the reference and try again"]
    assert not AdrCase.objects.exists()


# Recording how ADR went ----------------------------------------------------------------------

@pytest.fixture
def adr(complaint):
    return make_adr(complaint=complaint, stage_number=1, offered_on=D(2022, 1, 10), today=TODAY)


def test_recording_adr_held_confirmed_and_resolved_with_a_saving(client, adr):
    client.force_login(officer())
    edit = reverse("staff:adr_edit", args=[adr.reference])
    response = client.post(edit, adr_update_post(
        adr, result="resolved", saving="£1,800", **dated("held_on", D(2022, 1, 14)),
        **dated("confirmed_in_writing_on", D(2022, 1, 17))))
    assert response.status_code == 302 and response.url == reverse("staff:adr_detail", args=[adr.reference])
    adr.refresh_from_db()
    assert (adr.held_on, adr.confirmed_in_writing_on, adr.result, adr.saving) == (
        D(2022, 1, 14), D(2022, 1, 17), AdrResult.RESOLVED, Decimal("1800.00"))
    event = AuditEvent.objects.for_subject(adr).get(verb="adr.updated")
    assert event.summary == "ADR result: Resolved" and event.actor == officer()
    page = page_text(client.get(response.url))
    assert "£1,800.00" in page and "17 January 2022" in page and "ADR result: Resolved" in page
    # The form shows the saving as money when opened again.
    assert 'value="1800.00"' in page_text(client.get(edit))


def test_continuing_adr_may_record_a_saving_and_a_cleared_saving_is_removed(client, adr):
    client.force_login(officer())
    edit = reverse("staff:adr_edit", args=[adr.reference])
    held = dated("held_on", D(2022, 1, 14))
    assert client.post(edit, adr_update_post(adr, result="continuing", saving="950.5", **held)).status_code == 302
    adr.refresh_from_db()
    assert (adr.result, adr.saving) == (AdrResult.CONTINUING, Decimal("950.50"))
    assert client.post(edit, adr_update_post(adr, result="continuing", saving="", **held)).status_code == 302
    adr.refresh_from_db()
    assert adr.saving is None


@pytest.mark.parametrize(
    ("saving", "message"),
    [
        ("abc", "Enter the saving as an amount in pounds, like 1800 or 1800.50"),
        ("1e3", "Enter the saving as an amount in pounds, like 1800 or 1800.50"),
        ("12.345", "The saving can have at most two decimal places (pence)"),
        ("-5", "The saving cannot be negative"),
        ("100000000", "The saving must be less than £100,000,000"),
    ],
)
def test_a_saving_that_is_not_an_amount_of_money_is_refused(client, adr, saving, message):
    client.force_login(officer())
    response = client.post(reverse("staff:adr_edit", args=[adr.reference]), adr_update_post(
        adr, result="resolved", saving=saving, **dated("held_on", D(2022, 1, 14))))
    assert response.status_code == 200
    assert response.context["form"].errors["saving"] == [message]
    assert response.context["form"]["saving"].value() == saving  # kept as typed
    adr.refresh_from_db()
    assert (adr.result, adr.saving, adr.held_on) == (AdrResult.PENDING, None, None)
    assert not AuditEvent.objects.for_subject(adr).filter(verb="adr.updated").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"result": "pending", "saving": "100"},
         "A saving can only be recorded when ADR resolved some or all of the complaint."),
        ({"result": "resolved", "held_on_day": "", "held_on_month": "", "held_on_year": ""},
         "Record when ADR took place before its result."),
        ({"result": "resolved", **dated("confirmed_in_writing_on", D(2022, 1, 13))},
         "The date the outcome was confirmed in writing cannot be before ADR took place (14 January 2022)."),
        ({"result": "resolved", **dated("held_on", D(2022, 1, 9))},
         "The date ADR took place cannot be before it was offered (10 January 2022)."),
        ({"result": "resolved", **dated("held_on", D(2022, 6, 16))}, "The date ADR took place cannot be in the future."),
    ],
)
def test_updates_the_service_refuses_change_nothing(client, adr, overrides, message):
    client.force_login(officer())
    data = adr_update_post(adr, **{**dated("held_on", D(2022, 1, 14)), **overrides})
    response = client.post(reverse("staff:adr_edit", args=[adr.reference]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    adr.refresh_from_db()
    assert (adr.result, adr.held_on, adr.saving) == (AdrResult.PENDING, None, None)


def test_held_today_is_accepted_and_the_stage_is_not_offered_for_adr_without_a_complaint(client):
    client.force_login(officer())
    adr = make_adr(offered_on=D(2022, 6, 1), today=TODAY)
    edit = reverse("staff:adr_edit", args=[adr.reference])
    assert "stage_number" not in client.get(edit).context["form"].fields
    response = client.post(edit, {**adr_update_post(adr, result="not_resolved", **dated("held_on", TODAY))})
    assert response.status_code == 302
    adr.refresh_from_db()
    assert (adr.held_on, adr.result) == (TODAY, AdrResult.NOT_RESOLVED)


# The ADR list --------------------------------------------------------------------------------

def refs(response) -> list[str]:  # noqa: ANN001
    return [row.reference for row in response.context["rows"]]


@pytest.fixture
def adr_cases(complaint):
    """Four ADR cases: on Stage 1 resolved (10 January), on Stage 1 pending (31 March), without a
    stage (1 April), not on a complaint (4 May)."""
    complaint.stages.create(number=2, requested_on=D(2022, 2, 1))
    return {
        "resolved": AdrCaseFactory(reference="ADR-2022-0001", complaint=complaint, stage_number=1,
                                   offered_on=D(2022, 1, 10), held_on=D(2022, 1, 14), result=AdrResult.RESOLVED),
        "pending": AdrCaseFactory(reference="ADR-2022-0002", complaint=complaint, stage_number=2,
                                  offered_on=D(2022, 3, 31)),
        "no_stage": AdrCaseFactory(reference="ADR-2022-0003", complaint=complaint, offered_on=D(2022, 4, 1)),
        "no_complaint": AdrCaseFactory(reference="ADR-2022-0004", offered_on=D(2022, 5, 4)),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["ADR-2022-0004", "ADR-2022-0003", "ADR-2022-0002", "ADR-2022-0001"]),
        ("?result=resolved", ["ADR-2022-0001"]),
        ("?result=pending", ["ADR-2022-0004", "ADR-2022-0003", "ADR-2022-0002"]),
        ("?stage=2", ["ADR-2022-0002"]),
        ("?stage=none", ["ADR-2022-0004", "ADR-2022-0003"]),
        # The dates are inclusive at both ends.
        ("?offered_from_day=31&offered_from_month=3&offered_from_year=2022", [
            "ADR-2022-0004", "ADR-2022-0003", "ADR-2022-0002"]),
        ("?offered_from_day=1&offered_from_month=4&offered_from_year=2022", ["ADR-2022-0004", "ADR-2022-0003"]),
        ("?offered_to_day=31&offered_to_month=3&offered_to_year=2022", ["ADR-2022-0002", "ADR-2022-0001"]),
        ("?offered_to_day=30&offered_to_month=3&offered_to_year=2022", ["ADR-2022-0001"]),
    ],
)
def test_the_adr_list_filters(client, adr_cases, query, expected):
    client.force_login(officer())
    assert refs(client.get(ADR_LIST + query)) == expected


def test_an_unreadable_filter_is_left_out_with_a_message(client, adr_cases):
    client.force_login(officer())
    response = client.get(ADR_LIST + "?result=maybe&stage=2")
    assert refs(response) == ["ADR-2022-0002"]
    page = page_text(response)
    assert "Choose a result from the list" in page and "The list is shown without the filters" in page
    response = client.get(ADR_LIST + "?offered_from_day=2&offered_from_month=4&offered_from_year=2022"
                                      "&offered_to_day=1&offered_to_month=4&offered_to_year=2022")
    assert "Offered to must be the same as or after offered from" in page_text(response)


def test_the_adr_list_says_when_nothing_matches(client, adr_cases):
    client.force_login(officer())
    assert "No ADR cases match these filters" in page_text(client.get(ADR_LIST + "?result=not_resolved"))


def test_lists_page_fifty_at_a_time_keeping_the_filters(client):
    AdrCaseFactory.create_batch(51, result=AdrResult.PENDING)
    client.force_login(officer())
    first = client.get(ADR_LIST + "?result=pending")
    assert len(first.context["rows"]) == 50
    assert "?result=pending&amp;page=2" in page_text(first)
    assert len(client.get(ADR_LIST + "?result=pending&page=2").context["rows"]) == 1
    response = client.get(ADR_LIST + "?page=9")
    assert "There is no page 9. Showing page 2 of 2." in page_text(response)
    assert "Page numbers are whole numbers from 1" in page_text(client.get(ADR_LIST + "?page=x"))


def test_the_adr_list_query_count_does_not_grow_with_rows(client, complaint, django_assert_max_num_queries):
    client.force_login(officer())
    AdrCaseFactory(complaint=complaint, team=TeamFactory(name="Team B"))
    with django_assert_max_num_queries(20) as few:
        assert client.get(ADR_LIST).status_code == 200
    for number in range(20):
        AdrCaseFactory(complaint=make_complaint(actor=officer()) if number % 5 == 0 else complaint,
                       team=TeamFactory(name=f"Team {number}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(ADR_LIST)
    assert len(response.context["rows"]) == 21


def test_the_iro_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    client.force_login(officer())
    IroDisputeFactory(team=TeamFactory(name="Team B"))
    with django_assert_max_num_queries(20) as few:
        assert client.get(IRO_LIST).status_code == 200
    for number in range(20):
        IroDisputeFactory(team=TeamFactory(name=f"Team {number}"), child=ChildFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(IRO_LIST).context["rows"]) == 21


# IRO disputes ---------------------------------------------------------------------------------

def test_logging_an_iro_dispute_without_a_child(client):
    client.force_login(officer())
    team = TeamFactory(name="Children in Care Team")
    response = client.post(IRO_NEW, iro_post(team=str(team.pk), local_stage="team_manager"))
    dispute = IroDispute.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("staff:iro_dispute_detail", args=[dispute.reference])
    assert (dispute.raised_on, dispute.raised_by, dispute.child, dispute.team, dispute.local_stage) == (
        D(2022, 3, 2), "Irene Reviewer", None, team, IroStage.TEAM_MANAGER)
    event = AuditEvent.objects.for_subject(dispute).get(verb="iro_dispute.created")
    assert event.summary == "IRO dispute logged, raised 2 March 2022 (Team manager)"
    assert "Not recorded" in page_text(client.get(response.url))


def test_the_child_comes_from_a_complaint_about_one_child(client, complaint):
    client.force_login(officer())
    child = complaint.children.get().child
    assert client.post(IRO_NEW, iro_post(child_complaint=complaint.reference)).status_code == 302
    dispute = IroDispute.objects.get()
    assert dispute.child == child
    assert child.full_name not in AuditEvent.objects.for_subject(dispute).get().summary
    assert child.full_name in page_text(client.get(reverse("staff:iro_dispute_detail", args=[dispute.reference])))


def test_a_complaint_about_two_children_asks_which_one(client):
    first, second = ChildFactory(first_name="Amy"), ChildFactory(first_name="Ben")
    complaint = make_complaint(actor=officer(), children=[first, second])
    client.force_login(officer())
    response = client.post(IRO_NEW, iro_post(child_complaint=complaint.reference))
    assert response.context["form"].errors["child"] == [
        f"Complaint {complaint.reference} is about more than one child: select which one the dispute is about"]
    page = page_text(response)
    assert f'value="{second.pk}"' in page and second.full_name in page
    assert not IroDispute.objects.exists()
    assert client.post(IRO_NEW, iro_post(child_complaint=complaint.reference, child=str(second.pk))).status_code == 302
    assert IroDispute.objects.get().child == second


def test_a_child_not_on_the_complaint_named_cannot_be_chosen(client):
    complaint = make_complaint(actor=officer(), children=[ChildFactory(), ChildFactory()])
    stranger = ChildFactory()
    client.force_login(officer())
    response = client.post(IRO_NEW, iro_post(child_complaint=complaint.reference, child=str(stranger.pk)))
    assert response.context["form"].errors["child"] == ["Select a child named on that complaint"]
    assert not IroDispute.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"raised_by": "  "}, "raised_by", "Enter the name of the IRO who raised it"),
        ({"issue": ""}, "issue", "Describe the issue the IRO raised"),
        ({"local_stage": ""}, "local_stage", "Select how far the dispute has gone"),
        ({"raised_on_year": "22"}, "raised_on", "Year must include 4 numbers"),
        ({"child_complaint": "CSC-2022-9999"}, "child_complaint",
         "No complaint with the reference CSC-2022-9999 was found"),
    ],
)
def test_logging_an_iro_dispute_refuses_bad_input(client, overrides, field, message):
    client.force_login(officer())
    response = client.post(IRO_NEW, iro_post(**overrides))
    assert message in response.context["form"].errors[field][0]
    assert not IroDispute.objects.exists()
    assert "Irene Reviewer" in page_text(response) or field == "raised_by"


def test_a_complaint_about_no_child_is_refused_as_the_childs_source(client):
    complaint = make_complaint(actor=officer(), procedure=CORPORATE, children=[])
    client.force_login(officer())
    response = client.post(IRO_NEW, iro_post(child_complaint=complaint.reference))
    assert response.context["form"].errors["child_complaint"] == [
        f"Complaint {complaint.reference} is not about a child. Enter another reference or leave it blank"]
    assert not IroDispute.objects.exists()


@pytest.mark.parametrize(("raised_on", "saved"), [(TODAY, True), (TODAY + datetime.timedelta(days=1), False)])
def test_a_dispute_may_be_raised_today_but_not_tomorrow(client, raised_on, saved):
    client.force_login(officer())
    response = client.post(IRO_NEW, iro_post(**dated("raised_on", raised_on)))
    assert IroDispute.objects.exists() is saved
    if not saved:
        assert response.context["form"].non_field_errors() == ["The date the dispute was raised cannot be in the future."]


def test_the_child_is_not_named_to_someone_excluded_from_its_complaint(client, complaint):
    child = complaint.children.get().child
    dispute = make_iro_dispute(child=child, today=TODAY)
    manager = login(client, "complaints_manager")
    url = reverse("staff:iro_dispute_detail", args=[dispute.reference])
    assert child.full_name in page_text(client.get(url))
    assert AuditEvent.objects.for_subject(dispute).filter(verb=VIEWED, actor=manager).count() == 1
    complaint_exclude(complaint=complaint, users=[manager], actor=officer())
    page = page_text(client.get(url))
    assert child.full_name not in page and "Named on a complaint you cannot see" in page


def test_moving_a_dispute_on_and_resolving_it(client):
    dispute = make_iro_dispute(raised_on=D(2022, 3, 2), today=TODAY)
    client.force_login(officer())
    edit = reverse("staff:iro_dispute_edit", args=[dispute.reference])
    assert client.post(edit, {"local_stage": "service_manager", "outcome": ""}).status_code == 302
    assert AuditEvent.objects.for_subject(dispute).get(verb="iro_dispute.updated").summary == (
        "IRO dispute now at: Service manager")
    # Resolved on the day it was raised: the earliest day allowed.
    response = client.post(edit, {"local_stage": "service_manager", "outcome": "Plan reviewed and agreed.",
                                  **dated("resolved_on", D(2022, 3, 2))})
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.local_stage, dispute.outcome, dispute.resolved_on) == (
        IroStage.SERVICE_MANAGER, "Plan reviewed and agreed.", D(2022, 3, 2))
    page = page_text(client.get(response.url))
    assert "IRO dispute resolved on 2 March 2022" in page and "Resolved" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "", **dated("resolved_on", D(2022, 3, 10))},
         "Describe the outcome before recording the dispute as resolved."),
        ({"outcome": "Agreed.", **dated("resolved_on", D(2022, 3, 1))},
         "The date resolved cannot be before it was raised (2 March 2022)."),
        ({"outcome": "Agreed.", **dated("resolved_on", D(2022, 6, 16))}, "The date resolved cannot be in the future."),
    ],
)
def test_resolving_a_dispute_wrongly_is_refused(client, data, message):
    dispute = make_iro_dispute(raised_on=D(2022, 3, 2), today=TODAY)
    client.force_login(officer())
    response = client.post(reverse("staff:iro_dispute_edit", args=[dispute.reference]),
                           {"local_stage": "director", **data})
    assert response.context["form"].non_field_errors() == [message]
    dispute.refresh_from_db()
    assert (dispute.local_stage, dispute.resolved_on) == (IroStage.INFORMAL, None)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["IRO-2022-0003", "IRO-2022-0002", "IRO-2022-0001"]),
        ("?stage=director", ["IRO-2022-0002"]),
        ("?status=open", ["IRO-2022-0003", "IRO-2022-0001"]),
        ("?status=resolved", ["IRO-2022-0002"]),
        ("?status=open&stage=director", []),
    ],
)
def test_the_iro_list_filters(client, query, expected):
    IroDisputeFactory(reference="IRO-2022-0001", raised_on=D(2022, 1, 5))
    IroDisputeFactory(reference="IRO-2022-0002", raised_on=D(2022, 2, 5), local_stage=IroStage.DIRECTOR,
                      outcome="Agreed.", resolved_on=D(2022, 3, 1))
    IroDisputeFactory(reference="IRO-2022-0003", raised_on=D(2022, 3, 5))
    client.force_login(officer())
    assert refs(client.get(IRO_LIST + query)) == expected


# CSRF ------------------------------------------------------------------------------------------

def test_posts_without_the_csrf_token_are_refused(complaint):
    adr = make_adr(complaint=complaint, today=TODAY)
    dispute = make_iro_dispute(today=TODAY)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(officer())
    for url, data in ((ADR_NEW, adr_post()), (IRO_NEW, iro_post()),
                      (reverse("staff:adr_edit", args=[adr.reference]), adr_update_post(adr, result="not_resolved")),
                      (reverse("staff:iro_dispute_edit", args=[dispute.reference]), {"local_stage": "director"})):
        assert csrf_client.post(url, data).status_code == 403, url
    assert AdrCase.objects.count() == 1 and IroDispute.objects.count() == 1
    dispute.refresh_from_db()
    assert dispute.local_stage == IroStage.INFORMAL


# The complaint page and the Records hub ----------------------------------------------------------

def test_the_complaint_page_lists_its_adr_with_a_link_to_offer_more(client, complaint):
    adr = make_adr(complaint=complaint, stage_number=1, offered_on=D(2022, 1, 10), today=TODAY)
    make_adr(offered_on=D(2022, 1, 11), today=TODAY)  # not on this complaint
    client.force_login(officer())
    url = reverse("staff:complaint_detail", args=[complaint.reference])
    response = client.get(url)
    assert response.context["adr_costs_panel"]["adr_cases"] == [adr]
    page = page_text(response)
    assert f'href="{reverse("staff:adr_detail", args=[adr.reference])}"' in page
    assert f'href="{ADR_NEW}?complaint={complaint.reference}"' in page
    login(client, "senior_manager")
    page = page_text(client.get(url))
    assert adr.reference in page and f"{ADR_NEW}?complaint=" not in page
    login(client, "responding_manager", complaint)
    response = client.get(url)
    # The complaint's own timeline says ADR was offered; the ADR itself is not listed or linked.
    assert response.status_code == 200 and 'id="adr"' not in page_text(response)
    assert reverse("staff:adr_detail", args=[adr.reference]) not in page_text(response)


@pytest.mark.parametrize("who", CHANGERS + READ_ONLY + NOBODY)
def test_the_records_hub_offers_the_section_to_those_who_may_see_it(client, who):
    login(client, who)
    response = client.get(reverse("staff:records"))
    shown = who in CHANGERS + READ_ONLY
    if response.status_code == 200:
        assert (ADR_LIST in page_text(response)) is shown
        assert (IRO_LIST in page_text(response)) is shown
    else:
        assert not shown and response.status_code == 403
