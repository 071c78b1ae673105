"""The learning pages for one record: a learning note's page, an action's page, and the edit pages
of learning meetings, action plans and actions (views/learning_records.py).

Each page is opened by every role (allowed, 403 for a role that may not, 404 for a record the user
may not see or that does not exist), followed end to end (the record changes, the audit event
exists, the history shows it), fed bad input (a clear message on the right field, nothing saved,
what was typed kept) and posted without the CSRF token. A complaint closed to the reader is never
named. The clock the pages read is pinned to Wednesday 12 October 2022.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_restrict_to
from fairhearing.cases.models import Theme
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.learning.choices import ActionStatus, RootCause
from fairhearing.learning.models import Action, ActionPlan, LearningMeeting
from fairhearing.learning.services import (
    action_link_complaint,
    action_link_ombudsman_case,
    action_update_record,
)
from fairhearing.learning.tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    LearningMeetingFactory,
    LearningNoteFactory,
    make_ombudsman_case,
    make_responded_stage,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = D(2022, 10, 12)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    """Pin the clock the pages read (services in set-up are given today= explicitly)."""
    with time_machine.travel(datetime.datetime(2022, 10, 12, 10, 30, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield TODAY


@pytest.fixture
def team():
    return TeamFactory(name="Fostering")


@pytest.fixture
def note(team):
    """A learning note on the Stage 1 response (17 January 2022) to a Fostering complaint."""
    return LearningNoteFactory(stage=make_responded_stage(teams=[team]), practitioner_told_on=None,
                               themes=[Theme.objects.get(name="Lack of communication")])


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


def events(verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb))


def text_of(html: str) -> str:
    """The page's words without tags or runs of spaces, to look for a sentence in it."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def assert_refused(response, field: str, message: str) -> str:  # noqa: ANN001
    """The form came back with ``message`` on ``field``, in the summary too (linked to the field)."""
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [message]
    page = response.content.decode()
    assert page.count(message) == 2
    assert f'href="#{form[field].auto_id}"' in page
    return page


# Roles: every new page, every role ----------------------------------------------------------------

MANAGER, OFFICER, SENIOR = Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER, Role.SENIOR_MANAGER
RESPONDER, LEAD = Role.RESPONDING_MANAGER, Role.LEARNING_LEAD
OTHERS = (Role.INVESTIGATOR, Role.REPORT_READER, Role.ADMINISTRATOR)


@pytest.mark.parametrize(
    ("role", "in_team", "status"),
    [(MANAGER, False, 200), (OFFICER, False, 200), (SENIOR, False, 200), (LEAD, False, 200),
     (RESPONDER, True, 200), (RESPONDER, False, 404), *[(role, False, 403) for role in OTHERS]],
)
def test_who_may_open_a_learning_note(team, note, role, in_team, status):
    client = client_for(person(role, teams=[team] if in_team else []))
    assert client.get(reverse("staff:learning_note_detail", args=[note.pk])).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [(MANAGER, 200), (OFFICER, 200), (SENIOR, 200), (LEAD, 200), (RESPONDER, 403),
     *[(role, 403) for role in OTHERS]],
)
def test_who_may_open_an_action(role, status):
    action = ActionFactory()
    assert client_for(person(role)).get(reverse("staff:action_detail", args=[action.pk])).status_code == status


def _edit_urls() -> dict:
    """Each edit page, with a way to read back the field an empty post would clear."""
    meeting, action = LearningMeetingFactory(), ActionFactory()
    return {
        reverse("staff:learning_meeting_edit", args=[meeting.pk]):
            lambda: LearningMeeting.objects.get(pk=meeting.pk).chair,
        reverse("staff:action_plan_edit", args=[action.plan_id]):
            lambda: ActionPlan.objects.get(pk=action.plan_id).title,
        reverse("staff:action_edit", args=[action.pk]): lambda: Action.objects.get(pk=action.pk).task,
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [(MANAGER, 200), (LEAD, 200), (OFFICER, 403), (SENIOR, 403), (RESPONDER, 403),
     *[(role, 403) for role in OTHERS]],
)
def test_who_may_change_meetings_plans_and_actions(role, status):
    urls = _edit_urls()
    client = client_for(person(role))
    for url, current in urls.items():
        before = current()
        assert client.get(url).status_code == status, url
        # An empty post: refused with messages for a changer, 403 for anyone else; never saved.
        assert client.post(url, {}).status_code == status, url
        assert current() == before, url
    assert not AuditEvent.objects.filter(
        verb__in=["learning_meeting.updated", "action_plan.updated", "action.edited"]).exists()


def test_unknown_records_are_404():
    client = client_for(person(MANAGER))
    for name in ("learning_note_detail", "learning_meeting_edit", "action_plan_edit", "action_detail", "action_edit"):
        assert client.get(reverse(f"staff:{name}", args=[999999])).status_code == 404, name


def test_signing_in_is_required():
    action = ActionFactory()
    response = Client().get(reverse("staff:action_detail", args=[action.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_posts_need_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(person(MANAGER))
    meeting, action = LearningMeetingFactory(), ActionFactory()
    for url in (reverse("staff:learning_meeting_edit", args=[meeting.pk]),
                reverse("staff:action_plan_edit", args=[action.plan_id]),
                reverse("staff:action_edit", args=[action.pk])):
        assert client.post(url, {}).status_code == 403, url


def test_the_pages_take_no_other_methods(note):
    client = client_for(person(MANAGER))
    action = ActionFactory()
    assert client.post(reverse("staff:learning_note_detail", args=[note.pk])).status_code == 405
    assert client.post(reverse("staff:action_detail", args=[action.pk])).status_code == 405
    assert client.delete(reverse("staff:action_edit", args=[action.pk])).status_code == 405


# A learning note's page ---------------------------------------------------------------------------

def test_the_note_page_shows_the_note_and_its_history(note):
    writer = officer()
    url = reverse("staff:learning_note_detail", args=[note.pk])
    client = client_for(writer)
    page = client.get(url).content.decode()
    words = text_of(page)
    for text in ("The Stage 1 response, sent 17 January 2022", note.what_was_learned, "Communication",
                 "Lack of communication", "Fostering", "Practitioner told in supervision Not yet"):
        assert text in words, text
    assert reverse("staff:complaint_detail", args=[note.complaint.reference]) + "#learning" in page
    edit = reverse("staff:learning_note_edit", args=[note.pk]) + "?from=note"
    assert f'href="{edit}"' in page

    # Changed from its page, the note goes back to its page, whose history shows the change.
    form = client.get(edit).content.decode()
    assert note.what_was_learned in form
    response = client.post(edit, {
        "what_was_learned": note.what_was_learned, "root_cause": RootCause.DELAY, "themes": [],
        **date_data("practitioner_told_on", D(2022, 2, 1)), **date_data("shared_with_learning_team_on", None),
    })
    assert response["Location"] == url
    after = text_of(client.get(url).content.decode())
    assert "Practitioner told in supervision 1 February 2022" in after
    assert "Practitioner told in supervision on changed from (blank) to 1 February 2022" in after
    assert "Root cause changed from Communication to Delay" in after
    assert "Themes changed from Lack of communication to (blank)" in after
    assert len(events("learning_note.updated")) == 1


def test_the_learning_lead_sees_the_note_without_the_complaint_or_anyone_named(note):
    page = client_for(person(LEAD)).get(reverse("staff:learning_note_detail", args=[note.pk])).content.decode()
    assert note.complaint.reference in page
    assert reverse("staff:complaint_detail", args=[note.complaint.reference]) not in page
    names = [link.child.first_name for link in note.complaint.children.all()]
    names += [link.person.first_name for link in note.complaint.complainants.all()]
    assert names and not any(name in page for name in names)
    assert reverse("staff:learning_note_edit", args=[note.pk]) in page  # the lead writes notes


def test_a_senior_manager_reads_the_note_without_a_way_to_change_it(note):
    page = client_for(person(SENIOR)).get(reverse("staff:learning_note_detail", args=[note.pk])).content.decode()
    assert note.what_was_learned in page
    assert reverse("staff:learning_note_edit", args=[note.pk]) not in page


def test_a_note_on_a_complaint_restricted_from_the_reader_is_404(note):
    lead = person(LEAD)
    complaint_restrict_to(complaint=note.complaint, users=[officer()], actor=officer())
    assert client_for(lead).get(reverse("staff:learning_note_detail", args=[note.pk])).status_code == 404


def test_the_notes_list_links_each_note_to_its_page(note):
    page = client_for(person(LEAD)).get(reverse("staff:learning_note_list")).content.decode()
    assert f'href="{reverse("staff:learning_note_detail", args=[note.pk])}"' in page


# Changing a learning meeting ---------------------------------------------------------------------

def meeting_edit_data(meeting, **overrides) -> dict:  # noqa: ANN001, ANN003
    data = {
        **date_data("held_on", meeting.held_on), "chair": meeting.chair, "attendees": meeting.attendees,
        "inputs": meeting.inputs, "key_priority": meeting.key_priority,
        "complaints": ", ".join(c.reference for c in meeting.complaints.all()), "notes": meeting.notes,
    }
    data.update(overrides)
    return data


def test_the_meeting_page_offers_the_change_to_those_who_may_make_it():
    meeting = LearningMeetingFactory()
    url, edit = (reverse("staff:learning_meeting_detail", args=[meeting.pk]),
                 reverse("staff:learning_meeting_edit", args=[meeting.pk]))
    assert edit in client_for(person(LEAD)).get(url).content.decode()
    assert edit not in client_for(officer()).get(url).content.decode()


def test_changing_a_meeting_end_to_end():
    meeting = LearningMeetingFactory(held_on=D(2022, 10, 6))
    complaint = make_complaint()
    lead = person(LEAD)
    client = client_for(lead)
    url = reverse("staff:learning_meeting_edit", args=[meeting.pk])
    form = client.get(url).content.decode()
    assert 'value="Principal Social Worker"' in form
    assert 'name="held_on_day" type="text" inputmode="numeric" value="6"' in form
    assert "has not been approved yet" in form
    response = client.post(url, meeting_edit_data(meeting, **date_data("held_on", D(2022, 10, 5)),
                                                  chair="Head of Service", complaints=complaint.reference))
    detail = reverse("staff:learning_meeting_detail", args=[meeting.pk])
    assert response["Location"] == detail
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.chair) == (D(2022, 10, 5), "Head of Service")
    assert list(meeting.complaints.all()) == [complaint]
    [event] = events("learning_meeting.updated")
    assert event.actor == lead
    assert event.changes["complaints"] == [[], [complaint.reference]]
    page = text_of(client.get(detail).content.decode())
    assert "Learning meeting, 5 October 2022 saved" in page
    assert "Date of the meeting changed from 6 October 2022 to 5 October 2022" in page
    assert "Chair changed from Principal Social Worker to Head of Service" in page
    assert f"Complaints discussed changed from (blank) to {complaint.reference}" in page


def test_saving_a_meeting_unchanged_writes_nothing():
    meeting = LearningMeetingFactory()
    meeting.complaints.set([make_complaint()])
    client = client_for(person(MANAGER))
    url = reverse("staff:learning_meeting_edit", args=[meeting.pk])
    assert client.post(url, meeting_edit_data(meeting)).status_code == 302
    assert not events("learning_meeting.updated")


def test_an_approved_meeting_says_so_and_keeps_its_approval():
    meeting = LearningMeetingFactory(held_on=D(2022, 10, 6), approved_by="Director of Children’s Services",
                                     approved_on=D(2022, 10, 7))
    client = client_for(person(MANAGER))
    url = reverse("staff:learning_meeting_edit", args=[meeting.pk])
    form = text_of(client.get(url).content.decode())
    assert ("This meeting’s key priority was approved by Director of Children’s Services on 7 October 2022. "
            "The approval stays as it is") in form
    response = client.post(url, meeting_edit_data(meeting, key_priority="Share plans with families first."))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.approved_by, meeting.approved_on) == ("Director of Children’s Services", D(2022, 10, 7))
    assert meeting.key_priority == "Share plans with families first."
    page = text_of(client.get(response["Location"]).content.decode())
    assert ("Learning meeting of 6 October 2022 changed after its key priority was approved on 7 October 2022 "
            "(key priority)") in page
    assert ("Key priority for the month changed from Sharing assessments with families before they are "
            "finalised. to Share plans with families first.") in page
    assert "Approved by Director of Children’s Services on 7 October 2022" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"chair": ""}, "chair", "Enter who chaired the meeting"),
        ({"attendees": " "}, "attendees", "Enter who attended the meeting"),
        ({"inputs": ""}, "inputs", "Enter what the meeting looked at"),
        ({"key_priority": ""}, "key_priority", "Enter the key priority for the month"),
        ({"held_on_month": "13"}, "held_on", "Date of the meeting must be a real date"),
        (date_data("held_on", TODAY + DAY), "held_on", "The date of the meeting cannot be in the future"),
        (date_data("held_on", D(2022, 10, 8)), "held_on",
         "The date of the meeting cannot be after its key priority was approved (7 October 2022)"),
        ({"complaints": "CSC-2099-0001"}, "complaints",
         "No complaint has the reference CSC-2099-0001. Check the reference"),
    ],
)
def test_a_meeting_change_with_bad_input_is_refused_and_kept(changes, field, message):
    meeting = LearningMeetingFactory(held_on=D(2022, 10, 6), approved_by="Director", approved_on=D(2022, 10, 7))
    response = client_for(person(LEAD)).post(reverse("staff:learning_meeting_edit", args=[meeting.pk]),
                                             meeting_edit_data(meeting, notes="Kept notes", **changes))
    page = assert_refused(response, field, message)
    assert "Kept notes" in page
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.notes, meeting.chair) == (D(2022, 10, 6), "", "Principal Social Worker")
    assert not events("learning_meeting.updated")


@pytest.mark.parametrize(("held_on", "accepted"), [(D(2022, 10, 7), True), (D(2022, 10, 8), False)])
def test_an_approved_meeting_may_move_up_to_the_day_of_approval(held_on, accepted):
    meeting = LearningMeetingFactory(held_on=D(2022, 10, 6), approved_by="Director", approved_on=D(2022, 10, 7))
    response = client_for(person(LEAD)).post(reverse("staff:learning_meeting_edit", args=[meeting.pk]),
                                             meeting_edit_data(meeting, **date_data("held_on", held_on)))
    assert (response.status_code == 302) is accepted
    meeting.refresh_from_db()
    assert (meeting.held_on == held_on) is accepted


def test_a_complaint_closed_to_the_editor_is_neither_shown_nor_dropped():
    hidden, shown, added = make_complaint(), make_complaint(), make_complaint()
    meeting = LearningMeetingFactory()
    meeting.complaints.set([hidden, shown])
    complaint_restrict_to(complaint=hidden, users=[officer()], actor=officer())
    client = client_for(person(LEAD))
    url = reverse("staff:learning_meeting_edit", args=[meeting.pk])
    form = client.get(url)
    assert form.context["form"].initial["complaints"] == shown.reference
    assert hidden.reference not in form.content.decode()
    assert client.post(url, meeting_edit_data(meeting, complaints=f"{shown.reference} {added.reference}")
                       ).status_code == 302
    assert set(meeting.complaints.all()) == {hidden, shown, added}
    # The history names the complaint added, never the one the editor may not know of.
    [event] = events("learning_meeting.updated")
    assert hidden.reference in event.changes["complaints"][1]  # the audit log itself is complete
    page = client.get(reverse("staff:learning_meeting_detail", args=[meeting.pk])).content.decode()
    assert added.reference in page and hidden.reference not in page


def test_a_change_only_to_complaints_the_reader_may_not_know_of_is_not_shown_to_them():
    hidden = make_complaint()
    meeting = LearningMeetingFactory()
    manager = person(MANAGER)
    client_for(manager).post(reverse("staff:learning_meeting_edit", args=[meeting.pk]),
                             meeting_edit_data(meeting, complaints=hidden.reference))
    assert len(events("learning_meeting.updated")) == 1
    complaint_restrict_to(complaint=hidden, users=[manager], actor=officer())
    page = text_of(client_for(person(LEAD)).get(
        reverse("staff:learning_meeting_detail", args=[meeting.pk])).content.decode())
    assert hidden.reference not in page
    assert "Complaints discussed changed" not in page


# Changing an action plan ------------------------------------------------------------------------

def plan_data(plan, **overrides) -> dict:  # noqa: ANN001, ANN003
    data = {"title": plan.title, "period_label": plan.period_label, **date_data("starts_on", plan.starts_on),
            **date_data("ends_on", plan.ends_on)}
    data.update(overrides)
    return data


def test_changing_a_plan_end_to_end():
    plan = ActionPlanFactory()
    client = client_for(person(LEAD))
    detail = reverse("staff:action_plan_detail", args=[plan.pk])
    url = reverse("staff:action_plan_edit", args=[plan.pk])
    assert f'href="{url}"' in client.get(detail).content.decode()
    assert 'value="Complaints and Compliments Action Plan"' in client.get(url).content.decode()
    response = client.post(url, plan_data(plan, title="Learning Action Plan", **date_data("ends_on", D(2023, 4, 30))))
    assert response["Location"] == detail
    plan.refresh_from_db()
    assert (plan.title, plan.ends_on) == ("Learning Action Plan", D(2023, 4, 30))
    [event] = events("action_plan.updated")
    assert event.changes["ends_on"] == ["2023-03-31", "2023-04-30"]
    page = text_of(client.get(detail).content.decode())
    assert "Action plan 2022-23 saved" in page
    assert "End date changed from 31 March 2023 to 30 April 2023" in page
    assert client.post(url, plan_data(plan)).status_code == 302  # the same again: nothing to record
    assert len(events("action_plan.updated")) == 1


def test_the_plan_page_offers_no_change_to_those_who_only_read():
    plan = ActionPlanFactory()
    page = client_for(person(SENIOR)).get(reverse("staff:action_plan_detail", args=[plan.pk])).content.decode()
    assert reverse("staff:action_plan_edit", args=[plan.pk]) not in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Enter a title for the action plan"),
        ({"title": "x" * 201}, "title", "Title must be 200 characters or fewer"),
        ({"period_label": " "}, "period_label", "Enter the period the plan covers, for example 2022-23"),
        (date_data("ends_on", D(2022, 4, 1)), "ends_on", "End date must be after the start date"),
        (date_data("starts_on", D(2023, 4, 1)), "ends_on", "End date must be after the start date"),
        ({"starts_on_day": ""}, "starts_on", "Start date must include a day"),
    ],
)
def test_a_plan_change_with_bad_input_is_refused_and_kept(changes, field, message):
    plan = ActionPlanFactory()
    response = client_for(person(MANAGER)).post(reverse("staff:action_plan_edit", args=[plan.pk]),
                                                {**plan_data(plan, period_label="Kept-period"), **changes})
    page = assert_refused(response, field, message)
    if field != "period_label":
        assert 'value="Kept-period"' in page
    plan.refresh_from_db()
    assert (plan.title, plan.period_label, plan.starts_on, plan.ends_on) == (
        "Complaints and Compliments Action Plan", "2022-23", D(2022, 4, 1), D(2023, 3, 31))
    assert not events("action_plan.updated")


def test_a_plan_may_end_the_day_after_it_starts():
    plan = ActionPlanFactory()
    response = client_for(person(MANAGER)).post(reverse("staff:action_plan_edit", args=[plan.pk]),
                                                plan_data(plan, **date_data("ends_on", D(2022, 4, 2))))
    assert response.status_code == 302


# An action's page -------------------------------------------------------------------------------

def test_the_action_page_shows_everything_about_the_action(team):
    plan = ActionPlanFactory()
    action = ActionFactory(plan=plan, task="All staff to have GDPR training.", owner="All Heads of Service",
                           start_by_text="From April 22", intended_outcome="Fewer data breaches.",
                           target_on=D(2022, 9, 30))
    complaint = make_complaint(teams=[team])
    case = make_ombudsman_case(lgsco_reference="22 001 234")
    action.complaints.set([complaint])
    action.ombudsman_cases.set([case])
    ActionUpdateFactory(action=action, written_on=D(2022, 10, 3), text="Half the teams trained.")
    ActionUpdateFactory(action=action, written_on=D(2022, 7, 1), text="Training booked.",
                        status_after=ActionStatus.NOT_STARTED)
    response = client_for(person(MANAGER)).get(reverse("staff:action_detail", args=[action.pk]))
    page = response.content.decode()
    words = text_of(page)
    for text in ("Action 1", "All staff to have GDPR training.", "All Heads of Service", "From April 22",
                 "Fewer data breaches.", "30 September 2022", "Overdue", f"Complaint {complaint.reference}",
                 "Ombudsman case 22 001 234", "2 updates, in the order written"):
        assert text in words, text
    # Every update, oldest first, with the status each left the action in.
    assert words.index("1 July 2022 Training booked. Not started") < words.index(
        "3 October 2022 Half the teams trained. In progress")
    assert reverse("staff:complaint_detail", args=[complaint.reference]) in page
    assert reverse("staff:ombudsman_case_detail", args=[case.pk]) in page
    for name in ("action_update", "action_link"):
        assert f'href="{reverse(f"staff:{name}", args=[action.pk])}?from=action"' in page
    assert reverse("staff:action_edit", args=[action.pk]) in page


def test_the_action_page_for_a_reader_has_no_changes_and_no_closed_complaints():
    action = ActionFactory(status=ActionStatus.COMPLETE, completed_on=D(2022, 9, 1), target_on=D(2022, 9, 30))
    hidden, shown = make_complaint(), make_complaint()
    hidden_case, shown_case = make_ombudsman_case(lgsco_reference="22 009 999"), make_ombudsman_case()
    hidden_case.complaints.add(hidden)
    # Linked as users link them, so the history has an event naming each one.
    for complaint in (hidden, shown):
        action_link_complaint(action=action, complaint=complaint, actor=officer())
    for case in (hidden_case, shown_case):
        action_link_ombudsman_case(action=action, ombudsman_case=case, actor=officer())
    complaint_restrict_to(complaint=hidden, users=[officer()], actor=officer())
    page = client_for(person(LEAD)).get(reverse("staff:action_detail", args=[action.pk])).content.decode()
    assert shown.reference in page and "22 001 234" in page
    assert f"linked to complaint {shown.reference}" in page and "linked to Ombudsman case 22 001 234" in page
    assert hidden.reference not in page and "22 009 999" not in page
    # Someone the complaint is open to sees every link, in the history too.
    allowed = client_for(officer()).get(reverse("staff:action_detail", args=[action.pk])).content.decode()
    assert f"linked to complaint {hidden.reference}" in allowed and "linked to Ombudsman case 22 009 999" in allowed
    assert reverse("staff:complaint_detail", args=[shown.reference]) not in page  # the lead sees no complaints
    assert "No updates yet." in page and "Overdue" not in page and "1 September 2022" in page
    senior = client_for(person(SENIOR)).get(reverse("staff:action_detail", args=[action.pk])).content.decode()
    for name in ("action_edit", "action_update", "action_link"):
        assert reverse(f"staff:{name}", args=[action.pk]) not in senior


def test_the_action_page_shows_status_changes_in_words(today):
    action = ActionFactory()
    action_update_record(action=action, written_on=D(2022, 10, 3), text="Started.",
                         status_after=ActionStatus.IN_PROGRESS, actor=officer(), today=TODAY)
    page = text_of(client_for(person(LEAD)).get(reverse("staff:action_detail", args=[action.pk])).content.decode())
    assert "Status changed from Not started to In progress" in page


def test_the_action_page_costs_the_same_queries_however_many_updates_and_links(django_assert_max_num_queries):
    action = ActionFactory()
    client = client_for(officer())
    url = reverse("staff:action_detail", args=[action.pk])

    def add(count: int) -> None:
        for n in range(count):
            ActionUpdateFactory(action=action, written_on=D(2022, 7, 1) + n * DAY)
            action_link_complaint(action=action, complaint=make_complaint(), actor=officer())
            action_link_ombudsman_case(action=action, actor=officer(),
                                       ombudsman_case=make_ombudsman_case(lgsco_reference=f"22 {count:03} {n:03}"))
            action_update_record(action=action, written_on=D(2022, 10, 1), text="More.",
                                 status_after=ActionStatus.IN_PROGRESS, actor=officer(), today=TODAY)

    add(1)
    with django_assert_max_num_queries(30) as few:
        assert len(client.get(url).context["updates"]) == 2
    add(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["updates"]) == 12
    assert len(response.context["complaints"]) == 6 and len(response.context["ombudsman_cases"]) == 6


def test_every_list_of_actions_links_to_the_action_page():
    action = ActionFactory(target_on=TODAY - DAY)
    href = f'href="{reverse("staff:action_detail", args=[action.pk])}"'
    lead = client_for(person(LEAD))
    for url in (reverse("staff:action_plan_detail", args=[action.plan_id]), reverse("staff:action_list"),
                f'{reverse("staff:action_list")}?due=overdue', reverse("staff:home")):
        assert href in lead.get(url).content.decode(), url


def test_an_update_or_link_begun_on_the_action_page_returns_to_it():
    action = ActionFactory()
    complaint = make_complaint()
    client = client_for(person(LEAD))
    detail = reverse("staff:action_detail", args=[action.pk])
    update = reverse("staff:action_update", args=[action.pk]) + "?from=action"
    assert f'href="{detail}" class="govuk-back-link"' in client.get(update).content.decode()
    response = client.post(update, {"text": "Started.", "status_after": ActionStatus.IN_PROGRESS,
                                    **date_data("written_on", TODAY), **date_data("completed_on", None)})
    assert response["Location"] == detail
    link = reverse("staff:action_link", args=[action.pk]) + "?from=action"
    assert client.post(link, {"complaints": complaint.reference, "ombudsman_cases": ""})["Location"] == detail
    # Without it, both still go back to the action's row in the plan.
    plan_row = reverse("staff:action_plan_detail", args=[action.plan_id]) + f"#action-{action.number}"
    response = client.post(reverse("staff:action_update", args=[action.pk]), {
        "text": "More.", "status_after": ActionStatus.IN_PROGRESS, **date_data("written_on", TODAY),
        **date_data("completed_on", None)})
    assert response["Location"] == plan_row


# Changing an action -----------------------------------------------------------------------------

def action_data(action, **overrides) -> dict:  # noqa: ANN001, ANN003
    data = {"task": action.task, "owner": action.owner, **date_data("start_by", action.start_by),
            "start_by_text": action.start_by_text, "intended_outcome": action.intended_outcome,
            **date_data("target_on", action.target_on), "target_text": action.target_text}
    data.update(overrides)
    return data


def test_changing_an_action_end_to_end():
    action = ActionFactory(target_on=D(2022, 9, 30), status=ActionStatus.IN_PROGRESS)
    client = client_for(person(MANAGER))
    url = reverse("staff:action_edit", args=[action.pk])
    form = client.get(url)
    page = form.content.decode()
    assert "Change action 1" in page and 'value="All Heads of Service, Group Managers and Team Managers"' in page
    for absent in ("status", "status_after", "number", "complaints"):
        assert f'name="{absent}"' not in page
    response = client.post(url, action_data(action, owner="Team Managers", **date_data("target_on", D(2022, 12, 31))))
    detail = reverse("staff:action_detail", args=[action.pk])
    assert response["Location"] == detail
    action.refresh_from_db()
    assert (action.owner, action.target_on, action.status, action.number) == (
        "Team Managers", D(2022, 12, 31), ActionStatus.IN_PROGRESS, 1)
    [event] = events("action.edited")
    assert set(event.changes) == {"owner", "target_on"}
    words = text_of(client.get(detail).content.decode())
    assert "Action 1 saved" in words
    assert "Target completion date changed from 30 September 2022 to 31 December 2022" in words
    assert client.post(url, action_data(action)).status_code == 302  # unchanged: nothing to record
    assert len(events("action.edited")) == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"task": ""}, "task", "Describe the task or action"),
        ({"owner": " "}, "owner", "Enter who owns the action"),
        ({"owner": "x" * 301}, "owner", "Owner must be 300 characters or fewer"),
        ({"target_text": "x" * 101}, "target_text", "The target date in words must be 100 characters or fewer"),
        ({**date_data("start_by", D(2022, 11, 1)), **date_data("target_on", D(2022, 10, 31))}, "target_on",
         "Target completion date must be the same as or after the by date"),
        ({"target_on_day": "31", "target_on_month": "9"}, "target_on",
         "Target completion date (optional) must be a real date"),
    ],
)
def test_an_action_change_with_bad_input_is_refused_and_kept(changes, field, message):
    action = ActionFactory()
    response = client_for(person(LEAD)).post(reverse("staff:action_edit", args=[action.pk]),
                                             action_data(action, intended_outcome="Kept outcome", **changes))
    page = assert_refused(response, field, message)
    assert "Kept outcome" in page
    action.refresh_from_db()
    assert action.intended_outcome == "Better understanding of data protection duties."
    assert not events("action.edited")
