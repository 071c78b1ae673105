"""Enquiries from MPs, MEPs and councillors: logged with the local response target, answered,
and reported by whether the answer was on time (annual report: Members' enquiries).

The due date is worked out once, when the enquiry is logged, from the target in force that day,
and stored. Changing the target later moves no existing due date; a change to the bank holidays
moves the due dates of unanswered enquiries (see listeners.py), each move audited.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.people.models import Child, Person
from fairhearing.people.services import person_create

from ..kind_choices import MemberKind, ReferenceKind, TargetKind
from ..models import Complaint, Enquiry
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
from .targets import due_on, target_days


def _check(enquiry: Enquiry, *, today: date) -> None:
    check_date(enquiry.received_on, label="date received", today=today)
    check_choice(enquiry.member_kind, MemberKind, message="Choose whether it is from an MP, MEP or councillor.")
    enquiry.member_name = check_text(enquiry.member_name, message="Enter the name of the MP, MEP or councillor.")
    if enquiry.team_id is None:
        raise DomainError("Choose the team the enquiry is about.")
    enquiry.summary = check_text(enquiry.summary, message="Enter what the enquiry is about.")
    check_date(
        enquiry.responded_on, label="response date", today=today, required=False,
        not_before=enquiry.received_on, not_before_label="the enquiry was received",
    )
    full_clean(enquiry)


@transaction.atomic
def enquiry_create(
    *,
    received_on: date,
    member_kind: str,
    member_name: str,
    team: Team,
    summary: str,
    actor: Any,
    on_behalf_of: Person | None = None,
    child: Child | None = None,
    today: date | None = None,
) -> Enquiry:
    """Log a Member's enquiry and store its response due date from today's local target."""
    today = today or clock.today()
    days = target_days(TargetKind.ENQUIRY_RESPONSE)
    enquiry = Enquiry(
        reference="", received_on=received_on, member_kind=member_kind, member_name=member_name,
        on_behalf_of=on_behalf_of, child=child, team=team, summary=summary, response_days=days,
        created_by=actor,
    )
    if received_on is not None:
        enquiry.response_due_on = due_on(received_on, days)
    _check(enquiry, today=today)
    enquiry.reference = kind_reference_next(kind=ReferenceKind.ENQUIRY, year=received_on.year)
    enquiry.save()
    audit_record(
        actor=actor, verb="enquiry.created", subject=enquiry,
        summary=f"{MemberKind(member_kind).label} enquiry logged: response due "
                f"{long_date(enquiry.response_due_on)}",
        data={"received_on": received_on, "member_kind": member_kind, "team": team.pk,
              "response_days": days, "response_due_on": enquiry.response_due_on},
    )
    return enquiry


def _constituent_named(first_name: str, last_name: str, *, actor: Any) -> Person | None:
    """The constituent the Member wrote for, recorded from the name typed on the page, or None."""
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    if not first_name:
        if last_name:
            raise DomainError("Enter the first name of the person the enquiry is on behalf of, "
                              "or leave both names empty.")
        return None
    try:
        return person_create(first_name=first_name, last_name=last_name, actor=actor)
    except ValidationError as error:
        raise DomainError("The name could not be saved: " + " ".join(error.messages)) from error


@transaction.atomic
def enquiry_log(
    *,
    received_on: date,
    member_kind: str,
    member_name: str,
    team: Team,
    summary: str,
    actor: Any,
    on_behalf_of_first_name: str = "",
    on_behalf_of_last_name: str = "",
    today: date | None = None,
) -> Enquiry:
    """Log a Member's enquiry from the page, recording the constituent by name if one is given.
    All or nothing: a refused enquiry leaves no person behind."""
    person = _constituent_named(on_behalf_of_first_name, on_behalf_of_last_name, actor=actor)
    return enquiry_create(
        received_on=received_on, member_kind=member_kind, member_name=member_name, team=team,
        summary=summary, on_behalf_of=person, actor=actor, today=today,
    )


@transaction.atomic
def enquiry_person_add(
    *, enquiry: Enquiry, first_name: str, last_name: str = "", actor: Any, today: date | None = None
) -> Enquiry:
    """Record the constituent on an enquiry logged without one. An enquiry that already names
    someone keeps them: that person's details are changed on their own record."""
    if enquiry.on_behalf_of_id is not None:
        raise DomainError("This enquiry already records who it is on behalf of.")
    person = _constituent_named(first_name, last_name, actor=actor)
    if person is None:
        raise DomainError("Enter the first name of the person the enquiry is on behalf of.")
    return enquiry_update(enquiry=enquiry, on_behalf_of=person, actor=actor, today=today)


@transaction.atomic
def enquiry_respond(
    *, enquiry: Enquiry, responded_on: date, actor: Any, today: date | None = None
) -> Enquiry:
    """Record the date the council answered the Member."""
    today = today or clock.today()
    enquiry = lock(enquiry)
    if enquiry.responded_on is not None:
        raise DomainError(
            f"This enquiry was already answered on {long_date(enquiry.responded_on)}. "
            "Change the date on the enquiry if it was wrong."
        )
    check_date(responded_on, label="response date", today=today,
               not_before=enquiry.received_on, not_before_label="the enquiry was received")
    enquiry.responded_on = responded_on
    enquiry.save(update_fields=["responded_on", "updated_at"])
    on_time = enquiry.answered_on_time
    audit_record(
        actor=actor, verb="enquiry.responded", subject=enquiry,
        summary=f"Answered on {long_date(responded_on)}" + ("" if on_time else " (late)"),
        changes={"responded_on": [None, responded_on]},
        data={"on_time": on_time, "response_due_on": enquiry.response_due_on},
    )
    return enquiry


@transaction.atomic
def enquiry_update(
    *,
    enquiry: Enquiry,
    actor: Any,
    received_on: date | Unchanged = UNCHANGED,
    member_kind: str | Unchanged = UNCHANGED,
    member_name: str | Unchanged = UNCHANGED,
    on_behalf_of: Person | None | Unchanged = UNCHANGED,
    child: Child | None | Unchanged = UNCHANGED,
    team: Team | Unchanged = UNCHANGED,
    summary: str | Unchanged = UNCHANGED,
    responded_on: date | None | Unchanged = UNCHANGED,
    today: date | None = None,
) -> Enquiry:
    """Correct an enquiry: pass only the fields that change.

    A corrected received date moves the due date, counted with the target stored on the enquiry
    (not today's target). ``responded_on=None`` reopens an enquiry recorded as answered by mistake.
    """
    today = today or clock.today()
    enquiry = lock(enquiry)
    changes = apply_changes(enquiry, {
        "received_on": received_on, "member_kind": member_kind, "member_name": member_name,
        "on_behalf_of": on_behalf_of, "child": child, "team": team, "summary": summary,
        "responded_on": responded_on,
    })
    if not changes:
        return enquiry
    if "received_on" in changes and enquiry.received_on is not None:
        before = enquiry.response_due_on
        enquiry.response_due_on = due_on(enquiry.received_on, enquiry.response_days)
        if enquiry.response_due_on != before:
            changes["response_due_on"] = [before, enquiry.response_due_on]
    _check(enquiry, today=today)
    enquiry.save()
    audit_record(
        actor=actor, verb="enquiry.updated", subject=enquiry,
        summary="Enquiry changed: " + ", ".join(sorted(changes)).replace("_", " "),
        # The summary may name a child, and the audit log can never be corrected: record that it
        # changed, never what it said, so taking a name out of it takes it out of the record.
        changes={field: (["(changed)", "(changed)"] if field == "summary" else values)
                 for field, values in changes.items()},
    )
    return enquiry


@transaction.atomic
def enquiry_link_complaint(*, enquiry: Enquiry, complaint: Complaint | None, actor: Any) -> Enquiry:
    """Record the complaint an enquiry became (or, with None, remove a link made in error).

    The link is written on both timelines, so the complaint shows where it came from.
    """
    enquiry = lock(enquiry)
    before = enquiry.complaint
    if (before and before.pk) == (complaint and complaint.pk):
        raise DomainError(
            "The enquiry is already linked to that complaint." if complaint
            else "The enquiry is not linked to a complaint."
        )
    enquiry.complaint = complaint
    enquiry.save(update_fields=["complaint", "updated_at"])
    if complaint is not None:
        summary = f"Linked to complaint {complaint.reference}"
    else:
        summary = f"Link to complaint {before.reference} removed"
    audit_record(
        actor=actor, verb="enquiry.complaint_linked", subject=enquiry, summary=summary,
        changes={"complaint": [before and before.pk, complaint and complaint.pk]},
    )
    if before is not None:
        audit_record(
            actor=actor, verb="complaint.enquiry_unlinked", subject=before,
            summary=f"No longer linked to Member's enquiry {enquiry.reference}",
            data={"enquiry": enquiry.pk, "enquiry_reference": enquiry.reference},
        )
    if complaint is not None:
        audit_record(
            actor=actor, verb="complaint.enquiry_linked", subject=complaint,
            summary=f"Linked to Member's enquiry {enquiry.reference}",
            data={"enquiry": enquiry.pk, "enquiry_reference": enquiry.reference},
        )
    return enquiry


def enquiries_overdue(*, today: date) -> QuerySet[Enquiry]:
    """Unanswered enquiries whose due date has passed (due yesterday or before), oldest first."""
    return (
        Enquiry.objects.open()
        .filter(response_due_on__lt=today)
        .select_related("team")
        .order_by("response_due_on", "id")
    )


def enquiries_open() -> QuerySet[Enquiry]:
    """Unanswered enquiries, the soonest due first."""
    return Enquiry.objects.open().select_related("team").order_by("response_due_on", "id")
