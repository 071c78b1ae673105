"""Code lists for stages."""

from django.db import models


class ClockStart(models.TextChoices):
    """The event a stage's response period counts from."""

    RECEIVED = "received", "The date the complaint was received"
    ACKNOWLEDGED = "acknowledged", "The date the complaint or request was acknowledged"
    STATEMENT_AGREED = "statement_agreed", "The date the statement of complaint was agreed"
    REQUESTED = "requested", "The date the complainant asked for the stage"


class StageStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESPONDED = "responded", "Responded"
    REFUSED = "refused", "Request refused"
    RESOLVED = "resolved", "Resolved informally"
    WITHDRAWN = "withdrawn", "Withdrawn"


class RequestDecision(models.TextChoices):
    """How a request for Stage 2 or 3 was treated. A late request is never refused silently."""

    IN_TIME = "in_time", "Asked for within the time allowed"
    LATE_ACCEPTED = "late_accepted", "Asked for late, accepted"
    LATE_REFUSED = "late_refused", "Asked for late, refused"


class Outcome(models.TextChoices):
    """The finding on a point of complaint, and so on a stage."""

    UPHELD = "upheld", "Upheld"
    PARTIALLY_UPHELD = "partially_upheld", "Partially upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class PauseReason(models.TextChoices):
    """Why the clock stopped (reg 8 proceedings, or waiting for someone)."""

    COURT_PROCEEDINGS = "court_proceedings", "Court proceedings"
    POLICE_INVESTIGATION = "police_investigation", "Police investigation"
    OTHER_PROCEEDINGS = "other_proceedings", "Other proceedings (for example disciplinary)"
    AWAITING_ADVOCATE = "awaiting_advocate", "Waiting for an advocate"
    AWAITING_COMPLAINANT = "awaiting_complainant", "Waiting for the complainant"


class RemedyKind(models.TextChoices):
    APOLOGY = "apology", "Apology"
    EXPLANATION = "explanation", "Explanation"
    ACTION = "action", "Action taken or service put right"
    RECONSIDERED = "reconsidered", "Decision reconsidered"
    FINANCIAL = "financial", "Financial remedy"
    SERVICE_IMPROVEMENT = "service_improvement", "Service improvement"
    TRAINING = "training", "Staff training"
    POLICY_CHANGE = "policy_change", "Policy or procedure change"


class Phase(models.TextChoices):
    """What the current due date is for. Stage 3 moves through three statutory deadlines."""

    RESPONSE = "response", "Response"
    AWAITING_START = "awaiting_start", "Waiting for the clock to start"
    PANEL_MEETING = "panel_meeting", "Review panel meeting"
    PANEL_REPORT = "panel_report", "Panel report"
    COUNCIL_RESPONSE = "council_response", "Council's response to the panel"
