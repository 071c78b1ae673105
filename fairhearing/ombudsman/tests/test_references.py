"""LGSCO references: typed any reasonable way, stored as "NN NNN NNN", refused with a message that
says what is wanted, and never used twice."""

import pytest
from django.core.exceptions import ValidationError

from fairhearing.core.errors import DomainError
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.references import lgsco_reference_normalise

from .factories import OmbudsmanCaseFactory, make_case

INVALID = "Enter the Ombudsman's reference as 8 digits, as on its letters, for example 21 012 345"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("21 012 345", "21 012 345"),
        ("21012345", "21 012 345"),
        ("21-012-345", "21 012 345"),
        ("  21 012 345  ", "21 012 345"),
        ("21\u00a0012\u00a0345", "21 012 345"),  # non-breaking spaces, pasted from a web page
        ("21\u2013012\u2013345", "21 012 345"),  # en dashes
        ("21 012345", "21 012 345"),
        ("00 000 001", "00 000 001"),  # leading zeros are part of the reference
    ],
)
def test_references_are_stored_in_the_printed_form(typed, stored):
    assert lgsco_reference_normalise(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "2101234",  # 7 digits
        "210123456",  # 9 digits
        "21 012 34X",
        "CSC-2022-0001",  # a complaint reference, not the Ombudsman's
        "21 012 345 6",
        "\u0662\u0661012345",  # Arabic-Indic digits count as digits to str.isdigit()
        "21_012_345",
    ],
)
def test_anything_but_8_digits_is_refused_with_the_format(typed):
    with pytest.raises(DomainError) as refusal:
        lgsco_reference_normalise(typed)
    assert refusal.value.message == INVALID
    assert refusal.value.code == "lgsco_reference_invalid"


@pytest.mark.parametrize("typed", ["", "   ", " - ", None])
def test_a_missing_reference_is_asked_for(typed):
    with pytest.raises(DomainError, match="^Enter the Ombudsman's reference$"):
        lgsco_reference_normalise(typed)


@pytest.mark.django_db
def test_a_case_is_saved_with_the_normalised_reference():
    assert make_case(lgsco_reference="21-012-345").lgsco_reference == "21 012 345"


@pytest.mark.django_db
def test_a_bad_reference_saves_nothing():
    with pytest.raises(DomainError, match="8 digits"):
        make_case(lgsco_reference="21 012 34")
    assert not OmbudsmanCase.objects.exists()


@pytest.mark.django_db
def test_the_same_reference_typed_differently_is_a_duplicate():
    make_case(lgsco_reference="21 012 345")
    with pytest.raises(DomainError, match="^There is already an Ombudsman case with reference 21 012 345.$"):
        make_case(lgsco_reference="21012345")
    assert OmbudsmanCase.objects.count() == 1


@pytest.mark.django_db
def test_the_model_refuses_an_unformatted_reference_in_forms_and_the_admin():
    case = OmbudsmanCaseFactory.build(lgsco_reference="21012345")
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert error.value.message_dict["lgsco_reference"] == [INVALID]
