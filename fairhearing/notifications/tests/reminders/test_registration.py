"""The hooks' wiring: the notifications app hears allocations from the moment Django starts (no
fixture registers the listener here), and the hook refuses to run outside a transaction; the
public forms app hands the reminders its kind of deadline at start-up, through a registry that
refuses to let a registered kind replace one the reminders read themselves."""

from dataclasses import replace
from types import SimpleNamespace

import pytest

from fairhearing.cases.allocation_listeners import notify_allocated, registered_allocation_listeners
from fairhearing.notifications.reminders.allocation import allocation_email_queue
from fairhearing.notifications.reminders.items import (
    SOURCES,
    item_sources,
    register_item_source,
    unregister_item_source,
)


def test_the_notifications_app_registers_its_allocation_listener_at_start_up():
    assert registered_allocation_listeners().count(allocation_email_queue) == 1


def test_the_hook_must_be_called_inside_the_allocating_transaction():
    # Outside a transaction a queued email could outlive an allocation that then failed.
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        notify_allocated(record=SimpleNamespace(pk=1), user=SimpleNamespace(pk=2), role_label="test", actor=None)


def test_the_public_forms_app_registers_the_online_submissions_at_start_up():
    kinds = [source.kind for source in item_sources()]
    assert kinds.count("online_submission") == 1
    assert kinds[:len(SOURCES)] == [source.kind for source in SOURCES]


def test_registering_a_kind_again_replaces_it_and_a_built_in_kind_cannot_be_replaced():
    online = next(source for source in item_sources() if source.kind == "online_submission")
    try:
        register_item_source(replace(online, phrase="due"))
        assert [source.phrase for source in item_sources() if source.kind == "online_submission"] == ["due"]
    finally:
        register_item_source(online)
    assert item_sources().count(online) == 1
    with pytest.raises(ValueError, match="already read the kind 'acknowledgement'"):
        register_item_source(replace(online, kind="acknowledgement"))
    with pytest.raises(ValueError, match="Unknown reminder email"):
        register_item_source(replace(online, kind="other", email="newsletter"))
    with pytest.raises(TypeError):
        register_item_source(lambda user: [])
    unregister_item_source("not registered")  # no error
    assert "other" not in [source.kind for source in item_sources()]
