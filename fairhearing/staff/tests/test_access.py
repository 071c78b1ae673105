"""Access beyond the role matrix: the access page (restrict, exclude, view log), exclusion and
deactivation on every complaint URL, the administrator's least privilege, and the view log."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.audit.services import VIEWED, audit_record_view
from fairhearing.cases.access import ACCESS_CHANGED, complaint_exclude, complaint_restrict_to
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core import clock

pytestmark = pytest.mark.django_db


def url(complaint, change=""):
    name = f"staff:complaint_access_{change}" if change else "staff:complaint_access"
    return reverse(name, args=[complaint.reference])


def view_log(response):
    """The part of the page after the view log's heading."""
    return response.content.decode().split('id="views"', 1)[1]


@pytest.fixture
def complaint():
    return make_complaint(actor=officer())


@pytest.fixture
def manager(client):
    user = UserFactory(username="manager", first_name="Morwenna", last_name="Quillfeather",
                       roles=[Role.COMPLAINTS_MANAGER])
    client.force_login(user)
    return user


@pytest.fixture
def colleague():
    return UserFactory(username="colleague", first_name="Tobias", last_name="Pennywhistle",
                       job_title="Complaints Officer", roles=[Role.COMPLAINTS_OFFICER])


@pytest.fixture
def named_staff():
    return UserFactory(username="named", first_name="Priya", last_name="Thistledown",
                       job_title="Team Manager", roles=[Role.RESPONDING_MANAGER])


def test_page_explains_the_effect_and_shows_the_view_log_to_a_manager(client, manager, colleague, complaint):
    page = client.get(url(complaint)).content.decode()
    assert "Not restricted" in page
    assert "People excluded will not be able to find or open this complaint, whatever their role." in page
    assert "Nobody is excluded." in page
    assert "Nobody has viewed this complaint yet." in page  # this page shows no child's details
    assert 'novalidate method="post"' in page
    audit_record_view(user=colleague, subject=complaint)
    assert "Tobias Pennywhistle" in view_log(client.get(url(complaint)))
    assert not AuditEvent.objects.filter(verb=VIEWED, actor=manager).exists()


@pytest.mark.parametrize(
    ("roles", "status", "shows_forms", "shows_log"),
    [
        ((Role.COMPLAINTS_MANAGER,), 200, True, True),
        ((Role.COMPLAINTS_OFFICER,), 200, True, False),
        ((Role.SENIOR_MANAGER,), 403, False, False),
        ((Role.LEARNING_LEAD,), 404, False, False),
        ((Role.ADMINISTRATOR,), 404, False, False),
    ],
)
def test_who_may_open_the_page(client, complaint, roles, status, shows_forms, shows_log):
    client.force_login(UserFactory(roles=roles))
    response = client.get(url(complaint))
    assert response.status_code == status
    page = response.content.decode()
    assert ("Restrict this complaint to named people" in page) is shows_forms
    assert ("Who has viewed this complaint" in page) is shows_log


def test_only_restrict_may_change_access(client, complaint, colleague):
    client.force_login(UserFactory(roles=[Role.SENIOR_MANAGER]))
    for change in ("restrict", "lift", "exclude", "include"):
        assert client.post(url(complaint, change), {f"{change}-users": [colleague.pk]}).status_code == 403
    assert not complaint.restricted_to.exists() and not complaint.excluded_users.exists()


def test_restrict_includes_the_person_restricting(client, manager, colleague, complaint):
    response = client.post(url(complaint, "restrict"), {"restrict-users": [colleague.pk]})
    assert response.status_code == 302 and response.url == url(complaint)
    assert set(complaint.restricted_to.all()) == {manager, colleague}
    event = AuditEvent.objects.get(verb=ACCESS_CHANGED)
    assert event.actor == manager
    assert event.summary == "Access restricted to Morwenna Quillfeather, Tobias Pennywhistle"
    page = client.get(url(complaint)).content.decode()
    assert "Only these people can find or open this complaint" in page
    assert "Only the people named can now find or open this complaint." in page


def test_restricting_to_nobody_else_restricts_to_yourself(client, manager, complaint):
    client.post(url(complaint, "restrict"), {})
    assert list(complaint.restricted_to.all()) == [manager]


def test_a_colleague_outside_the_restriction_gets_404(client, manager, colleague, complaint):
    complaint_restrict_to(complaint=complaint, users=[], actor=manager)
    client.force_login(colleague)
    assert client.get(reverse("staff:complaint_detail", args=[complaint.reference])).status_code == 404
    assert client.get(url(complaint)).status_code == 404


def test_lift_the_restriction(client, manager, colleague, complaint):
    complaint_restrict_to(complaint=complaint, users=[colleague], actor=manager)
    response = client.post(url(complaint, "lift"))
    assert response.status_code == 302
    assert not complaint.restricted_to.exists()
    assert AuditEvent.objects.filter(verb=ACCESS_CHANGED, data__change="restriction_lifted").exists()


def test_lifting_an_unrestricted_complaint_says_why_not(client, manager, complaint):
    response = client.post(url(complaint, "lift"), follow=True)
    assert "This complaint is not restricted." in response.content.decode()
    assert not AuditEvent.objects.filter(verb=ACCESS_CHANGED).exists()


def test_exclude_and_include_again(client, manager, named_staff, complaint):
    response = client.post(url(complaint, "exclude"), {"exclude-users": [named_staff.pk]})
    assert response.status_code == 302
    assert list(complaint.excluded_users.all()) == [named_staff]
    assert AuditEvent.objects.get(verb=ACCESS_CHANGED).summary == "Excluded from the complaint: Priya Thistledown"
    page = client.get(url(complaint)).content.decode()
    assert "Priya Thistledown, Team Manager" in page
    response = client.post(url(complaint, "include"), {"include-users": [named_staff.pk]})
    assert response.status_code == 302
    assert not complaint.excluded_users.exists()


def test_exclude_with_nobody_chosen_shows_an_error_summary(client, manager, complaint):
    response = client.post(url(complaint, "exclude"), {})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_exclude-users"' in page
    assert "Select at least one person to exclude" in page
    assert "<title>Error:" in page


def test_you_cannot_exclude_yourself(client, manager, complaint):
    # You are not offered in the list, so a forged post is an invalid choice.
    response = client.post(url(complaint, "exclude"), {"exclude-users": [manager.pk]})
    assert "Choose people from the list" in response.content.decode()
    assert not complaint.excluded_users.exists()


def test_an_excluded_person_cannot_be_named_in_a_restriction(client, manager, named_staff, complaint):
    complaint_exclude(complaint=complaint, users=[named_staff], actor=manager)
    response = client.post(url(complaint, "restrict"), {"restrict-users": [named_staff.pk]})
    assert response.status_code == 200
    assert "Choose people from the list" in response.content.decode()
    assert not complaint.restricted_to.exists()


def test_inactive_people_are_not_offered(client, manager, complaint):
    gone = UserFactory(roles=[Role.COMPLAINTS_OFFICER], first_name="Gone", last_name="Away", is_active=False)
    page = client.get(url(complaint)).content.decode()
    assert "Gone Away" not in page
    client.post(url(complaint, "restrict"), {"restrict-users": [gone.pk]})
    assert not complaint.restricted_to.exists()


def test_get_on_a_change_url_returns_to_the_page(client, manager, complaint):
    response = client.get(url(complaint, "exclude"))
    assert response.status_code == 302 and response.url == url(complaint)


def test_view_log_is_paginated_newest_first(client, manager, complaint):
    viewers = [UserFactory(first_name=f"Viewer{n:02d}", roles=[Role.COMPLAINTS_OFFICER]) for n in range(30)]
    for viewer in viewers:
        audit_record_view(user=viewer, subject=complaint)
    first = view_log(client.get(url(complaint)))
    assert "Page 1 of 2" in first
    assert "Viewer29" in first and "Viewer00" not in first
    second = view_log(client.get(url(complaint) + "?page=2"))
    assert "Viewer00" in second and "Viewer29" not in second


def test_page_query_count_does_not_grow_with_people(client, manager, complaint, django_assert_max_num_queries):
    complaint_exclude(complaint=complaint, users=[UserFactory(roles=[Role.COMPLAINTS_OFFICER])], actor=manager)
    complaint_restrict_to(complaint=complaint, users=[], actor=manager)
    audit_record_view(user=manager, subject=complaint)
    client.get(url(complaint))
    with django_assert_max_num_queries(30) as few:
        client.get(url(complaint))
    for n in range(15):
        user = UserFactory(roles=[Role.COMPLAINTS_OFFICER, Role.SENIOR_MANAGER])
        audit_record_view(user=user, subject=complaint)
        if n % 3 == 0:
            complaint_exclude(complaint=complaint, users=[user], actor=manager)
        else:
            complaint_restrict_to(complaint=complaint, users=[*complaint.restricted_to.all(), user], actor=manager)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(complaint))


# The administrator role: reference data and accounts in the admin, no complaints anywhere ------

@pytest.fixture
def administrator(client):
    """Only the administrator role, as a council would set one up: staff status, no superuser."""
    user = UserFactory(username="sysadmin", roles=[Role.ADMINISTRATOR], is_staff=True)
    client.force_login(user)
    return user


def next_free_weekday():
    from fairhearing.workingdays.models import BankHoliday

    day = clock.today() + datetime.timedelta(days=60)
    while day.weekday() >= 5 or BankHoliday.objects.filter(date=day).exists():
        day += datetime.timedelta(days=1)
    return day


def test_administrator_manages_teams_themes_and_closure_days(client, administrator):
    from fairhearing.accounts.models import Team
    from fairhearing.cases.models import Theme
    from fairhearing.workingdays.models import ClosureDay

    assert client.get(reverse("admin:index")).status_code == 200
    response = client.post(reverse("admin:accounts_team_add"), {"name": "Edge of Care", "service_area": "Early Help",
                                                                "is_active": "on"})
    assert response.status_code == 302 and Team.objects.filter(name="Edge of Care").exists()
    theme = Theme.objects.first()
    response = client.post(reverse("admin:cases_theme_change", args=[theme.pk]),
                           {"name": "Communication with families", "description": "", "is_active": "on"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Communication with families"
    day = next_free_weekday()
    response = client.post(reverse("admin:workingdays_closureday_add"),
                           {"date": day.isoformat(), "reason": "Council closure day"})
    assert response.status_code == 302 and ClosureDay.objects.filter(date=day).exists()
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200


def test_administrator_sees_roles_but_cannot_change_what_they_allow(client, administrator):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=Role.ADMINISTRATOR)
    url = reverse("admin:auth_group_change", args=[group.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "administrator", "permissions": []}).status_code == 403
    assert group.permissions.exists()


def test_administrator_cannot_see_complaints_people_documents_or_the_audit_log_in_the_admin(
    client, administrator, complaint
):
    index = client.get(reverse("admin:index")).content.decode()
    for hidden in ("Complaints", "Children", "People", "Audit events"):
        assert f">{hidden}<" not in index, hidden
    refused = [
        reverse("admin:cases_complaint_changelist"),
        reverse("admin:cases_complaint_change", args=[complaint.pk]),
        reverse("admin:people_person_changelist"),
        reverse("admin:people_child_changelist"),
        reverse("admin:people_child_change", args=[complaint.children.get().child_id]),
        reverse("admin:audit_auditevent_changelist"),
    ]
    for url in refused:
        assert client.get(url).status_code == 403, url
    # Documents and notes have no admin at all; if one is added, it must refuse administrators too.
    for model in ("document", "note"):
        try:
            url = reverse(f"admin:cases_{model}_changelist")
        except NoReverseMatch:
            continue
        assert client.get(url).status_code == 403, url


def test_administrator_gets_404_or_403_on_every_complaint_page(client, administrator):
    from .test_url_matrix import build_world, checked_routes, url_for

    world = build_world()
    # A complaint's own URLs (other records have references too, under records/).
    urls = [url_for(route.name, world) for route in checked_routes()
            if "reference" in route.kwargs and route.route.startswith("complaints/")]
    statuses = {url: client.get(url).status_code for url in urls}
    assert statuses and set(statuses.values()) <= {403, 404}, statuses
    assert client.get(reverse("staff:complaint_list")).status_code == 403


def test_administrator_holds_only_the_reference_data_permissions(administrator):
    allowed = {
        "accounts.add_team", "accounts.change_team", "accounts.view_team",
        "accounts.add_user", "accounts.change_user", "accounts.view_user", "auth.view_group",
        "cases.add_theme", "cases.change_theme", "cases.view_theme", "cases.change_procedure",
        "cases.view_procedure", "stages.change_stagerule", "stages.view_stagerule",
        # Local targets for enquiries and initial feedback are reference data too.
        "cases.view_localtarget", "cases.change_localtarget",
        "workingdays.add_bankholiday", "workingdays.delete_bankholiday", "workingdays.view_bankholiday",
        "workingdays.add_closureday", "workingdays.delete_closureday", "workingdays.view_closureday",
    }
    assert administrator.get_all_permissions() == allowed


def test_administrator_cannot_make_anyone_a_superuser_or_grant_single_permissions(rf, administrator):
    from django.contrib import admin

    from fairhearing.accounts.models import User

    request = rf.get("/admin/")
    request.user = administrator
    user_admin = admin.site._registry[User]
    target = UserFactory(username="target")
    editable = set(user_admin.get_form(request, target).base_fields) - set(user_admin.get_readonly_fields(request, target))
    assert not {"is_superuser", "user_permissions"} & editable
    # Nor change their own roles, nor touch a superuser's account.
    assert "groups" in user_admin.get_readonly_fields(request, administrator)
    assert not user_admin.has_change_permission(request, UserFactory(username="root", is_superuser=True))


def test_opening_the_case_page_logs_a_view_by_that_user(client, complaint, colleague):
    client.force_login(colleague)
    assert client.get(reverse("staff:complaint_detail", args=[complaint.reference])).status_code == 200
    viewed = AuditEvent.objects.filter(verb=VIEWED, actor=colleague)
    assert viewed.count() == 1 and viewed.get().subject_id == complaint.pk


# Every complaint URL at once (the URLs come from test_url_matrix's walk) ---------------------------

def test_excluded_manager_gets_404_on_every_complaint_url(client):
    """Exclusion overrides the strongest role: every complaint URL is a 404 for an excluded manager."""
    from .test_url_matrix import build_world, checked_routes, url_for

    world = build_world()
    excluded = world.users["complaints_manager"]
    complaint_exclude(complaint=world.case, users=[excluded], actor=world.users["complaints_officer"])
    client.force_login(excluded)
    urls = [url_for(route.name, world) for route in checked_routes()
            if "reference" in route.kwargs and route.route.startswith("complaints/")]
    statuses = {url: client.get(url).status_code for url in urls}
    assert {url: status for url, status in statuses.items() if status != 404} == {}


def test_a_deactivated_account_is_signed_out_of_every_url(client):
    """Switching an account off ends its sessions at once: every URL sends it to sign in."""
    from .test_url_matrix import MATRIX, _outcome, build_world, checked_routes, url_for

    world = build_world()
    manager = world.users["complaints_manager"]
    client.force_login(manager)
    manager.is_active = False
    manager.save()
    wrong = {}
    for route in checked_routes():
        if route.name in MATRIX:
            response = client.get(url_for(route.name, world))
            if _outcome(response, route.name) != "L":
                wrong[route.name] = response.status_code
    assert not wrong, wrong


def test_responding_manager_answers_stage_one_for_their_own_team_only(client, complaint):
    """The matrix's case is at Stage 2; at Stage 1 the team's responding manager may respond."""
    from fairhearing.accounts.tests.factories import TeamFactory
    from fairhearing.stages.services import stage_one_start

    stage_one_start(complaint=complaint, actor=officer(), today=datetime.date(2022, 1, 4))
    respond = reverse("staff:step_respond", args=[complaint.reference])
    own, other = UserFactory(roles=[Role.RESPONDING_MANAGER]), UserFactory(roles=[Role.RESPONDING_MANAGER])
    own.teams.add(complaint.teams.get())
    other.teams.add(TeamFactory(name="Fostering"))
    for user, status in ((own, 200), (other, 404), (UserFactory(roles=[Role.INVESTIGATOR]), 404)):
        client.force_login(user)
        assert client.get(respond).status_code == status, user
