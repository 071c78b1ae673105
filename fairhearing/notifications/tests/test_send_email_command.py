"""The send_email command: one batch, draining the queue, and looping until stopped."""

import datetime
import signal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.management.commands import send_email
from fairhearing.notifications.models import OutboxMessage
from fairhearing.notifications.outbox import SendResult

from .factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("send_email", *args, stdout=out)
    return out.getvalue()


def statuses():
    return sorted(OutboxMessage.objects.values_list("status", flat=True))


def test_once_sends_one_batch(mail_server):
    OutboxMessageFactory.create_batch(3)
    assert run("--once", "--batch", "2") == "Sent 2, waiting to retry 0, failed 0.\n"
    assert statuses() == [OutboxStatus.QUEUED, OutboxStatus.SENT, OutboxStatus.SENT]
    assert len(mail_server.received) == 2


def test_without_options_sends_batches_until_nothing_is_due(mail_server):
    OutboxMessageFactory.create_batch(5)
    OutboxMessageFactory(next_attempt_at=timezone.now() + datetime.timedelta(hours=1))
    assert run("--batch", "2") == "Sent 5, waiting to retry 0, failed 0.\n"
    assert len(mail_server.received) == 5
    assert OutboxMessage.objects.filter(status=OutboxStatus.QUEUED).count() == 1


def test_with_the_mail_server_down_it_stops_after_one_try_of_each(mail_server):
    OutboxMessageFactory.create_batch(3)
    mail_server.stop()
    assert run("--batch", "2") == "Sent 0, waiting to retry 3, failed 0.\n"
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}


def test_output_has_counts_only(mail_server):
    OutboxMessageFactory(to_address="someone@example.org", subject="Private subject")
    output = run()
    assert "someone@example.org" not in output and "Private" not in output


def test_a_batch_below_one_is_refused():
    with pytest.raises(CommandError, match="--batch must be 1 or more"):
        run("--batch", "0")


def test_once_and_loop_cannot_be_combined():
    with pytest.raises(CommandError):
        run("--once", "--loop")


def test_loop_sleeps_when_nothing_is_due_and_stops_on_sigterm():
    passes = []

    def send_due(*, batch):
        passes.append(batch)
        if len(passes) == 3:  # systemd stops the service during the third pass
            signal.raise_signal(signal.SIGTERM)
        return SendResult(sent=batch if len(passes) == 1 else 0)

    previous = signal.getsignal(signal.SIGTERM)
    try:
        with mock.patch.object(send_email, "outbox_send_due", send_due), \
                mock.patch.object(send_email.time, "sleep", wraps=send_email.time.sleep) as sleep:
            output = run("--loop", "--batch", "4", "--sleep", "0.3")
    finally:
        signal.signal(signal.SIGTERM, previous)
    # A full first batch: straight on; then an empty one: wait; then stopped after the third.
    assert passes == [4, 4, 4]
    assert sleep.call_count >= 1 and all(0 <= call.args[0] <= 0.3 for call in sleep.call_args_list)
    assert output == "Sent 4, waiting to retry 0, failed 0.\n"
