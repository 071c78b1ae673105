"""The demo council's records besides complaints: a record of every kind in every year, at the
seeds' volumes, nothing after the day of the load, all through the services, and loaded once only.

The demo is loaded once for the package on a fixed day (see conftest.py and common.py).
"""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import (
    AdrCase,
    Complaint,
    Compliment,
    Concern,
    Cost,
    Enquiry,
    IroDispute,
)
from fairhearing.learning.models import (
    Action,
    ActionPlan,
    ActionUpdate,
    LearningMeeting,
    LearningNote,
)
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.people.models import Person

from .common import DAY, WHOLE_YEARS, YEARS, _in

pytestmark = pytest.mark.django_db

COUNTED = [Compliment, Enquiry, Concern, AdrCase, IroDispute, Cost, OmbudsmanCase, Recommendation,
           LearningNote, LearningMeeting, ActionPlan, Action, ActionUpdate, Complaint, Person, AuditEvent]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_the_years_are_the_complaints_years():
    assert [(y.start, y.end) for y in YEARS] == [
        (date(2024, 4, 1), date(2025, 3, 31)), (date(2025, 4, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), DAY),
    ]


@pytest.mark.parametrize(
    ("model", "field"),
    [(Compliment, "received_on"), (Enquiry, "received_on"), (Concern, "received_on"),
     (IroDispute, "raised_on"), (AdrCase, "offered_on"), (Cost, "incurred_on"),
     (OmbudsmanCase, "received_on"), (LearningMeeting, "held_on"), (ActionPlan, "starts_on")],
)
def test_every_kind_of_record_in_every_year(loaded, model, field):
    for year in YEARS:
        assert model.objects.filter(_in(year, field)).exists(), (model.__name__, year.label)


def test_learning_notes_and_decisions_in_every_year(loaded):
    for year in YEARS:
        assert LearningNote.objects.filter(_in(year, "stage__responded_on")).exists(), year.label
        assert OmbudsmanCase.objects.filter(_in(year, "final_decision_on")).exists(), year.label


@pytest.mark.parametrize(
    ("model", "field", "low", "high"),
    [(Compliment, "received_on", 15, 25), (Enquiry, "received_on", 40, 70),
     (Concern, "received_on", 30, 60), (IroDispute, "raised_on", 10, 15),
     (OmbudsmanCase, "received_on", 4, 6), (AdrCase, "offered_on", 1, 6)],
)
def test_whole_years_have_the_seeds_volumes(loaded, model, field, low, high):
    for year in WHOLE_YEARS:
        assert low <= model.objects.filter(_in(year, field)).count() <= high, year.label


def test_nothing_happened_after_today(loaded):
    happened = [
        (Compliment, ["received_on", "shared_with_team_on"]), (Enquiry, ["received_on", "responded_on"]),
        (Concern, ["received_on", "sent_to_service_on", "resolved_on", "closed_on", "converted_on"]),
        (IroDispute, ["raised_on", "resolved_on"]), (Cost, ["incurred_on"]),
        (AdrCase, ["offered_on", "held_on", "confirmed_in_writing_on"]),
        (OmbudsmanCase, ["received_on", "information_requested_on", "information_sent_on",
                         "draft_decision_on", "final_decision_on"]),
        (Recommendation, ["completed_on"]),
        (LearningNote, ["recorded_on", "practitioner_told_on", "shared_with_learning_team_on"]),
        (LearningMeeting, ["held_on", "approved_on"]), (ActionUpdate, ["written_on"]),
        (Action, ["completed_on"]), (Complaint, ["received_on", "closed_on"]),
    ]
    for model, fields in happened:
        for name in fields:
            assert not model.objects.filter(**{f"{name}__gt": DAY}).exists(), (model.__name__, name)


def test_everything_went_through_the_services(loaded):
    verbs = {
        "compliment.created": Compliment, "enquiry.created": Enquiry, "concern.created": Concern,
        "adr.created": AdrCase, "iro_dispute.created": IroDispute, "cost.created": Cost,
        "ombudsman.case_created": OmbudsmanCase, "ombudsman.recommendation_added": Recommendation,
        "learning_note.recorded": LearningNote, "learning_meeting.recorded": LearningMeeting,
        "action_plan.created": ActionPlan, "action.added": Action, "action.updated": ActionUpdate,
    }
    for verb, model in verbs.items():
        assert AuditEvent.objects.filter(verb=verb).count() == model.objects.count(), verb
    assert AuditEvent.objects.filter(verb="person.created").count() == Person.objects.count()


# -- Once only ----------------------------------------------------------------------------------------

def test_summary_lines_count_the_other_records(loaded):
    text = "\n".join(loaded.lines)
    assert f"compliments {Compliment.objects.count()} " in text
    assert f"Ombudsman cases {OmbudsmanCase.objects.count()} " in text


def test_a_second_run_adds_nothing(loaded):
    before = _counts()
    call_command("load_demo_council", stdout=StringIO())
    assert _counts() == before
