"""Errors raised by services when a business rule refuses an action.

Views turn these into a message for the user; they never become a 500. The message is written for
a complaints officer to read, in plain English, and never contains a child's personal data.
"""


class DomainError(Exception):
    """A business rule refused the action; ``message`` says why in plain English."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class TransitionNotAllowed(DomainError):
    """The step is not allowed in the record's current state (e.g. extending a closed stage)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="transition_not_allowed")
