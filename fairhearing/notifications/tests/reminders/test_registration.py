"""The allocation hook's wiring: the notifications app hears allocations from the moment Django
starts (no fixture registers the listener here), and the hook refuses to run outside a transaction."""

from types import SimpleNamespace

import pytest

from fairhearing.cases.allocation_listeners import notify_allocated, registered_allocation_listeners
from fairhearing.notifications.reminders.allocation import allocation_email_queue


def test_the_notifications_app_registers_its_allocation_listener_at_start_up():
    assert registered_allocation_listeners().count(allocation_email_queue) == 1


def test_the_hook_must_be_called_inside_the_allocating_transaction():
    # Outside a transaction a queued email could outlive an allocation that then failed.
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        notify_allocated(record=SimpleNamespace(pk=1), user=SimpleNamespace(pk=2), role_label="test", actor=None)
