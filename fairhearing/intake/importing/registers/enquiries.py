"""The register of enquiries from MPs, MEPs and councillors: one row per enquiry.

Each row becomes an enquiry made by ``enquiry_log``, the service the "log an enquiry" page calls
(with the constituent's name, when the row gives one), answered by ``enquiry_respond`` on the day
it was answered and linked by ``enquiry_link_complaint`` to the complaint it became. So its
response due date is worked out from the council's local target in force now, counted in working
days from the day received, exactly as for an enquiry logged by hand, and the report's "answered
in time" counts it the same way. The enquiry gets Fair Hearing's own reference (ENQ-2021-0001);
the register's reference is the key that makes importing the same file twice change nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from fairhearing.accounts.models import Team
from fairhearing.cases.kinds.enquiries import enquiry_link_complaint, enquiry_log, enquiry_respond
from fairhearing.cases.models import Complaint, Enquiry
from fairhearing.people.models import Person

from ..columns import ENQUIRY_COLUMNS, RegisterKind
from ..problems import Problem
from ..rows import RegisterSpec, RowChecker, RowRules, Validation
from ..values import complaint_references
from ..writer import ImportResult
from ._common import (
    NOT_RECORDED,
    adder,
    dates_in_order,
    dates_not_in_future,
    import_rows,
    iso,
    person_name,
    register_references,
)

HEADERS: tuple[str, ...] = tuple(column.header for column in ENQUIRY_COLUMNS)
NAME_PART_MAX = Person._meta.get_field("first_name").max_length


@dataclass(frozen=True)
class EnquiryRow:
    """One valid enquiry row, typed; blank cells are None or empty text."""

    source_row: int
    reference: str
    received: date
    member_type: str
    member_name: str
    team: str
    on_behalf_of: str = ""
    summary: str = ""
    responded: date | None = None
    complaint: str | None = None


def name_parts(name: str) -> tuple[str, str]:
    """A constituent's name as first and last names: the last word is the last name.

    "Mrs Jane Smith" is ("Mrs Jane", "Smith"); one word is a first name. Exporting joins the two
    with a space, so a name comes back from a round trip as it went in.
    """
    words = name.split()
    return (" ".join(words[:-1]), words[-1]) if len(words) > 1 else (" ".join(words), "")


def enquiry_rules(today: date) -> RowRules:
    """The rules between an enquiry's cells: dates have happened and are in order, and the
    constituent's name fits the record."""

    def rules(number: int, values: dict[str, Any], checker: RowChecker) -> list[Problem]:
        problems: list[Problem] = []
        add = adder(number, checker, problems)
        dates_not_in_future(values, today, add)
        dates_in_order(values, checker, add, (("responded", ("received",)),))
        if values.get("on_behalf_of"):
            first, last = name_parts(values["on_behalf_of"])
            if len(first) > NAME_PART_MAX or len(last) > NAME_PART_MAX:
                add("on_behalf_of", f"is too long: the first names and the last name may each have at most "
                    f"{NAME_PART_MAX} characters")
        return problems

    return rules


SPEC = RegisterSpec(kind=RegisterKind.ENQUIRIES, row_type=EnquiryRow, key="reference", make_rules=enquiry_rules,
                    extra_names=lambda: {"complaint": complaint_references()})


def import_enquiries(
    *, validation: Validation, file_name: str, file_sha256: str, actor: Any, today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write every row of a checked enquiries register as enquiries, all or nothing.

    ``today`` is taken for a call like every kind's; each step is recorded as on the day it
    happened (logged the day received, answered the day it was answered).
    """
    teams = {team.name: team for team in Team.objects.all()}

    def write(row: EnquiryRow) -> Enquiry:
        first, last = name_parts(row.on_behalf_of)
        enquiry = enquiry_log(
            received_on=row.received, member_kind=row.member_type, member_name=row.member_name,
            team=teams[row.team], summary=row.summary or NOT_RECORDED, actor=actor,
            on_behalf_of_first_name=first, on_behalf_of_last_name=last, today=row.received,
        )
        if row.responded is not None:
            enquiry = enquiry_respond(enquiry=enquiry, responded_on=row.responded, actor=actor, today=row.responded)
        if row.complaint:
            enquiry = enquiry_link_complaint(enquiry=enquiry, complaint=Complaint.objects.get(reference=row.complaint),
                                             actor=actor)
        return enquiry

    return import_rows(validation=validation, kind=RegisterKind.ENQUIRIES, key="reference", model=Enquiry,
                       file_name=file_name, file_sha256=file_sha256, actor=actor,
                       existing_keys=Enquiry.objects.values_list("reference", flat=True), write_row=write,
                       noun="enquiries", progress=progress)


def enquiries_export_rows(*, enquiries: QuerySet[Enquiry]) -> Iterator[list[str]]:
    """One row of text per enquiry, in the canonical columns' order, oldest first (ties in the
    order logged, so a round trip keeps the order)."""
    registered = register_references(Enquiry)
    for enquiry in enquiries.select_related("team", "on_behalf_of", "complaint").order_by("received_on", "pk"):
        values = {
            "Reference": registered.get(enquiry.pk, enquiry.reference),
            "Received": iso(enquiry.received_on),
            "Member type": enquiry.member_kind,
            "Member name": enquiry.member_name,
            "Team": enquiry.team.name,
            "On behalf of": person_name(enquiry.on_behalf_of),
            "Summary": enquiry.summary,
            "Responded": iso(enquiry.responded_on),
            "Complaint": enquiry.complaint.reference if enquiry.complaint else "",
        }
        yield [values[header] for header in HEADERS]
