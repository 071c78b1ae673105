"""Code lists for complaints."""

from django.db import models


class ProcedureKind(models.TextChoices):
    CHILDREN_STATUTORY = "children_statutory", "Children's statutory procedure"
    CORPORATE = "corporate", "Corporate complaints procedure"
    ELSEWHERE = "elsewhere", "Routed to another process"


class Channel(models.TextChoices):
    """How the representation reached the council (annual report section 'how received')."""

    EMAIL = "email", "Email"
    ONLINE_FORM = "online_form", "Online form"
    TELEPHONE = "telephone", "Telephone"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    APP = "app", "App (for example Mind Of My Own)"
    ADVOCATE = "advocate", "Through an advocate"
    OTHER = "other", "Other"


class ComplaintStatus(models.TextChoices):
    """Where the complaint is as a whole. Set only by the lifecycle services."""

    RECEIVED = "received", "Received, not yet started"
    IN_STAGE = "in_stage", "In progress"
    RESPONDED = "responded", "Responded, may escalate"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class EligibilityBasis(models.TextChoices):
    """Who may complain under s26(3) Children Act 1989 and reg 12 (sufficient interest)."""

    LOOKED_AFTER_CHILD = "looked_after_child", "Child looked after"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CARE_LEAVER = "care_leaver", "Care leaver"
    PARENT = "parent", "Parent of the child"
    PARENTAL_RESPONSIBILITY = "parental_responsibility", "Person with parental responsibility"
    FOSTER_CARER = "foster_carer", "Local authority foster carer"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship"
    ADOPTION = "adoption", "Adoption (child, parents, adopters)"
    SUFFICIENT_INTEREST = "sufficient_interest", "Someone with sufficient interest (needs a decision)"
    NOT_APPLICABLE = "not_applicable", "Not applicable (not the statutory procedure)"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REFUSED = "refused", "Refused"


class ChildConsent(models.TextChoices):
    """Whether the child agrees to a complaint made on their behalf."""

    NOT_NEEDED = "not_needed", "Not needed (the child complains, or the complainant complains in their own right)"
    PENDING = "pending", "Not yet asked or awaiting answer"
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"
    UNABLE = "unable", "Child not able to give consent (age or understanding)"


class ClosureReason(models.TextChoices):
    """Why a complaint was closed."""

    COMPLETED = "completed", "Procedure completed"
    NOT_ESCALATED = "not_escalated", "Not escalated after the response"
    RESOLVED_INFORMALLY = "resolved_informally", "Resolved informally or by ADR"
    NOT_ACCEPTED_LATE = "not_accepted_late", "Not accepted: made after the time limit"
    NOT_ACCEPTED_INELIGIBLE = "not_accepted_ineligible", "Not accepted: not eligible"
    ROUTED_ELSEWHERE = "routed_elsewhere", "Routed to another process"
    WITHDRAWN = "withdrawn", "Withdrawn"


class WithdrawalMethod(models.TextChoices):
    ORAL = "oral", "Spoken (in person or by telephone)"
    WRITTEN = "written", "In writing (letter or email)"
