"""The learning pages: learning notes recorded from a complaint's page, changed and listed; learning
meetings and their approval; action plans, their actions, updates and links; overdue actions on the
dashboard and the learning lead's home page.

Who may open what is checked for every role here and in test_url_matrix.py; these tests follow
each page end to end (the record changes and the audit event exists), refuse bad input with a clear
message and nothing saved, keep what was typed, and hold the lists to a fixed number of queries.
The clock the pages read is pinned to Wednesday 12 October 2022; the Stage 1 response in these
tests was sent on Monday 17 January 2022.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_exclude, complaint_restrict_to
from fairhearing.cases.models import Theme
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.learning.choices import ActionStatus, RootCause
from fairhearing.learning.models import (
    Action,
    ActionPlan,
    ActionUpdate,
    LearningMeeting,
    LearningNote,
)
from fairhearing.learning.tests.factories import (
    RESPONDED_ON,
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    LearningMeetingFactory,
    LearningNoteFactory,
    make_ombudsman_case,
    make_responded_stage,
)
from fairhearing.stages.services import stage_request_next, stage_two_appoint

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = D(2022, 10, 12)
pytestmark = pytest.mark.django_db

NOTES = reverse("staff:learning_note_list")
MEETINGS = reverse("staff:learning_meeting_list")
NEW_MEETING = reverse("staff:learning_meeting_new")
PLANS = reverse("staff:action_plan_list")
NEW_PLAN = reverse("staff:action_plan_new")
ACTIONS = reverse("staff:action_list")
HOME = reverse("staff:home")


@pytest.fixture(autouse=True)
def today():
    """Pin the clock the pages read (the services in set-up are given today= explicitly)."""
    with time_machine.travel(datetime.datetime(2022, 10, 12, 10, 30, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield TODAY


@pytest.fixture
def team():
    return TeamFactory(name="Fostering")


@pytest.fixture
def stage(team):
    """Stage 1 of a Fostering complaint, responded to on 17 January 2022."""
    return make_responded_stage(teams=[team])


@pytest.fixture
def complaint(stage):
    return stage.complaint


def person(*roles, teams=()):  # noqa: ANN001, ANN201
    made = UserFactory(roles=list(roles))
    made.teams.add(*teams)
    return made


def client_for(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


def date_data(name: str, value: D | None) -> dict[str, str]:
    if value is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}


def new_note_url(complaint) -> str:  # noqa: ANN001
    return reverse("staff:learning_note_new", args=[complaint.reference])


def note_data(**overrides) -> dict:  # noqa: ANN003
    data = {
        "stage": "1",
        "what_was_learned": "Return calls within two working days.",
        "root_cause": RootCause.COMMUNICATION,
        "themes": [str(Theme.objects.get(name="Lack of communication").pk)],
        **date_data("practitioner_told_on", D(2022, 1, 20)),
        **date_data("shared_with_learning_team_on", D(2022, 1, 21)),
    }
    for name, value in overrides.items():
        if name in ("practitioner_told_on", "shared_with_learning_team_on"):
            data.update(date_data(name, value))
        else:
            data[name] = value
    return data


def events(verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb))


# Recording a learning note ------------------------------------------------------------------------

def test_a_responding_manager_records_learning_from_the_complaint_page(team, complaint):
    manager = person(Role.RESPONDING_MANAGER, teams=[team])
    client = client_for(manager)
    page = client.get(reverse("staff:complaint_detail", args=[complaint.reference])).content.decode()
    assert 'id="learning"' in page
    assert "No learning has been recorded on this complaint." in page
    assert f'{new_note_url(complaint)}?stage=1' in page

    form = client.get(f"{new_note_url(complaint)}?stage=1").content.decode()
    assert "Stage 1 response, sent 17 January 2022" in form
    assert 'value="1" checked' in form

    response = client.post(new_note_url(complaint), note_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:complaint_detail", args=[complaint.reference]) + "#learning"
    note = LearningNote.objects.get()
    assert (note.stage.number, note.what_was_learned, note.root_cause) == (1, "Return calls within two working days.",
                                                                          RootCause.COMMUNICATION)
    assert (note.practitioner_told_on, note.shared_with_learning_team_on, note.recorded_on) == (
        D(2022, 1, 20), D(2022, 1, 21), TODAY)
    assert [t.name for t in note.themes.all()] == ["Lack of communication"]
    [event] = events("learning_note.recorded")
    assert event.actor == manager

    page = client.get(response["Location"]).content.decode()
    assert f"Learning recorded on complaint {complaint.reference}" in page
    assert "Return calls within two working days." in page
    assert "Record learning from the Stage 1 response" not in page  # one note per response


def test_the_learning_lead_records_learning_without_seeing_the_complaint(complaint):
    lead = client_for(person(Role.LEARNING_LEAD))
    assert lead.get(reverse("staff:complaint_detail", args=[complaint.reference])).status_code == 404
    page = lead.get(new_note_url(complaint)).content.decode()
    assert complaint.reference in page
    for child in complaint.children.all():
        assert child.child.first_name not in page
    response = lead.post(new_note_url(complaint), note_data())
    assert response["Location"] == NOTES
    assert LearningNote.objects.filter(complaint=complaint).count() == 1


@pytest.mark.parametrize(
    ("roles", "in_team", "status"),
    [
        ((Role.COMPLAINTS_MANAGER,), False, 200),
        ((Role.COMPLAINTS_OFFICER,), False, 200),
        ((Role.LEARNING_LEAD,), False, 200),
        ((Role.RESPONDING_MANAGER,), True, 200),
        ((Role.RESPONDING_MANAGER,), False, 404),  # another team's complaint
        ((Role.SENIOR_MANAGER,), False, 403),  # reads learning, does not write it
        ((Role.INVESTIGATOR,), False, 403),
        ((Role.REPORT_READER,), False, 403),
        ((Role.ADMINISTRATOR,), False, 403),
    ],
)
def test_who_may_record_and_change_learning(team, complaint, roles, in_team, status):
    note = LearningNoteFactory(stage=None, complaint=complaint, recorded_on=D(2022, 2, 1))
    client = client_for(person(*roles, teams=[team] if in_team else []))
    edit = reverse("staff:learning_note_edit", args=[note.pk])
    for url in (new_note_url(complaint), edit):
        assert client.get(url).status_code == status
        assert client.post(url, note_data()).status_code in ({302} if status == 200 else {status})
    expected = 2 if status == 200 else 1  # the note on the response, beside the one on the complaint
    assert LearningNote.objects.count() == expected


def test_signing_in_is_required():
    response = Client().get(NOTES)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_complaint_closed_to_the_user_is_404(complaint):
    manager = person(Role.COMPLAINTS_MANAGER)
    complaint_exclude(complaint=complaint, users=[manager], actor=officer())
    assert client_for(manager).get(new_note_url(complaint)).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"what_was_learned": "  "}, "what_was_learned", "Enter what was learned"),
        ({"stage": "2"}, "stage", "Select the response the learning is from"),
        ({"root_cause": "weather"}, "root_cause", "Choose a root cause from the list"),
        ({"themes": ["999999"]}, "themes", "Choose themes from the list"),
        ({"practitioner_told_on": TODAY + DAY}, "practitioner_told_on",
         "The date the practitioner was told cannot be in the future"),
        ({"practitioner_told_on": RESPONDED_ON - DAY}, "practitioner_told_on",
         "The date the practitioner was told cannot be before the Stage 1 response (17 January 2022)"),
        ({"shared_with_learning_team_on": D(2022, 1, 3)}, "shared_with_learning_team_on",
         "The date shared with the learning team cannot be before the complaint was received (4 January 2022)"),
        ({"practitioner_told_on_day": "31", "practitioner_told_on_month": "2"}, "practitioner_told_on",
         "Practitioner told in supervision on must be a real date"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_kept(complaint, changes, field, message):
    client = client_for(officer())
    dates = {k: v for k, v in changes.items() if k in ("practitioner_told_on", "shared_with_learning_team_on")}
    data = {**note_data(what_was_learned="Keep this text", **dates),
            **{k: v for k, v in changes.items() if k not in dates}}
    response = client.post(new_note_url(complaint), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [message]
    page = response.content.decode()
    assert message in page and page.count(message) == 2  # the summary and the field
    assert f'href="#{form[field].auto_id}"' in page
    assert "<title>Error: " in page
    assert not LearningNote.objects.exists()
    if field != "what_was_learned":
        assert "Keep this text" in page


@pytest.mark.parametrize(
    ("told_on", "accepted"),
    [(RESPONDED_ON, True), (RESPONDED_ON - DAY, False), (TODAY, True), (TODAY + DAY, False)],
)
def test_practitioner_told_boundaries(complaint, told_on, accepted):
    response = client_for(officer()).post(new_note_url(complaint), note_data(practitioner_told_on=told_on))
    assert (response.status_code == 302) is accepted
    assert LearningNote.objects.exists() is accepted


def test_nothing_to_record_once_every_response_has_a_note(stage, complaint):
    LearningNoteFactory(stage=stage)
    client = client_for(officer())
    page = client.get(new_note_url(complaint)).content.decode()
    assert "There is no response to record learning from" in page
    assert client.post(new_note_url(complaint), note_data()).status_code == 200
    assert LearningNote.objects.count() == 1


def test_each_responded_stage_is_offered_and_the_asked_one_chosen(complaint, stage):
    actor = officer()
    stage_two = stage_request_next(complaint=complaint, requested_on=D(2022, 2, 1), actor=actor, today=TODAY)
    stage_two_appoint(stage=stage_two, investigating_officer=person(Role.INVESTIGATOR),
                      independent_person=person(Role.INVESTIGATOR), appointed_on=D(2022, 2, 10), actor=actor,
                      today=TODAY)
    # Stage 2 is not responded to, so only Stage 1 is offered; with one choice it is chosen already.
    page = client_for(actor).get(new_note_url(complaint)).content.decode()
    assert "Stage 1 response" in page and "Stage 2 response" not in page
    assert 'value="1" checked' in page


def test_posts_need_the_csrf_token(complaint):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person(Role.COMPLAINTS_MANAGER))
    plan = ActionPlanFactory()
    action = ActionFactory(plan=plan)
    meeting = LearningMeetingFactory()
    note = LearningNoteFactory(stage=None, complaint=complaint, recorded_on=D(2022, 2, 1))
    for url in (new_note_url(complaint), reverse("staff:learning_note_edit", args=[note.pk]), NEW_MEETING,
                reverse("staff:learning_meeting_approve", args=[meeting.pk]), NEW_PLAN,
                reverse("staff:action_new", args=[plan.pk]), reverse("staff:action_update", args=[action.pk]),
                reverse("staff:action_link", args=[action.pk])):
        assert client.post(url, {}).status_code == 403, url


# Changing a learning note -------------------------------------------------------------------------

def test_changing_a_note_adds_the_date_it_was_shared(team, stage, complaint):
    note = LearningNoteFactory(stage=stage, practitioner_told_on=None)
    manager = person(Role.RESPONDING_MANAGER, teams=[team])
    client = client_for(manager)
    url = reverse("staff:learning_note_edit", args=[note.pk])
    page = client.get(url).content.decode()
    assert note.what_was_learned in page
    assert 'name="stage"' not in page  # a note stays on its response
    data = note_data(what_was_learned=note.what_was_learned, practitioner_told_on=D(2022, 2, 1),
                     shared_with_learning_team_on=None, themes=[])
    response = client.post(url, data)
    assert response["Location"] == reverse("staff:complaint_detail", args=[complaint.reference]) + "#learning"
    note.refresh_from_db()
    assert note.practitioner_told_on == D(2022, 2, 1)
    [event] = events("learning_note.updated")
    assert event.changes["practitioner_told_on"] == [None, "2022-02-01"]
    # From the list, the page goes back to the list.
    assert client.post(f"{url}?from=list", data)["Location"] == NOTES


def test_a_change_refused_by_the_rules_keeps_the_note_as_it_was(stage):
    note = LearningNoteFactory(stage=stage)
    response = client_for(officer()).post(
        reverse("staff:learning_note_edit", args=[note.pk]),
        note_data(what_was_learned="Changed", practitioner_told_on=TODAY + DAY))
    assert response.context["form"].errors["practitioner_told_on"]
    note.refresh_from_db()
    assert note.what_was_learned != "Changed"
    assert not events("learning_note.updated")


# The Learning panel on the complaint page --------------------------------------------------------

def test_the_panel_is_not_shown_to_an_investigating_officer(complaint, stage):
    LearningNoteFactory(stage=stage)
    actor = officer()
    investigator = person(Role.INVESTIGATOR)
    stage_two = stage_request_next(complaint=complaint, requested_on=D(2022, 2, 1), actor=actor, today=TODAY)
    stage_two_appoint(stage=stage_two, investigating_officer=investigator,
                      independent_person=person(Role.INVESTIGATOR), appointed_on=D(2022, 2, 10), actor=actor,
                      today=TODAY)
    page = client_for(investigator).get(reverse("staff:complaint_detail", args=[complaint.reference]))
    assert page.status_code == 200
    assert 'id="learning"' not in page.content.decode()


def test_a_senior_manager_reads_the_notes_without_links_to_change_them(stage, complaint):
    note = LearningNoteFactory(stage=stage)
    page = client_for(person(Role.SENIOR_MANAGER)).get(
        reverse("staff:complaint_detail", args=[complaint.reference])).content.decode()
    assert note.what_was_learned in page
    assert reverse("staff:learning_note_edit", args=[note.pk]) not in page
    assert new_note_url(complaint) not in page


# The learning notes list -------------------------------------------------------------------------

def test_the_learning_lead_sees_references_and_teams_but_no_one_named(stage, complaint):
    LearningNoteFactory(stage=stage)
    page = client_for(person(Role.LEARNING_LEAD)).get(NOTES).content.decode()
    assert complaint.reference in page and "Fostering" in page
    assert reverse("staff:complaint_detail", args=[complaint.reference]) not in page
    names = [link.child.first_name for link in complaint.children.all()]
    names += [link.person.first_name for link in complaint.complainants.all()]
    assert names and not any(name in page for name in names)


def test_the_complaints_team_opens_the_complaint_from_the_list(stage, complaint):
    LearningNoteFactory(stage=stage)
    page = client_for(officer()).get(NOTES).content.decode()
    assert reverse("staff:complaint_detail", args=[complaint.reference]) in page


def test_the_list_filters_by_theme_team_root_cause_and_response_date(team):
    other = TeamFactory(name="Adoption")
    communication = Theme.objects.get(name="Lack of communication")
    fostering = LearningNoteFactory(stage=make_responded_stage(teams=[team]), themes=[communication])
    adoption = LearningNoteFactory(stage=make_responded_stage(teams=[other], responded_on=D(2022, 1, 14)),
                                   root_cause=RootCause.DELAY)
    client = client_for(person(Role.LEARNING_LEAD))

    def shown(query: str) -> set[str]:
        return {note.complaint.reference for note in client.get(f"{NOTES}?{query}").context["notes"]}

    assert shown("") == {fostering.complaint.reference, adoption.complaint.reference}
    assert shown(f"theme={communication.pk}") == {fostering.complaint.reference}
    assert shown(f"team={other.pk}") == {adoption.complaint.reference}
    assert shown("root_cause=delay") == {adoption.complaint.reference}
    assert shown("responded_from_day=17&responded_from_month=1&responded_from_year=2022") == {
        fostering.complaint.reference}
    assert shown("responded_to_day=16&responded_to_month=1&responded_to_year=2022") == {adoption.complaint.reference}
    assert "Team: Adoption" in client.get(f"{NOTES}?team={other.pk}").content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("team=999999", "Choose a team from the list"),
        ("responded_from_day=40&responded_from_month=1&responded_from_year=2022",
         "Response date from must be a real date"),
        ("responded_from_day=2&responded_from_month=1&responded_from_year=2022"
         "&responded_to_day=1&responded_to_month=1&responded_to_year=2022",
         "Response date to must be the same as or after response date from"),
        ("page=99", "There is no page 99. Showing page 1 of 1."),
    ],
)
def test_a_filter_that_cannot_be_used_is_explained_and_the_list_still_shows(stage, query, message):
    LearningNoteFactory(stage=stage)
    response = client_for(officer()).get(f"{NOTES}?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "There is a problem" in page
    assert len(response.context["notes"]) == 1


def test_the_notes_list_costs_the_same_queries_however_many_notes(team, django_assert_max_num_queries):
    client = client_for(officer())
    themes = list(Theme.objects.all()[:2])
    for _ in range(2):
        LearningNoteFactory(stage=make_responded_stage(teams=[team, TeamFactory(name="Adoption")]), themes=themes)
    with django_assert_max_num_queries(30) as few:
        assert len(client.get(NOTES).context["notes"]) == 2
    for _ in range(4):
        LearningNoteFactory(stage=make_responded_stage(teams=[team]), themes=themes)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(NOTES).context["notes"]) == 6


def test_fifty_notes_to_a_page_with_the_filters_kept(team, monkeypatch):
    from fairhearing.staff.views import learning as views
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for _ in range(3):
        LearningNoteFactory(stage=make_responded_stage(teams=[team]))
    client = client_for(officer())
    first = client.get(f"{NOTES}?team={team.pk}")
    assert len(first.context["notes"]) == 2
    assert f"team={team.pk}&amp;page=2" in first.content.decode()
    assert len(client.get(f"{NOTES}?team={team.pk}&page=2").context["notes"]) == 1


@pytest.mark.parametrize(
    ("roles", "status"),
    [((Role.SENIOR_MANAGER,), 200), ((Role.LEARNING_LEAD,), 200), ((Role.RESPONDING_MANAGER,), 200),
     ((Role.INVESTIGATOR,), 403), ((Role.REPORT_READER,), 403), ((Role.ADMINISTRATOR,), 403)],
)
def test_who_may_list_learning_notes(roles, status):
    assert client_for(person(*roles)).get(NOTES).status_code == status


def test_a_responding_manager_lists_only_their_teams_notes(team, stage):
    mine = LearningNoteFactory(stage=stage)
    LearningNoteFactory(stage=make_responded_stage(teams=[TeamFactory(name="Adoption")]))
    response = client_for(person(Role.RESPONDING_MANAGER, teams=[team])).get(NOTES)
    assert response.context["notes"] == [mine]


def test_a_note_on_a_complaint_closed_to_the_user_is_neither_listed_nor_changed(stage, complaint):
    note = LearningNoteFactory(stage=stage)
    lead = person(Role.LEARNING_LEAD)
    complaint_restrict_to(complaint=complaint, users=[officer()], actor=officer())
    client = client_for(lead)
    assert client.get(NOTES).context["notes"] == []
    assert client.get(reverse("staff:learning_note_edit", args=[note.pk])).status_code == 404


# Learning meetings --------------------------------------------------------------------------------

def meeting_data(**overrides) -> dict:  # noqa: ANN003
    data = {
        **date_data("held_on", D(2022, 10, 6)),
        "chair": "Principal Social Worker",
        "attendees": "Practice leads, IRO service manager",
        "inputs": "Complaints upheld in September; audit findings.",
        "key_priority": "Share assessments with families before they are finalised.",
        "complaints": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_the_learning_lead_records_a_meeting_with_the_complaints_discussed(complaint):
    other = make_complaint()
    lead = person(Role.LEARNING_LEAD)
    client = client_for(lead)
    response = client.post(NEW_MEETING, meeting_data(complaints=f"{complaint.reference.lower()}, {other.reference}"))
    meeting = LearningMeeting.objects.get()
    assert response["Location"] == reverse("staff:learning_meeting_detail", args=[meeting.pk])
    assert meeting.held_on == D(2022, 10, 6) and meeting.chair == "Principal Social Worker"
    assert set(meeting.complaints.all()) == {complaint, other}
    [event] = events("learning_meeting.recorded")
    assert event.actor == lead
    page = client.get(response["Location"]).content.decode()
    assert "Learning meeting, 6 October 2022 recorded" in page
    assert complaint.reference in page and other.reference in page
    assert "Awaiting approval" in page
    assert reverse("staff:learning_meeting_approve", args=[meeting.pk]) in page
    listed = client.get(MEETINGS).content.decode()
    assert reverse("staff:learning_meeting_detail", args=[meeting.pk]) in listed


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"chair": ""}, "chair", "Enter who chaired the meeting"),
        ({"attendees": ""}, "attendees", "Enter who attended the meeting"),
        ({"inputs": ""}, "inputs", "Enter what the meeting looked at"),
        ({"key_priority": " "}, "key_priority", "Enter the key priority for the month"),
        ({"held_on_day": ""}, "held_on", "Date of the meeting must include a day"),
        (date_data("held_on", TODAY + DAY), "held_on", "The date of the meeting cannot be in the future"),
        ({"complaints": "CSC-2099-0001"}, "complaints", "No complaint has the reference CSC-2099-0001. Check the reference"),
        ({"chair": "x" * 201}, "chair", "The chair’s name must be 200 characters or fewer"),
    ],
)
def test_a_meeting_with_bad_input_is_refused_and_kept(changes, field, message):
    response = client_for(person(Role.COMPLAINTS_MANAGER)).post(NEW_MEETING, meeting_data(notes="Kept", **changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "Kept" in response.content.decode()
    assert not LearningMeeting.objects.exists()


def test_a_meeting_held_today_may_be_recorded():
    response = client_for(person(Role.LEARNING_LEAD)).post(NEW_MEETING, meeting_data(**date_data("held_on", TODAY)))
    assert response.status_code == 302


def test_approving_the_key_priority(today):
    meeting = LearningMeetingFactory(held_on=D(2022, 10, 6))
    client = client_for(person(Role.COMPLAINTS_MANAGER))
    url = reverse("staff:learning_meeting_approve", args=[meeting.pk])
    refused = client.post(url, {"approved_by": "Director", **date_data("approved_on", D(2022, 10, 5))})
    assert refused.context["form"].errors["approved_on"] == [
        "The date of approval cannot be before the meeting (6 October 2022)"]
    response = client.post(url, {"approved_by": "Director of Children’s Services",
                                 **date_data("approved_on", D(2022, 10, 6))})
    assert response["Location"] == reverse("staff:learning_meeting_detail", args=[meeting.pk])
    meeting.refresh_from_db()
    assert (meeting.approved_by, meeting.approved_on) == ("Director of Children’s Services", D(2022, 10, 6))
    assert len(events("learning_meeting.approved")) == 1
    # Approved once: the approval page goes back to the meeting, and nothing changes.
    assert client.get(url)["Location"] == reverse("staff:learning_meeting_detail", args=[meeting.pk])
    client.post(url, {"approved_by": "Someone else", **date_data("approved_on", TODAY)})
    meeting.refresh_from_db()
    assert meeting.approved_by == "Director of Children’s Services"


def test_the_complaints_officer_reads_meetings_but_does_not_record_them():
    meeting = LearningMeetingFactory()
    client = client_for(officer())
    assert client.get(MEETINGS).status_code == 200
    page = client.get(reverse("staff:learning_meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("staff:learning_meeting_approve", args=[meeting.pk]) not in page
    assert client.get(NEW_MEETING).status_code == 403
    assert client.post(NEW_MEETING, meeting_data()).status_code == 403
    assert client.post(reverse("staff:learning_meeting_approve", args=[meeting.pk]), {}).status_code == 403
    assert LearningMeeting.objects.count() == 1


def test_a_meeting_does_not_name_a_complaint_restricted_from_the_reader(complaint):
    shown = make_complaint()
    meeting = LearningMeetingFactory()
    meeting.complaints.set([complaint, shown])
    complaint_restrict_to(complaint=complaint, users=[officer()], actor=officer())
    page = client_for(person(Role.LEARNING_LEAD)).get(
        reverse("staff:learning_meeting_detail", args=[meeting.pk])).content.decode()
    assert shown.reference in page and complaint.reference not in page


# Action plans ----------------------------------------------------------------------------------

def test_creating_a_plan():
    client = client_for(person(Role.LEARNING_LEAD))
    refused = client.post(NEW_PLAN, {"title": "Plan", "period_label": "2022-23", **date_data("starts_on", D(2022, 4, 1)),
                                      **date_data("ends_on", D(2022, 4, 1))})
    assert refused.context["form"].errors["ends_on"] == ["End date must be after the start date"]
    assert not ActionPlan.objects.exists()
    response = client.post(NEW_PLAN, {"title": "Complaints Action Plan", "period_label": "2022-23",
                                      **date_data("starts_on", D(2022, 4, 1)), **date_data("ends_on", D(2023, 3, 31))})
    plan = ActionPlan.objects.get()
    assert response["Location"] == reverse("staff:action_plan_detail", args=[plan.pk])
    assert (plan.title, plan.period_label, plan.starts_on, plan.ends_on) == (
        "Complaints Action Plan", "2022-23", D(2022, 4, 1), D(2023, 3, 31))
    assert len(events("action_plan.created")) == 1
    assert "This plan has no actions yet." in client.get(response["Location"]).content.decode()


def test_the_plan_page_is_the_reports_table(complaint):
    plan = ActionPlanFactory()
    action = ActionFactory(plan=plan, task="All staff to have GDPR training.", owner="All Heads of Service",
                           start_by_text="From April 22", intended_outcome="Fewer data breaches.",
                           target_on=D(2022, 9, 30))
    action.complaints.set([complaint])
    case = make_ombudsman_case(lgsco_reference="22 001 234")
    action.ombudsman_cases.set([case])
    ActionUpdateFactory(action=action, written_on=D(2022, 7, 1), text="Training booked.")
    ActionUpdateFactory(action=action, written_on=D(2022, 10, 3), text="Half the teams trained.")
    done = ActionFactory(plan=plan, target_on=D(2022, 6, 30), status=ActionStatus.COMPLETE, completed_on=D(2022, 6, 1))
    page = client_for(officer()).get(reverse("staff:action_plan_detail", args=[plan.pk])).content.decode()
    for header in ("No.", "Task or action", "Owner", "By date", "Intended outcome or impact",
                   "Target completion date", "Status", "Latest update"):
        assert f'<th scope="col" class="govuk-table__header">{header}</th>' in page
    for text in ("All staff to have GDPR training.", "All Heads of Service", "From April 22", "Fewer data breaches.",
                 "30 September 2022", "3 October 2022:", "Half the teams trained.", complaint.reference,
                 "Ombudsman case 22 001 234", f'id="action-{done.number}"', "1 June 2022"):
        assert text in page
    assert reverse("staff:ombudsman_case_detail", args=[case.pk]) in page
    assert "Training booked." not in page  # only the latest update
    assert page.count("govuk-tag--red") == 1  # action 1 is overdue; the complete one is not


def test_the_plan_page_does_not_name_what_is_closed_to_the_reader(complaint):
    action = ActionFactory()
    shown, hidden_case = make_ombudsman_case(lgsco_reference="22 001 234"), make_ombudsman_case(lgsco_reference="22 009 999")
    hidden_case.complaints.add(complaint)
    action.complaints.set([complaint])
    action.ombudsman_cases.set([shown, hidden_case])
    complaint_restrict_to(complaint=complaint, users=[officer()], actor=officer())
    page = client_for(person(Role.LEARNING_LEAD)).get(
        reverse("staff:action_plan_detail", args=[action.plan_id])).content.decode()
    assert "22 001 234" in page
    assert "22 009 999" not in page and complaint.reference not in page


def test_the_plan_page_costs_the_same_queries_however_many_actions(complaint, django_assert_max_num_queries):
    plan = ActionPlanFactory()
    client = client_for(officer())
    url = reverse("staff:action_plan_detail", args=[plan.pk])

    def add(count: int) -> None:
        for _ in range(count):
            action = ActionFactory(plan=plan, complaints=[make_complaint()])
            ActionUpdateFactory(action=action)

    add(2)
    with django_assert_max_num_queries(30) as few:
        assert len(client.get(url).context["rows"]) == 2
    add(4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).context["rows"]) == 6


def test_adding_an_action_with_what_prompted_it(complaint):
    plan = ActionPlanFactory()
    ActionFactory(plan=plan)
    case = make_ombudsman_case(lgsco_reference="22 001 234")
    client = client_for(person(Role.LEARNING_LEAD))
    url = reverse("staff:action_new", args=[plan.pk])
    assert "Leave empty to use the next number (2)" in client.get(url).content.decode()
    response = client.post(url, {
        "task": "Restate the call-back standard.", "owner": "Team Managers",
        **date_data("start_by", D(2022, 11, 1)), "start_by_text": "",
        "intended_outcome": "Calls returned within two days.", **date_data("target_on", D(2023, 1, 31)),
        "target_text": "", "number": "", "complaints": complaint.reference, "ombudsman_cases": "22-001-234",
    })
    action = Action.objects.get(plan=plan, number=2)
    assert response["Location"] == reverse("staff:action_plan_detail", args=[plan.pk]) + "#action-2"
    assert (action.task, action.owner, action.start_by, action.target_on) == (
        "Restate the call-back standard.", "Team Managers", D(2022, 11, 1), D(2023, 1, 31))
    assert list(action.complaints.all()) == [complaint] and list(action.ombudsman_cases.all()) == [case]
    [event] = events("action.added")
    assert event.data["complaints"] == [complaint.reference]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"task": ""}, "task", "Describe the task or action"),
        ({"owner": ""}, "owner", "Enter who owns the action"),
        ({"number": "1"}, "number",
         "This plan already has an action 1. Choose another number, or leave it empty to use the next one (2)"),
        ({"number": "two"}, "number", "Action number must be a whole number, like 12"),
        ({"ombudsman_cases": "22 001"}, "ombudsman_cases",
         "“22 001” is not an Ombudsman reference. Enter 8 digits, for example 21 012 345, and put a comma "
         "between references"),
        ({"ombudsman_cases": "23 999 999"}, "ombudsman_cases",
         "No Ombudsman case has the reference 23 999 999. Check the reference"),
        ({"complaints": "CSC-2099-0001 CSC-2099-0002"}, "complaints",
         "No complaints have the references CSC-2099-0001, CSC-2099-0002. Check the references"),
        ({**date_data("start_by", D(2022, 11, 1)), **date_data("target_on", D(2022, 10, 31))}, "target_on",
         "Target completion date must be the same as or after the by date"),
    ],
)
def test_an_action_with_bad_input_is_refused_and_kept(changes, field, message):
    plan = ActionPlanFactory()
    ActionFactory(plan=plan)
    data = {"task": "Kept task", "owner": "Team Managers", "intended_outcome": "", "start_by_text": "",
            "target_text": "", "number": "", "complaints": "", "ombudsman_cases": "",
            **date_data("start_by", None), **date_data("target_on", None), **changes}
    response = client_for(person(Role.COMPLAINTS_MANAGER)).post(reverse("staff:action_new", args=[plan.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    if field != "task":
        assert "Kept task" in response.content.decode()
    assert plan.actions.count() == 1


def update_url(action) -> str:  # noqa: ANN001
    return reverse("staff:action_update", args=[action.pk])


def test_an_update_moves_the_status_and_complete_needs_the_date():
    action = ActionFactory(target_on=D(2022, 9, 30))
    client = client_for(person(Role.LEARNING_LEAD))
    base = {"text": "All teams trained.", "status_after": ActionStatus.COMPLETE, **date_data("written_on", TODAY)}
    refused = client.post(update_url(action), {**base, **date_data("completed_on", None)})
    assert refused.context["form"].errors["completed_on"] == ["Enter the date the action was completed"]
    assert "All teams trained." in refused.content.decode()
    assert not ActionUpdate.objects.exists()
    refused = client.post(update_url(action), {**base, **date_data("completed_on", TODAY + DAY)})
    assert refused.context["form"].errors["completed_on"] == ["The date completed cannot be in the future"]
    response = client.post(update_url(action), {**base, **date_data("completed_on", TODAY)})
    assert response["Location"] == reverse("staff:action_plan_detail", args=[action.plan_id]) + f"#action-{action.number}"
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.COMPLETE, TODAY)
    assert ActionUpdate.objects.get().text == "All teams trained."
    [event] = events("action.updated")
    assert event.changes["status"] == [ActionStatus.NOT_STARTED, ActionStatus.COMPLETE]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"text": ""}, "text", "Write the update"),
        ({"status_after": ""}, "status_after", "Select where the action has got to"),
        (date_data("written_on", TODAY + DAY), "written_on", "The date of the update cannot be in the future"),
        (date_data("written_on", D(2022, 6, 30)), "written_on",
         "The date of the update cannot be before the last update (1 July 2022)"),
        (date_data("completed_on", D(2022, 7, 1)), "completed_on",
         "Only a complete action has a completion date. Leave it empty or mark the action complete"),
    ],
)
def test_an_update_with_bad_input_is_refused(changes, field, message):
    action = ActionFactory()
    ActionUpdateFactory(action=action, written_on=D(2022, 7, 1))
    data = {"text": "Progress", "status_after": ActionStatus.IN_PROGRESS, **date_data("written_on", TODAY),
            **date_data("completed_on", None), **changes}
    response = client_for(person(Role.COMPLAINTS_MANAGER)).post(update_url(action), data)
    assert response.context["form"].errors[field] == [message]
    assert ActionUpdate.objects.count() == 1


def test_an_update_on_the_same_day_as_the_last_is_accepted():
    action = ActionFactory()
    ActionUpdateFactory(action=action, written_on=D(2022, 7, 1))
    data = {"text": "More", "status_after": ActionStatus.IN_PROGRESS, **date_data("written_on", D(2022, 7, 1)),
            **date_data("completed_on", None)}
    assert client_for(person(Role.LEARNING_LEAD)).post(update_url(action), data).status_code == 302


def test_linking_complaints_and_ombudsman_cases_all_or_none(complaint):
    action = ActionFactory()
    other = make_complaint()
    case = make_ombudsman_case(lgsco_reference="22 001 234")
    client = client_for(person(Role.LEARNING_LEAD))
    url = reverse("staff:action_link", args=[action.pk])
    empty = client.post(url, {"complaints": "", "ombudsman_cases": ""})
    assert empty.context["form"].errors["complaints"] == ["Enter a complaint reference or an Ombudsman reference to link"]
    assert client.post(url, {"complaints": complaint.reference, "ombudsman_cases": "22001234"}).status_code == 302
    assert list(action.complaints.all()) == [complaint] and list(action.ombudsman_cases.all()) == [case]
    assert len(events("action.complaint_linked")) == 1 and len(events("action.ombudsman_case_linked")) == 1
    # One already linked: none of them is linked again, and the page says why.
    refused = client.post(url, {"complaints": f"{other.reference} {complaint.reference}", "ombudsman_cases": ""})
    assert refused.context["form"].errors["complaints"] == [
        f"Action {action.number} is already linked to {complaint.reference}"]
    assert list(action.complaints.all()) == [complaint]
    assert len(events("action.complaint_linked")) == 1


# Overdue actions: the list, the dashboard and the learning lead's home page ----------------------

@pytest.fixture
def overdue_and_not():
    """One action overdue (target yesterday), one due today (not yet overdue), one done."""
    plan = ActionPlanFactory()
    return {
        "overdue": ActionFactory(plan=plan, target_on=TODAY - DAY, task="Overdue task"),
        "due_today": ActionFactory(plan=plan, target_on=TODAY, task="Due today task"),
        "done": ActionFactory(plan=plan, target_on=TODAY - DAY, status=ActionStatus.DROPPED, task="Dropped task"),
    }


def test_the_overdue_list_starts_the_day_after_the_target(overdue_and_not):
    response = client_for(officer()).get(f"{ACTIONS}?due=overdue")
    assert list(response.context["page"].object_list) == [overdue_and_not["overdue"]]
    page = response.content.decode()
    assert "Overdue actions" in page and "Overdue task" in page and "Due today task" not in page
    everything = client_for(officer()).get(ACTIONS).context["page"].object_list
    assert len(everything) == 3


def test_the_actions_list_filters_by_status_and_plan(overdue_and_not):
    client = client_for(person(Role.SENIOR_MANAGER))
    assert list(client.get(f"{ACTIONS}?status=dropped").context["page"].object_list) == [overdue_and_not["done"]]
    other = ActionPlanFactory(period_label="2023-24")
    assert list(client.get(f"{ACTIONS}?plan={other.pk}").context["page"].object_list) == []
    bad = client.get(f"{ACTIONS}?plan=999999")
    assert "Choose an action plan from the list" in bad.content.decode()
    assert len(bad.context["page"].object_list) == 3


def test_the_actions_list_costs_the_same_queries_however_many_actions(django_assert_max_num_queries):
    client = client_for(officer())
    plan = ActionPlanFactory()
    for _ in range(2):
        ActionFactory(plan=plan, target_on=TODAY - DAY)
    with django_assert_max_num_queries(30) as few:
        client.get(f"{ACTIONS}?due=overdue")
    for _ in range(5):
        ActionFactory(plan=ActionPlanFactory(), target_on=TODAY - DAY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(f"{ACTIONS}?due=overdue").context["page"].object_list) == 7


def test_the_dashboard_counts_overdue_actions_for_the_complaints_team(overdue_and_not):
    page = client_for(officer()).get(HOME).content.decode()
    assert "Actions overdue" in page
    assert f'href="{ACTIONS}?due=overdue"' in page
    figure = client_for(officer()).get(HOME).context["learning_overdue"]
    assert figure["count"] == 1


def test_a_responding_managers_home_has_no_action_figures(team, overdue_and_not):
    page = client_for(person(Role.RESPONDING_MANAGER, teams=[team])).get(HOME).content.decode()
    assert "Actions overdue" not in page


def test_the_learning_lead_starts_from_learning_and_their_overdue_actions(overdue_and_not):
    page = client_for(person(Role.LEARNING_LEAD)).get(HOME).content.decode()
    for url in (NOTES, MEETINGS, PLANS):
        assert f'href="{url}"' in page
    assert "Overdue task" in page and "Due today task" not in page and "Dropped task" not in page
    assert "1 action past its target completion date" in page


def test_the_learning_lead_with_nothing_overdue_is_told_so():
    ActionFactory(target_on=TODAY)
    assert "No actions are overdue." in client_for(person(Role.LEARNING_LEAD)).get(HOME).content.decode()


def test_a_report_readers_home_has_no_learning():
    page = client_for(person(Role.REPORT_READER)).get(HOME).content.decode()
    assert NOTES not in page and "Overdue actions" not in page


# The Records hub ---------------------------------------------------------------------------------

def test_the_hub_offers_what_each_role_may_open(team):
    hub = reverse("staff:records")
    lead = client_for(person(Role.LEARNING_LEAD)).get(hub).content.decode()
    assert all(f'href="{url}' in lead for url in (NOTES, MEETINGS, PLANS, f"{ACTIONS}?due=overdue"))
    manager = client_for(person(Role.RESPONDING_MANAGER, teams=[team])).get(hub).content.decode()
    assert f'href="{NOTES}"' in manager and MEETINGS not in manager and PLANS not in manager


def test_plan_and_meeting_pages_are_refused_to_responding_managers(team):
    plan, meeting = ActionPlanFactory(), LearningMeetingFactory()
    client = client_for(person(Role.RESPONDING_MANAGER, teams=[team]))
    for url in (PLANS, MEETINGS, ACTIONS, reverse("staff:action_plan_detail", args=[plan.pk]),
                reverse("staff:learning_meeting_detail", args=[meeting.pk])):
        assert client.get(url).status_code == 403, url


def test_an_unknown_plan_meeting_or_action_is_404():
    client = client_for(person(Role.COMPLAINTS_MANAGER))
    for name in ("action_plan_detail", "action_new", "learning_meeting_detail", "learning_meeting_approve",
                 "action_update", "action_link", "learning_note_edit"):
        assert client.get(reverse(f"staff:{name}", args=[999999])).status_code == 404, name
