"""Turning one cell's text into a typed value, or a plain-English reason it cannot be.

Every parser returns ``(value, problem)``: the value when the cell is usable (None for a blank
cell), and otherwise a message completing "Row 14, Stage 1 responded: ..." such as
"31/02/2021 is not a date". Parsers never raise for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import models

from fairhearing.accounts.models import Team
from fairhearing.cases.choices import Channel, ProcedureKind
from fairhearing.cases.kind_choices import ComplimentSource, MemberKind
from fairhearing.cases.models import Complaint, Theme
from fairhearing.ombudsman.choices import (
    ClosingReason,
    DecisionLabel,
    HistoricCategory,
    OmbudsmanPhase,
    RecommendationKind,
)
from fairhearing.people.choices import Disability, Ethnicity, Gender, Relationship, Religion
from fairhearing.stages.choices import Outcome, RemedyKind

Parsed = tuple[object, str | None]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_UK = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_UK_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ \-]([a-z]+)[ \-,]+(\d{2}|\d{4})")


def clean(raw: object) -> str:
    """The cell's text with surrounding spaces removed and inner runs of spaces made single."""
    return " ".join(str(raw).split()) if raw is not None else ""


def parse_date(raw: object, *, today: date) -> Parsed:
    """A date from an Excel date cell, ISO (2021-04-01) or UK day/month/year (1/4/2021, 1 April 2021).

    A two-digit year is in this century unless that would be after this year, when it is in the
    last: with today in 2026, "01/04/21" is 2021 and "05/06/98" is 1998.
    """
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    text = clean(raw)
    if not text:
        return None, None
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _UK.fullmatch(text):
        day, month = int(match[1]), int(match[2])
        year = _full_year(match[3], today)
    elif match := _UK_WORDS.fullmatch(text.lower()):
        month = _MONTHS.get(match[2])
        if month is None:
            return None, f"{text} is not a date; write it as day/month/year, for example 1/4/2021"
        day, year = int(match[1]), _full_year(match[3], today)
    else:
        return None, f"{text} is not a date; write it as day/month/year, for example 1/4/2021"
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"{text} is not a date"


def _full_year(digits: str, today: date) -> int:
    year = int(digits)
    if len(digits) == 4:
        return year
    century = today.year // 100 * 100
    return century + year if century + year <= today.year else century - 100 + year


def parse_whole_number(raw: object, *, minimum: int = 0, maximum: int | None = None) -> Parsed:
    """A whole number such as 14 (Excel's 14.0 is 14); no fractions, no words."""
    text = clean(raw)
    if not text:
        return None, None
    if not re.fullmatch(r"[+-]?\d+(?:\.0+)?", text):
        return None, f"{text} is not a whole number"
    number = int(Decimal(text))
    if number < minimum:
        return None, f"{text} is less than {minimum}"
    if maximum is not None and number > maximum:
        return None, f"{text} is more than {maximum}"
    return number, None


def parse_money(raw: object) -> Parsed:
    """An amount in pounds: 1800, 1,800.50 or £1800. Not negative, at most two decimal places."""
    text = clean(raw)
    if not text:
        return None, None
    amount = text.replace("£", "", 1).replace(" ", "")
    if amount.lower().startswith("gbp"):
        amount = amount[3:]
    # Thousands separators only in the right places, so "1,80" is not read as 180.
    if not re.fullmatch(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\.\d+", amount):
        return None, f"{text} is not an amount of money; write it like 1800 or 1,800.50"
    try:
        value = Decimal(amount.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        return None, f"{text} is not an amount of money"
    if value < 0:
        return None, f"{text} is negative; a payment is a positive amount"
    if value.as_tuple().exponent < -2:
        return None, f"{text} has more than two decimal places (pence)"
    return value.quantize(Decimal("0.01")), None


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def parse_yes_no(raw: object) -> Parsed:
    """True for yes (y, true, 1), False for no (n, false, 0), any case."""
    text = clean(raw)
    if not text:
        return None, None
    if text.lower() in _YES:
        return True, None
    if text.lower() in _NO:
        return False, None
    return None, f"{text} is not yes or no"


@dataclass
class CodeList:
    """A list of codes, matched by code or by label in any case, with spaces ignored at the ends."""

    name: str  # how a message refers to one item: "a channel"
    lookup: dict[str, str]
    codes: tuple[str, ...]

    @classmethod
    def from_choices(cls, name: str, choices: type[models.TextChoices]) -> CodeList:
        lookup: dict[str, str] = {}
        for code, label in choices.choices:
            # The code with spaces for underscores too: registers write "not upheld" and
            # "closed after initial enquiries" where the label says more than that.
            spaced = clean(code.replace("_", " ")).casefold()
            for key in (clean(code).casefold(), spaced, clean(label).casefold()):
                if lookup.setdefault(key, code) != code:
                    raise ValueError(f"{key!r} means two codes in {choices.__name__}")
        return cls(name=name, lookup=lookup, codes=tuple(code for code, _ in choices.choices))

    def parse(self, raw: object) -> Parsed:
        text = clean(raw)
        if not text:
            return None, None
        code = self.lookup.get(text.casefold())
        if code is None:
            return None, f"{text} is not {self.name}; use one of {', '.join(self.codes)}"
        return code, None


@dataclass
class NameList:
    """Names held in the database (teams, themes), matched in any case.

    An unknown name is a problem, and is also remembered in ``unknown`` (as first written) so the
    caller can offer to create it before importing.
    """

    name: str  # "a team"
    lookup: dict[str, str]
    unknown: dict[str, str] = field(default_factory=dict)
    # What a message adds about a name that matches none: teams and themes can be created before
    # importing; a complaint a register refers to must be imported (or entered) first.
    missing: str = " yet; it can be created before importing"

    @classmethod
    def from_names(cls, name: str, names: Iterable[str], *, missing: str = "") -> NameList:
        lookup = {clean(each).casefold(): each for each in names}
        return cls(name=name, lookup=lookup, missing=missing) if missing else cls(name=name, lookup=lookup)

    def parse(self, raw: object) -> Parsed:
        text = clean(raw)
        if not text:
            return None, None
        known = self.lookup.get(text.casefold())
        if known is None:
            self.unknown.setdefault(text.casefold(), text)
            return None, f"{text} is not {self.name}{self.missing}"
        return known, None


def split_list(raw: object) -> list[str]:
    """The items of a semicolon-separated cell, blanks left out ("Finance; ; Delay;" has two)."""
    return [item for item in (clean(part) for part in clean(raw).split(";")) if item]


def parse_list(raw: object, parser: CodeList | NameList) -> Parsed:
    """Several values separated by semicolons, each parsed; every bad item is named."""
    values: list[str] = []
    problems: list[str] = []
    for item in split_list(raw):
        value, problem = parser.parse(item)
        if problem:
            problems.append(problem)
        elif value not in values:
            values.append(value)
    if problems:
        return None, "; ".join(problems)
    return tuple(values), None


def code_lists() -> dict[str, CodeList]:
    """The fixed code lists by the name columns.py uses for them."""
    return {
        **_complaint_code_lists(),
        "compliment_source": CodeList.from_choices("who gave a compliment", ComplimentSource),
        "member_kind": CodeList.from_choices("a kind of Member", MemberKind),
        "ombudsman_phase": CodeList.from_choices("a phase", OmbudsmanPhase),
        "ombudsman_decision": CodeList.from_choices("an Ombudsman decision", DecisionLabel),
        "closing_reason": CodeList.from_choices("a closing reason", ClosingReason),
        "historic_category": CodeList.from_choices("a historic category", HistoricCategory),
        "recommendation": CodeList.from_choices("a kind of recommendation", RecommendationKind),
    }


def _complaint_code_lists() -> dict[str, CodeList]:
    return {
        "procedure": CodeList.from_choices("a procedure", ProcedureKind),
        "channel": CodeList.from_choices("a channel", Channel),
        "relationship": CodeList.from_choices("a complainant type", Relationship),
        "gender": CodeList.from_choices("a gender", Gender),
        "ethnicity": CodeList.from_choices("an ethnicity", Ethnicity),
        "disability": CodeList.from_choices("a disability", Disability),
        "religion": CodeList.from_choices("a religion", Religion),
        "outcome": CodeList.from_choices("an outcome", Outcome),
        "remedy": CodeList.from_choices("a remedy", RemedyKind),
    }


def name_lists() -> dict[str, NameList]:
    """Teams and themes as they are in the database now (including inactive ones, for history)."""
    return {
        "team": NameList.from_names("a team", Team.objects.values_list("name", flat=True)),
        "theme": NameList.from_names("a theme", Theme.objects.values_list("name", flat=True)),
    }


def complaint_references() -> NameList:
    """The references of the complaints in Fair Hearing, for registers that link to them."""
    return NameList.from_names(
        "a complaint in Fair Hearing", Complaint.objects.values_list("reference", flat=True),
        missing="; import (or enter) the complaint first",
    )
