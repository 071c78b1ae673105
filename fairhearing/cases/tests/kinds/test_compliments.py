"""Compliments: logging, correcting, and the quotation with names replaced by X."""

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.cases.kinds.compliments import (
    compliment_create,
    compliment_quotation_prepare,
    compliment_quotation_suggest,
    compliment_update,
    compliments_quotable,
    quotation_contains_names,
    quotation_replace_names,
)
from fairhearing.cases.models import Compliment
from fairhearing.core.errors import DomainError
from fairhearing.people.tests.factories import ChildFactory, PersonFactory

from .conftest import LATER, D
from .factories import make_compliment

pytestmark = pytest.mark.django_db


def test_create_records_the_compliment_and_audits_without_the_words(actor, team):
    child = ChildFactory(first_name="Maisie", last_name="Brown")
    compliment = compliment_create(
        received_on=D(2022, 1, 4), team=team, source=ComplimentSource.CHILD, channel=Channel.APP,
        words="Maisie says her social worker Dave really listens.", about="Social worker", child=child,
        consent_to_quote=True, shared_with_team_on=D(2022, 1, 4), actor=actor, today=D(2022, 1, 4),
    )
    assert compliment.reference == "CMP-2022-0001"
    assert compliment.quotation == "" and not compliment.quotable
    event = AuditEvent.objects.for_subject(compliment).get(verb="compliment.created")
    assert event.actor == actor
    assert "Maisie" not in event.summary and "Maisie" not in str(event.data)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"received_on": D(2022, 1, 5)}, "date received cannot be in the future"),
        ({"team": None}, "Choose the team"),
        ({"source": "neighbour"}, "who gave the compliment"),
        ({"channel": "pigeon"}, "how the compliment was received"),
        ({"words": "  "}, "Enter what they said"),
        ({"shared_with_team_on": D(2022, 1, 3)}, "cannot be before the compliment was received"),
        ({"shared_with_team_on": D(2022, 1, 5)}, "date shared with the team cannot be in the future"),
    ],
)
def test_create_refuses_bad_input_and_saves_nothing(actor, team, overrides, message):
    arguments = dict(received_on=D(2022, 1, 4), team=team, source=ComplimentSource.CARER,
                     channel=Channel.EMAIL, words="Thank you", actor=actor, today=D(2022, 1, 4))
    arguments.update(overrides)
    with pytest.raises(DomainError, match=message):
        compliment_create(**arguments)
    assert not Compliment.objects.exists()
    assert not AuditEvent.objects.exists()


def test_suggestion_replaces_the_recorded_names_as_whole_words_in_any_case(actor):
    compliment = make_compliment(
        actor=actor, person=PersonFactory(first_name="Ann", last_name="Jones"),
        child=ChildFactory(first_name="Sam", last_name="Jones"),
        words="ann and SAM JONES thank Dave. Annabel says planning with Sam's team helped; Samuel agrees.",
    )
    assert compliment_quotation_suggest(compliment=compliment, extra_names=["Dave"]) == (
        "X and X thank X. Annabel says planning with X's team helped; Samuel agrees.")
    # Nothing is saved by a suggestion.
    compliment.refresh_from_db()
    assert compliment.quotation == ""


def test_names_inside_other_words_are_left_alone():
    assert quotation_replace_names("Xander met Xan, not Xanthe.", ["Xan"]) == "Xander met X, not Xanthe."
    assert quotation_replace_names("Leanne thanked Anne and Joanne.", ["Anne"]) == "Leanne thanked X and Joanne."
    assert quotation_replace_names("Lee's help was fleeting? No: Lee-Anne stayed.", ["Lee"]) == (
        "X's help was fleeting? No: X-Anne stayed.")


def test_full_names_become_one_x_and_hyphenated_names_are_matched_in_part():
    text = "Anne-Marie  O'Neill and Anne-Marie, and Marie, and O'Neill helped."
    assert quotation_replace_names(text, ["Anne-Marie", "O'Neill"]) == "X and X, and X, and X helped."


def test_single_letters_and_empty_names_are_not_replaced():
    assert quotation_replace_names("I had a good year.", ["I", "a", "", None]) == "I had a good year."


def test_prepared_quotation_with_consent_becomes_quotable(actor):
    compliment = make_compliment(actor=actor, person=PersonFactory(first_name="Ann"), consent_to_quote=True,
                                 words="Ann says thank you.")
    suggestion = compliment_quotation_suggest(compliment=compliment)
    compliment = compliment_quotation_prepare(compliment=compliment, quotation=suggestion, actor=actor)
    assert compliment.quotation == "X says thank you."
    assert compliment.quotable
    assert list(Compliment.objects.quotable()) == [compliment]
    assert list(compliments_quotable(start=D(2022, 1, 4), end=D(2022, 1, 4))) == [compliment]
    assert list(compliments_quotable(start=D(2022, 1, 5), end=D(2022, 3, 31))) == []
    assert AuditEvent.objects.get(verb="compliment.quotation_prepared").summary == (
        "Quotation prepared with names replaced")


def test_without_consent_a_prepared_quotation_is_not_quotable(actor):
    compliment = make_compliment(actor=actor, words="Thank you.")
    compliment = compliment_quotation_prepare(compliment=compliment, quotation="Thank you.", actor=actor)
    assert not compliment.quotable
    assert not Compliment.objects.quotable().exists()
    assert "no consent to quote yet" in AuditEvent.objects.get(verb="compliment.quotation_prepared").summary


def test_consent_without_a_quotation_is_not_quotable(actor):
    make_compliment(actor=actor, consent_to_quote=True)
    assert not Compliment.objects.quotable().exists()


@pytest.mark.parametrize("quotation", ["Ann says thank you.", "ANN says thank you.", "Thanks from Dave."])
def test_a_quotation_still_naming_someone_is_refused(actor, quotation):
    compliment = make_compliment(actor=actor, person=PersonFactory(first_name="Ann"), consent_to_quote=True,
                                 words="Ann says thank you to Dave.")
    with pytest.raises(DomainError, match="still contains a name") as refused:
        compliment_quotation_prepare(compliment=compliment, quotation=quotation, actor=actor, extra_names=["Dave"])
    assert "Ann" not in refused.value.message
    compliment.refresh_from_db()
    assert compliment.quotation == ""


def test_a_word_that_is_also_a_name_may_be_restored_in_lower_case(actor):
    # The suggestion takes out "will" for a child called Will; the officer puts it back.
    compliment = make_compliment(actor=actor, child=ChildFactory(first_name="Will"), consent_to_quote=True,
                                 words="Will says the team will always listen.")
    assert compliment_quotation_suggest(compliment=compliment) == "X says the team X always listen."
    compliment = compliment_quotation_prepare(
        compliment=compliment, quotation="X says the team will always listen.", actor=actor)
    assert compliment.quotable


def test_an_empty_quotation_is_refused(actor):
    compliment = make_compliment(actor=actor)
    with pytest.raises(DomainError, match="Enter the quotation"):
        compliment_quotation_prepare(compliment=compliment, quotation="  ", actor=actor)


def test_withdrawing_consent_takes_it_out_of_reports(actor):
    compliment = make_compliment(actor=actor, consent_to_quote=True, words="Thank you.")
    compliment_quotation_prepare(compliment=compliment, quotation="Thank you.", actor=actor)
    compliment = compliment_update(compliment=compliment, consent_to_quote=False, actor=actor, today=LATER)
    assert not Compliment.objects.quotable().exists()
    assert AuditEvent.objects.get(verb="compliment.updated").changes == {"consent_to_quote": [True, False]}


def test_new_words_clear_the_prepared_quotation(actor):
    compliment = make_compliment(actor=actor, consent_to_quote=True, words="Thank you.")
    compliment_quotation_prepare(compliment=compliment, quotation="Thank you.", actor=actor)
    compliment = compliment_update(compliment=compliment, words="Thank you, Priya.", actor=actor, today=LATER)
    assert compliment.quotation == "" and not compliment.quotable
    event = AuditEvent.objects.get(verb="compliment.updated")
    assert "Priya" not in str(event.changes)
    assert set(event.changes) == {"words", "quotation"}


def test_recording_the_date_shared_with_the_team(actor):
    compliment = make_compliment(actor=actor)
    compliment = compliment_update(compliment=compliment, shared_with_team_on=D(2022, 1, 6), actor=actor,
                                   today=D(2022, 1, 6))
    assert compliment.shared_with_team_on == D(2022, 1, 6)
    with pytest.raises(DomainError, match="cannot be in the future"):
        compliment_update(compliment=compliment, shared_with_team_on=D(2022, 1, 7), actor=actor,
                          today=D(2022, 1, 6))
    compliment.refresh_from_db()
    assert compliment.shared_with_team_on == D(2022, 1, 6)


def test_contains_names_is_strict_about_capitalisation():
    assert quotation_contains_names("Thanks to Will.", ["will"])
    assert not quotation_contains_names("The team will help.", ["Will"])
    assert not quotation_contains_names("Nothing here.", [])
