"""The worker's side of the outbox: claim messages that are due, send each, and record the result.

A message is claimed before it is sent, so two workers running at once never send the same
message: on PostgreSQL the due rows are locked with SELECT ... FOR UPDATE SKIP LOCKED (a second
worker takes the next rows instead of waiting); on SQLite, which has no row locks, each row is
claimed by an UPDATE that only succeeds while the row is still due.

When sending fails the message goes back in the queue with a growing wait (1, 5, 15, 60 then 240
minutes) and fails for good after MAX_ATTEMPTS; a complaints manager can then try it again. A
worker that dies mid-send leaves its messages "sending"; they are taken again once CLAIM_LEASE has
passed, so a crash may at worst send one email twice, never lose one.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import F, Q

from fairhearing.audit.services import audit_record
from fairhearing.core import clock

from .choices import OutboxStatus
from .delivery import Delivery, DeliveryError, delivery_for_settings, error_summary
from .models import OutboxMessage

logger = logging.getLogger(__name__)

# The wait before each retry: after the first failure 1 minute, then 5, 15, 60 and 240.
RETRY_DELAYS = tuple(timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 240))
# The first try and one per delay: about five and a half hours of trying before giving up.
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# How long a claimed message may stay "sending" before another worker may take it (a crash).
# Much longer than a send can take: EMAIL_TIMEOUT bounds each network wait.
CLAIM_LEASE = timedelta(minutes=15)
DEFAULT_BATCH = 50


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the given number of failed attempts (1 for the first failure)."""
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def _due(now: datetime) -> Q:
    return Q(status=OutboxStatus.QUEUED, next_attempt_at__lte=now) | Q(
        status=OutboxStatus.SENDING, claimed_at__lt=now - CLAIM_LEASE
    )


def outbox_claim(*, batch: int = DEFAULT_BATCH, now: datetime | None = None) -> list[OutboxMessage]:
    """Take up to ``batch`` due messages, oldest due first, marking them "sending" and counting the
    attempt. Each message is claimed by exactly one caller, however many run at once."""
    now = now or clock.now()
    claim = {"status": OutboxStatus.SENDING, "claimed_at": now, "attempts": F("attempts") + 1}
    with transaction.atomic():
        due = OutboxMessage.objects.filter(_due(now)).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:batch])
            OutboxMessage.objects.filter(pk__in=ids).update(**claim)
        else:
            ids = [
                pk for pk in due.values_list("pk", flat=True)[:batch]
                if OutboxMessage.objects.filter(_due(now), pk=pk).update(**claim)
            ]
    return list(OutboxMessage.objects.filter(pk__in=ids).order_by("next_attempt_at", "id"))


@dataclass
class SendResult:
    """What one pass of the worker did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def claimed(self) -> int:
        return self.sent + self.retrying + self.failed


def _audit_subject(message: OutboxMessage):
    return message.about if message.about_id is not None else message


def _record_sent(message: OutboxMessage, reference: str, now: datetime) -> None:
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxStatus.SENDING, claimed_at=message.claimed_at
        ).update(status=OutboxStatus.SENT, sent_at=now, provider_reference=reference[:200], last_error="")
        if updated:
            audit_record(
                actor=None, verb="email.sent", subject=_audit_subject(message),
                summary=f"Email sent: {message.name}",
                data={"template_key": message.template_key, "message": message.pk, "attempts": message.attempts},
            )
    logger.info("Email %s sent (%s, attempt %s)", message.pk, message.template_key, message.attempts)


def _record_failure(message: OutboxMessage, error: DeliveryError, now: datetime) -> bool:
    """Queue the message again after its wait, or mark it failed; True when it failed for good."""
    gives_up = error.permanent or message.attempts >= MAX_ATTEMPTS
    with transaction.atomic():
        mine = OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENDING, claimed_at=message.claimed_at)
        if gives_up:
            updated = mine.update(status=OutboxStatus.FAILED, last_error=error.summary, next_attempt_at=now)
            if updated:
                audit_record(
                    actor=None, verb="email.failed", subject=_audit_subject(message),
                    summary=f"Email could not be sent: {message.name}",
                    data={
                        "template_key": message.template_key, "message": message.pk,
                        "attempts": message.attempts, "error": error.summary,
                    },
                )
        else:
            mine.update(
                status=OutboxStatus.QUEUED, last_error=error.summary,
                next_attempt_at=now + retry_delay(message.attempts),
            )
    if gives_up:
        logger.error(
            "Email %s failed for good (%s, attempt %s): %s",
            message.pk, message.template_key, message.attempts, error.summary,
        )
    else:
        logger.warning(
            "Email %s not sent, will try again (%s, attempt %s): %s",
            message.pk, message.template_key, message.attempts, error.summary,
        )
    return gives_up


def outbox_send_due(
    *, batch: int = DEFAULT_BATCH, delivery: Delivery | None = None, now: datetime | None = None
) -> SendResult:
    """Send one batch of due messages and record each outcome: sent, waiting to retry, or failed.
    Never raises for a message that cannot be sent; it is recorded on the message instead."""
    result = SendResult()
    messages = outbox_claim(batch=batch, now=now)
    if not messages:
        return result
    with delivery or delivery_for_settings() as backend:
        for message in messages:
            try:
                reference = backend.send(message)
            except DeliveryError as error:
                failed = _record_failure(message, error, now or clock.now())
            except Exception as error:  # noqa: BLE001 - one bad message must not stop the others
                failed = _record_failure(message, DeliveryError(error_summary(error)), now or clock.now())
            else:
                _record_sent(message, reference, now or clock.now())
                result.sent += 1
                continue
            if failed:
                result.failed += 1
            else:
                result.retrying += 1
    return result
