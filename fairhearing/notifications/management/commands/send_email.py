"""Send the emails waiting in the outbox. Run by systemd (--loop) or cron (no options); see docs/email.md."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection

from fairhearing.notifications.outbox import DEFAULT_BATCH, SendResult, outbox_send_due


class Command(BaseCommand):
    help = (
        "Send emails that are due from the outbox, retrying failures later. With no options, sends "
        "batches until nothing is due, then stops (for cron); --once sends one batch; --loop keeps "
        "running (for systemd), checking every --sleep seconds when nothing is due."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--once", action="store_true", help="Send one batch and stop.")
        mode.add_argument("--loop", action="store_true", help="Keep running until stopped.")
        parser.add_argument(
            "--batch", type=int, default=DEFAULT_BATCH, metavar="N",
            help=f"Messages to take at a time (default {DEFAULT_BATCH}).",
        )
        parser.add_argument(
            "--sleep", type=float, default=30.0, metavar="S",
            help="With --loop: seconds to wait when nothing is due (default 30).",
        )

    def handle(self, *args, once: bool, loop: bool, batch: int, sleep: float, **options) -> None:
        if batch < 1:
            raise CommandError("--batch must be 1 or more.")
        total = SendResult()
        self.stopping = False
        if loop:
            # systemd stops a service with SIGTERM: finish the message in hand, then leave, so no
            # message is left half-sent until its claim runs out.
            signal.signal(signal.SIGTERM, self._stop)
        try:
            while not self.stopping:
                if loop and not connection.in_atomic_block:
                    close_old_connections()  # a long-running loop must not keep a dead connection
                result = outbox_send_due(batch=batch)
                total.sent += result.sent
                total.retrying += result.retrying
                total.failed += result.failed
                if once:
                    break
                # A full batch may mean more are due; a short one means the queue is drained.
                if result.claimed < batch:
                    if not loop:
                        break
                    self._sleep(sleep)
        except KeyboardInterrupt:  # systemd stop or Ctrl+C between batches: report and leave
            pass
        # Counts only: no addresses or subjects on the console or in cron's mail.
        self.stdout.write(
            f"Sent {total.sent}, waiting to retry {total.retrying}, failed {total.failed}."
        )

    def _stop(self, signum: int, frame: object) -> None:
        self.stopping = True

    def _sleep(self, seconds: float) -> None:
        """Wait, waking each second to see whether we have been asked to stop."""
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
