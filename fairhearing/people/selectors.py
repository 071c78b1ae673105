"""Linked records: every record about one child or one person, and finding children and people.

Complaints, compliments, Members' enquiries, initial feedback, IRO disputes and Ombudsman cases
all point at the same children and people, so one page can list everything about a child or a
family. Those kinds of record live in apps above this one, so this module does not import them:
the caller passes a :class:`LinkedKind` per kind, holding the records of that kind *the viewer may
see* (from that kind's own access rules) and how that kind refers to a child and a person.

Everything here is read through those querysets. A record the viewer may not see is never listed,
never counted and never used to find a child, a person or a family link, so nothing on the page
hints that a hidden record exists. Each function costs a fixed number of queries, however many
records there are.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import Child, Person

SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 6  # more words than a full name has only slow the query down


@dataclass(frozen=True)
class LinkedKind:
    """One kind of record that can be about a child or a person, as one viewer may see it."""

    key: str  # e.g. "complaint"
    title: str  # e.g. "Complaints", a heading on the page
    visible: QuerySet  # the records of this kind the viewer may see, from that kind's access rules
    child_path: str | None  # lookup from a record to the child it is about, e.g. "children__child"
    person_path: str | None  # lookup from a record to the person it is from, e.g. "complainants__person"
    date_field: str  # the date the record is listed by, newest first


@dataclass(frozen=True)
class LinkedGroup:
    """The records of one kind about a child or person, newest first."""

    kind: LinkedKind
    records: list[Model]


@dataclass(frozen=True)
class LinkedRecords:
    """What one viewer may see about a child or a person: their records by kind (only kinds with
    records), and the children and people named on those same records (the family)."""

    groups: list[LinkedGroup]
    children: list[Child]
    people: list[Person]


def _path(kind: LinkedKind, subject_model: type[Model]) -> str | None:
    return kind.child_path if subject_model is Child else kind.person_path


def _visible_about(kind: LinkedKind, subject: Child | Person) -> QuerySet | None:
    """The visible records of this kind about the subject, or None if the kind cannot name one.

    Matched through a subquery of record ids rather than a join, so a record that names the
    subject twice over (or a join to many rows) is still listed once.
    """
    path = _path(kind, type(subject))
    if path is None:
        return None
    model = kind.visible.model
    about = model._default_manager.filter(**{path: subject.pk}).values("pk")
    return kind.visible.filter(pk__in=about)


def _named_on_visible(kinds: Sequence[LinkedKind], subject_model: type[Model]) -> Q:
    """Children (or people) named on at least one record the viewer may see."""
    condition = Q(pk__in=[])
    for kind in kinds:
        path = _path(kind, subject_model)
        if path is not None:
            condition |= Q(pk__in=kind.visible.filter(**{f"{path}__isnull": False}).values(path))
    return condition


def _subject_get(model: type[Child] | type[Person], *, pk: int, kinds: Sequence[LinkedKind]) -> Any:
    subject = model._default_manager.filter(pk=pk).filter(_named_on_visible(kinds, model)).first()
    if subject is None:
        # The same answer whether the id does not exist or its records are all hidden from this
        # viewer, so guessing ids reveals nothing.
        raise Http404("No records found")
    return subject


def child_get_for_records(*, pk: int, kinds: Sequence[LinkedKind]) -> Child:
    """The child if the viewer may see at least one record about them; otherwise 404."""
    return _subject_get(Child, pk=pk, kinds=kinds)


def person_get_for_records(*, pk: int, kinds: Sequence[LinkedKind]) -> Person:
    """The person if the viewer may see at least one record naming them; otherwise 404."""
    return _subject_get(Person, pk=pk, kinds=kinds)


def linked_records(*, subject: Child | Person, kinds: Sequence[LinkedKind]) -> LinkedRecords:
    """Every record of these kinds about the child or person that the viewer may see, grouped by
    kind, with the other children and people named on those records.

    One query per kind that can name the subject, and one each for the children and the people.
    """
    groups = []
    about_by_kind = []
    for kind in kinds:
        about = _visible_about(kind, subject)
        if about is None:
            continue
        about_by_kind.append((kind, about))
        records = list(about.order_by(f"-{kind.date_field}", "-pk"))
        if records:
            groups.append(LinkedGroup(kind=kind, records=records))
    return LinkedRecords(
        groups=groups,
        children=_named_with(Child, about_by_kind, exclude=subject),
        people=_named_with(Person, about_by_kind, exclude=subject),
    )


def _named_with(model: type[Child] | type[Person], about_by_kind: list[tuple[LinkedKind, QuerySet]],
                *, exclude: Child | Person) -> list[Any]:
    """The children (or people) on the same visible records as the subject, the subject left out."""
    condition = Q(pk__in=[])
    for kind, about in about_by_kind:
        path = _path(kind, model)
        if path is not None:
            condition |= Q(pk__in=about.filter(**{f"{path}__isnull": False}).values(path))
    found = model._default_manager.filter(condition)
    if isinstance(exclude, model):
        found = found.exclude(pk=exclude.pk)
    return list(found.order_by("last_name", "first_name", "pk"))


@dataclass(frozen=True)
class FoundPeople:
    """Children and people matching a search, among those the viewer may see records about."""

    children: list[Child]
    people: list[Person]
    limit: int
    children_more: bool  # more children matched than the limit: the search should be narrowed
    people_more: bool


def _words(text: str) -> list[str]:
    return " ".join(text.split())[:SEARCH_MAX_LENGTH].split()[:SEARCH_MAX_WORDS]


def _names_q(words: list[str]) -> Q:
    """Every word is part of the first or last name: "pat example" finds Pat Example."""
    condition = Q()
    for word in words:
        condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return condition


def people_find(*, words: str, born_on: date | None, kinds: Sequence[LinkedKind],
                limit: int = 50) -> FoundPeople:
    """Children whose names contain every word, or whose case-system ID is the words, born on the
    date if one is given; and people whose names contain every word (people have no date of
    birth, so a search with a date finds children only). Only those named on a record the viewer
    may see are found. Two queries.
    """
    terms = _words(words)
    if not terms and born_on is None:
        return FoundPeople(children=[], people=[], limit=limit, children_more=False, people_more=False)
    children = Child.objects.filter(_named_on_visible(kinds, Child))
    if terms:
        children = children.filter(_names_q(terms) | Q(case_system_id__iexact=" ".join(terms)))
    if born_on is not None:
        children = children.filter(date_of_birth=born_on)
    found_children = list(children.order_by("last_name", "first_name", "pk")[: limit + 1])
    found_people: list[Person] = []
    if terms and born_on is None:
        people = Person.objects.filter(_named_on_visible(kinds, Person)).filter(_names_q(terms))
        found_people = list(people.order_by("last_name", "first_name", "pk")[: limit + 1])
    return FoundPeople(
        children=found_children[:limit], people=found_people[:limit], limit=limit,
        children_more=len(found_children) > limit, people_more=len(found_people) > limit,
    )
