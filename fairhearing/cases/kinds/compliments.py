"""Compliments: logging them (in under a minute), and preparing the quotation a report may use.

The words as said may name the family, the child or staff. A report shows only the quotation:
the words with names replaced by "X", prepared and confirmed by an officer, and only when the
person agreed to be quoted (``Compliment.objects.quotable()``).
"""

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.people.models import Child, Person
from fairhearing.people.services import person_create

from ..choices import Channel
from ..kind_choices import ComplimentSource, ReferenceKind
from ..models import Compliment
from ._common import (
    UNCHANGED,
    Unchanged,
    apply_changes,
    check_choice,
    check_date,
    check_text,
    full_clean,
    lock,
)
from .references import kind_reference_next

REPLACEMENT = "X"
# Names shorter than this are not replaced: a one-letter "name" would turn every "a" or "I" into X.
_SHORTEST_NAME = 2


def _name_variants(names: Iterable[str | None]) -> set[str]:
    """Each name as given, and each of its parts (first and last names, both halves of Anne-Marie)."""
    variants: set[str] = set()
    for name in names:
        cleaned = " ".join((name or "").split())
        if len(cleaned) < _SHORTEST_NAME:
            continue
        variants.add(cleaned)
        for part in re.split(r"[\s\-]+", cleaned):
            if len(part) >= _SHORTEST_NAME:
                variants.add(part)
    return variants


def _names_pattern(variants: Iterable[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    # Whole words only: the look-arounds stop "Ann" matching inside "Annabel" or "planning".
    # Names one after another ("Sam Jones", "Anne-Marie O'Neill") are one match, so a full name
    # becomes one X rather than "X X". Longest first, so a full name wins over its parts.
    ordered = sorted(set(variants), key=lambda text: (-len(text), text))
    if not ordered:
        return None
    name = "(?:" + "|".join(r"\s+".join(re.escape(word) for word in text.split(" ")) for text in ordered) + ")"
    return re.compile(rf"(?<!\w){name}(?:\s+{name})*(?!\w)", re.IGNORECASE if ignore_case else 0)


def quotation_replace_names(text: str, names: Iterable[str | None]) -> str:
    """``text`` with each of ``names`` (whole words, any capitalisation) replaced by "X"."""
    pattern = _names_pattern(_name_variants(names), ignore_case=True)
    return text if pattern is None else pattern.sub(REPLACEMENT, text)


def quotation_contains_names(text: str, names: Iterable[str | None]) -> bool:
    """Whether a name still appears in ``text`` written as a name (capitalised, or in capitals).

    Stricter matching than the suggestion on purpose: a child called Will must not stop an
    officer restoring "will" to a quotation the suggestion over-corrected.
    """
    cased: set[str] = set()
    for variant in _name_variants(names):
        cased.update({variant.title(), variant.upper()})
        if variant != variant.lower():
            cased.add(variant)
    pattern = _names_pattern(cased, ignore_case=False)
    return pattern is not None and pattern.search(text) is not None


def compliment_known_names(compliment: Compliment, extra_names: Iterable[str] = ()) -> list[str]:
    """The names recorded on the compliment (the person's and the child's), plus any others given."""
    names: list[str] = []
    for someone in (compliment.person, compliment.child):
        if someone is not None:
            names += [someone.first_name, someone.last_name]
    names += [name for name in extra_names if name]
    return names


def compliment_quotation_suggest(*, compliment: Compliment, extra_names: Iterable[str] = ()) -> str:
    """A first draft of the quotation: the words with the known names replaced by "X".

    ``extra_names`` are other names to take out, e.g. the social worker's. The officer reads,
    edits and confirms the draft with :func:`compliment_quotation_prepare`; nothing is saved here.
    """
    return quotation_replace_names(compliment.words, compliment_known_names(compliment, extra_names))


def _check(compliment: Compliment, *, today: date) -> None:
    check_date(compliment.received_on, label="date received", today=today)
    if compliment.team_id is None:
        raise DomainError("Choose the team or service area the compliment is about.")
    check_choice(compliment.source, ComplimentSource, message="Choose who gave the compliment.")
    check_choice(compliment.channel, Channel, message="Choose how the compliment was received.")
    compliment.words = check_text(compliment.words, message="Enter what they said.")
    check_date(
        compliment.shared_with_team_on, label="date shared with the team", today=today,
        not_before=compliment.received_on, not_before_label="the compliment was received", required=False,
    )
    full_clean(compliment)


@transaction.atomic
def compliment_create(
    *,
    received_on: date,
    team: Team,
    source: str,
    words: str,
    channel: str,
    actor: Any,
    about: str = "",
    person: Person | None = None,
    child: Child | None = None,
    consent_to_quote: bool = False,
    shared_with_team_on: date | None = None,
    today: date | None = None,
) -> Compliment:
    """Log a compliment. The quotation is prepared afterwards (compliment_quotation_prepare)."""
    today = today or clock.today()
    compliment = Compliment(
        reference="", received_on=received_on, team=team, source=source, about=(about or "").strip(),
        words=words, channel=channel, person=person, child=child, consent_to_quote=consent_to_quote,
        shared_with_team_on=shared_with_team_on, created_by=actor,
    )
    _check(compliment, today=today)
    compliment.reference = kind_reference_next(kind=ReferenceKind.COMPLIMENT, year=received_on.year)
    compliment.save()
    audit_record(
        actor=actor, verb="compliment.created", subject=compliment,
        summary=f"Compliment logged, received {long_date(received_on)}",
        data={"received_on": received_on, "team": team.pk, "source": source, "channel": channel,
              "consent_to_quote": consent_to_quote},
    )
    return compliment


def _person_named(first_name: str, last_name: str, *, actor: Any) -> Person | None:
    """The person who gave the compliment, recorded from the name typed on the page, or None."""
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    if not first_name:
        if last_name:
            raise DomainError("Enter the first name of the person who gave the compliment, or leave both names empty.")
        return None
    try:
        return person_create(first_name=first_name, last_name=last_name, actor=actor)
    except ValidationError as error:
        raise DomainError("The name could not be saved: " + " ".join(error.messages)) from error


@transaction.atomic
def compliment_log(
    *,
    received_on: date,
    team: Team,
    source: str,
    words: str,
    channel: str,
    actor: Any,
    consent_to_quote: bool = False,
    about: str = "",
    person_first_name: str = "",
    person_last_name: str = "",
    today: date | None = None,
) -> Compliment:
    """Log a compliment from the one short page, with the giver's name if they gave it.

    The name is recorded as a person on the compliment, so the suggested quotation takes it out.
    All or nothing: a refused compliment leaves no person behind.
    """
    person = _person_named(person_first_name, person_last_name, actor=actor)
    return compliment_create(
        received_on=received_on, team=team, source=source, words=words, channel=channel, actor=actor,
        consent_to_quote=consent_to_quote, about=about, person=person, today=today,
    )


@transaction.atomic
def compliment_person_add(
    *, compliment: Compliment, first_name: str, last_name: str = "", actor: Any, today: date | None = None
) -> Compliment:
    """Record the name of the person who gave a compliment logged without one. A compliment that
    already names someone keeps them: that person's details are changed on their own record."""
    if compliment.person_id is not None:
        raise DomainError("This compliment already records who gave it.")
    person = _person_named(first_name, last_name, actor=actor)
    if person is None:
        raise DomainError("Enter the first name of the person who gave the compliment.")
    return compliment_update(compliment=compliment, person=person, actor=actor, today=today)


# Changing these may bring names into the words, or name different people: a quotation prepared
# before must be prepared again.
_QUOTATION_SOURCES = ("words", "person", "child")


@transaction.atomic
def compliment_update(
    *,
    compliment: Compliment,
    actor: Any,
    received_on: date | Unchanged = UNCHANGED,
    team: Team | Unchanged = UNCHANGED,
    source: str | Unchanged = UNCHANGED,
    about: str | Unchanged = UNCHANGED,
    words: str | Unchanged = UNCHANGED,
    channel: str | Unchanged = UNCHANGED,
    person: Person | None | Unchanged = UNCHANGED,
    child: Child | None | Unchanged = UNCHANGED,
    consent_to_quote: bool | Unchanged = UNCHANGED,
    shared_with_team_on: date | None | Unchanged = UNCHANGED,
    today: date | None = None,
) -> Compliment:
    """Correct or complete a compliment: pass only the fields that change.

    Withdrawing consent takes the compliment out of reports at once. Changing the words or the
    people recorded clears a prepared quotation, which must then be prepared again.
    """
    today = today or clock.today()
    compliment = lock(compliment)
    changes = apply_changes(compliment, {
        "received_on": received_on, "team": team, "source": source, "about": about, "words": words,
        "channel": channel, "person": person, "child": child, "consent_to_quote": consent_to_quote,
        "shared_with_team_on": shared_with_team_on,
    })
    if not changes:
        return compliment
    if compliment.quotation and any(field in changes for field in _QUOTATION_SOURCES):
        changes["quotation"] = ["(prepared)", ""]
        compliment.quotation = ""
    _check(compliment, today=today)
    compliment.save()
    audit_record(
        actor=actor, verb="compliment.updated", subject=compliment,
        summary="Compliment changed: " + ", ".join(sorted(changes)).replace("_", " "),
        # The words may contain names: record that they changed, not what they say.
        changes={field: (["(changed)", "(changed)"] if field in ("words", "quotation") else values)
                 for field, values in changes.items()},
    )
    return compliment


@transaction.atomic
def compliment_quotation_prepare(
    *, compliment: Compliment, quotation: str, actor: Any, extra_names: Iterable[str] = ()
) -> Compliment:
    """Save the quotation the officer confirmed (usually an edited compliment_quotation_suggest()).

    Refused while a recorded name (or one of ``extra_names``) still appears in it written as a
    name. A report may quote the compliment once this is saved and the person has consented.
    """
    compliment = lock(compliment)
    text = check_text(quotation, message="Enter the quotation, with names replaced by X.")
    if quotation_contains_names(text, compliment_known_names(compliment, extra_names)):
        raise DomainError(
            "The quotation still contains a name recorded on the compliment. Replace each name with X."
        )
    if text == compliment.quotation:
        return compliment
    had_one = bool(compliment.quotation)
    compliment.quotation = text
    full_clean(compliment)
    compliment.save(update_fields=["quotation", "updated_at"])
    audit_record(
        actor=actor, verb="compliment.quotation_prepared", subject=compliment,
        summary="Quotation " + ("revised" if had_one else "prepared") + " with names replaced"
                + ("" if compliment.consent_to_quote else " (no consent to quote yet)"),
        data={"consent_to_quote": compliment.consent_to_quote},
    )
    return compliment


def compliments_quotable(*, start: date, end: date) -> Any:
    """Compliments received from ``start`` to ``end`` inclusive that a report may quote."""
    return (
        Compliment.objects.quotable()
        .filter(received_on__range=(start, end))
        .select_related("team")
        .order_by("received_on", "id")
    )
