"""Likely duplicates: the same complainant or child within 90 days, described only to those who may see."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.duplicates import complaints_likely_duplicate, phone_digits
from fairhearing.cases.intake import ChildInput, ComplainantInput
from fairhearing.cases.models import Complaint
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

D = datetime.date
RECEIVED = D(2026, 3, 10)
pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return officer()


@pytest.fixture
def earlier(user):
    """A complaint from Alex Example about Sam Example, received 30 days before."""
    person = PersonFactory(first_name="Alex", last_name="Example", email="Alex@Example.org",
                           telephone="+44 (0)7700 900-982")
    child = ChildFactory(first_name="Sam", last_name="Example", date_of_birth=D(2014, 5, 2),
                         case_system_id="LL123456")
    return complaint_on(RECEIVED - datetime.timedelta(days=30), person=person, child=child, actor=user)


def complaint_on(received_on, *, person=None, child=None, actor=None, **kwargs):
    return make_complaint(
        received_on=received_on, today=RECEIVED, actor=actor,
        complainants=[(person or PersonFactory(), Relationship.PARENT)], children=[child or ChildFactory()],
        **kwargs,
    )


def someone(**details):
    return ComplainantInput(**{"first_name": "Pat", "last_name": "Other", "relationship": Relationship.PARENT,
                               **details})


def check(user, complainant=None, children=(), received_on=RECEIVED):
    return complaints_likely_duplicate(
        user=user, received_on=received_on, complainant=complainant or someone(), children=children
    )


@pytest.mark.parametrize(
    ("complainant", "children"),
    [
        (someone(email=" alex@EXAMPLE.org "), ()),
        (someone(first_name="alex", last_name="EXAMPLE"), ()),
        (someone(telephone="07700 900982"), ()),
        (someone(telephone="+447700900982"), ()),
        (someone(), [ChildInput(first_name="SAM", last_name="example", date_of_birth=D(2014, 5, 2))]),
        (someone(), [ChildInput(first_name="Someone", last_name="Else", case_system_id="ll123456")]),
        (someone(), [ChildInput(first_name="Kim"), ChildInput(first_name="X", case_system_id="LL123456")]),
    ],
    ids=["email", "name", "phone", "phone-international", "child-name-and-dob", "child-case-id", "second-child"],
)
def test_each_kind_of_match_is_found(user, earlier, complainant, children):
    found = check(user, complainant, children)
    assert found and found.visible == [earlier] and found.hidden_count == 0


def test_the_page_is_told_what_matched(user, earlier):
    found = check(user, someone(email="alex@example.org"),
                  [ChildInput(first_name="Sam", last_name="Example", date_of_birth=D(2014, 5, 2))])
    assert (found.visible[0].same_complainant, found.visible[0].same_child) == (True, True)
    found = check(user, someone(email="alex@example.org"))
    assert (found.visible[0].same_complainant, found.visible[0].same_child) == (True, False)


@pytest.mark.parametrize(
    ("complainant", "children"),
    [
        (someone(first_name="Alex", last_name=""), ()),  # a first name alone is too common
        (someone(first_name="Alex", last_name="Other"), ()),
        (someone(telephone="0770"), ()),  # a fragment
        (someone(telephone="07700 900983"), ()),
        (someone(), [ChildInput(first_name="Sam", last_name="Example")]),  # no date of birth
        (someone(), [ChildInput(first_name="Sam", last_name="Example", date_of_birth=D(2014, 5, 3))]),
    ],
)
def test_near_misses_do_not_match(user, earlier, complainant, children):
    assert not check(user, complainant, children)


def test_only_the_last_90_days_count(user):
    person = PersonFactory(email="alex@example.org")
    complaint_on(RECEIVED - datetime.timedelta(days=91), person=person, actor=user)
    on_the_edge = complaint_on(RECEIVED - datetime.timedelta(days=90), person=person, actor=user)
    # Logged after a letter that arrived earlier: still the same complainant, still shown.
    since = complaint_on(RECEIVED, person=person, actor=user)
    found = check(user, someone(email="alex@example.org"))
    assert found.visible == [since, on_the_edge]


def test_nothing_to_match_on_costs_no_queries(user, earlier):
    with CaptureQueriesContext(connection) as queries:
        found = check(user, ComplainantInput(first_name="Alex", relationship=Relationship.PARENT))
    assert not found and len(queries) == 0


def test_complaints_the_user_cannot_see_are_counted_not_described(user, earlier):
    hidden = complaint_on(RECEIVED, person=PersonFactory(email="alex@example.org"), actor=user)
    hidden.excluded_users.add(user)
    found = check(user, someone(email="alex@example.org"))
    assert found.visible == [earlier] and found.visible_count == 1 and found.hidden_count == 1

    # A responding manager sees only their team's complaints: the rest are only counted.
    manager = UserFactory(roles=[Role.RESPONDING_MANAGER])
    manager.teams.add(TeamFactory(name="Fostering"))
    found = check(manager, someone(email="alex@example.org"))
    assert found.visible == [] and found.hidden_count == 2


def test_the_fingerprint_changes_when_the_matches_change(user, earlier):
    first = check(user, someone(email="alex@example.org")).fingerprint
    assert first == check(user, someone(email="alex@example.org")).fingerprint
    complaint_on(RECEIVED, person=PersonFactory(email="alex@example.org"), actor=user)
    assert check(user, someone(email="alex@example.org")).fingerprint != first


def _queries_for_check(user):
    with CaptureQueriesContext(connection) as queries:
        found = check(
            user, someone(email="alex@example.org", telephone="07700 900982"),
            [ChildInput(first_name="Sam", last_name="Example", date_of_birth=D(2014, 5, 2), case_system_id="LL1")],
        )
    return found, len(queries)


def test_query_count_does_not_grow_with_matches(user):
    user.role_names  # noqa: B018 - roles are read once per request, not per check
    person = PersonFactory(email="alex@example.org")
    complaint_on(RECEIVED, person=person, actor=user)
    found, few = _queries_for_check(user)
    assert found.visible_count == 1
    for _ in range(12):
        complaint_on(RECEIVED, person=person, actor=user, teams=[TeamFactory()])
    make_complaint(received_on=RECEIVED, today=RECEIVED, actor=user)  # not a match
    found, many = _queries_for_check(user)
    assert found.visible_count == 13 and Complaint.objects.count() == 14
    assert few == many <= 3


@pytest.mark.parametrize(
    ("typed", "digits"),
    [("07700 900982", "07700900982"), ("+44 7700 900982", "07700900982"),
     ("+44 (0)7700 900982", "07700900982"), ("(01632) 960-001", "01632960001"), ("", "")],
)
def test_phone_digits(typed, digits):
    assert phone_digits(typed) == digits
