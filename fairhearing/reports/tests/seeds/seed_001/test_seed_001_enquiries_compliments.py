"""Seed 001: MP, MEP and Members' enquiries by team, and compliments
by service area."""

import pytest

from ..builders import (
    column_keys,
    printed,
)
from .world import table

pytestmark = pytest.mark.django_db


def test_enquiries_by_team(world):
    """11 MP, 18 MEP and 28 Members' enquiries in 2018/19, by team (the seed's three tables, one
    row per team here). The seed's "CFAT" and "Child Protection/LADO" are the teams of the same
    names in the upheld table. 2017-18's split (15, 22, 34) and when enquiries were answered are
    chosen: the seed gives neither."""
    report = world
    kinds = table(report, "enquiries", "enquiries_by_kind")
    assert printed(kinds) == {
        "MP": ("11", "15", "-4", "-26.7%"),
        "MEP": ("18", "22", "-4", "-18.2%"),
        "Councillor": ("28", "34", "-6", "-17.6%"),
        "Total": ("57", "71", "-14", "-19.7%"),
    }
    by_team = table(report, "enquiries", "enquiries_by_team")
    assert column_keys(by_team) == ["mp", "mep", "councillor", "total"]
    assert printed(by_team) == {
        "Adoption": ("1", "0", "0", "1"),
        "Aftercare": ("0", "0", "1", "1"),
        "Child Protection / LADO": ("0", "0", "6", "6"),
        "Children and Families Assessment Team CFAT": ("0", "3", "5", "8"),
        "Commissioning": ("0", "0", "1", "1"),
        "Disabled Children": ("1", "1", "0", "2"),
        "Family Placement Service": ("0", "1", "1", "2"),
        "Family Support Team 1": ("0", "1", "0", "1"),
        "Family Support Team 2": ("0", "1", "1", "2"),
        "Family Support Team 3": ("1", "3", "2", "6"),
        "Family Support Team 4": ("3", "2", "1", "6"),
        "Family Support Team 5": ("1", "2", "1", "4"),
        "Family Support Team 6": ("0", "0", "1", "1"),
        "Finance": ("1", "0", "1", "2"),
        "Fostering": ("1", "0", "3", "4"),
        "Other": ("0", "0", "1", "1"),
        "Permanence/Court Work": ("1", "0", "1", "2"),
        "Through Care 1": ("0", "1", "0", "1"),
        "Through Care 2": ("0", "3", "1", "4"),
        "Through Care 3": ("1", "0", "1", "2"),
        "Total": ("11", "18", "28", "57"),
    }
    # Chosen: 8 of 57 and 11 of 71 answered after the 10 working days allowed.
    assert printed(table(report, "enquiries", "enquiries_on_time")) == {
        "Responses due": ("57", "71"),
        "Answered on time": ("49", "60"),
        "% answered on time": ("86.0%", "84.5%"),
    }


def test_compliments_by_service_area(world):
    """26 compliments in 2018/19 by service area, as the seed lists them ("Prevention & Support
    Service" is the team the upheld table calls "Prevention & Support Services"; "Permanence"
    and "Children in Public Care" are kept as the seed names them). 2017-18 is chosen."""
    report = world
    assert printed(table(report, "compliments", "compliments_by_team")) == {
        "Adoption": ("2", "4", "-2", "-50.0%"),
        "Aftercare": ("1", "1", "0", "0.0%"),
        "Children and Families Assessment Team CFAT": ("4", "5", "-1", "-20.0%"),
        "Children in Public Care": ("1", "1", "0", "0.0%"),
        "Family Support Team 4": ("2", "2", "0", "0.0%"),
        "Fostering": ("6", "7", "-1", "-14.3%"),
        "MASH": ("1", "2", "-1", "-50.0%"),
        "Permanence": ("1", "1", "0", "0.0%"),
        "Prevention & Support Services": ("4", "3", "+1", "+33.3%"),
        "Safeguarding": ("2", "2", "0", "0.0%"),
        "Through Care 1": ("2", "3", "-1", "-33.3%"),
        "Total": ("26", "31", "-5", "-16.1%"),
    }
    assert printed(table(report, "compliments", "compliments_by_source")) == {
        "Parent or family member": ("12", "15", "-3", "-20.0%"),
        "Child or young person": ("2", "3", "-1", "-33.3%"),
        "Carer": ("2", "2", "0", "0.0%"),
        "Professional inside the council": ("4", "4", "0", "0.0%"),
        "Professional outside the council": ("6", "7", "-1", "-14.3%"),
        "Total": ("26", "31", "-5", "-16.1%"),
    }
    assert report.section("compliments").paragraphs == ["26 compliments were received in 2018-19."]
