"""Code lists for Ombudsman (LGSCO) cases.

The decision labels and closing reasons are the ones the LGSCO publishes now (its decision pages
and the LG Inform statistics); the historic categories are the older ones councils' annual reports
still show for earlier years (domain.md, "Ombudsman (LGSCO)"; seed 003, table 1.1).
"""

from django.db import models


class OmbudsmanPhase(models.TextChoices):
    """How far the Ombudsman has gone with the case."""

    ENQUIRY = "enquiry", "Enquiry"
    ASSESSMENT = "assessment", "Assessment"
    INVESTIGATION = "investigation", "Investigation"
    DECIDED = "decided", "Decided"


class DecisionLabel(models.TextChoices):
    """The Ombudsman's final decision, as its statistics label it."""

    UPHELD = "upheld", "Upheld: fault found, or the council offered a suitable remedy early"
    NOT_UPHELD = "not_upheld", "Not upheld: no fault"
    CLOSED_AFTER_INITIAL_ENQUIRIES = "closed_after_initial_enquiries", "Closed after initial enquiries"
    REFERRED_BACK = "referred_back", "Referred back for local resolution (premature)"
    ADVICE_GIVEN = "advice_given", "Advice given"
    INCOMPLETE_INVALID = "incomplete_invalid", "Incomplete or invalid"


class ClosingReason(models.TextChoices):
    """Why the Ombudsman closed a case after initial enquiries without investigating."""

    OUT_OF_JURISDICTION = "out_of_jurisdiction", "Out of jurisdiction"
    LATE = "late", "Complaint made too late (more than 12 months)"
    COURT = "court", "A matter for the courts"
    INJUSTICE_NOT_SIGNIFICANT = "injustice_not_significant", "Injustice not significant"
    COULD_NOT_ADD = "could_not_add", "Could not add to the council's investigation"
    DISCRETION = "discretion", "Ombudsman's discretion"
    OTHER = "other", "Other"


class HistoricCategory(models.TextChoices):
    """The categories older annual reports used. Stored for cases recorded that way; derived for
    newer ones by :func:`fairhearing.ombudsman.rules.historic_category_for`."""

    MALADMINISTRATION_INJUSTICE = "maladministration_injustice", "Maladministration and injustice"
    MALADMINISTRATION_NO_INJUSTICE = "maladministration_no_injustice", "Maladministration, no injustice"
    NO_MALADMINISTRATION = "no_maladministration", "No maladministration after investigation"
    DISCRETION = "discretion", "Ombudsman discretion"
    LOCAL_SETTLEMENT = "local_settlement", "Investigation with local settlement"
    OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"
    DISCONTINUED = "discontinued", "Investigation discontinued"
    PREMATURE = "premature", "Premature or informal enquiries"
    CLOSED_AFTER_INITIAL_ENQUIRIES = "closed_after_initial_enquiries", "Closed after initial enquiries"


class RecommendationKind(models.TextChoices):
    """What the Ombudsman recommended the council do."""

    APOLOGY = "apology", "Apology"
    PAYMENT = "payment", "Payment"
    REVIEW_DECISION = "review_decision", "Review or remake a decision"
    PROCEDURE_CHANGE = "procedure_change", "Change a procedure or policy"
    TRAINING = "training", "Staff training or reminders"
    OTHER = "other", "Other"


class Compliance(models.TextChoices):
    """Whether the council did what the Ombudsman recommended, and on time."""

    PENDING = "pending", "Not yet due or in progress"
    COMPLIED = "complied", "Complied on time"
    COMPLIED_LATE = "complied_late", "Complied late"
    NOT_COMPLIED = "not_complied", "Not complied"
