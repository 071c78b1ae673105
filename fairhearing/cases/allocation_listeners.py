"""The allocation hook: how higher layers hear that a record was given to someone to work on.

When a complaint is allocated to an officer, investigators or a review panel are named on a stage,
or an Ombudsman case or action-plan action is given an owner, the person named should be told
(issue 7: an email, ``case_allocated``). The notifications app sends that email, but cases and
stages sit below it and may not import it, so it registers a callback here instead, in its
``AppConfig.ready()``::

    from fairhearing.cases.allocation_listeners import register_allocation_listener

    class NotificationsConfig(AppConfig):
        def ready(self) -> None:
            from .reminders.allocation import allocation_email_queue
            register_allocation_listener(allocation_email_queue)

The services call :func:`notify_allocated` after saving, inside their own transaction, one line
each::

    notify_allocated(record=complaint, user=assigned_to, role_label="Complaints officer", actor=actor)

``record`` is the complaint, stage, Ombudsman case or action; ``user`` the person now holding it
(None, and the same person as ``previous``, are ignored here, so a call site need not test either);
``role_label`` says in words what they were named as; ``actor`` is who did it. A listener is called
with those four keyword arguments.

Why inside the transaction: a listener queues an outbox row, which commits (or rolls back) with the
allocation itself, so nobody is told of an allocation that did not happen and none is lost.
Listeners must not send anything directly.

Bulk writers that replay history (the register import, the demo data) wrap their work in
:func:`allocation_notices_suppressed`: a complaint allocated years ago in a spreadsheet is not news
to anyone. Not a Django signal on purpose (architecture: no logic in signals); see also
fairhearing/workingdays/listeners.py, which this follows.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

from django.db import transaction


class AllocationListener(Protocol):
    """What an allocation callback looks like."""

    def __call__(self, *, record: Any, user: Any, role_label: str, actor: Any) -> None: ...


_listeners: list[AllocationListener] = []
# A context variable, not a global flag: a suppressed import in one thread (or request) must not
# silence an allocation made at the same moment in another.
_suppressed: ContextVar[bool] = ContextVar("allocation_notices_suppressed", default=False)


def register_allocation_listener(callback: AllocationListener) -> None:
    """Call ``callback`` whenever a record is allocated; registering it again has no effect."""
    if not callable(callback):
        raise TypeError("An allocation listener must be callable.")
    if callback not in _listeners:
        _listeners.append(callback)


def unregister_allocation_listener(callback: AllocationListener) -> None:
    """Stop calling ``callback`` (for tests and for apps that are switched off); no error if absent."""
    if callback in _listeners:
        _listeners.remove(callback)


def registered_allocation_listeners() -> tuple[Callable[..., None], ...]:
    """The listeners that will be called, in order (for checks and tests)."""
    return tuple(_listeners)


@contextmanager
def allocation_notices_suppressed() -> Iterator[None]:
    """Inside this block allocations tell nobody: for imports and other replays of past work."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def allocation_notices_are_suppressed() -> bool:
    return _suppressed.get()


def notify_allocated(*, record: Any, user: Any, role_label: str, actor: Any, previous: Any = None) -> None:
    """Tell every listener that ``user`` now holds ``record``. Must run inside the saving transaction.

    Nothing happens when ``user`` is None (the record was taken off someone), when ``user`` is
    ``previous`` (saved again without a change of holder), or inside
    :func:`allocation_notices_suppressed`.
    """
    # Outside a transaction a queued message could outlive an allocation that then failed.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notify_allocated must be called inside transaction.atomic().")
    if user is None or _suppressed.get():
        return
    if previous is not None and getattr(previous, "pk", previous) == user.pk:
        return
    for listener in tuple(_listeners):
        listener(record=record, user=user, role_label=role_label, actor=actor)
