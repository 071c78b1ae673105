"""Receiving a form: the reference, the acknowledgement due date in working days, the files, the
audit event (with nothing personal in it) and the acknowledgement queued in the outbox, with the
child's wording when a child or young person complains."""

import datetime

import pytest
from django.db import IntegrityError

from fairhearing.audit.models import AuditEvent
from fairhearing.core.errors import DomainError
from fairhearing.notifications.models import OutboxMessage
from fairhearing.people.choices import Relationship
from fairhearing.publicforms.choices import FormVersion, SubmissionStatus
from fairhearing.publicforms.models import OnlineSubmission, SubmissionReferenceCounter
from fairhearing.publicforms.references import submission_reference_next
from fairhearing.publicforms.services import online_submission_create

from .factories import (
    LONDON,
    MOMENT,
    D,
    complaint_answers,
    compliment_answers,
    fresh_key,
    make_submission,
)

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=10, minute=0):  # noqa: ANN001, ANN201
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_a_complaint_gets_the_next_reference_of_the_year():
    first = make_submission()
    second = make_submission()
    assert (first.reference, second.reference) == ("ONL-2022-00001", "ONL-2022-00002")
    assert first.status == SubmissionStatus.NEW and first.received_at == MOMENT


def test_the_reference_follows_the_year_in_london_and_the_prefix_setting(settings):
    settings.PUBLIC_FORMS_REFERENCE_PREFIX = "WEB"
    late = make_submission(now=at(2022, 12, 31, 23, 59))
    early = make_submission(now=at(2023, 1, 1, 0, 0))
    assert (late.reference, early.reference) == ("WEB-2022-00001", "WEB-2023-00001")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_references_are_taken_only_inside_a_transaction():
    with pytest.raises(RuntimeError, match="inside a transaction"):
        submission_reference_next(year=2022)


def test_a_refused_form_gives_its_reference_number_back():
    with pytest.raises(DomainError):
        make_submission(answers=complaint_answers(what_happened="   "))
    assert not SubmissionReferenceCounter.objects.exists()
    assert make_submission().reference == "ONL-2022-00001"


def test_references_are_unique_in_the_database():
    make_submission()
    with pytest.raises(IntegrityError):
        OnlineSubmission.objects.create(reference="ONL-2022-00001", kind="complaint", received_at=MOMENT)


@pytest.mark.parametrize(("received", "due"), [
    # 3 working days (the children's statutory procedure's target) counted from the day after:
    (at(2022, 4, 14), D(2022, 4, 21)),  # Thursday before Easter: Good Friday and Easter Monday skipped
    (at(2022, 4, 16), D(2022, 4, 21)),  # Saturday: the event day is day 0 whatever day it is
    (at(2022, 4, 18), D(2022, 4, 21)),  # Easter Monday, a bank holiday, is day 0 too
    (at(2022, 4, 19), D(2022, 4, 22)),  # an ordinary Tuesday
    (at(2022, 12, 22, 16), D(2022, 12, 29)),  # 23, then 28 and 29: 26 and 27 December are bank holidays
    (datetime.datetime(2022, 6, 30, 23, 30, tzinfo=datetime.UTC), D(2022, 7, 6)),  # 00:30 on 1 July in London
])
def test_the_acknowledgement_is_due_three_working_days_after_the_day_received(received, due):
    assert make_submission(now=received).acknowledge_by == due


def test_the_acknowledgement_target_is_the_procedures_own():
    from fairhearing.cases.models import Procedure

    Procedure.objects.filter(kind="children_statutory").update(acknowledgement_days=2)
    assert make_submission(now=at(2022, 4, 14)).acknowledge_by == D(2022, 4, 20)


def test_a_compliment_has_no_acknowledgement_date():
    submission = make_submission(answers=compliment_answers())
    assert submission.kind == "compliment" and submission.acknowledge_by is None
    assert submission.compliment_words.startswith("Jo listened") and submission.consent_to_share


def test_the_answers_are_kept_in_their_own_fields():
    submission = make_submission(answers=complaint_answers(
        relationship=Relationship.OTHER, relationship_detail="Family friend", postcode="aa3 1ab",
        contact_method="letter", address="1 High Street", email=""))
    submission.refresh_from_db()
    assert (submission.relationship, submission.relationship_detail) == ("other", "Family friend")
    assert (submission.child_first_name, submission.child_date_of_birth) == ("Sam", D(2012, 3, 27))
    assert (submission.contact_method, submission.address, submission.postcode) == ("letter", "1 High Street", "AA3 1AB")
    assert submission.what_happened == "No one came to the review meeting."


def test_the_audit_event_says_what_arrived_and_nothing_personal():
    submission = make_submission()
    event = AuditEvent.objects.get(verb="online_submission.received")
    assert event.subject_id == submission.pk and event.actor is None
    assert event.summary == "Complaint received online (adult's form)"
    assert event.data["channel"] == "online_form" and event.data["attachments"] == 0
    text = f"{event.summary} {event.data} {event.changes}"
    for personal in ("Pat", "Sam", "Example", "pat@example.org", "review meeting", "apology"):
        assert personal not in text


@pytest.mark.parametrize(("overrides", "message"), [
    ({"first_name": " "}, "Enter your first name."),
    ({"what_happened": ""}, "Say what happened."),
    ({"desired_outcome": ""}, "Say what you would like to happen."),
    ({"relationship": "cousin"}, "Say who you are"),
    ({"wants_advocate": "maybe"}, "advocate"),
    ({"contact_method": "pigeon"}, "contacted"),
    ({"contact_method": "telephone", "telephone": ""}, "contact details"),
    ({"contact_method": "letter", "address": "1 High Street", "postcode": ""}, "contact details"),
    ({"child_first_name": ""}, "child or young person's first name"),
    ({"relationship": "other", "relationship_detail": ""}, "how you know"),
    ({"child_date_of_birth": D(2022, 4, 15)}, "future"),
    ({"what_happened": "x" * 10_001}, "longer than 10,000"),
    ({"email": "not an address"}, "email"),
    ({"form_version": "teen"}, "form version"),
])
def test_bad_answers_are_refused_and_nothing_is_saved(overrides, message):
    with pytest.raises(DomainError, match=f"(?i){message}"):
        make_submission(answers=complaint_answers(**overrides))
    assert not OnlineSubmission.objects.exists()
    assert not AuditEvent.objects.filter(verb="online_submission.received").exists()


def test_a_date_of_birth_of_today_is_accepted():
    assert make_submission(answers=complaint_answers(child_date_of_birth=D(2022, 4, 14))).pk


def test_a_child_complaining_needs_no_child_name():
    submission = make_submission(answers=complaint_answers(relationship=Relationship.CHILD, child_first_name=""))
    assert submission.is_from_child and submission.child_first_name == ""


def test_a_compliment_with_an_email_needs_a_first_name():
    with pytest.raises(DomainError, match="first name"):
        make_submission(answers=compliment_answers(first_name=""))
    assert make_submission(answers=compliment_answers(first_name="", email="")).pk


# The acknowledgement email --------------------------------------------------------------------------

def test_an_adult_gets_the_adult_acknowledgement_with_the_due_date():
    submission = make_submission()
    message = OutboxMessage.objects.get()
    assert message.template_key == "complaint_acknowledgement"
    assert message.to_address == "pat@example.org" and message.about == submission
    assert "ONL-2022-00001" in message.subject and "Pat" not in message.subject
    assert "Thursday" not in message.body_text and "21 April 2022" in message.body_text
    assert "14 April 2022" in message.body_text and "complaints@council.example" in message.body_text
    assert submission.acknowledgement_queued


@pytest.mark.parametrize(("version", "relationship"), [
    (FormVersion.ADULT, Relationship.CHILD),  # a young person who used the adult form
    (FormVersion.YOUNG_PERSON, Relationship.CHILD),
    (FormVersion.YOUNG_PERSON, Relationship.FAMILY),  # a young person complaining for their sister
])
def test_a_child_or_young_person_gets_the_childs_wording(version, relationship):
    make_submission(answers=complaint_answers(form_version=version, relationship=relationship))
    message = OutboxMessage.objects.get()
    assert message.template_key == "complaint_acknowledgement_child"
    assert "advocate" in message.body_text


def test_no_email_address_no_email():
    submission = make_submission(answers=complaint_answers(contact_method="telephone", telephone="07700 900982",
                                                           email=""))
    assert not OutboxMessage.objects.exists() and not submission.acknowledgement_queued


def test_a_compliment_with_an_email_is_thanked():
    make_submission(answers=compliment_answers())
    message = OutboxMessage.objects.get()
    assert message.template_key == "compliment_thanks" and "Dear Pat" in message.body_text


def test_an_address_the_outbox_refuses_does_not_lose_the_submission(monkeypatch, caplog):
    from fairhearing.publicforms.services import receiving as services

    def refuse(**kwargs):  # noqa: ANN003, ANN202
        OutboxMessage.objects.create(template_key="x", to_address="a@example.org", subject="s", body_text="b")
        raise DomainError("Enter an email address in the correct format", code="bad_address")

    monkeypatch.setattr(services, "email_queue", refuse)
    submission = make_submission()
    assert OnlineSubmission.objects.get(pk=submission.pk).acknowledgement_queued is False
    assert not OutboxMessage.objects.exists()  # the half-made message went with its savepoint
    assert "ONL-2022-00001" in caplog.text and "pat@example.org" not in caplog.text


def test_the_acknowledgement_goes_with_the_submission_or_not_at_all(monkeypatch):
    from fairhearing.publicforms.services import receiving as services

    def fail(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("database gone")

    monkeypatch.setattr(services, "throttle_record", fail)
    with pytest.raises(RuntimeError):
        online_submission_create(answers=complaint_answers(), client_key=fresh_key())
    assert not OnlineSubmission.objects.exists() and not OutboxMessage.objects.exists()
