"""Checks shared by the Ombudsman services."""

from datetime import date

from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError


def check_date(value: date | None, *, label: str, today: date, not_before: date | None = None,
               not_before_label: str = "", required: bool = True, code: str = "invalid") -> None:
    """A date the user entered: present (if required), not in the future, not before an event."""
    if value is None:
        if required:
            raise DomainError(f"Enter the {label}.", code=code)
        return
    if value > today:
        raise DomainError(f"The {label} cannot be in the future.", code=code)
    if not_before is not None and value < not_before:
        raise DomainError(
            f"The {label} cannot be before {not_before_label} ({long_date(not_before)}).", code=code
        )
