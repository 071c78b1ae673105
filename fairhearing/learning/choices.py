"""Code lists for learning from complaints."""

from django.db import models


class RootCause(models.TextChoices):
    """Why the service fell short, as councils group their learning in annual reports (seed 001's
    "Root cause analysis and associated learning": communication, decision making, assessment,
    delays, staff conduct)."""

    COMMUNICATION = "communication", "Communication"
    DECISION_MAKING = "decision_making", "Decision making"
    ASSESSMENT = "assessment", "Assessment"
    DELAY = "delay", "Delay"
    RECORDING = "recording", "Case recording or accuracy of records"
    STAFF_CONDUCT = "staff_conduct", "Staff conduct"
    POLICY = "policy", "Policy or procedure"
    RESOURCES = "resources", "Resources or capacity"
    OTHER = "other", "Other"


class ActionStatus(models.TextChoices):
    """Where an action in an action plan has got to; reported each quarter."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    DROPPED = "dropped", "Dropped"


# Actions that no longer need doing: never overdue, never due soon.
CLOSED_ACTION_STATUSES = frozenset({ActionStatus.COMPLETE, ActionStatus.DROPPED})
