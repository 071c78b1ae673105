"""Code lists for the representations a complaints team records besides complaints: compliments,
Members' enquiries, initial feedback (concerns), ADR, IRO disputes, and the team's costs."""

from django.db import models


class TargetKind(models.TextChoices):
    """The local response targets an administrator may change (issue 5; seeds 001 and 003)."""

    ENQUIRY_RESPONSE = "enquiry_response", "Response to a Member's enquiry"
    CONCERN_RESPONSE = "concern_response", "Response to initial feedback (a concern)"


# What each target starts at. No law sets these: they are the council's own targets, and 10
# working days is what the published reports in the seeds use for both.
DEFAULT_TARGET_DAYS: dict[str, int] = {
    TargetKind.ENQUIRY_RESPONSE: 10,
    TargetKind.CONCERN_RESPONSE: 10,
}


class ReferenceKind(models.TextChoices):
    """The kinds of record that get their own readable reference and counter."""

    COMPLIMENT = "compliment", "Compliment"
    ENQUIRY = "enquiry", "Member's enquiry"
    CONCERN = "concern", "Initial feedback (concern)"
    ADR = "adr", "Alternative dispute resolution"
    IRO_DISPUTE = "iro_dispute", "IRO dispute resolution"


# Reference prefixes, e.g. CMP-2022-0001. A council may override any of them with the setting
# KIND_REFERENCE_PREFIXES (a dict keyed by ReferenceKind value).
DEFAULT_REFERENCE_PREFIXES: dict[str, str] = {
    ReferenceKind.COMPLIMENT: "CMP",
    ReferenceKind.ENQUIRY: "ENQ",
    ReferenceKind.CONCERN: "CON",
    ReferenceKind.ADR: "ADR",
    ReferenceKind.IRO_DISPUTE: "IRO",
}


class ComplimentSource(models.TextChoices):
    """Who paid the compliment (annual report: compliments by who gave them)."""

    PARENT_FAMILY = "parent_family", "Parent or family member"
    CHILD = "child", "Child or young person"
    CARER = "carer", "Carer"
    PROFESSIONAL_INTERNAL = "professional_internal", "Professional inside the council"
    PROFESSIONAL_EXTERNAL = "professional_external", "Professional outside the council"
    OTHER = "other", "Other"


class MemberKind(models.TextChoices):
    """The elected Member who made an enquiry."""

    MP = "mp", "MP"
    MEP = "mep", "MEP"
    COUNCILLOR = "councillor", "Councillor"


class ConcernStatus(models.TextChoices):
    """Where a piece of initial feedback is. Set only by the concern services."""

    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved by the service"
    CLOSED = "closed", "Closed without resolution"
    CONVERTED = "converted", "Became a formal complaint"


class AdrMethod(models.TextChoices):
    MEDIATION = "mediation", "Mediation"
    MEETING = "meeting", "Meeting"
    TELEPHONE = "telephone", "Telephone"
    OTHER = "other", "Other"


class AdrResult(models.TextChoices):
    PENDING = "pending", "Not yet held or no result yet"
    RESOLVED = "resolved", "Resolved"
    CONTINUING = "continuing", "Resolved in part, complaint continuing"
    NOT_RESOLVED = "not_resolved", "Not resolved"


class IroStage(models.TextChoices):
    """How far up the council's local dispute resolution process an IRO's concern has gone."""

    INFORMAL = "informal", "Informal discussion"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    DIRECTOR = "director", "Director"


class CostKind(models.TextChoices):
    """What the complaints service spent money on (annual report: expenditure, seed 003 1.8)."""

    INVESTIGATOR_FEE = "investigator_fee", "Independent investigator"
    INDEPENDENT_PERSON_FEE = "independent_person_fee", "Independent person"
    PANEL_FEE = "panel_fee", "Review panel"
    PAYMENT = "payment", "Payment to complainant"
    PUBLICITY = "publicity", "Publicity and leaflets"
    OTHER = "other", "Other"


# Fees for Stage 2 investigators and Independent People belong to a Stage 2 or 3.
STAGE_FEE_KINDS = frozenset({CostKind.INVESTIGATOR_FEE, CostKind.INDEPENDENT_PERSON_FEE})
