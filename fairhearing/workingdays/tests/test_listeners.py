"""The calendar-change hook that lets higher layers react without being imported."""

from datetime import date

import pytest

from fairhearing.workingdays.listeners import (
    notify_calendar_changed,
    register_calendar_listener,
    registered_calendar_listeners,
    unregister_calendar_listener,
)

from .conftest import CalendarChanges


@pytest.fixture
def two_listeners():
    first, second = CalendarChanges(), CalendarChanges()
    yield first, second
    unregister_calendar_listener(first)
    unregister_calendar_listener(second)


def test_registering_the_same_listener_twice_calls_it_once(db, two_listeners):
    first, _ = two_listeners
    register_calendar_listener(first)
    register_calendar_listener(first)
    assert registered_calendar_listeners().count(first) == 1
    notify_calendar_changed(actor=None, description="test", changed_dates=[date(2030, 1, 2)])
    assert len(first.calls) == 1


def test_listeners_are_called_in_order_with_sorted_unique_dates(db, two_listeners):
    first, second = two_listeners
    register_calendar_listener(first)
    register_calendar_listener(second)
    actor = object()
    notify_calendar_changed(
        actor=actor,
        description="Closure day added",
        changed_dates=[date(2030, 1, 3), date(2030, 1, 2), date(2030, 1, 3)],
    )
    listeners = registered_calendar_listeners()
    assert listeners.index(first) < listeners.index(second)
    for listener in (first, second):
        assert listener.calls == [
            {
                "actor": actor,
                "description": "Closure day added",
                "changed_dates": [date(2030, 1, 2), date(2030, 1, 3)],
                "in_transaction": True,
            }
        ]


def test_bound_methods_are_recognised_as_the_same_listener(db):
    class App:
        def __init__(self) -> None:
            self.calls = 0

        def on_change(self, *, actor, description, changed_dates) -> None:
            self.calls += 1

    app = App()
    register_calendar_listener(app.on_change)
    register_calendar_listener(app.on_change)
    try:
        notify_calendar_changed(actor=None, description="test", changed_dates=[])
        assert app.calls == 1
    finally:
        unregister_calendar_listener(app.on_change)


def test_an_unregistered_listener_is_not_called(db, calendar_changes):
    unregister_calendar_listener(calendar_changes)
    unregister_calendar_listener(calendar_changes)  # no error the second time
    notify_calendar_changed(actor=None, description="test", changed_dates=[])
    assert calendar_changes.calls == []


def test_a_listener_must_be_callable():
    with pytest.raises(TypeError):
        register_calendar_listener("not a function")  # type: ignore[arg-type]


def test_notifying_outside_a_transaction_is_refused(calendar_changes):
    # No database here, so no test transaction: a failing listener could not undo the change.
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        notify_calendar_changed(actor=None, description="test", changed_dates=[])
    assert calendar_changes.calls == []
