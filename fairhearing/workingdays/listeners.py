"""The calendar-change hook: how higher layers hear that a non-working day was added or removed.

Stored due dates depend on the calendar (ADR 0002), so when a bank holiday or closure day changes,
the stages app must recalculate the due dates of open stages (auditing each change) and the audit
app must record the calendar change itself. workingdays sits below both and may not import them,
so they register a callback here instead, in their ``AppConfig.ready()``::

    from fairhearing.workingdays.listeners import register_calendar_listener

    class StagesConfig(AppConfig):
        def ready(self) -> None:
            from .services import stages_recalculate_for_calendar_change
            register_calendar_listener(stages_recalculate_for_calendar_change)

A listener is called with keyword arguments only::

    def listener(*, actor, description: str, changed_dates: list[date]) -> None: ...

``actor`` is the user who made the change, or None when the system did (the refresh command).
``description`` is one plain-English line, e.g. "Closure day added: Wednesday 24 December 2025
(Council closed)". ``changed_dates`` are the dates whose status changed, sorted.

Every workingdays service calls :func:`notify_calendar_changed` inside its own transaction, after
saving, so a listener sees the new calendar (``selectors.calendar_get()``) and any exception it
raises rolls the calendar change back too: a due date is never left calculated on an old calendar.
Listeners must not send email directly; use ``transaction.on_commit``.

Registration is idempotent (registering the same callback twice keeps one entry), because
``ready()`` can run more than once, e.g. in tests. Listeners run in registration order.
Not a Django signal on purpose: signals fire from ``save()`` on any code path, while this fires
only from the services, with the actor as an argument (architecture: no logic in signals).
"""

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from django.db import transaction


class CalendarListener(Protocol):
    """What a calendar-change callback looks like."""

    def __call__(self, *, actor: Any, description: str, changed_dates: list[date]) -> None: ...


_listeners: list[CalendarListener] = []


def register_calendar_listener(callback: CalendarListener) -> None:
    """Call ``callback`` whenever the calendar changes; registering it again has no effect."""
    if not callable(callback):
        raise TypeError("A calendar listener must be callable.")
    if callback not in _listeners:
        _listeners.append(callback)


def unregister_calendar_listener(callback: CalendarListener) -> None:
    """Stop calling ``callback`` (for tests and for apps that are switched off); no error if absent."""
    if callback in _listeners:
        _listeners.remove(callback)


def registered_calendar_listeners() -> tuple[Callable[..., None], ...]:
    """The listeners that will be called, in order (for checks and tests)."""
    return tuple(_listeners)


def notify_calendar_changed(*, actor: Any, description: str, changed_dates: list[date]) -> None:
    """Tell every listener that the calendar changed. Must run inside the change's transaction."""
    # Outside a transaction a failing listener could not undo the change it was told about,
    # leaving stored due dates out of step with the calendar.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notify_calendar_changed must be called inside transaction.atomic().")
    dates = sorted(set(changed_dates))
    for listener in tuple(_listeners):
        listener(actor=actor, description=description, changed_dates=list(dates))
