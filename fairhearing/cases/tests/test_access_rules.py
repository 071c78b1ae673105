"""Who may see a complaint: exclusions, restrictions, teams, appointments, inactive accounts.

The rules live in ``cases.selectors.complaints_visible_to``; every list and page starts from it, so
these tests check the selectors directly and, for the 404s, through the complaint page.
"""

import inspect

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases import selectors
from fairhearing.cases.access import (
    access_candidates,
    complaint_exclude,
    complaint_include,
    complaint_lift_restriction,
    complaint_restrict_to,
)
from fairhearing.cases.models import Complaint
from fairhearing.cases.selectors import (
    complaint_get_for_user,
    complaints_visible_to,
    open_complaints_for_user,
)
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core.errors import DomainError
from fairhearing.stages.services import (
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_three_convene_panel,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)
from fairhearing.stages.tests.conftest import LATER, D, findings

pytestmark = pytest.mark.django_db


def visible(user) -> set[str]:
    return set(complaints_visible_to(user).values_list("reference", flat=True))


def user_selectors():
    """Every public selector in cases.selectors that needs only the user and returns complaints:
    a selector added later is checked too, without editing this file."""
    for name, function in inspect.getmembers(selectors, inspect.isfunction):
        if name.startswith("_") or function.__module__ != selectors.__name__:
            continue
        required = [p for p in inspect.signature(function).parameters.values() if p.default is p.empty]
        if [p.name for p in required] == ["user"]:
            yield name, function


def seen_by_every_selector(user, complaint) -> dict[str, bool]:
    found = {}
    for name, function in user_selectors():
        kind = inspect.signature(function).parameters["user"].kind
        result = function(user=user) if kind == inspect.Parameter.KEYWORD_ONLY else function(user)
        if isinstance(result, QuerySet) and result.model is Complaint:
            found[name] = result.filter(pk=complaint.pk).exists()
    return found


def page_status(client, user, complaint) -> int:
    client.force_login(user)
    return client.get(reverse("staff:complaint_detail", args=[complaint.reference])).status_code


@pytest.fixture
def actor():
    return officer()


@pytest.fixture
def team_a():
    return TeamFactory(name="Family Support Team 1")


@pytest.fixture
def complaint(actor, team_a):
    return make_complaint(actor=actor, teams=[team_a])


@pytest.fixture
def manager():
    return UserFactory(username="manager", roles=[Role.COMPLAINTS_MANAGER])


# Exclusion -----------------------------------------------------------------------------------

def test_selectors_checked_include_the_list_and_the_open_list():
    names = {name for name, _ in user_selectors()}
    assert {"complaints_visible_to", "open_complaints_for_user"} <= names


def test_excluded_officer_gets_404_and_finds_it_in_no_list(client, complaint, manager):
    excluded = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    other = make_complaint(actor=manager)
    assert all(seen_by_every_selector(excluded, complaint).values())
    complaint_exclude(complaint=complaint, users=[excluded], actor=manager)
    found = seen_by_every_selector(excluded, complaint)
    assert found and not any(found.values()), found
    assert all(seen_by_every_selector(excluded, other).values())
    with pytest.raises(Http404):
        complaint_get_for_user(user=excluded, reference=complaint.reference)
    assert page_status(client, excluded, complaint) == 404
    listed = client.get(reverse("staff:complaint_list")).content.decode()
    assert complaint.reference not in listed and other.reference in listed


def test_exclusion_beats_every_role_and_superuser(complaint, manager):
    everyone = UserFactory(roles=list(Role), is_superuser=True)
    complaint_exclude(complaint=complaint, users=[everyone], actor=manager)
    assert complaint.reference not in visible(everyone)


def test_include_again_restores_what_the_role_allows(complaint, manager):
    person = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    complaint_exclude(complaint=complaint, users=[person], actor=manager)
    complaint_include(complaint=complaint, users=[person], actor=manager)
    assert complaint.reference in visible(person)


def test_nobody_excludes_themselves(complaint, manager):
    with pytest.raises(DomainError, match="cannot exclude yourself"):
        complaint_exclude(complaint=complaint, users=[manager], actor=manager)


# Restriction ---------------------------------------------------------------------------------

def test_restricted_complaint_is_seen_only_by_the_people_named(client, complaint, manager):
    named = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    senior = UserFactory(roles=[Role.SENIOR_MANAGER])
    colleague = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    complaint_restrict_to(complaint=complaint, users=[named], actor=manager)
    assert complaint.reference in visible(named)
    assert complaint.reference in visible(manager)  # the person restricting is always named
    for outsider in (senior, colleague, UserFactory(roles=list(Role), is_superuser=True)):
        assert complaint.reference not in visible(outsider)
    assert page_status(client, senior, complaint) == 404
    assert page_status(client, named, complaint) == 200


def test_naming_someone_gives_no_more_than_their_role(complaint, manager):
    other_team_manager = UserFactory(roles=[Role.RESPONDING_MANAGER])
    other_team_manager.teams.add(TeamFactory(name="Fostering"))
    learning = UserFactory(roles=[Role.LEARNING_LEAD])
    complaint_restrict_to(complaint=complaint, users=[other_team_manager, learning], actor=manager)
    assert complaint.reference not in visible(other_team_manager)
    assert complaint.reference not in visible(learning)


def test_lifting_the_restriction_keeps_exclusions(complaint, manager):
    senior = UserFactory(roles=[Role.SENIOR_MANAGER])
    named_staff = UserFactory(roles=[Role.RESPONDING_MANAGER])
    named_staff.teams.add(complaint.teams.get())
    complaint_exclude(complaint=complaint, users=[named_staff], actor=manager)
    complaint_restrict_to(complaint=complaint, users=[], actor=manager)
    complaint_lift_restriction(complaint=complaint, actor=manager)
    assert complaint.reference in visible(senior)
    assert complaint.reference not in visible(named_staff)


def test_excluding_someone_named_takes_them_off_the_restricted_list(complaint, manager):
    named = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    complaint_restrict_to(complaint=complaint, users=[named], actor=manager)
    complaint_exclude(complaint=complaint, users=[named], actor=manager)
    assert list(complaint.restricted_to.all()) == [manager]
    with pytest.raises(DomainError, match="excluded from this complaint"):
        complaint_restrict_to(complaint=complaint, users=[named], actor=manager)


def test_access_candidates_leave_out_the_actor_the_excluded_and_the_inactive(complaint, manager):
    excluded = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    inactive = UserFactory(roles=[Role.COMPLAINTS_OFFICER], is_active=False)
    reader = UserFactory(roles=[Role.REPORT_READER])
    both = UserFactory(roles=[Role.COMPLAINTS_OFFICER, Role.SENIOR_MANAGER])
    complaint_exclude(complaint=complaint, users=[excluded], actor=manager)
    people = access_candidates(complaint=complaint, actor=manager)
    restrict = list(people["restrict"])
    assert both in restrict and restrict.count(both) == 1  # two roles, listed once
    assert not {manager, excluded, inactive, reader} & set(restrict)
    assert reader in people["exclude"] and excluded not in people["exclude"]
    assert list(people["include"]) == [excluded]


# Teams ---------------------------------------------------------------------------------------

def test_responding_manager_sees_own_teams_only_and_guessing_gets_404(client, complaint, team_a):
    own = UserFactory(roles=[Role.RESPONDING_MANAGER])
    own.teams.add(team_a)
    other = UserFactory(roles=[Role.RESPONDING_MANAGER])
    other.teams.add(TeamFactory(name="Fostering"))
    no_team = UserFactory(roles=[Role.RESPONDING_MANAGER])
    assert visible(own) == {complaint.reference}
    assert visible(other) == set() and visible(no_team) == set()
    assert page_status(client, other, complaint) == 404
    assert page_status(client, own, complaint) == 200


def test_counts_stay_right_with_several_teams_and_no_distinct(complaint, team_a, actor):
    team_b = TeamFactory(name="Fostering")
    both_teams = make_complaint(actor=actor, teams=[team_a, team_b])
    make_complaint(actor=actor, teams=[TeamFactory(name="Adoption")])
    manager_of_both = UserFactory(roles=[Role.RESPONDING_MANAGER, Role.INVESTIGATOR])
    manager_of_both.teams.add(team_a, team_b)
    for queryset in (complaints_visible_to(manager_of_both), open_complaints_for_user(user=manager_of_both)):
        references = list(queryset.values_list("reference", flat=True))
        assert sorted(references) == sorted([complaint.reference, both_teams.reference])
        assert queryset.count() == 2
        assert "DISTINCT" not in str(queryset.query).upper()


# Investigators and panel members ---------------------------------------------------------------

@pytest.fixture
def senior():
    return UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])


@pytest.fixture
def investigators():
    return [UserFactory(username=name, roles=[Role.INVESTIGATOR]) for name in ("io", "ip", "p1", "p2", "p3", "x")]


@pytest.fixture
def stage_two(complaint, actor, investigators):
    stage = stage_one_start(complaint=complaint, actor=actor, today=LATER)
    stage_respond(stage=stage, responded_on=D(2022, 1, 18), findings=findings("not_upheld", "upheld"),
                  actor=actor, today=LATER)
    stage = stage_request_next(complaint=complaint, requested_on=D(2022, 2, 15), actor=actor, today=LATER)
    stage_two_agree_statement(stage=stage, agreed_on=D(2022, 3, 1), actor=actor, today=LATER)
    return stage


def test_investigators_see_the_case_only_while_appointed_on_an_open_stage(client, complaint, stage_two, actor,
                                                                          senior, investigators):
    io, ip, *_others, stranger = investigators
    assert complaint.reference not in visible(io)  # not appointed yet
    stage_two_appoint(stage=stage_two, investigating_officer=io, independent_person=ip,
                      appointed_on=D(2022, 3, 2), actor=actor, today=LATER)
    assert visible(io) == visible(ip) == {complaint.reference}
    assert visible(stranger) == set()
    assert page_status(client, io, complaint) == 200
    assert page_status(client, stranger, complaint) == 404
    stage_two_adjudicate(stage=stage_two, adjudicated_on=D(2022, 4, 5), findings=findings("upheld", "upheld"),
                         actor=senior, today=LATER)
    stage_two.refresh_from_db()
    assert stage_two.closed_on is not None
    assert visible(io) == visible(ip) == set()
    assert page_status(client, io, complaint) == 404


def test_panel_members_see_the_case_while_the_panel_stage_is_open(complaint, stage_two, actor, senior, investigators):
    io, ip, p1, p2, p3, _stranger = investigators
    stage_two_appoint(stage=stage_two, investigating_officer=io, independent_person=ip,
                      appointed_on=D(2022, 3, 2), actor=actor, today=LATER)
    stage_two_adjudicate(stage=stage_two, adjudicated_on=D(2022, 4, 5), findings=findings("upheld", "not_upheld"),
                         actor=senior, today=LATER)
    stage_three = stage_request_next(complaint=complaint, requested_on=D(2022, 4, 20), actor=actor, today=LATER)
    stage_three_convene_panel(stage=stage_three, members=[p1, p2, p3], chair=p1, actor=actor)
    for member in (p1, p2, p3):
        assert visible(member) == {complaint.reference}
    assert visible(io) == set()  # the Stage 2 appointment ended with the adjudication


def test_investigator_role_alone_is_not_enough(complaint, stage_two, actor, investigators):
    io, ip, *_ = investigators
    stage_two_appoint(stage=stage_two, investigating_officer=io, independent_person=ip,
                      appointed_on=D(2022, 3, 2), actor=actor, today=LATER)
    io.groups.clear()
    io._role_names = None
    assert visible(io) == set()


# Inactive, anonymous, superuser ----------------------------------------------------------------

@pytest.mark.parametrize("role", list(Role))
def test_inactive_users_see_nothing(complaint, team_a, role):
    user = UserFactory(roles=[role], is_active=False)
    user.teams.add(team_a)
    assert visible(user) == set()
    assert all(not found for found in seen_by_every_selector(user, complaint).values())


def test_inactive_superuser_sees_nothing(complaint):
    assert visible(UserFactory(is_superuser=True, is_active=False)) == set()


def test_anonymous_sees_nothing(complaint):
    assert visible(AnonymousUser()) == set()


def test_superuser_sees_every_team_but_not_a_restriction_they_are_not_named_in(complaint, actor, manager):
    root = UserFactory(is_superuser=True)
    elsewhere = make_complaint(actor=actor, teams=[TeamFactory(name="Adoption")])
    no_team = make_complaint(actor=actor, teams=[])
    assert visible(root) == {complaint.reference, elsewhere.reference, no_team.reference}
    # Restrictions and exclusions bind everyone: a superuser is not named, so does not see it.
    complaint_restrict_to(complaint=no_team, users=[], actor=manager)
    assert visible(root) == {complaint.reference, elsewhere.reference}


@pytest.mark.parametrize("role", [Role.LEARNING_LEAD, Role.REPORT_READER, Role.ADMINISTRATOR])
def test_roles_without_casework_see_no_complaint(complaint, team_a, role):
    user = UserFactory(roles=[role])
    user.teams.add(team_a)
    assert visible(user) == set()
