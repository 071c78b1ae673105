"""Logging compliments, enquiries and initial feedback with the people named on the page, and
adding a name later: all or nothing, audited, and never naming anyone in an audit summary."""

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource, MemberKind
from fairhearing.cases.kinds.compliments import (
    compliment_log,
    compliment_person_add,
    compliment_quotation_suggest,
)
from fairhearing.cases.kinds.concerns import concern_log, concern_people_add
from fairhearing.cases.kinds.enquiries import enquiry_log, enquiry_person_add
from fairhearing.cases.models import Compliment, Concern, Enquiry
from fairhearing.core.errors import DomainError
from fairhearing.people.choices import ContactPreference
from fairhearing.people.models import Child, Person
from fairhearing.people.tests.factories import PersonFactory

from .conftest import D
from .factories import make_compliment, make_concern, make_enquiry

pytestmark = pytest.mark.django_db
TODAY = D(2022, 1, 4)


def compliment_arguments(**overrides):
    arguments = dict(received_on=TODAY, source=ComplimentSource.PARENT_FAMILY, channel=Channel.EMAIL,
                     words="Thank you, Jo Bloggs, for everything.", today=TODAY)
    return arguments | overrides


def test_a_compliment_logged_with_a_name_records_the_person_and_the_suggestion_takes_it_out(actor, team):
    compliment = compliment_log(team=team, actor=actor, person_first_name=" Jo ", person_last_name="Bloggs",
                                **compliment_arguments())
    assert (compliment.person.first_name, compliment.person.last_name) == ("Jo", "Bloggs")
    assert compliment_quotation_suggest(compliment=compliment) == "Thank you, X, for everything."
    summaries = " ".join(AuditEvent.objects.values_list("summary", flat=True))
    assert "Jo" not in summaries and "Bloggs" not in summaries


def test_a_compliment_logged_without_a_name_records_no_person(actor, team):
    compliment = compliment_log(team=team, actor=actor, **compliment_arguments())
    assert compliment.person is None
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"person_last_name": "Bloggs"}, "Enter the first name of the person who gave the compliment"),
        ({"person_first_name": "Jo", "words": " "}, "Enter what they said"),
        ({"person_first_name": "J" * 101}, "The name could not be saved"),
        ({"person_first_name": "Jo", "received_on": D(2022, 1, 5)}, "cannot be in the future"),
    ],
)
def test_a_refused_compliment_leaves_no_person_behind(actor, team, overrides, message):
    with pytest.raises(DomainError, match=message):
        compliment_log(team=team, actor=actor, **compliment_arguments(**overrides))
    assert not Compliment.objects.exists() and not Person.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_name_added_later_is_recorded_and_audited(actor):
    compliment = make_compliment(actor=actor)
    compliment = compliment_person_add(compliment=compliment, first_name="Jo", last_name="", actor=actor,
                                       today=TODAY)
    assert compliment.person.first_name == "Jo"
    event = AuditEvent.objects.for_subject(compliment).get(verb="compliment.updated")
    assert event.summary == "Compliment changed: person" and "Jo" not in str(event.changes)


def test_a_name_is_not_added_over_one_already_recorded(actor):
    compliment = make_compliment(actor=actor, person=PersonFactory())
    with pytest.raises(DomainError, match="already records who gave it"):
        compliment_person_add(compliment=compliment, first_name="Jo", actor=actor, today=TODAY)
    assert Person.objects.count() == 1


def test_adding_no_name_is_refused(actor):
    compliment = make_compliment(actor=actor)
    with pytest.raises(DomainError, match="Enter the first name"):
        compliment_person_add(compliment=compliment, first_name=" ", actor=actor, today=TODAY)


# Members' enquiries ------------------------------------------------------------------------------

def test_an_enquiry_logged_on_behalf_of_a_named_constituent(actor, team):
    enquiry = enquiry_log(received_on=TODAY, member_kind=MemberKind.COUNCILLOR, member_name="Cllr A. Example",
                          team=team, summary="Asks about a delay.", actor=actor, on_behalf_of_first_name="Kim",
                          on_behalf_of_last_name="Doe", today=TODAY)
    assert enquiry.on_behalf_of.full_name == "Kim Doe"
    assert enquiry.response_due_on == D(2022, 1, 18)


def test_a_refused_enquiry_leaves_no_person_behind(actor, team):
    with pytest.raises(DomainError, match="name of the MP, MEP or councillor"):
        enquiry_log(received_on=TODAY, member_kind=MemberKind.MP, member_name=" ", team=team,
                    summary="Asks about a delay.", actor=actor, on_behalf_of_first_name="Kim", today=TODAY)
    assert not Enquiry.objects.exists() and not Person.objects.exists()


def test_an_enquiry_without_a_constituent_may_have_one_added_once(actor):
    enquiry = make_enquiry(actor=actor)
    with pytest.raises(DomainError, match="Enter the first name of the person the enquiry is on behalf of"):
        enquiry_person_add(enquiry=enquiry, first_name="", last_name="Doe", actor=actor, today=TODAY)
    enquiry = enquiry_person_add(enquiry=enquiry, first_name="Kim", actor=actor, today=TODAY)
    assert enquiry.on_behalf_of.first_name == "Kim"
    with pytest.raises(DomainError, match="already records who it is on behalf of"):
        enquiry_person_add(enquiry=enquiry, first_name="Lee", actor=actor, today=TODAY)
    assert Person.objects.count() == 1


# Initial feedback ---------------------------------------------------------------------------------

def test_a_concern_logged_with_the_person_and_child(actor, team):
    concern = concern_log(received_on=TODAY, channel=Channel.TELEPHONE, team=team, summary="No call back.",
                          actor=actor, person_first_name="Kerry", person_last_name="Doe",
                          person_telephone="01632 960 001", child_first_name="Max", today=TODAY)
    assert concern.person.full_name == "Kerry Doe"
    # Only a telephone number was given, so that is how they are contacted.
    assert concern.person.contact_preference == ContactPreference.TELEPHONE
    assert concern.child.first_name == "Max"
    summaries = " ".join(AuditEvent.objects.values_list("summary", flat=True))
    assert "Kerry" not in summaries and "Max" not in summaries


def test_a_concern_person_with_an_email_is_contacted_by_email(actor, team):
    concern = concern_log(received_on=TODAY, channel=Channel.EMAIL, team=team, summary="No call back.",
                          actor=actor, person_first_name="Kerry", person_email="kerry@example.org",
                          person_telephone="01632 960 001", today=TODAY)
    assert concern.person.contact_preference == ContactPreference.EMAIL


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"person_first_name": "", "person_email": "kerry@example.org"}, "first name of the person who raised"),
        ({"child_first_name": "", "child_last_name": "Doe"}, "Enter the child's first name"),
        ({"person_email": "not an email"}, "The person's details could not be saved"),
        ({"summary": " "}, "what the concern is about"),
    ],
)
def test_a_refused_concern_leaves_no_person_or_child_behind(actor, team, overrides, message):
    arguments = dict(received_on=TODAY, channel=Channel.TELEPHONE, team=team, summary="No call back.",
                     actor=actor, person_first_name="Kerry", child_first_name="Max", today=TODAY)
    with pytest.raises(DomainError, match=message):
        concern_log(**(arguments | overrides))
    assert not Concern.objects.exists() and not Person.objects.exists() and not Child.objects.exists()


def test_people_are_added_to_a_concern_logged_without_them(actor):
    concern = make_concern(actor=actor, person=None, child=None)
    concern = concern_people_add(concern=concern, actor=actor, person_first_name="Kerry", today=TODAY)
    assert (concern.person.first_name, concern.child) == ("Kerry", None)
    concern = concern_people_add(concern=concern, actor=actor, child_first_name="Max", today=TODAY)
    assert (concern.person.first_name, concern.child.first_name) == ("Kerry", "Max")
    assert AuditEvent.objects.for_subject(concern).filter(verb="concern.updated").count() == 2


def test_people_already_recorded_on_a_concern_are_kept(actor):
    concern = make_concern(actor=actor)
    with pytest.raises(DomainError, match="already records who raised it"):
        concern_people_add(concern=concern, actor=actor, person_first_name="Kerry", today=TODAY)
    with pytest.raises(DomainError, match="already records the child"):
        concern_people_add(concern=concern, actor=actor, child_first_name="Max", today=TODAY)
    assert Person.objects.count() == 1 and Child.objects.count() == 1


def test_adding_nobody_changes_nothing(actor):
    concern = make_concern(actor=actor, person=None, child=None)
    concern_people_add(concern=concern, actor=actor, today=TODAY)
    assert not AuditEvent.objects.for_subject(concern).filter(verb="concern.updated").exists()
