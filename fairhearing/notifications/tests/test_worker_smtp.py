"""The worker against a real SMTP server on a local port: delivery, the server going away and
coming back, the retry schedule, giving up, trying again, and no personal data in logs."""

import datetime
import logging
import smtplib
import socket
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError
from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.delivery import DjangoEmailDelivery
from fairhearing.notifications.models import OutboxMessage
from fairhearing.notifications.outbox import MAX_ATTEMPTS, RETRY_DELAYS, outbox_send_due
from fairhearing.notifications.services import email_queue, outbox_message_retry

from .factories import OutboxMessageFactory, acknowledgement_fields

pytestmark = pytest.mark.django_db

ADDRESS = "parent.person@example.org"


@pytest.fixture
def start():
    """A moment safely after the test's messages were queued."""
    return timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)


def queue_acknowledgement(**kwargs):
    return email_queue(
        template_key="complaint_acknowledgement", to=ADDRESS, fields=acknowledgement_fields(), **kwargs
    )


def run_at(moment, **kwargs):
    with time_machine.travel(moment, tick=False):
        return outbox_send_due(**kwargs)


def test_a_queued_email_arrives_at_the_mail_server_with_its_subject_and_body(mail_server, start):
    complaint = make_complaint()
    message = queue_acknowledgement(about=complaint)
    result = run_at(start)
    assert (result.sent, result.retrying, result.failed) == (1, 0, 0)
    [received] = mail_server.received
    assert received["To"] == ADDRESS
    assert received["From"] == "complaints@council.example"
    assert received["Subject"] == "We have received your complaint: CSC-2026-0042"
    assert received["Auto-Submitted"] == "auto-generated"
    plain = received.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = received.get_body(("html",)).get_content()
    assert plain.startswith("Dear Sam\n\nThank you for contacting Demo Borough Council.")
    assert "We will contact you by 8 January 2026" in plain
    assert "<p>Dear Sam</p>" in html
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 1
    assert message.sent_at == start
    assert message.provider_reference == received["Message-ID"]
    event = AuditEvent.objects.get(verb="email.sent")
    assert (event.subject_type.model, event.subject_id) == ("complaint", complaint.pk)
    assert event.summary == "Email sent: Complaint received"


def test_a_message_without_html_is_sent_as_plain_text_only(mail_server, start):
    OutboxMessageFactory(body_text="Plain only.\n", body_html="")
    run_at(start)
    [received] = mail_server.received
    assert not received.is_multipart()
    assert received.get_content().replace("\r\n", "\n") == "Plain only.\n"


def test_mail_server_down_keeps_the_message_and_sends_it_when_the_server_is_back(mail_server, start):
    message = queue_acknowledgement()
    mail_server.stop()
    result = run_at(start)
    assert (result.sent, result.retrying, result.failed) == (0, 1, 0)
    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert message.attempts == 1
    assert message.next_attempt_at == start + datetime.timedelta(minutes=1)
    assert message.last_error == "ConnectionRefusedError"
    assert message.sent_at is None

    mail_server.start()
    # Not due until the wait is over, even though the server is back.
    assert run_at(start + datetime.timedelta(seconds=59)).claimed == 0
    assert mail_server.received == []
    result = run_at(start + datetime.timedelta(minutes=1))
    assert result.sent == 1
    [received] = mail_server.received
    assert received["Subject"] == "We have received your complaint: CSC-2026-0042"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.SENT, 2, "")


def test_each_retry_waits_longer_and_the_message_fails_after_the_last_attempt(mail_server, start):
    message = queue_acknowledgement()
    mail_server.stop()
    moment = start
    for attempt, delay in enumerate(RETRY_DELAYS, start=1):
        assert run_at(moment).retrying == 1
        message.refresh_from_db()
        assert (message.status, message.attempts) == (OutboxStatus.QUEUED, attempt)
        assert message.next_attempt_at == moment + delay
        # One second before the wait is over: not taken.
        assert run_at(moment + delay - datetime.timedelta(seconds=1)).claimed == 0
        moment += delay
    assert [delay.total_seconds() / 60 for delay in RETRY_DELAYS] == [1, 5, 15, 60, 240]

    result = run_at(moment)
    assert (result.retrying, result.failed) == (0, 1)
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == MAX_ATTEMPTS == 6
    assert message.last_error == "ConnectionRefusedError"
    assert run_at(moment + datetime.timedelta(days=1)).claimed == 0  # never taken again by itself
    event = AuditEvent.objects.get(verb="email.failed")
    assert event.data["error"] == "ConnectionRefusedError"
    assert event.summary == "Email could not be sent: Complaint received"


def test_a_failed_message_tried_again_goes_on_the_next_run(mail_server, start):
    message = OutboxMessageFactory(status=OutboxStatus.FAILED, attempts=MAX_ATTEMPTS, last_error="ConnectionRefusedError")
    manager = mock.Mock(pk=None)
    outbox_message_retry(message=message, actor=manager)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.QUEUED, 0)
    assert AuditEvent.objects.filter(verb="email.retried").count() == 1
    assert run_at(start).sent == 1
    assert len(mail_server.received) == 1


@pytest.mark.parametrize("status", [OutboxStatus.QUEUED, OutboxStatus.SENDING, OutboxStatus.SENT])
def test_only_a_failed_message_can_be_tried_again(status):
    message = OutboxMessageFactory(status=status, attempts=1)
    with pytest.raises(DomainError, match="Only an email that failed can be tried again."):
        outbox_message_retry(message=message, actor=None)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (status, 1)
    assert not AuditEvent.objects.filter(verb="email.retried").exists()


def test_a_mailbox_the_server_refuses_fails_at_once_without_the_address_in_the_error(mail_server, start):
    refused = OutboxMessageFactory(to_address="nobody@council.example")
    fine = OutboxMessageFactory()
    mail_server.refuse["nobody@council.example"] = "550 5.1.1 <nobody@council.example>: no such user"
    result = run_at(start)
    assert (result.sent, result.failed) == (1, 1)
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == (OutboxStatus.FAILED, 1)
    assert refused.last_error == "SMTPRecipientsRefused 550"
    assert [received["To"] for received in mail_server.received] == [fine.to_address]


def test_a_temporary_refusal_is_tried_again_later(mail_server, start):
    message = OutboxMessageFactory(to_address="busy@council.example")
    mail_server.refuse["busy@council.example"] = "451 4.3.0 try again later"
    assert run_at(start).retrying == 1
    message.refresh_from_db()
    assert (message.status, message.last_error) == (OutboxStatus.QUEUED, "SMTPRecipientsRefused 451")
    del mail_server.refuse["busy@council.example"]
    assert run_at(start + datetime.timedelta(minutes=1)).sent == 1


def test_one_connection_serves_a_batch_and_a_broken_one_is_reopened(mail_server, start):
    first, second, third = OutboxMessageFactory.create_batch(3)
    delivery = DjangoEmailDelivery()
    real_send = DjangoEmailDelivery.send

    def send(self, message):
        if message.pk == second.pk:  # the connection drops between the first and second message
            self.connection.connection.sock.shutdown(socket.SHUT_RDWR)
        return real_send(self, message)

    with mock.patch("smtplib.SMTP", wraps=smtplib.SMTP) as connect, \
            mock.patch.object(DjangoEmailDelivery, "send", send):
        result = outbox_send_due(delivery=delivery, now=start)
    assert (result.sent, result.retrying) == (2, 1)
    assert connect.call_count == 2  # once for the batch, once more after the drop
    assert [received["To"] for received in mail_server.received] == [first.to_address, third.to_address]
    second.refresh_from_db()
    assert second.status == OutboxStatus.QUEUED
    assert second.last_error in {"SMTPServerDisconnected", "OSError"}
    assert delivery.connection.connection is None  # closed at the end of the batch


def test_an_unexpected_error_for_one_message_does_not_stop_the_others(mail_server, start):
    bad, good = OutboxMessageFactory.create_batch(2)
    real_send = DjangoEmailDelivery.send

    def send(self, message):
        if message.pk == bad.pk:
            raise UnicodeEncodeError("ascii", "x", 0, 1, "boom")
        return real_send(self, message)

    with mock.patch.object(DjangoEmailDelivery, "send", send):
        result = run_at(start)
    assert (result.sent, result.retrying) == (1, 1)
    bad.refresh_from_db()
    assert (bad.status, bad.last_error) == (OutboxStatus.QUEUED, "UnicodeEncodeError")


def test_sending_logs_no_address_subject_or_body(mail_server, start, caplog):
    caplog.set_level(logging.DEBUG)
    queue_acknowledgement()
    OutboxMessageFactory(to_address="nobody@council.example", subject="Private subject", body_text="Private body")
    mail_server.refuse["nobody@council.example"] = "550 no such user nobody@council.example"
    run_at(start)
    queue_acknowledgement()
    mail_server.stop()
    run_at(start)
    # Everything logged except by the test's own mail server (which logs what it receives).
    logged = "\n".join(record.getMessage() for record in caplog.records if record.name != "mail.log")
    assert "sent" in logged and "failed for good" in logged and "will try again" in logged
    for secret in (ADDRESS, "nobody@council.example", "Sam", "Private subject", "Private body", "CSC-2026-0042"):
        assert secret not in logged
    assert "nobody@council.example" not in "".join(OutboxMessage.objects.values_list("last_error", flat=True))
