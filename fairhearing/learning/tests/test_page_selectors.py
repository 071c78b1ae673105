"""The reads behind the learning pages: which complaints a user may record learning on, the
responses still without a note, the filtered notes list, references typed into a form, and the
actions list. Each takes the user and shows only what learning.access lets them see."""

import datetime

import pytest
from django.http import Http404

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.access import complaint_exclude, complaint_restrict_to
from fairhearing.cases.models import Theme
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.learning.choices import ActionStatus, RootCause
from fairhearing.learning.selectors import (
    LearningNoteFilters,
    action_get_for_user,
    actions_for_list,
    complaint_references_closed_to,
    complaint_references_visible,
    complaints_find_by_reference,
    complaints_open_to_learning_notes,
    learning_note_complaint_get_for_user,
    learning_note_get_for_user,
    learning_notes_for_list,
    learning_notes_on_complaint,
    linked_ids_hidden_from,
    ombudsman_cases_find_by_reference,
    ombudsman_cases_of_action_visible,
    stages_awaiting_learning,
)
from fairhearing.stages.services import stage_one_start, stage_request_next

from .factories import (
    LATER,
    RESPONDED_ON,
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    D,
    LearningNoteFactory,
    make_ombudsman_case,
    make_responded_stage,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def teams():
    return TeamFactory(name="Fostering"), TeamFactory(name="Adoption")


def user(*roles, teams=()):  # noqa: ANN001, ANN201
    made = UserFactory(roles=list(roles))
    made.teams.add(*teams)
    return made


# Complaints open to learning notes --------------------------------------------------------------

@pytest.mark.parametrize(
    ("roles", "sees_both"),
    [
        ((Role.COMPLAINTS_MANAGER,), True),
        ((Role.COMPLAINTS_OFFICER,), True),
        ((Role.LEARNING_LEAD,), True),  # records learning without seeing the complaint page
        ((Role.SENIOR_MANAGER,), False),  # reads learning, does not write it
        ((Role.INVESTIGATOR,), False),
        ((Role.REPORT_READER,), False),
        ((), False),
    ],
)
def test_who_may_record_learning_on_which_complaint(teams, roles, sees_both):
    fostering = make_complaint(teams=[teams[0]])
    adoption = make_complaint(teams=[teams[1]])
    found = set(complaints_open_to_learning_notes(user(*roles)))
    assert found == ({fostering, adoption} if sees_both else set())


def test_a_responding_manager_records_learning_on_their_teams_complaints_only(teams):
    fostering = make_complaint(teams=[teams[0]])
    both = make_complaint(teams=[teams[0], teams[1]])
    make_complaint(teams=[teams[1]])
    manager = user(Role.RESPONDING_MANAGER, teams=[teams[0]])
    assert list(complaints_open_to_learning_notes(manager).order_by("pk")) == [fostering, both]
    assert learning_note_complaint_get_for_user(user=manager, reference=both.reference) == both


def test_a_complaint_closed_to_the_user_is_404_whatever_the_role(teams):
    excluded_from, restricted = make_complaint(teams=[teams[0]]), make_complaint(teams=[teams[0]])
    lead = user(Role.LEARNING_LEAD)
    complaint_exclude(complaint=excluded_from, users=[lead], actor=officer())
    complaint_restrict_to(complaint=restricted, users=[officer()], actor=officer())
    for complaint in (excluded_from, restricted):
        with pytest.raises(Http404):
            learning_note_complaint_get_for_user(user=lead, reference=complaint.reference)
    with pytest.raises(Http404):
        learning_note_complaint_get_for_user(user=lead, reference="CSC-2099-9999")


def test_responses_awaiting_learning_are_those_sent_without_a_note():
    stage_one = make_responded_stage()
    complaint = stage_one.complaint
    assert stages_awaiting_learning(complaint=complaint) == [stage_one]
    stage_two = stage_request_next(complaint=complaint, requested_on=D(2022, 2, 1), actor=officer(), today=LATER)
    assert stages_awaiting_learning(complaint=complaint) == [stage_one]  # Stage 2 not responded yet
    LearningNoteFactory(stage=stage_one)
    assert stages_awaiting_learning(complaint=complaint) == []
    assert stage_two.responded_on is None


def test_a_stage_that_was_never_responded_to_awaits_nothing():
    complaint = make_complaint()
    stage_one_start(complaint=complaint, actor=officer(), today=LATER)
    assert stages_awaiting_learning(complaint=complaint) == []


# The learning notes list ------------------------------------------------------------------------

def listed(viewer, **filters):  # noqa: ANN001, ANN201
    return list(learning_notes_for_list(user=viewer, filters=LearningNoteFilters(**filters)))


def test_each_filter(teams):
    communication = Theme.objects.get(name="Lack of communication")
    fostering = LearningNoteFactory(stage=make_responded_stage(teams=[teams[0]]), themes=[communication])
    adoption = LearningNoteFactory(stage=make_responded_stage(teams=[teams[1]]), root_cause=RootCause.DELAY)
    manager = user(Role.COMPLAINTS_MANAGER)
    assert set(listed(manager)) == {fostering, adoption}
    assert listed(manager, root_cause=RootCause.DELAY) == [adoption]
    assert listed(manager, theme=communication.pk) == [fostering]
    assert listed(manager, team=teams[0].pk) == [fostering]
    assert listed(manager, team=teams[1].pk, root_cause=RootCause.COMMUNICATION) == []


def test_a_note_with_several_themes_and_teams_is_listed_once(teams):
    themes = list(Theme.objects.all()[:3])
    note = LearningNoteFactory(stage=make_responded_stage(teams=list(teams)), themes=themes)
    assert listed(user(Role.LEARNING_LEAD)) == [note]


@pytest.mark.parametrize(
    ("responded_from", "responded_to", "shown"),
    [
        (RESPONDED_ON, None, True),  # from the day of the response: included
        (RESPONDED_ON + DAY, None, False),
        (None, RESPONDED_ON, True),  # to the day of the response: included
        (None, RESPONDED_ON - DAY, False),
        (RESPONDED_ON, RESPONDED_ON, True),
    ],
)
def test_response_date_filter_includes_both_ends(responded_from, responded_to, shown):
    note = LearningNoteFactory(recorded_on=D(2022, 3, 1))  # recorded later: the response date counts
    found = listed(user(Role.COMPLAINTS_OFFICER), responded_from=responded_from, responded_to=responded_to)
    assert found == ([note] if shown else [])


def test_a_note_on_the_complaint_as_a_whole_is_dated_by_the_day_it_was_recorded():
    complaint = make_complaint()
    note = LearningNoteFactory(stage=None, complaint=complaint, recorded_on=D(2022, 2, 1))
    viewer = user(Role.COMPLAINTS_OFFICER)
    assert listed(viewer, responded_from=D(2022, 2, 1), responded_to=D(2022, 2, 1)) == [note]
    assert listed(viewer, responded_to=D(2022, 1, 31)) == []


def test_newest_response_first(teams):
    older = LearningNoteFactory(stage=make_responded_stage(responded_on=D(2022, 1, 14)))
    newer = LearningNoteFactory(stage=make_responded_stage(responded_on=D(2022, 1, 18)))
    assert listed(user(Role.COMPLAINTS_OFFICER)) == [newer, older]


def test_responding_managers_list_only_their_teams_notes_and_investigators_none(teams):
    fostering = LearningNoteFactory(stage=make_responded_stage(teams=[teams[0]]))
    LearningNoteFactory(stage=make_responded_stage(teams=[teams[1]]))
    assert listed(user(Role.RESPONDING_MANAGER, teams=[teams[0]])) == [fostering]
    assert listed(user(Role.INVESTIGATOR)) == []


def test_the_list_costs_the_same_queries_however_many_notes(teams, django_assert_num_queries):
    viewer = user(Role.LEARNING_LEAD)
    for _ in range(2):
        LearningNoteFactory(stage=make_responded_stage(teams=list(teams)), themes=list(Theme.objects.all()[:2]))

    def read():  # noqa: ANN202
        return [(n.complaint.reference, n.stage.number, [t.name for t in n.themes.all()],
                 [t.name for t in n.complaint.teams.all()]) for n in listed(viewer)]

    with django_assert_num_queries(4) as few:  # the user's roles, the notes, their themes and teams
        assert len(read()) == 2
    for _ in range(3):
        LearningNoteFactory(stage=make_responded_stage(teams=list(teams)), themes=list(Theme.objects.all()[:2]))
    viewer = user(Role.LEARNING_LEAD)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(read()) == 5


def test_notes_on_one_complaint_in_stage_order_with_the_whole_complaint_last():
    stage_one = make_responded_stage()
    complaint = stage_one.complaint
    whole = LearningNoteFactory(stage=None, complaint=complaint, recorded_on=D(2022, 1, 10))
    on_stage = LearningNoteFactory(stage=stage_one)
    LearningNoteFactory()  # another complaint's
    assert learning_notes_on_complaint(user=user(Role.COMPLAINTS_OFFICER), complaint=complaint) == [on_stage, whole]
    assert learning_notes_on_complaint(user=user(Role.INVESTIGATOR), complaint=complaint) == []


# References typed into forms --------------------------------------------------------------------

def test_complaints_by_reference_in_the_order_typed_whatever_the_case(teams):
    first, second = make_complaint(), make_complaint()
    viewer = user(Role.LEARNING_LEAD)
    found, missing = complaints_find_by_reference(
        user=viewer, references=[second.reference.lower(), f" {first.reference} ", second.reference, "CSC-2099-0001"],
    )
    assert found == [second, first]
    assert missing == ["CSC-2099-0001"]
    assert complaints_find_by_reference(user=viewer, references=["", " "]) == ([], [])


def test_a_complaint_closed_to_the_user_is_not_found_by_its_reference():
    complaint = make_complaint()
    manager = user(Role.COMPLAINTS_MANAGER)
    complaint_exclude(complaint=complaint, users=[manager], actor=officer())
    assert complaints_find_by_reference(user=manager, references=[complaint.reference]) == ([], [complaint.reference])


def test_ombudsman_cases_by_reference_only_those_the_user_may_see():
    seen = make_ombudsman_case(lgsco_reference="22 001 234")
    hidden = make_ombudsman_case(lgsco_reference="22 001 999")
    complaint = make_complaint()
    hidden.complaints.add(complaint)
    lead = user(Role.LEARNING_LEAD)
    complaint_exclude(complaint=complaint, users=[lead], actor=officer())
    found, missing = ombudsman_cases_find_by_reference(user=lead, references=["22 001 999", "22 001 234", "23 000 001"])
    assert found == [seen]
    assert missing == ["22 001 999", "23 000 001"]
    assert ombudsman_cases_find_by_reference(user=user(Role.RESPONDING_MANAGER), references=["22 001 234"])[0] == []


def test_linked_complaints_closed_to_the_user_are_not_named():
    shown, restricted = make_complaint(), make_complaint()
    complaint_restrict_to(complaint=restricted, users=[officer()], actor=officer())
    lead = user(Role.LEARNING_LEAD)
    assert complaint_references_visible(user=lead, complaints=[restricted, shown]) == [shown]
    assert complaint_references_visible(user=officer(), complaints=[restricted, shown]) == sorted(
        [shown, restricted], key=lambda c: c.reference)


# The actions list -------------------------------------------------------------------------------

def test_actions_by_plan_status_and_overdue():
    today = D(2022, 10, 12)
    this_year = ActionPlanFactory(period_label="2022-23")
    last_year = ActionPlanFactory(period_label="2021-22", starts_on=D(2021, 4, 1), ends_on=D(2022, 3, 31))
    overdue = ActionFactory(plan=this_year, target_on=today - DAY)
    due_today = ActionFactory(plan=this_year, target_on=today)
    done = ActionFactory(plan=last_year, target_on=D(2022, 1, 1), status=ActionStatus.COMPLETE,
                         completed_on=D(2021, 12, 1))
    old_overdue = ActionFactory(plan=last_year, target_on=D(2022, 1, 1))
    assert list(actions_for_list()) == [overdue, due_today, done, old_overdue]  # newest plan first
    assert list(actions_for_list(plan=last_year)) == [done, old_overdue]
    assert list(actions_for_list(status=ActionStatus.COMPLETE)) == [done]
    assert list(actions_for_list(overdue_on=today)) == [old_overdue, overdue]  # longest overdue first
    assert list(actions_for_list(overdue_on=today, plan=this_year)) == [overdue]


# One note, one action ----------------------------------------------------------------------------

def test_one_note_is_found_only_by_those_who_may_see_it(teams):
    fostering, adoption = teams
    note = LearningNoteFactory(stage=make_responded_stage(teams=[fostering]))
    assert learning_note_get_for_user(user=user(Role.LEARNING_LEAD), pk=note.pk) == note
    assert learning_note_get_for_user(user=user(Role.RESPONDING_MANAGER, teams=[fostering]), pk=note.pk) == note
    for outsider in (user(Role.RESPONDING_MANAGER, teams=[adoption]), user(Role.INVESTIGATOR),
                     user(Role.REPORT_READER)):
        with pytest.raises(Http404):
            learning_note_get_for_user(user=outsider, pk=note.pk)
    lead = user(Role.LEARNING_LEAD)
    complaint_restrict_to(complaint=note.complaint, users=[officer()], actor=officer())
    with pytest.raises(Http404):
        learning_note_get_for_user(user=lead, pk=note.pk)


def test_one_action_comes_with_its_updates_oldest_first_and_its_links(django_assert_num_queries):
    action = ActionFactory()
    later = ActionUpdateFactory(action=action, written_on=D(2022, 10, 3))
    earlier = ActionUpdateFactory(action=action, written_on=D(2022, 7, 1))
    same_day = ActionUpdateFactory(action=action, written_on=D(2022, 10, 3))
    second, first = make_complaint(), make_complaint()
    action.complaints.set([first, second])
    action.ombudsman_cases.set([make_ombudsman_case(lgsco_reference="22 009 999"), make_ombudsman_case()])
    reader = user(Role.SENIOR_MANAGER)
    assert reader.role_names  # read once per request, before the page's own queries
    with django_assert_num_queries(4):
        found = action_get_for_user(user=reader, pk=action.pk)
        assert found.plan == action.plan
        assert list(found.updates.all()) == [earlier, later, same_day]
        assert [c.reference for c in found.complaints.all()] == sorted([first.reference, second.reference])
        assert [c.lgsco_reference for c in found.ombudsman_cases.all()] == ["22 001 234", "22 009 999"]
    for outsider in (user(Role.RESPONDING_MANAGER), user(Role.REPORT_READER)):
        with pytest.raises(Http404):
            action_get_for_user(user=outsider, pk=action.pk)


def test_an_actions_ombudsman_cases_leave_out_those_on_complaints_closed_to_the_user(django_assert_num_queries):
    action = ActionFactory()
    complaint = make_complaint()
    shown, hidden = make_ombudsman_case(), make_ombudsman_case(lgsco_reference="22 009 999")
    hidden.complaints.add(complaint)
    action.ombudsman_cases.set([shown, hidden])
    complaint_restrict_to(complaint=complaint, users=[officer()], actor=officer())
    lead = user(Role.LEARNING_LEAD)
    found = action_get_for_user(user=lead, pk=action.pk)  # also reads the user's roles once
    with django_assert_num_queries(1):
        assert ombudsman_cases_of_action_visible(user=lead, action=found) == [shown]
    bare = action_get_for_user(user=lead, pk=ActionFactory().pk)
    with django_assert_num_queries(0):
        assert ombudsman_cases_of_action_visible(user=lead, action=bare) == []


def test_references_closed_to_the_user_are_named_so_pages_can_leave_them_out():
    open_one, closed = make_complaint(), make_complaint()
    lead = user(Role.LEARNING_LEAD)
    complaint_exclude(complaint=closed, users=[lead], actor=officer())
    assert complaint_references_closed_to(
        user=lead, references=[open_one.reference, closed.reference, "CSC-2099-0001"]) == {closed.reference}
    assert complaint_references_closed_to(user=lead, references=[]) == set()


def test_linked_records_hidden_from_the_user_are_named_by_id(django_assert_num_queries):
    open_one, closed = make_complaint(), make_complaint()
    shown_case, hidden_case = make_ombudsman_case(), make_ombudsman_case(lgsco_reference="22 009 999")
    hidden_case.complaints.add(closed)
    lead = user(Role.LEARNING_LEAD)
    complaint_exclude(complaint=closed, users=[lead], actor=officer())
    assert lead.role_names
    with django_assert_num_queries(2):
        assert linked_ids_hidden_from(user=lead, complaint_ids=[open_one.pk, closed.pk],
                                      ombudsman_case_ids=[shown_case.pk, hidden_case.pk, 999999]) == (
            {closed.pk}, {hidden_case.pk, 999999})
    with django_assert_num_queries(0):
        assert linked_ids_hidden_from(user=lead, complaint_ids=[], ombudsman_case_ids=[]) == (set(), set())
