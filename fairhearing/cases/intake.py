"""Logging a new complaint from one page: the complainant, the children and the complaint together.

A complaints officer takes a phone call (or opens a letter) and records everything at once. The
people are new records made through the people services; the complaint is made by
``complaint_create``. It all happens in one transaction, so a refusal anywhere leaves nothing
half-recorded: no orphaned complainant or child without the complaint they came with.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from fairhearing.accounts.models import Team, User
from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.people.choices import (
    ContactPreference,
    Disability,
    Ethnicity,
    Gender,
    LegalStatus,
    Relationship,
    Religion,
)
from fairhearing.people.models import Child, Person
from fairhearing.people.services import child_create, person_create

from .choices import ChildConsent, EligibilityBasis, ProcedureKind
from .models import Complaint, Procedure, Theme
from .services import complaint_create


def user_may_log_complaints(user: Any) -> bool:
    """Only the complaints team (and superusers) log new complaints: they own the front door."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(user.role_names & COMPLAINTS_TEAM_ROLES)


def assignable_officers(user: Any) -> QuerySet[User]:
    """Who can hold a new case: active members of the complaints team, and the person logging it."""
    team = Q(groups__name__in=COMPLAINTS_TEAM_ROLES) | Q(pk=user.pk)
    return User.objects.filter(team, is_active=True).distinct()


@dataclass(frozen=True)
class MonitoringInput:
    """A child's equality monitoring answers (optional; used only in anonymous statistics)."""

    gender: str = Gender.UNKNOWN
    ethnicity: str = Ethnicity.NOBT
    disability: str = Disability.NOBT
    religion: str = Religion.NOT_ANSWERED

    @classmethod
    def declined(cls) -> "MonitoringInput":
        """The child or family preferred not to say: recorded as refused, not as 'not asked'."""
        return cls(
            gender=Gender.UNKNOWN, ethnicity=Ethnicity.REFU, disability=Disability.NOBT,
            religion=Religion.NOT_ANSWERED,
        )


@dataclass(frozen=True)
class ComplainantInput:
    """The person making the complaint, as told on the phone or written in a letter."""

    first_name: str
    relationship: str
    last_name: str = ""
    email: str = ""
    telephone: str = ""
    address: str = ""
    postcode: str = ""
    contact_preference: str = ContactPreference.EMAIL


@dataclass(frozen=True)
class ChildInput:
    """A child the complaint is about. ``monitoring`` is None when the questions were not asked."""

    first_name: str
    last_name: str = ""
    date_of_birth: date | None = None
    legal_status: str = LegalStatus.OTHER
    case_system_id: str = ""
    monitoring: MonitoringInput | None = None


@dataclass(frozen=True)
class ComplaintLogInput:
    """Everything the logging page collects about a new complaint."""

    received_on: date
    channel: str
    procedure: Procedure
    routing_reason: str
    summary: str
    complainant: ComplainantInput
    children: Sequence[ChildInput] = ()
    points: Sequence[str] = ()
    teams: Sequence[Team] = ()
    themes: Sequence[Theme] = ()
    grounds_arose_on: date | None = None
    eligibility_basis: str = EligibilityBasis.NOT_APPLICABLE
    child_consent: str = ChildConsent.NOT_NEEDED
    assigned_to: Any = None


def complaint_is_late(*, received_on: date, grounds_arose_on: date | None) -> bool:
    """Made more than a year after the problem happened (reg 9): someone must decide whether to
    accept it. The same rule as ``Complaint.is_late``, asked before the complaint exists."""
    return Complaint(received_on=received_on, grounds_arose_on=grounds_arose_on).is_late


def _as_domain_error(error: ValidationError, *, who: str) -> DomainError:
    """A model validation failure as a sentence an officer can act on (no personal data in it)."""
    if hasattr(error, "message_dict"):
        parts = [
            " ".join(messages) if name == "__all__" else f"{name.replace('_', ' ')}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        ]
    else:
        parts = list(error.messages)
    return DomainError(f"The {who}'s details could not be saved. " + "; ".join(parts))


def _complainant_create(data: ComplainantInput, *, actor: Any) -> Person:
    try:
        return person_create(
            first_name=data.first_name,
            last_name=data.last_name.strip(),
            email=data.email.strip(),
            telephone=data.telephone.strip(),
            address=data.address.strip(),
            postcode=data.postcode.strip().upper(),
            contact_preference=data.contact_preference,
            actor=actor,
        )
    except ValidationError as error:
        raise _as_domain_error(error, who="complainant") from error


def _child_create(data: ChildInput, *, actor: Any, today: date) -> Child:
    if data.date_of_birth and data.date_of_birth > today:
        raise DomainError("A child's date of birth cannot be in the future.")
    monitoring = None
    if data.monitoring is not None:
        monitoring = {
            "gender": data.monitoring.gender, "ethnicity": data.monitoring.ethnicity,
            "disability": data.monitoring.disability, "religion": data.monitoring.religion,
        }
    try:
        return child_create(
            first_name=data.first_name,
            last_name=data.last_name.strip(),
            date_of_birth=data.date_of_birth,
            legal_status=data.legal_status,
            case_system_id=data.case_system_id.strip(),
            monitoring=monitoring,
            actor=actor,
        )
    except ValidationError as error:
        raise _as_domain_error(error, who="child") from error


@transaction.atomic
def complaint_log(
    *, data: ComplaintLogInput, actor: Any, reference: str = "", today: date | None = None
) -> Complaint:
    """Log a new complaint with its complainant and children, all or nothing.

    The complainant and children are recorded as new people; ``complaint_create`` then checks the
    complaint itself, gives it a reference, sets the acknowledgement due date and audits it. Any
    refusal (a DomainError) undoes the people too. ``reference`` keeps one the person was already
    given (a form sent online); blank, the next reference of the year is given.
    """
    today = today or clock.today()
    if not data.complainant.first_name.strip():
        raise DomainError("Enter the complainant's first name.")
    if data.complainant.relationship not in Relationship.values:
        raise DomainError("Choose the complainant's relationship to the child.")
    if data.procedure.kind == ProcedureKind.CHILDREN_STATUTORY and not data.children:
        raise DomainError(
            "Add the child the complaint is about: the children's statutory procedure is always "
            "about a child."
        )
    complainant = _complainant_create(data.complainant, actor=actor)
    children = [_child_create(child, actor=actor, today=today) for child in data.children]
    return complaint_create(
        received_on=data.received_on,
        channel=data.channel,
        procedure=data.procedure,
        routing_reason=data.routing_reason,
        summary=data.summary,
        points=data.points,
        complainants=[(complainant, data.complainant.relationship)],
        children=children,
        teams=data.teams,
        themes=data.themes,
        grounds_arose_on=data.grounds_arose_on,
        eligibility_basis=data.eligibility_basis,
        child_consent=data.child_consent,
        assigned_to=data.assigned_to,
        reference=reference,
        actor=actor,
        today=today,
    )
