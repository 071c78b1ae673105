"""The canonical register formats: the columns a council's spreadsheet is read into.

One row per record. Headers are matched without regard to case, spaces, underscores or hyphens
("Stage 1 responded", "stage_1_responded" and "STAGE1RESPONDED" are the same column); a file
whose headers differ goes through a column mapping step first. docs/import.md documents every
column with examples; this module is the single source of truth both for reading (import) and
for writing (export in the same format).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class ValueKind(StrEnum):
    TEXT = "text"
    DATE = "date"  # ISO (2021-04-01) or UK day/month/year (1/4/2021, 01/04/2021)
    CHOICE = "choice"  # a code or its label, any case
    LIST = "list"  # several values separated by semicolons
    MONEY = "money"  # pounds: 1800, 1,800.50, £1800
    WHOLE_NUMBER = "whole_number"


class RegisterKind(StrEnum):
    COMPLAINTS = "complaints"
    COMPLIMENTS = "compliments"
    ENQUIRIES = "enquiries"
    OMBUDSMAN = "ombudsman"


@dataclass(frozen=True)
class Column:
    """One canonical column: its header, what it holds and whether a row must fill it."""

    header: str
    kind: ValueKind
    required: bool = False
    # For CHOICE and LIST columns: the name of the code list (see importing/values.py).
    choices: str = ""
    help: str = ""

    @property
    def key(self) -> str:
        return header_key(self.header)


def header_key(header: str) -> str:
    """How headers are compared: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", (header or "").lower())


COMPLAINT_COLUMNS: tuple[Column, ...] = (
    Column("Reference", ValueKind.TEXT, required=True,
           help="The council's own reference; importing the same reference again changes nothing."),
    Column("Received", ValueKind.DATE, required=True, help="The date the complaint was received."),
    Column("Procedure", ValueKind.CHOICE, required=True, choices="procedure",
           help="children_statutory, corporate or elsewhere, or their names."),
    Column("Channel", ValueKind.CHOICE, required=True, choices="channel",
           help="How the complaint arrived: email, online_form, telephone, letter, in_person, app, advocate or other."),
    Column("Complainant type", ValueKind.CHOICE, required=True, choices="relationship",
           help="The main complainant's relationship to the child."),
    Column("Team", ValueKind.LIST, required=True, choices="team",
           help="One or more teams, separated by semicolons."),
    Column("Themes", ValueKind.LIST, choices="theme", help="Separated by semicolons."),
    Column("Stage 1 responded", ValueKind.DATE, help="The date of the Stage 1 response; needs a Stage 1 outcome."),
    Column("Stage 1 extended", ValueKind.DATE, help="The new due date agreed, if the response was extended."),
    Column("Stage 1 outcome", ValueKind.CHOICE, choices="outcome",
           help="upheld, partially_upheld or not_upheld; needs the date of the response."),
    Column("Withdrawn", ValueKind.DATE, help="The date the complaint was withdrawn, if it was."),
    Column("Stage 2 requested", ValueKind.DATE, help="The date the complainant asked for Stage 2."),
    Column("Stage 2 statement agreed", ValueKind.DATE, help="The date the statement of complaint was agreed."),
    Column("Stage 2 responded", ValueKind.DATE, help="The date of the adjudication (the council's Stage 2 response)."),
    Column("Stage 2 outcome", ValueKind.CHOICE, choices="outcome", help="As Stage 1 outcome."),
    Column("Stage 3 requested", ValueKind.DATE, help="The date the complainant asked for a review panel."),
    Column("Stage 3 panel", ValueKind.DATE, help="The date the review panel met."),
    Column("Stage 3 responded", ValueKind.DATE, help="The date of the council's response to the panel."),
    Column("Stage 3 outcome", ValueKind.CHOICE, choices="outcome", help="As Stage 1 outcome."),
    Column("Remedies", ValueKind.LIST, choices="remedy", help="Separated by semicolons."),
    Column("Payment amount", ValueKind.MONEY, help="A financial remedy, in pounds."),
    Column("Child age", ValueKind.WHOLE_NUMBER, help="Age when the complaint was received, if the date of birth is not known."),
    Column("Child date of birth", ValueKind.DATE, help="If both this and Child age are given they must agree."),
    Column("Gender", ValueKind.CHOICE, choices="gender", help="M, F or U, or Male, Female, Not known or not stated."),
    Column("Ethnicity", ValueKind.CHOICE, choices="ethnicity", help="A DfE ethnicity code (WBRI) or its name (White British)."),
    Column("Disability", ValueKind.CHOICE, choices="disability", help="A DfE disability code (AUT) or its name."),
    Column("Religion", ValueKind.CHOICE, choices="religion", help="An ONS 2021 census category (christian, No religion)."),
    Column("Looked after", ValueKind.CHOICE, choices="yes_no",
           help="Whether the child was looked after (in care): yes or no."),
    Column("Learning", ValueKind.TEXT, help="What the response taught the service."),
)

COLUMNS: dict[RegisterKind, tuple[Column, ...]] = {
    RegisterKind.COMPLAINTS: COMPLAINT_COLUMNS,
}
