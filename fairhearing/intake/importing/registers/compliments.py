"""The compliments register: one row per compliment, checked, imported and exported.

Each row becomes a compliment made by ``compliment_create``, the service the "log a compliment"
page calls, with its quotation saved by ``compliment_quotation_prepare``. The compliment gets Fair
Hearing's own reference (CMP-2021-0001); the register's reference is kept on the import's record
of it, is what an export writes in the Reference column, and is the key that makes importing the
same file twice change nothing. What the register does not hold is filled in as docs/import.md
says: blank words are "Not recorded in the imported register.", a blank channel is "other", and
consent to quote is "no" unless the row says yes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from fairhearing.accounts.models import Team
from fairhearing.cases.choices import Channel
from fairhearing.cases.kinds.compliments import compliment_create, compliment_quotation_prepare
from fairhearing.cases.models import Compliment

from ..columns import COMPLIMENT_COLUMNS, RegisterKind
from ..problems import Problem
from ..rows import RegisterSpec, RowChecker, RowRules, Validation
from ..writer import ImportResult
from ._common import (
    NOT_RECORDED,
    adder,
    dates_in_order,
    dates_not_in_future,
    import_rows,
    iso,
    register_references,
)

HEADERS: tuple[str, ...] = tuple(column.header for column in COMPLIMENT_COLUMNS)


@dataclass(frozen=True)
class ComplimentRow:
    """One valid compliment row, typed; blank cells are None or empty text."""

    source_row: int
    reference: str
    received: date
    team: str
    given_by: str
    channel: str | None = None
    about: str = ""
    words: str = ""
    quotation: str = ""
    consent_to_quote: bool | None = None
    shared_with_team: date | None = None


def compliment_rules(today: date) -> RowRules:
    """The rules between a compliment's cells: dates have happened, and in order."""

    def rules(number: int, values: dict[str, Any], checker: RowChecker) -> list[Problem]:
        problems: list[Problem] = []
        add = adder(number, checker, problems)
        dates_not_in_future(values, today, add)
        dates_in_order(values, checker, add, (("shared_with_team", ("received",)),))
        return problems

    return rules


SPEC = RegisterSpec(kind=RegisterKind.COMPLIMENTS, row_type=ComplimentRow, key="reference",
                    make_rules=compliment_rules)


def import_compliments(
    *, validation: Validation, file_name: str, file_sha256: str, actor: Any, today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write every row of a checked compliments register as compliments, all or nothing.

    ``today`` is taken for a call like every kind's; each compliment is logged as on the last day
    its row records (the day it was shared with the team, or received), which has happened.
    """
    teams = {team.name: team for team in Team.objects.all()}

    def write(row: ComplimentRow) -> Compliment:
        compliment = compliment_create(
            received_on=row.received, team=teams[row.team], source=row.given_by,
            words=row.words or NOT_RECORDED, channel=row.channel or Channel.OTHER, actor=actor,
            about=row.about, consent_to_quote=bool(row.consent_to_quote),
            shared_with_team_on=row.shared_with_team, today=row.shared_with_team or row.received,
        )
        if row.quotation:
            compliment = compliment_quotation_prepare(compliment=compliment, quotation=row.quotation, actor=actor)
        return compliment

    return import_rows(validation=validation, kind=RegisterKind.COMPLIMENTS, key="reference", model=Compliment,
                       file_name=file_name, file_sha256=file_sha256, actor=actor,
                       existing_keys=Compliment.objects.values_list("reference", flat=True), write_row=write,
                       noun="compliments", progress=progress)


def compliments_export_rows(*, compliments: QuerySet[Compliment]) -> Iterator[list[str]]:
    """One row of text per compliment, in the canonical columns' order, oldest first.

    Ties on the day received keep the order the compliments were logged in, so a file imported
    and exported again comes out in the same order.
    """
    registered = register_references(Compliment)
    for compliment in compliments.select_related("team").order_by("received_on", "pk"):
        values = {
            "Reference": registered.get(compliment.pk, compliment.reference),
            "Received": iso(compliment.received_on),
            "Team": compliment.team.name,
            "Given by": compliment.source,
            "Channel": compliment.channel,
            "About": compliment.about,
            "Words": compliment.words,
            "Quotation": compliment.quotation,
            "Consent to quote": "yes" if compliment.consent_to_quote else "no",
            "Shared with team": iso(compliment.shared_with_team_on),
        }
        yield [values[header] for header in HEADERS]
