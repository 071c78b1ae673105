"""Claiming due messages: only due ones, oldest first, each by one worker only, and messages left
"sending" by a worker that died are taken again once the claim has run out."""

import datetime
import threading
from unittest import mock

import pytest
from django.db import connection, connections
from django.utils import timezone

from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.models import OutboxMessage
from fairhearing.notifications.outbox import CLAIM_LEASE, outbox_claim

from .factories import OutboxMessageFactory

NOW = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)


@pytest.fixture(params=["skip_locked", "conditional_update"])
def claim_path(request):
    """Run a test on both claim paths, whatever the database: PostgreSQL's row locks and the
    conditional UPDATE SQLite uses."""
    if request.param == "skip_locked" and not connection.features.has_select_for_update_skip_locked:
        pytest.skip("this database has no SKIP LOCKED")
    with mock.patch.object(
        type(connection.features), "has_select_for_update_skip_locked", request.param == "skip_locked"
    ):
        yield request.param


@pytest.mark.django_db
def test_takes_only_due_messages_oldest_first_and_counts_the_attempt(claim_path):
    later = OutboxMessageFactory(next_attempt_at=NOW - datetime.timedelta(minutes=1))
    earlier = OutboxMessageFactory(next_attempt_at=NOW - datetime.timedelta(minutes=5))
    exactly_now = OutboxMessageFactory(next_attempt_at=NOW)
    OutboxMessageFactory(next_attempt_at=NOW + datetime.timedelta(seconds=1))  # not yet due
    OutboxMessageFactory(status=OutboxStatus.SENT, next_attempt_at=NOW - datetime.timedelta(days=1))
    OutboxMessageFactory(status=OutboxStatus.FAILED, next_attempt_at=NOW - datetime.timedelta(days=1))
    claimed = outbox_claim(batch=10, now=NOW)
    assert [message.pk for message in claimed] == [earlier.pk, later.pk, exactly_now.pk]
    assert all(
        (message.status, message.attempts, message.claimed_at) == (OutboxStatus.SENDING, 1, NOW)
        for message in claimed
    )


@pytest.mark.django_db
def test_a_claimed_message_is_not_claimed_again(claim_path):
    OutboxMessageFactory.create_batch(3)
    first = outbox_claim(batch=2, now=NOW)
    second = outbox_claim(batch=2, now=NOW)
    assert len(first) == 2 and len(second) == 1
    assert not {m.pk for m in first} & {m.pk for m in second}
    assert outbox_claim(batch=2, now=NOW) == []


@pytest.mark.django_db
def test_a_message_taken_by_another_worker_between_reading_and_claiming_is_left_to_it():
    # Only the conditional UPDATE path reads before it claims; SKIP LOCKED never returns the row.
    taken, free = OutboxMessageFactory.create_batch(2)
    real_filter = OutboxMessage.objects.filter

    def another_worker_gets_there_first(*args, **kwargs):
        if args and kwargs.get("pk") == taken.pk:  # our conditional claim of `taken` is about to run
            real_filter(pk=taken.pk).update(status=OutboxStatus.SENDING, claimed_at=NOW, attempts=1)
        return real_filter(*args, **kwargs)

    with mock.patch.object(type(connection.features), "has_select_for_update_skip_locked", False), \
            mock.patch.object(OutboxMessage.objects, "filter", another_worker_gets_there_first):
        claimed = outbox_claim(batch=10, now=NOW)
    assert [message.pk for message in claimed] == [free.pk]
    taken.refresh_from_db()
    assert taken.attempts == 1  # counted once, by the worker that has it


@pytest.mark.django_db
def test_a_message_left_sending_is_taken_again_only_after_the_lease(claim_path):
    stuck = OutboxMessageFactory(status=OutboxStatus.SENDING, attempts=2, claimed_at=NOW - CLAIM_LEASE)
    assert outbox_claim(now=NOW) == []  # exactly at the lease: the first worker may still be sending
    [claimed] = outbox_claim(now=NOW + datetime.timedelta(seconds=1))
    assert claimed.pk == stuck.pk
    assert claimed.attempts == 3


def _in_own_connection(work):
    """Run ``work`` in a thread with its own database connection (autocommit, outside the test's
    transaction), returning its result or raising its error."""
    outcome: dict[str, object] = {}

    def run():
        try:
            outcome["result"] = work()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


@pytest.mark.postgres
@pytest.mark.django_db
def test_workers_claiming_at_the_same_time_never_share_a_message():
    # The messages are committed from another connection, so four workers with connections of
    # their own can see them; they are deleted at the end. No transaction=True: that would flush
    # the seeded tables of a reused test database.
    ids = _in_own_connection(lambda: [message.pk for message in OutboxMessageFactory.create_batch(40)])
    try:
        results: list[list[int]] = []
        barrier = threading.Barrier(4)

        def worker():
            try:
                barrier.wait()
                for _ in range(20):
                    results.append([m.pk for m in outbox_claim(batch=3, now=NOW) if m.pk in ids])
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        claimed = [pk for batch in results for pk in batch]
        assert len(claimed) == len(set(claimed)) == 40
        attempts = _in_own_connection(
            lambda: set(OutboxMessage.objects.filter(pk__in=ids).values_list("attempts", flat=True))
        )
        assert attempts == {1}
    finally:
        _in_own_connection(lambda: OutboxMessage.objects.filter(pk__in=ids).delete())
