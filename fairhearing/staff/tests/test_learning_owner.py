"""The member of staff who owns an action-plan action: the "Owner (member of staff)" select when an
action is added or changed (beside the plan's owner words, which stay for owners without an
account), who is offered, bad choices refused with the reason and nothing saved, the email to the
person named, and where the owner is shown: the action, its plan, its history and the actions list
(which filters to the user's own).

The owner is the person reminded of the action's target date (issue 7), so only people the service
accepts are offered: active users whose role lets them see action plans. The clock is pinned to
Wednesday 12 October 2022.
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
from fairhearing.learning.access import user_may_view_learning_plans
from fairhearing.learning.models import Action
from fairhearing.learning.services import action_assign_owner
from fairhearing.learning.tests.factories import ActionFactory, ActionPlanFactory
from fairhearing.notifications.models import OutboxMessage
from fairhearing.staff.forms import learning_plans as forms

from .users import client_for, staff

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = D(2022, 10, 12)
ACTIONS = reverse("staff:action_list")
OWNER_ASSIGNED = "action.owner_assigned"
pytestmark = pytest.mark.django_db

CHANGERS = [Role.COMPLAINTS_MANAGER, Role.LEARNING_LEAD]
READERS = [Role.COMPLAINTS_OFFICER, Role.SENIOR_MANAGER]
NEITHER = [Role.RESPONDING_MANAGER, Role.INVESTIGATOR, Role.REPORT_READER, Role.ADMINISTRATOR]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2022, 10, 12, 10, 30, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield TODAY


def date_data(name: str, value: D | None) -> dict[str, str]:
    if value is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}


def new_url(plan) -> str:  # noqa: ANN001
    return reverse("staff:action_new", args=[plan.pk])


def edit_url(action) -> str:  # noqa: ANN001
    return reverse("staff:action_edit", args=[action.pk])


def detail_url(action) -> str:  # noqa: ANN001
    return reverse("staff:action_detail", args=[action.pk])


def new_data(**overrides) -> dict[str, str]:  # noqa: ANN003
    return {"task": "Restate the call-back standard.", "owner": "All Heads of Service", "intended_outcome": "",
            "start_by_text": "", "target_text": "", "number": "", "complaints": "", "ombudsman_cases": "",
            "owned_by": "", **date_data("start_by", None), **date_data("target_on", D(2023, 1, 31)), **overrides}


def edit_data(action, **overrides) -> dict[str, str]:  # noqa: ANN001, ANN003
    return {"task": action.task, "owner": action.owner, **date_data("start_by", action.start_by),
            "start_by_text": action.start_by_text, "intended_outcome": action.intended_outcome,
            **date_data("target_on", action.target_on), "target_text": action.target_text,
            "owned_by": str(action.owned_by_id or ""), **overrides}


def owner_error(response) -> str:  # noqa: ANN001
    errors = response.context["form"].errors.get("owned_by")
    return errors[0] if errors else ""


def offered(response) -> list[str]:  # noqa: ANN001
    return [str(value) for value, _label in response.context["form"].fields["owned_by"].widget.choices]


def owner_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=OWNER_ASSIGNED).order_by("id"))


@pytest.fixture
def lead():
    return staff(Role.LEARNING_LEAD, first_name="Winifred", last_name="Fennimore")


@pytest.fixture
def owner():
    return staff(Role.SENIOR_MANAGER, first_name="Ambrose", last_name="Larkspur-Vane", job_title="Head of Service")


# Every role and the pages that show or change the owner -------------------------------------------

@pytest.mark.parametrize("role", CHANGERS)
def test_those_who_change_plans_are_offered_the_owner_select_on_both_forms(role):
    action = ActionFactory()
    client = client_for(staff(role))
    for url in (new_url(action.plan), edit_url(action)):
        page = client.get(url).content.decode()
        assert 'name="owned_by"' in page and "Owner (member of staff)" in page, url
        assert "They need not have an account" in page, url


@pytest.mark.parametrize("role", [*READERS, *NEITHER, None])
def test_everyone_else_is_refused_both_forms_and_nothing_changes(owner, role):
    action = ActionFactory()
    client = client_for(staff(role))
    assert client.get(edit_url(action)).status_code == 403
    assert client.post(edit_url(action), edit_data(action, owned_by=str(owner.pk))).status_code == 403
    assert client.post(new_url(action.plan), new_data(owned_by=str(owner.pk))).status_code == 403
    action.refresh_from_db()
    assert action.owned_by is None and Action.objects.count() == 1
    assert not owner_events() and not OutboxMessage.objects.exists()


@pytest.mark.parametrize("role", [*CHANGERS, *READERS])
def test_readers_see_the_owner_on_the_action_the_plan_and_the_list(owner, lead, role):
    action = ActionFactory()
    action_assign_owner(action=action, owned_by=owner, actor=lead)
    client = client_for(staff(role))
    for url in (detail_url(action), reverse("staff:action_plan_detail", args=[action.plan_id]), ACTIONS):
        page = client.get(url).content.decode()
        assert "Ambrose Larkspur-Vane" in page and action.owner in page, url


@pytest.mark.parametrize("role", [*NEITHER, None])
def test_roles_without_action_plans_see_no_owner_anywhere(owner, lead, role):
    action = ActionFactory()
    action_assign_owner(action=action, owned_by=owner, actor=lead)
    client = client_for(staff(role))
    for url in (detail_url(action), ACTIONS, f"{ACTIONS}?owned_by=mine"):
        assert client.get(url).status_code == 403, url


def test_posting_needs_the_csrf_token(owner, lead):
    action = ActionFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    assert client.post(edit_url(action), edit_data(action, owned_by=str(owner.pk))).status_code == 403
    assert client.post(new_url(action.plan), new_data(owned_by=str(owner.pk))).status_code == 403
    assert not owner_events()


# Who is offered -----------------------------------------------------------------------------------

def test_only_active_people_who_may_see_action_plans_are_offered(lead, owner):
    team = {role: staff(role) for role in [Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER]}
    superuser = staff(is_superuser=True)
    refused = [staff(role) for role in NEITHER] + [staff(Role.SENIOR_MANAGER, is_active=False), staff()]
    response = client_for(lead).get(new_url(ActionPlanFactory()))
    choices = offered(response)
    assert choices[0] == ""
    assert set(choices[1:]) == {str(user.pk) for user in (lead, owner, superuser, *team.values())}
    for user in refused:
        assert str(user.pk) not in choices
    for pk in choices[1:]:  # everyone offered is someone action_assign_owner accepts
        assert user_may_view_learning_plans(UserFactory._meta.model.objects.get(pk=pk))
    assert "Ambrose Larkspur-Vane (Head of Service)" in response.content.decode()


def test_the_candidates_cost_one_query_however_many(lead, django_assert_num_queries):
    for _ in range(5):
        staff(Role.SENIOR_MANAGER)
    with django_assert_num_queries(1):
        assert len(forms.action_owner_candidates()) == 6


# Adding an action with an owner -------------------------------------------------------------------

def test_adding_an_action_with_an_owner_names_and_emails_them(lead, owner):
    plan = ActionPlanFactory()
    response = client_for(lead).post(new_url(plan), new_data(owned_by=str(owner.pk)))
    action = Action.objects.get(plan=plan)
    assert response["Location"] == reverse("staff:action_plan_detail", args=[plan.pk]) + "#action-1"
    assert (action.owner, action.owned_by) == ("All Heads of Service", owner)
    assert AuditEvent.objects.filter(verb="action.added").count() == 1
    [event] = owner_events()
    assert event.actor == lead and event.changes == {"owned_by_id": [None, owner.pk]}
    [email] = OutboxMessage.objects.all()
    assert (email.template_key, email.recipient, email.to_address) == ("case_allocated", owner, owner.email)
    assert "Ambrose" not in email.subject and "2022-23, action 1" in email.body_text


def test_adding_an_action_without_an_owner_names_nobody(lead):
    plan = ActionPlanFactory()
    client_for(lead).post(new_url(plan), new_data())
    assert Action.objects.get(plan=plan).owned_by is None
    assert not owner_events() and not OutboxMessage.objects.exists()


def test_adding_an_action_you_own_yourself_sends_no_email(lead):
    plan = ActionPlanFactory()
    client_for(lead).post(new_url(plan), new_data(owned_by=str(lead.pk)))
    assert Action.objects.get(plan=plan).owned_by == lead
    assert len(owner_events()) == 1 and not OutboxMessage.objects.exists()


# Changing the owner -------------------------------------------------------------------------------

def test_changing_the_owner_then_removing_them(lead, owner):
    action = ActionFactory()
    client = client_for(lead)
    response = client.post(edit_url(action), edit_data(action, owned_by=str(owner.pk)), follow=True)
    assert response.redirect_chain[-1][0] == detail_url(action)
    page = response.content.decode()
    assert "Action 1 saved" in page
    action.refresh_from_db()
    assert action.owned_by == owner
    assert not AuditEvent.objects.filter(verb="action.edited").exists()  # only the owner changed
    # The history names the owner rather than showing an id.
    [shown] = [event for event in response.context["events"] if event.verb == OWNER_ASSIGNED]
    assert shown.changes == {"Owner (member of staff)": ["Nobody", "Ambrose Larkspur-Vane"]}
    assert client.get(edit_url(action)).context["form"]["owned_by"].value() == str(owner.pk)
    client.post(edit_url(action), edit_data(action, owned_by=""))
    action.refresh_from_db()
    assert action.owned_by is None
    assert [event.changes["owned_by_id"] for event in owner_events()] == [[None, owner.pk], [owner.pk, None]]
    assert OutboxMessage.objects.filter(recipient=owner).count() == 1  # told once, when named


def test_changing_other_details_with_the_same_owner_writes_no_owner_event(lead, owner):
    action = ActionFactory()
    action = action_assign_owner(action=action, owned_by=owner, actor=lead)
    client_for(lead).post(edit_url(action), edit_data(action, owner="Team Managers"))
    action.refresh_from_db()
    assert (action.owner, action.owned_by) == ("Team Managers", owner)
    assert len(owner_events()) == 1 and OutboxMessage.objects.count() == 1
    assert AuditEvent.objects.filter(verb="action.edited").count() == 1


def test_an_owner_whose_account_closed_stays_until_someone_else_is_chosen(lead, owner):
    """Saving other changes never takes the action off its owner unasked; the select says why
    they could not be chosen now."""
    action = ActionFactory()
    action = action_assign_owner(action=action, owned_by=owner, actor=lead)
    owner.is_active = False
    owner.save()
    client = client_for(lead)
    form = client.get(edit_url(action))
    assert form.context["form"]["owned_by"].value() == str(owner.pk)
    assert "Ambrose Larkspur-Vane (Head of Service): account not active" in form.content.decode()
    response = client.post(edit_url(action), edit_data(action, task="A clearer task."))
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.task, action.owned_by) == ("A clearer task.", owner)
    assert len(owner_events()) == 1


# Bad choices --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("inactive", "Old Hand cannot own the action: their account is not active"),
        ("responder", "Old Hand cannot own the action: their role does not let them see action plans"),
        ("no_role", "Old Hand cannot own the action: their role does not let them see action plans"),
    ],
)
def test_someone_not_offered_is_refused_with_the_reason_and_nothing_saved(lead, who, message):
    names = {"first_name": "Old", "last_name": "Hand"}
    person = {
        "inactive": lambda: staff(Role.SENIOR_MANAGER, is_active=False, **names),
        "responder": lambda: staff(Role.RESPONDING_MANAGER, **names),
        "no_role": lambda: staff(**names),
    }[who]()
    plan = ActionPlanFactory()
    client = client_for(lead)
    response = client.post(new_url(plan), new_data(owned_by=str(person.pk), task="Kept task"))
    assert response.status_code == 200 and owner_error(response) == message
    page = response.content.decode()
    assert "There is a problem" in page and "Kept task" in page
    assert not plan.actions.exists()
    action = ActionFactory(plan=plan)
    response = client.post(edit_url(action), edit_data(action, owned_by=str(person.pk), task="Kept change"))
    assert response.status_code == 200 and owner_error(response) == message
    assert "Kept change" in response.content.decode()
    action.refresh_from_db()
    assert action.owned_by is None and action.task == "All staff to have GDPR training."
    assert not owner_events() and not OutboxMessage.objects.exists()


@pytest.mark.parametrize("value", ["999999", "abc", "-1", "9" * 40, " 1.5 "])
def test_a_tampered_id_is_refused_and_nothing_saved(lead, value):
    action = ActionFactory()
    response = client_for(lead).post(edit_url(action), edit_data(action, owned_by=value, task="Kept change"))
    assert response.status_code == 200
    assert owner_error(response) == "Choose the member of staff who owns the action from the list"
    action.refresh_from_db()
    assert action.owned_by is None and action.task != "Kept change"
    assert not owner_events()


def test_the_services_refusal_undoes_the_whole_save(lead, monkeypatch):
    """Should the select ever offer someone the service refuses, its reason is shown on the select
    and neither the new action nor the other changes are saved: one transaction."""
    responder = staff(Role.RESPONDING_MANAGER, first_name="Priya", last_name="Thistledown")
    everyone = forms.action_owner_candidates
    monkeypatch.setattr(forms, "action_owner_candidates", lambda: [*everyone(), responder])
    plan = ActionPlanFactory()
    client = client_for(lead)
    message = "Priya Thistledown cannot own the action: their role does not let them see action plans"
    response = client.post(new_url(plan), new_data(owned_by=str(responder.pk)))
    assert owner_error(response) == message
    assert not plan.actions.exists() and not AuditEvent.objects.filter(verb="action.added").exists()
    action = ActionFactory(plan=plan)
    response = client.post(edit_url(action), edit_data(action, owned_by=str(responder.pk), task="Undone"))
    assert owner_error(response) == message
    action.refresh_from_db()
    assert action.task != "Undone" and action.owned_by is None
    assert not AuditEvent.objects.filter(verb="action.edited").exists()
    assert not owner_events() and not OutboxMessage.objects.exists()


# The actions list ---------------------------------------------------------------------------------

@pytest.fixture
def three_actions(lead, owner):
    """Overdue actions owned by the lead, by the senior manager, and by no member of staff."""
    plan = ActionPlanFactory()
    made = {name: ActionFactory(plan=plan, target_on=TODAY - DAY, task=f"{name} task")
            for name in ("lead's", "owner's", "nobody's")}
    action_assign_owner(action=made["lead's"], owned_by=lead, actor=lead)
    action_assign_owner(action=made["owner's"], owned_by=owner, actor=lead)
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", ["lead's", "owner's", "nobody's"]), ("?owned_by=mine", ["lead's"]), ("?owned_by=none", ["nobody's"]),
     ("?owned_by=mine&due=overdue", ["lead's"]), ("?owned_by=mine&status=complete", [])],
)
def test_the_actions_list_filters_by_member_of_staff_owner(three_actions, lead, query, expected):
    response = client_for(lead).get(ACTIONS + query)
    assert [action.task for action in response.context["page"].object_list] == [f"{name} task" for name in expected]


def test_mine_is_each_users_own_and_is_said(three_actions, owner):
    response = client_for(owner).get(f"{ACTIONS}?owned_by=mine")
    assert [action.task for action in response.context["page"].object_list] == ["owner's task"]
    assert "1 action you own" in response.content.decode()
    assert list(client_for(staff(Role.COMPLAINTS_OFFICER)).get(f"{ACTIONS}?owned_by=mine")
                .context["page"].object_list) == []


def test_an_owner_filter_that_cannot_be_read_is_said_and_the_list_still_shows(three_actions, lead):
    response = client_for(lead).get(f"{ACTIONS}?owned_by=everyone")
    assert "Choose an owner option from the list" in response.content.decode()
    assert len(response.context["page"].object_list) == 3


def test_the_list_shows_the_plan_owner_words_and_the_member_of_staff(three_actions, lead):
    page = client_for(lead).get(ACTIONS).content.decode()
    assert "Member of staff: Ambrose Larkspur-Vane" in page and "Member of staff: Winifred Fennimore" in page


def test_paging_keeps_the_owner_filter(lead, monkeypatch):
    from fairhearing.staff.views import learning as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    plan = ActionPlanFactory()
    for _ in range(3):
        action_assign_owner(action=ActionFactory(plan=plan), owned_by=lead, actor=lead)
    ActionFactory(plan=plan)
    response = client_for(lead).get(f"{ACTIONS}?owned_by=mine")
    assert response.context["page"].paginator.count == 3
    assert response.context["page_links"]["next"] == f"{ACTIONS}?owned_by=mine&page=2"


def test_the_actions_list_costs_the_same_queries_however_many_owners(lead, django_assert_max_num_queries):
    client = client_for(lead)

    def add(count: int) -> None:
        for _ in range(count):
            action = ActionFactory(plan=ActionPlanFactory(), target_on=TODAY - DAY)
            action_assign_owner(action=action, owned_by=staff(Role.SENIOR_MANAGER), actor=lead)

    add(2)
    with django_assert_max_num_queries(30) as few:
        client.get(f"{ACTIONS}?due=overdue")
    add(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(f"{ACTIONS}?due=overdue").context["page"].object_list) == 8
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(f"{ACTIONS}?owned_by=none").context["page"].object_list) == 0


def test_the_plan_page_costs_the_same_queries_however_many_owners(lead, django_assert_max_num_queries):
    plan = ActionPlanFactory()
    client = client_for(lead)
    url = reverse("staff:action_plan_detail", args=[plan.pk])

    def add(count: int) -> None:
        for _ in range(count):
            action_assign_owner(action=ActionFactory(plan=plan), owned_by=staff(Role.SENIOR_MANAGER), actor=lead)

    add(2)
    with django_assert_max_num_queries(30) as few:
        assert [row["owned_by"] is not None for row in client.get(url).context["rows"]] == [True, True]
    add(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).context["rows"]) == 7
