"""The canonical register formats: the columns a council's spreadsheet is read into.

Four registers: complaints, compliments, Members' enquiries and Ombudsman cases. One row per record. Headers are matched without regard to case, spaces, underscores or hyphens
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
    # TEXT: the most characters the record's field holds (0: no limit), and whether the text is
    # one line (a reference or a name), whose runs of spaces and line breaks become one space.
    max_length: int = 0
    one_line: bool = False
    # WHOLE_NUMBER: the largest value allowed (None: no limit).
    maximum: int | None = None

    @property
    def key(self) -> str:
        return header_key(self.header)


def header_key(header: str) -> str:
    """How headers are compared: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", (header or "").lower())


COMPLAINT_COLUMNS: tuple[Column, ...] = (
    Column("Reference", ValueKind.TEXT, required=True, max_length=30, one_line=True,
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
    Column("Child age", ValueKind.WHOLE_NUMBER, maximum=25, help="Age when the complaint was received, if the date of birth is not known."),
    Column("Child date of birth", ValueKind.DATE, help="If both this and Child age are given they must agree."),
    Column("Gender", ValueKind.CHOICE, choices="gender", help="M, F or U, or Male, Female, Not known or not stated."),
    Column("Ethnicity", ValueKind.CHOICE, choices="ethnicity", help="A DfE ethnicity code (WBRI) or its name (White British)."),
    Column("Disability", ValueKind.CHOICE, choices="disability", help="A DfE disability code (AUT) or its name."),
    Column("Religion", ValueKind.CHOICE, choices="religion", help="An ONS 2021 census category (christian, No religion)."),
    Column("Looked after", ValueKind.CHOICE, choices="yes_no",
           help="Whether the child was looked after (in care): yes or no."),
    Column("Learning", ValueKind.TEXT, help="What the response taught the service."),
)

# A compliment, an enquiry and an Ombudsman case are each one row. Compliments and enquiries get
# Fair Hearing's own reference when imported (CMP-2021-0001); the register's reference is what
# makes importing the same file twice change nothing. An Ombudsman case is known by the LGSCO's
# reference, which is the same everywhere.
REGISTER_REFERENCE_HELP = (
    "The register's own reference, up to 30 characters; importing the same reference again "
    "changes nothing."
)

COMPLIMENT_COLUMNS: tuple[Column, ...] = (
    Column("Reference", ValueKind.TEXT, required=True, max_length=30, one_line=True, help=REGISTER_REFERENCE_HELP),
    Column("Received", ValueKind.DATE, required=True, help="The date the compliment was received."),
    Column("Team", ValueKind.CHOICE, required=True, choices="team",
           help="The one team or service area the compliment is about."),
    Column("Given by", ValueKind.CHOICE, required=True, choices="compliment_source",
           help="Who paid the compliment: parent_family, child, carer, professional_internal, "
                "professional_external or other."),
    Column("Channel", ValueKind.CHOICE, choices="channel",
           help="How the compliment arrived; blank is recorded as other."),
    Column("About", ValueKind.TEXT, max_length=200, one_line=True,
           help="Who or what it is about, for example Social worker."),
    Column("Words", ValueKind.TEXT, help="What they said (may contain names; never quoted as it is)."),
    Column("Quotation", ValueKind.TEXT, help='The words with every name replaced by "X", for reports.'),
    Column("Consent to quote", ValueKind.CHOICE, choices="yes_no",
           help="Whether the person agreed to be quoted: yes or no (blank is no)."),
    Column("Shared with team", ValueKind.DATE, help="The date the compliment was passed to the team."),
)

ENQUIRY_COLUMNS: tuple[Column, ...] = (
    Column("Reference", ValueKind.TEXT, required=True, max_length=30, one_line=True, help=REGISTER_REFERENCE_HELP),
    Column("Received", ValueKind.DATE, required=True, help="The date the enquiry was received."),
    Column("Member type", ValueKind.CHOICE, required=True, choices="member_kind",
           help="Who sent it: mp, mep or councillor."),
    Column("Member name", ValueKind.TEXT, required=True, max_length=200, one_line=True,
           help="The name of the MP, MEP or councillor."),
    Column("Team", ValueKind.CHOICE, required=True, choices="team", help="The one team the enquiry is about."),
    Column("On behalf of", ValueKind.TEXT, max_length=200, one_line=True,
           help="The constituent's name; the last word is taken as the last name."),
    Column("Summary", ValueKind.TEXT, help="What the enquiry is about."),
    Column("Responded", ValueKind.DATE, help="The date the council answered the Member."),
    Column("Complaint", ValueKind.CHOICE, choices="complaint",
           help="The reference of the complaint in Fair Hearing the enquiry became, if it did."),
)

OMBUDSMAN_COLUMNS: tuple[Column, ...] = (
    Column("LGSCO reference", ValueKind.TEXT, required=True,
           help="The Ombudsman's reference, 8 digits (21 012 345); importing it again changes nothing."),
    Column("Received", ValueKind.DATE, required=True, help="The date the council was told of the Ombudsman's enquiry."),
    Column("Complaints", ValueKind.LIST, choices="complaint",
           help="References of the complaints in Fair Hearing it is about, separated by semicolons."),
    Column("Team", ValueKind.CHOICE, choices="team", help="The one team the case is about."),
    Column("Summary", ValueKind.TEXT, help="What the Ombudsman is looking at."),
    Column("Phase", ValueKind.CHOICE, choices="ombudsman_phase",
           help="enquiry, assessment, investigation or decided; blank is enquiry (or decided, with a final decision)."),
    Column("Information requested", ValueKind.DATE, help="The date the Ombudsman asked the council for information."),
    Column("Information due", ValueKind.DATE, help="The Ombudsman's deadline for it (may be in the future)."),
    Column("Information sent", ValueKind.DATE, help="The date the council sent it."),
    Column("Draft decision", ValueKind.DATE, help="The date of the Ombudsman's draft decision."),
    Column("Final decision", ValueKind.DATE, help="The date of the Ombudsman's final decision."),
    Column("Decision", ValueKind.CHOICE, choices="ombudsman_decision",
           help="The final decision in the Ombudsman's current labels."),
    Column("Closing reason", ValueKind.CHOICE, choices="closing_reason",
           help="Why a case closed after initial enquiries was closed."),
    Column("Fault", ValueKind.CHOICE, choices="yes_no", help="Whether the Ombudsman found fault: yes or no."),
    Column("Injustice", ValueKind.CHOICE, choices="yes_no", help="Whether the fault caused injustice: yes or no."),
    Column("Remedy already provided", ValueKind.CHOICE, choices="yes_no",
           help="Whether the council had already provided a remedy the Ombudsman found satisfactory."),
    Column("Public interest report", ValueKind.CHOICE, choices="yes_no",
           help="Whether the Ombudsman issued a public interest report."),
    Column("Historic category", ValueKind.CHOICE, choices="historic_category",
           help="For a decision from an older year, in the categories used then (instead of Decision)."),
    Column("Recommendations", ValueKind.LIST, choices="recommendation",
           help="What the Ombudsman recommended, one kind per recommendation, separated by semicolons."),
    Column("Recommendations due", ValueKind.LIST,
           help="The date they are due: one date for all, or one per recommendation."),
    Column("Recommendations completed", ValueKind.LIST,
           help="The date the council did them, or not complied: one for all, or one per recommendation."),
    Column("Payment amount", ValueKind.LIST,
           help="The amount of each payment recommended, in pounds: one for all, or one per payment."),
    Column("Recommendation details", ValueKind.TEXT, help="The recommendations in the Ombudsman's words."),
)

COLUMNS: dict[RegisterKind, tuple[Column, ...]] = {
    RegisterKind.COMPLAINTS: COMPLAINT_COLUMNS,
    RegisterKind.COMPLIMENTS: COMPLIMENT_COLUMNS,
    RegisterKind.ENQUIRIES: ENQUIRY_COLUMNS,
    RegisterKind.OMBUDSMAN: OMBUDSMAN_COLUMNS,
}
