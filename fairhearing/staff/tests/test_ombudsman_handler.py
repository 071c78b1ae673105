"""Who handles an Ombudsman case: the "Handled by" row on the case page, the page choosing the
handler (who may open it, who is offered, bad choices refused with the reason and nothing saved,
the email to the person named), and the list's "Handled by" column and filter.

The handler is the officer reminded of the Ombudsman's deadlines for the case (issue 7), so only
people the service would accept are offered: active complaints officers and managers (and
superusers) who may see the case.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_exclude, complaint_restrict_to
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.notifications.models import OutboxMessage
from fairhearing.ombudsman.access import ombudsman_cases_visible_to
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.services import ombudsman_case_assign
from fairhearing.ombudsman.tests.factories import OmbudsmanCaseFactory, make_case
from fairhearing.staff.forms import ombudsman_handler as forms
from fairhearing.staff.views import ombudsman as views

from .users import client_for, staff

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2022, 7, 1)
LIST = reverse("staff:ombudsman_case_list")
ASSIGNED = "ombudsman.case_assigned"

CHANGERS = [Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER]
READ_ONLY = [Role.SENIOR_MANAGER, Role.LEARNING_LEAD]
NONE = [Role.RESPONDING_MANAGER, Role.INVESTIGATOR, Role.REPORT_READER, Role.ADMINISTRATOR]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2022, 7, 1, 10, 30, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield TODAY


def assign_url(case) -> str:  # noqa: ANN001
    return reverse("staff:ombudsman_case_assign", args=[case.pk])


def case_url(case) -> str:  # noqa: ANN001
    return reverse("staff:ombudsman_case_detail", args=[case.pk])


def field_error(response) -> str:  # noqa: ANN001
    errors = response.context["form"].errors.get("assigned_to")
    return errors[0] if errors else ""


def offered(response) -> list[str]:  # noqa: ANN001
    """The values of the handler select's options, "Nobody" ("") first."""
    return [str(value) for value, _label in response.context["form"].fields["assigned_to"].widget.choices]


@pytest.fixture
def complaint():
    return make_complaint(actor=officer())


@pytest.fixture
def case(complaint):
    return make_case(actor=officer(), complaints=[complaint], received_on=D(2022, 3, 1), today=TODAY)


@pytest.fixture
def manager():
    return staff(Role.COMPLAINTS_MANAGER, first_name="Morwenna", last_name="Quillfeather")


@pytest.fixture
def handler():
    return staff(Role.COMPLAINTS_OFFICER, first_name="Tobias", last_name="Pennywhistle", job_title="Complaints Officer")


def nothing_saved(case, before_events: int = 0) -> None:  # noqa: ANN001
    case.refresh_from_db()
    assert case.assigned_to is None
    assert AuditEvent.objects.filter(verb=ASSIGNED).count() == before_events
    assert not OutboxMessage.objects.exists()


# Who may open the page ----------------------------------------------------------------------------

@pytest.mark.parametrize("role", CHANGERS)
def test_the_complaints_team_open_the_page_and_are_offered_it_on_the_case(case, role):
    client = client_for(staff(role))
    assert client.get(assign_url(case)).status_code == 200
    page = client.get(case_url(case)).content.decode()
    assert "Handled by" in page and "Nobody yet" in page
    assert f'href="{assign_url(case)}"' in page


@pytest.mark.parametrize("role", READ_ONLY)
def test_read_only_roles_see_the_handler_but_may_not_change_it(case, handler, role):
    ombudsman_case_assign(case=case, assigned_to=handler, actor=officer())
    client = client_for(staff(role))
    page = client.get(case_url(case)).content.decode()
    assert "Tobias Pennywhistle" in page and f'href="{assign_url(case)}"' not in page
    assert client.get(assign_url(case)).status_code == 403
    assert client.post(assign_url(case), {"assigned_to": ""}).status_code == 403
    case.refresh_from_db()
    assert case.assigned_to == handler
    assert AuditEvent.objects.filter(verb=ASSIGNED).count() == 1


@pytest.mark.parametrize("role", [*NONE, None])
def test_roles_without_ombudsman_cases_get_404(case, handler, role):
    client = client_for(staff(role))
    assert client.get(assign_url(case)).status_code == 404
    assert client.post(assign_url(case), {"assigned_to": str(handler.pk)}).status_code == 404
    nothing_saved(case)


def test_an_officer_kept_from_the_linked_complaint_gets_404(case, complaint, handler, manager):
    user = staff(Role.COMPLAINTS_OFFICER)
    complaint_exclude(complaint=complaint, users=[user], actor=manager)
    client = client_for(user)
    assert client.get(assign_url(case)).status_code == 404
    assert client.post(assign_url(case), {"assigned_to": str(handler.pk)}).status_code == 404
    nothing_saved(case)


def test_anonymous_users_are_sent_to_sign_in(case):
    response = Client().get(assign_url(case))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_posting_needs_the_csrf_token(case, handler, manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert client.post(assign_url(case), {"assigned_to": str(handler.pk)}).status_code == 403
    nothing_saved(case)


# Who is offered -----------------------------------------------------------------------------------

def test_only_active_complaints_staff_who_may_see_the_case_are_offered(case, complaint, manager, handler):
    superuser = staff(is_superuser=True)
    others = {role: staff(role) for role in [*READ_ONLY, *NONE]}
    inactive = staff(Role.COMPLAINTS_OFFICER, is_active=False)
    excluded = staff(Role.COMPLAINTS_OFFICER)
    complaint_exclude(complaint=complaint, users=[excluded], actor=manager)
    response = client_for(manager).get(assign_url(case))
    choices = offered(response)
    assert choices[0] == ""
    assert set(choices[1:]) == {str(user.pk) for user in (manager, handler, superuser, officer())}
    for user in [*others.values(), inactive, excluded]:
        assert str(user.pk) not in choices
    # Everyone offered is someone the service accepts: they may see the case.
    for pk in choices[1:]:
        user = UserFactory._meta.model.objects.get(pk=pk)
        assert ombudsman_cases_visible_to(user).filter(pk=case.pk).exists()
    assert "Tobias Pennywhistle (Complaints Officer)" in response.content.decode()


def test_a_complaint_restricted_to_named_people_narrows_the_choice_to_them(case, complaint, manager, handler):
    complaint_restrict_to(complaint=complaint, users=[handler], actor=manager)
    choices = offered(client_for(manager).get(assign_url(case)))
    assert set(choices[1:]) == {str(manager.pk), str(handler.pk)}


def test_a_case_with_no_complaints_offers_the_whole_team_in_few_queries(manager, handler, django_assert_max_num_queries):
    case = OmbudsmanCaseFactory()
    form_candidates = forms.ombudsman_handler_candidates
    with django_assert_max_num_queries(2):
        assert {user.pk for user in form_candidates(case)} == {manager.pk, handler.pk}


# Choosing the handler -----------------------------------------------------------------------------

def test_the_handler_is_chosen_audited_and_emailed(case, manager, handler):
    client = client_for(manager)
    response = client.post(assign_url(case), {"assigned_to": str(handler.pk)}, follow=True)
    assert response.redirect_chain[-1][0] == case_url(case)
    page = response.content.decode()
    assert f"Ombudsman case {case.lgsco_reference} is now handled by Tobias Pennywhistle" in page
    case.refresh_from_db()
    assert case.assigned_to == handler
    [event] = AuditEvent.objects.filter(verb=ASSIGNED)
    assert event.actor == manager and event.changes == {"assigned_to_id": [None, handler.pk]}
    # The timeline names the handler rather than showing an id.
    [shown] = [event for event in response.context["events"] if event.verb == ASSIGNED]
    assert shown.changes == {"Handled by": ["Nobody", "Tobias Pennywhistle"]}
    assert "changed from <span class=\"fh-timeline__old-value\">Nobody</span>" in page
    [email] = OutboxMessage.objects.all()
    assert (email.template_key, email.recipient, email.to_address) == ("case_allocated", handler, handler.email)
    assert case.lgsco_reference in email.body_text
    assert "Tobias" not in email.subject


def test_choosing_someone_else_then_nobody(case, manager, handler):
    ombudsman_case_assign(case=case, assigned_to=handler, actor=manager)
    other = staff(Role.COMPLAINTS_MANAGER, first_name="Ada")
    client = client_for(manager)
    assert client.get(assign_url(case)).context["form"]["assigned_to"].value() == str(handler.pk)
    client.post(assign_url(case), {"assigned_to": str(other.pk)})
    case.refresh_from_db()
    assert case.assigned_to == other
    assert OutboxMessage.objects.filter(recipient=other).count() == 1
    response = client.post(assign_url(case), {"assigned_to": ""}, follow=True)
    assert f"Nobody handles Ombudsman case {case.lgsco_reference} now" in response.content.decode()
    case.refresh_from_db()
    assert case.assigned_to is None
    assert AuditEvent.objects.filter(verb=ASSIGNED).count() == 3
    assert OutboxMessage.objects.count() == 2  # nobody is told they no longer handle it


def test_choosing_yourself_sends_no_email(case, manager):
    client_for(manager).post(assign_url(case), {"assigned_to": str(manager.pk)})
    case.refresh_from_db()
    assert case.assigned_to == manager
    assert AuditEvent.objects.filter(verb=ASSIGNED).count() == 1
    assert not OutboxMessage.objects.exists()


def test_saving_the_same_handler_again_changes_nothing(case, manager, handler):
    ombudsman_case_assign(case=case, assigned_to=handler, actor=manager)
    response = client_for(manager).post(assign_url(case), {"assigned_to": str(handler.pk)}, follow=True)
    assert "Nothing changed: Tobias Pennywhistle already handles the case" in response.content.decode()
    assert AuditEvent.objects.filter(verb=ASSIGNED).count() == 1
    assert OutboxMessage.objects.count() == 1


# Bad choices --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("inactive", "Old Officer cannot handle the case: their account is not active"),
        ("senior", "Old Officer cannot handle the case: only complaints officers and managers handle "
                   "Ombudsman cases"),
        ("responder", "Old Officer cannot handle the case: only complaints officers and managers handle "
                      "Ombudsman cases"),
        ("excluded", "Old Officer cannot handle the case: they may not see it"),
        ("restricted", "Old Officer cannot handle the case: they may not see it"),
    ],
)
def test_someone_not_offered_is_refused_with_the_reason_and_nothing_saved(case, complaint, manager, who, message):
    names = {"first_name": "Old", "last_name": "Officer"}
    person = {
        "inactive": lambda: staff(Role.COMPLAINTS_OFFICER, is_active=False, **names),
        "senior": lambda: staff(Role.SENIOR_MANAGER, **names),
        "responder": lambda: staff(Role.RESPONDING_MANAGER, **names),
        "excluded": lambda: staff(Role.COMPLAINTS_OFFICER, **names),
        "restricted": lambda: staff(Role.COMPLAINTS_OFFICER, **names),
    }[who]()
    if who == "excluded":
        complaint_exclude(complaint=complaint, users=[person], actor=manager)
    if who == "restricted":
        complaint_restrict_to(complaint=complaint, users=[manager], actor=manager)
    response = client_for(manager).post(assign_url(case), {"assigned_to": str(person.pk)})
    assert response.status_code == 200
    assert field_error(response) == message
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    nothing_saved(case)


@pytest.mark.parametrize("value", ["999999", "abc", "-1", "1" * 40, "1.5"])
def test_a_tampered_id_is_refused_and_nothing_saved(case, manager, value):
    response = client_for(manager).post(assign_url(case), {"assigned_to": value})
    assert response.status_code == 200
    assert field_error(response) == "Choose who handles the case from the list"
    nothing_saved(case)


def test_the_services_refusal_is_shown_on_the_select_and_nothing_saved(case, complaint, manager, monkeypatch):
    """Should the list ever offer someone the service refuses (say, excluded from the complaint
    between the page being built and the choice being checked), the service's reason is shown."""
    excluded = staff(Role.COMPLAINTS_OFFICER, first_name="Kept", last_name="Out")
    complaint_exclude(complaint=complaint, users=[excluded], actor=manager)
    everyone = forms.ombudsman_handler_candidates
    monkeypatch.setattr(forms, "ombudsman_handler_candidates", lambda case: [*everyone(case), excluded])
    response = client_for(manager).post(assign_url(case), {"assigned_to": str(excluded.pk)})
    assert response.status_code == 200
    assert field_error(response) == "Kept Out cannot handle the case: they may not see it."
    nothing_saved(case)


def test_a_handler_who_can_no_longer_be_chosen_is_named_and_not_preselected(case, manager, handler):
    ombudsman_case_assign(case=case, assigned_to=handler, actor=manager)
    handler.is_active = False
    handler.save()
    response = client_for(manager).get(assign_url(case))
    assert "Tobias Pennywhistle handles the case now but cannot be chosen again" in response.content.decode()
    assert response.context["form"]["assigned_to"].value() in (None, "")
    assert str(handler.pk) not in offered(response)


# The list -----------------------------------------------------------------------------------------

def listed(client, query: str = "") -> list[str]:  # noqa: ANN001
    response = client.get(LIST + query)
    assert response.status_code == 200
    return [case.lgsco_reference for case in response.context["cases"]]


@pytest.fixture
def three_cases(manager, handler):
    """One case handled by the handler, one by the manager, one by nobody."""
    mine = OmbudsmanCaseFactory(lgsco_reference="21 000 001", received_on=D(2022, 3, 1))
    theirs = OmbudsmanCaseFactory(lgsco_reference="21 000 002", received_on=D(2022, 3, 2))
    nobodys = OmbudsmanCaseFactory(lgsco_reference="21 000 003", received_on=D(2022, 3, 3))
    ombudsman_case_assign(case=mine, assigned_to=handler, actor=manager)
    ombudsman_case_assign(case=theirs, assigned_to=manager, actor=manager)
    return {"mine": mine, "theirs": theirs, "nobodys": nobodys}


def test_the_list_shows_who_handles_each_case(three_cases, handler):
    response = client_for(staff(Role.SENIOR_MANAGER)).get(LIST)
    page = response.content.decode()
    assert '<th scope="col" class="govuk-table__header">Handled by</th>' in page
    assert "Tobias Pennywhistle" in page and "Morwenna Quillfeather" in page and "Nobody yet" in page


@pytest.mark.parametrize(
    ("query", "expected", "said"),
    [
        ("", ["21 000 003", "21 000 002", "21 000 001"], "Every case"),
        ("?handler=mine", ["21 000 001"], "Handled by you"),
        ("?handler=none", ["21 000 003"], "Not handled by anyone yet"),
        ("?handler=mine&phase=assessment", [], "Handled by you"),
    ],
)
def test_the_list_filters_by_handler(three_cases, handler, query, expected, said):
    client = client_for(handler)
    assert listed(client, query) == expected
    assert said in client.get(LIST + query).content.decode()


def test_mine_is_each_users_own(three_cases, manager):
    assert listed(client_for(manager), "?handler=mine") == ["21 000 002"]
    assert listed(client_for(staff(Role.LEARNING_LEAD)), "?handler=mine") == []


def test_a_handler_filter_that_cannot_be_read_is_said_and_the_rest_still_apply(three_cases, handler):
    client = client_for(handler)
    response = client.get(LIST + "?handler=everyone&phase=enquiry")
    assert "Choose who handles the cases from the list" in response.content.decode()
    assert [case.lgsco_reference for case in response.context["cases"]] == ["21 000 003", "21 000 002", "21 000 001"]


def test_paging_keeps_the_handler_filter(manager, handler, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for number in range(3):
        case = OmbudsmanCaseFactory(lgsco_reference=f"21 000 10{number}", received_on=D(2022, 1, 1 + number))
        ombudsman_case_assign(case=case, assigned_to=handler, actor=manager)
    OmbudsmanCaseFactory(lgsco_reference="21 000 200")
    response = client_for(handler).get(LIST + "?handler=mine")
    assert response.context["page_links"]["next"] == LIST + "?handler=mine&page=2"
    assert listed(client_for(handler), "?handler=mine&page=2") == ["21 000 100"]


def test_the_list_costs_the_same_queries_however_many_handlers(manager, django_assert_max_num_queries):
    client = client_for(manager)

    def add(count: int) -> None:
        for _ in range(count):
            case = OmbudsmanCaseFactory()
            case.complaints.add(make_complaint(actor=officer()))
            ombudsman_case_assign(case=case, assigned_to=staff(Role.COMPLAINTS_OFFICER), actor=manager)

    add(2)
    with django_assert_max_num_queries(20) as few:
        assert len(client.get(LIST).context["cases"]) == 2
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(LIST).context["cases"]) == 12
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(LIST + "?handler=none").context["cases"]) == 0


def test_the_case_page_costs_the_same_queries_however_many_times_the_handler_changed(
        case, manager, django_assert_max_num_queries):
    client = client_for(manager)
    ombudsman_case_assign(case=case, assigned_to=staff(Role.COMPLAINTS_OFFICER), actor=manager)
    with django_assert_max_num_queries(40) as few:
        client.get(case_url(case))
    for _ in range(5):
        ombudsman_case_assign(case=case, assigned_to=staff(Role.COMPLAINTS_OFFICER), actor=manager)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(case_url(case))
    assert OmbudsmanCase.objects.get(pk=case.pk).assigned_to is not None
