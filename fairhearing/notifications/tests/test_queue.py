"""Queueing an email: rendering the team's wording, validation, dedupe and the audit event."""

import logging

import pytest
from django.db import transaction

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core.errors import DomainError
from fairhearing.notifications.catalogue import CATALOGUE, EXAMPLE_VALUES
from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.models import EmailTemplate, OutboxMessage
from fairhearing.notifications.services import email_queue

from .factories import acknowledgement_fields

pytestmark = pytest.mark.django_db

ADDRESS = "parent.person@example.org"


def test_queues_the_default_wording_merged_with_the_fields():
    complaint = make_complaint()
    actor = officer()
    message = email_queue(
        template_key="complaint_acknowledgement", to=ADDRESS, fields=acknowledgement_fields(),
        about=complaint, actor=actor,
    )
    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert message.attempts == 0
    assert message.to_address == ADDRESS
    assert message.subject == "We have received your complaint: CSC-2026-0042"
    assert message.body_text.startswith("Dear Sam\n\nThank you for contacting Demo Borough Council.")
    assert "We will contact you by 8 January 2026" in message.body_text
    assert "<p>Dear Sam</p>" in message.body_html
    assert message.about == complaint
    event = AuditEvent.objects.get(verb="email.queued")
    assert (event.subject_type.model, event.subject_id) == ("complaint", complaint.pk)
    assert event.actor == actor
    assert event.data["template_key"] == "complaint_acknowledgement"
    assert ADDRESS not in str(event.data) + event.summary
    assert "Sam" not in str(event.data) + event.summary


def test_council_and_service_names_come_from_settings_unless_given(settings):
    settings.COUNCIL_NAME = "Northshire County Council"
    fields = acknowledgement_fields()
    del fields["council_name"], fields["service_name"]
    message = email_queue(template_key="complaint_acknowledgement", to=ADDRESS, fields=fields)
    assert "Thank you for contacting Northshire County Council." in message.body_text
    assert message.body_text.rstrip().endswith("Children's Services complaints\nNorthshire County Council")


def test_uses_the_teams_own_wording_when_there_is_one():
    EmailTemplate.objects.create(
        key="compliment_thanks", subject="Thanks from {{ council_name }} ({{ reference }})",
        body="Hello {{ first_name }}, thanks. Reference {{ reference }}.",
    )
    message = email_queue(
        template_key="compliment_thanks", to=ADDRESS,
        fields={"reference": "COM-2026-0001", "first_name": "Jo"},
    )
    assert message.subject == "Thanks from Demo Borough Council (COM-2026-0001)"
    assert message.body_text == "Hello Jo, thanks. Reference COM-2026-0001.\n"


def test_a_value_that_looks_like_a_field_or_html_is_printed_as_typed():
    fields = acknowledgement_fields(complainant_first_name="{{ reference }} <b>Sam</b>")
    message = email_queue(template_key="complaint_acknowledgement", to=ADDRESS, fields=fields)
    assert message.body_text.startswith("Dear {{ reference }} <b>Sam</b>\n")
    assert "Dear {{ reference }} &lt;b&gt;Sam&lt;/b&gt;" in message.body_html


def test_line_breaks_in_a_subject_value_cannot_add_a_header():
    message = email_queue(
        template_key="complaint_acknowledgement", to=ADDRESS,
        fields=acknowledgement_fields(reference="CSC-1\r\nBcc: someone@example.org"),
    )
    assert "\n" not in message.subject and "\r" not in message.subject


def test_numbers_are_accepted_as_field_values():
    message = email_queue(
        template_key="overdue_escalation", to=ADDRESS,
        fields={"overdue_count": 3, "items": "CSC-2026-0001: Stage 1 response", "link": "https://x.example/"},
    )
    assert message.subject == "Children's Services complaints: 3 overdue"


@pytest.mark.parametrize("key", list(CATALOGUE))
def test_every_email_in_the_catalogue_can_be_queued_with_its_fields(key):
    fields = {name: EXAMPLE_VALUES[name] for name in CATALOGUE[key].fields}
    message = email_queue(template_key=key, to=ADDRESS, fields=fields)
    assert "[not recorded" not in message.subject + message.body_text
    assert "{{" not in message.subject + message.body_text


def test_a_dedupe_key_queues_once_and_then_returns_none():
    fields = acknowledgement_fields()
    first = email_queue(template_key="complaint_acknowledgement", to=ADDRESS, fields=fields, dedupe_key="ack:1")
    second = email_queue(template_key="complaint_acknowledgement", to=ADDRESS, fields=fields, dedupe_key="ack:1")
    assert first is not None and second is None
    assert OutboxMessage.objects.count() == 1
    assert AuditEvent.objects.filter(verb="email.queued").count() == 1


def test_an_empty_dedupe_key_never_deduplicates():
    fields = acknowledgement_fields()
    email_queue(template_key="complaint_acknowledgement", to=ADDRESS, fields=fields)
    email_queue(template_key="complaint_acknowledgement", to=ADDRESS, fields=fields)
    assert OutboxMessage.objects.count() == 2


def test_a_duplicate_racing_past_the_check_returns_none_and_leaves_the_callers_transaction_usable(monkeypatch):
    fields = acknowledgement_fields()
    email_queue(template_key="complaint_acknowledgement", to=ADDRESS, fields=fields, dedupe_key="ack:1")
    # Another process queued the same key between our check and our insert.
    real_filter = OutboxMessage.objects.filter
    calls = {"n": 0}

    def filter_missing_first_time(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            return OutboxMessage.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(OutboxMessage.objects, "filter", filter_missing_first_time)
    with transaction.atomic():
        assert email_queue(
            template_key="complaint_acknowledgement", to=ADDRESS, fields=fields, dedupe_key="ack:1"
        ) is None
        assert OutboxMessage.objects.count() == 1  # the transaction still works


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"template_key": "complaint_acknowledgment"}, "There is no email called 'complaint_acknowledgment'."),
        ({"to": "not-an-address"}, "Enter an email address in the correct format, like name@example.com"),
        ({"to": ""}, "Enter an email address in the correct format"),
        ({"to": "a@example.org\nBcc: b@example.org"}, "Enter an email address in the correct format"),
        ({"to": "a@example.org, b@example.org"}, "Enter an email address in the correct format"),
        ({"fields": acknowledgement_fields(next_steps_date=None)}, "these fields are missing: next_steps_date"),
        ({"fields": {"reference": "CSC-1"}}, "these fields are missing: complainant_first_name, received_date"),
        ({"fields": acknowledgement_fields(received_date=["5 January"])}, "received_date must be text"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(kwargs, message):
    arguments = {
        "template_key": "complaint_acknowledgement", "to": ADDRESS, "fields": acknowledgement_fields(),
    } | kwargs
    arguments["fields"] = {name: value for name, value in arguments["fields"].items() if value is not None}
    with pytest.raises(DomainError) as error:
        email_queue(**arguments)
    assert message in error.value.message
    assert not OutboxMessage.objects.exists()
    assert not AuditEvent.objects.filter(verb="email.queued").exists()


def test_a_stored_subject_with_a_name_in_it_is_refused_at_queue_time():
    # Written straight to the table, as an old release or a hand edit might have left it.
    EmailTemplate.objects.create(
        key="compliment_thanks", subject="Thank you {{ first_name }}", body="Thanks {{ reference }}",
    )
    with pytest.raises(DomainError, match="cannot be used in the subject line"):
        email_queue(template_key="compliment_thanks", to=ADDRESS, fields={"reference": "C-1", "first_name": "Jo"})
    assert not OutboxMessage.objects.exists()


def test_queueing_logs_no_address_or_text(caplog):
    caplog.set_level(logging.DEBUG)
    email_queue(template_key="complaint_acknowledgement", to=ADDRESS, fields=acknowledgement_fields())
    assert "queued" in caplog.text
    assert ADDRESS not in caplog.text and "Sam" not in caplog.text
