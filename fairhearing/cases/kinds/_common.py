"""Checks and steps the kind services share."""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.db import models

from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError


class Unchanged:
    """The default of every field an update service takes: "leave this field as it is"."""

    _instance: "Unchanged | None" = None

    def __new__(cls) -> "Unchanged":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNCHANGED"

    def __bool__(self) -> bool:
        return False


UNCHANGED: Final = Unchanged()


def check_date(
    value: date | None, *, label: str, today: date, not_before: date | None = None,
    not_before_label: str = "", required: bool = True,
) -> None:
    """A date a person entered: present (if required), not in the future, not before an event."""
    if value is None:
        if required:
            raise DomainError(f"Enter the {label}.")
        return
    if value > today:
        raise DomainError(f"The {label} cannot be in the future.")
    if not_before is not None and value < not_before:
        raise DomainError(f"The {label} cannot be before {not_before_label} ({long_date(not_before)}).")


def check_text(value: str | None, *, message: str) -> str:
    """Text a person must give; returned without surrounding spaces."""
    text = (value or "").strip()
    if not text:
        raise DomainError(message)
    return text


def check_choice(value: str, choices: type[models.TextChoices], *, message: str) -> None:
    if value not in choices.values:
        raise DomainError(message)


def check_money(value: Decimal | int | str | None, *, label: str, allow_zero: bool) -> Decimal | None:
    """An amount in pounds with at most two decimal places, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        # A float cannot hold most amounts in pence exactly; callers pass Decimal or text.
        raise DomainError(f"Enter the {label} as an amount in pounds, like 1800.00.")
    try:
        amount = Decimal(str(value))
    except InvalidOperation as error:
        raise DomainError(f"Enter the {label} as an amount in pounds, like 1800.00.") from error
    if not amount.is_finite():
        raise DomainError(f"Enter the {label} as an amount in pounds, like 1800.00.")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise DomainError(f"The {label} must be more than £0." if not allow_zero
                          else f"The {label} cannot be negative.")
    if amount != amount.quantize(Decimal("0.01")):
        raise DomainError(f"The {label} can have at most two decimal places (pence).")
    if amount >= Decimal("100000000"):
        raise DomainError(f"The {label} is too large.")
    return amount.quantize(Decimal("0.01"))


def full_clean(instance: models.Model, *, exclude: Iterable[str] = ("reference",)) -> None:
    """Run the model's own validation (lengths, choices, constraints) as a DomainError."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        messages = "; ".join(
            " ".join(errors) if field == "__all__" else f"{field}: {' '.join(errors)}"
            for field, errors in error.message_dict.items()
        )
        raise DomainError(messages) from error


def plain(value: Any) -> Any:
    """A value fit for an audit event's JSON: a record becomes its id."""
    if isinstance(value, models.Model):
        return value.pk
    return value


def apply_changes(instance: models.Model, changes: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set each field not left UNCHANGED; return what actually changed as {field: [before, after]}."""
    diff: dict[str, list[Any]] = {}
    for name, value in changes.items():
        if value is UNCHANGED:
            continue
        if isinstance(value, str):
            value = value.strip()
        before = getattr(instance, name)
        if plain(before) != plain(value):
            diff[name] = [plain(before), plain(value)]
            setattr(instance, name, value)
    return diff


def lock(instance: models.Model) -> Any:
    """The same record, read again with its row locked for the rest of the transaction."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)
