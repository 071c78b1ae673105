"""Logging a complaint under a reference the council already gave it (an imported register's)."""

import datetime

import pytest

from fairhearing.cases.choices import Channel
from fairhearing.cases.models import Complaint, Procedure
from fairhearing.cases.services import complaint_create
from fairhearing.cases.tests.factories import officer
from fairhearing.core.errors import DomainError
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import PersonFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def create(**overrides):
    arguments = dict(
        received_on=D(2021, 4, 1), channel=Channel.EMAIL, procedure=Procedure.objects.get(code="children-statutory"),
        routing_reason="Child in need", summary="Summary", points=["One"],
        complainants=[(PersonFactory(), Relationship.PARENT)], actor=officer(), today=D(2022, 1, 4),
    )
    arguments.update(overrides)
    return complaint_create(**arguments)


def test_a_given_reference_is_kept_instead_of_the_next_one():
    complaint = create(reference="  CSC-2021-0007 ")
    assert Complaint.objects.get(pk=complaint.pk).reference == "CSC-2021-0007"
    # The numbering of the year is untouched: the next complaint logged by hand gets the first one.
    assert create().reference != "CSC-2021-0007"


def test_a_reference_already_in_use_is_refused_in_any_case_and_nothing_is_saved():
    create(reference="CSC-2021-0007")
    with pytest.raises(DomainError, match="csc-2021-0007 is already used by another complaint"):
        create(reference="csc-2021-0007")
    assert Complaint.objects.count() == 1


def test_a_reference_longer_than_thirty_characters_is_refused():
    with pytest.raises(DomainError, match="longer than 30"):
        create(reference="X" * 31)
    assert create(reference="X" * 30).reference == "X" * 30


def test_without_a_reference_the_next_one_of_the_year_is_given():
    first, second = create(), create()
    assert first.reference and second.reference and first.reference != second.reference
