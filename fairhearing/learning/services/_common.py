"""Checks shared by the learning services: required text, and dates not in the future or before
a related event."""

from datetime import date

from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError

from ..models import Action, ActionPlan, LearningMeeting

OWNER_MAX = Action._meta.get_field("owner").max_length
SHORT_TEXT_MAX = Action._meta.get_field("start_by_text").max_length
PERSON_MAX = LearningMeeting._meta.get_field("chair").max_length
TITLE_MAX = ActionPlan._meta.get_field("title").max_length
PERIOD_MAX = ActionPlan._meta.get_field("period_label").max_length
NUMBER_MAX = 32767  # PositiveSmallIntegerField's limit on every database Django supports


def required(value: str, message: str, *, max_length: int | None = None, label: str = "") -> str:
    """Stripped text that must be present (and, for short fields, fit)."""
    value = (value or "").strip()
    if not value:
        raise DomainError(message)
    if max_length is not None and len(value) > max_length:
        raise DomainError(f"The {label} must be {max_length} characters or fewer.")
    return value


def optional(value: str, *, max_length: int, label: str) -> str:
    value = (value or "").strip()
    if len(value) > max_length:
        raise DomainError(f"The {label} must be {max_length} characters or fewer.")
    return value


def not_in_future(value: date | None, *, label: str, today: date) -> None:
    if value is not None and value > today:
        raise DomainError(f"The {label} cannot be in the future.")


def not_before(value: date | None, *, label: str, floor: date, floor_label: str) -> None:
    if value is not None and value < floor:
        raise DomainError(f"The {label} cannot be before {floor_label} ({long_date(floor)}).")

