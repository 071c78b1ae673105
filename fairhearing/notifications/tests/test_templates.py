"""The catalogue's default wording and editing an email's wording: strict fields, safe subjects,
audit with the text before and after."""

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import officer
from fairhearing.core.errors import DomainError
from fairhearing.letters.merge import fields_used
from fairhearing.notifications.catalogue import (
    CATALOGUE,
    EMAIL_FIELDS,
    EXAMPLE_VALUES,
    SUBJECT_SAFE_FIELDS,
)
from fairhearing.notifications.models import EmailTemplate
from fairhearing.notifications.selectors import email_wording_get, email_wording_list
from fairhearing.notifications.services import email_template_problems, email_template_update


@pytest.mark.parametrize("key", list(CATALOGUE))
def test_default_wording_is_valid_and_its_subject_names_nobody(key):
    kind = CATALOGUE[key]
    assert email_template_problems(key=key, subject=kind.subject, body=kind.body) == {}
    assert set(fields_used(kind.subject, fields=kind.merge_fields)) <= SUBJECT_SAFE_FIELDS
    assert set(kind.fields) <= set(EMAIL_FIELDS) and set(kind.fields) <= set(EXAMPLE_VALUES)


def test_no_name_field_is_safe_for_subjects():
    names = {name for name in EMAIL_FIELDS if "name" in name and name not in {"council_name", "service_name"}}
    assert names == {"complainant_first_name", "first_name"}
    assert not names & SUBJECT_SAFE_FIELDS
    assert not {"items", "due_summary", "link", "contact_email"} & SUBJECT_SAFE_FIELDS


def test_the_child_friendly_acknowledgement_explains_advocacy_in_plain_words():
    body = CATALOGUE["complaint_acknowledgement_child"].body
    assert "You can have an advocate" in body
    assert "It is free." in body
    assert "To get an advocate, email us at {{ contact_email }}" in body
    assert "You will not get into trouble for complaining." in body
    longest_sentence = max(len(sentence.split()) for sentence in body.replace("\n", " ").split("."))
    assert longest_sentence <= 25


def test_staff_emails_use_no_names_of_children_or_complainants():
    for kind in CATALOGUE.values():
        if kind.audience in {"staff", "complaints_manager"}:
            assert "complainant_first_name" not in kind.fields


@pytest.mark.django_db
def test_first_edit_saves_the_wording_and_audits_it_against_the_default():
    actor = officer()
    default = CATALOGUE["compliment_thanks"]
    assert email_wording_get(key="compliment_thanks").is_default
    changed = email_template_update(
        key="compliment_thanks", subject="Thank you: {{ reference }}",
        body="Dear {{ first_name }}\r\n\r\nThanks.  \r\n", actor=actor, expected_version="default",
    )
    assert changed
    template = EmailTemplate.objects.get(key="compliment_thanks")
    assert (template.subject, template.body, template.updated_by) == (
        "Thank you: {{ reference }}", "Dear {{ first_name }}\n\nThanks.", actor,
    )
    event = AuditEvent.objects.get(verb="email.template_edited")
    assert event.changes == {
        "subject": [default.subject, "Thank you: {{ reference }}"],
        "body": [default.body, "Dear {{ first_name }}\n\nThanks."],
    }
    assert event.summary == "Email wording edited: Thank you for a compliment (subject and body changed)"
    assert (event.subject_type.model, event.subject_id) == ("emailtemplate", template.pk)
    wording = email_wording_get(key="compliment_thanks")
    assert not wording.is_default and wording.subject == "Thank you: {{ reference }}"


@pytest.mark.django_db
def test_saving_the_same_wording_changes_nothing():
    kind = CATALOGUE["case_allocated"]
    assert email_template_update(key=kind.key, subject=kind.subject, body=kind.body, actor=officer()) is False
    assert not EmailTemplate.objects.exists()
    assert not AuditEvent.objects.filter(verb="email.template_edited").exists()


@pytest.mark.django_db
def test_an_edit_based_on_wording_changed_since_is_refused():
    actor = officer()
    email_template_update(key="compliment_thanks", subject="A {{ reference }}", body="B", actor=actor)
    with pytest.raises(DomainError, match="Someone else changed this email") as error:
        email_template_update(
            key="compliment_thanks", subject="C {{ reference }}", body="D", actor=actor, expected_version="default",
        )
    assert error.value.code == "stale"
    assert EmailTemplate.objects.get().subject == "A {{ reference }}"
    version = email_wording_get(key="compliment_thanks").version
    assert email_template_update(
        key="compliment_thanks", subject="C {{ reference }}", body="D", actor=actor, expected_version=version,
    )


@pytest.mark.parametrize(
    ("subject", "body", "field", "message"),
    [
        ("", "Body", "subject", "Enter the subject line"),
        ("S" * 201, "Body", "subject", "Subject line must be 200 characters or fewer"),
        ("Hello {{ first_name }}", "Body", "subject", "{{ first_name }} cannot be used in the subject line."),
        ("{{ reference }} {{ first_nme }}", "Body", "subject", "Did you mean {{ first_name }}?"),
        ("{{ due_count }}", "Body", "subject", "{{ due_count }} is not a merge field."),
        ("Thanks", "", "body", "Enter the wording of the email"),
        ("Thanks", "x" * 20_001, "body", "Email must be 20,000 characters or fewer"),
        ("Thanks", "Dear {{ complainant_name }}", "body", "{{ complainant_name }} is not a merge field."),
        ("Thanks", "{% if first_name %}hi{% endif %}", "body", 'Emails cannot use "{% ... %}"'),
        ("Thanks", "Dear {{ first_name }", "body", "A merge field is not closed"),
    ],
)
@pytest.mark.django_db
def test_bad_wording_is_refused_with_a_clear_message_and_nothing_saved(subject, body, field, message):
    problems = email_template_problems(key="compliment_thanks", subject=subject, body=body)
    assert message in " ".join(problems[field])
    with pytest.raises(DomainError, match="."):
        email_template_update(key="compliment_thanks", subject=subject, body=body, actor=officer())
    assert not EmailTemplate.objects.exists()
    assert not AuditEvent.objects.filter(verb="email.template_edited").exists()


def test_the_subject_error_lists_only_the_fields_safe_for_that_email():
    problems = email_template_problems(key="daily_digest", subject="{{ first_name }}", body="x")
    assert problems["subject"] == [
        "Subject line: {{ first_name }} cannot be used in the subject line. Subject lines show on lock "
        "screens and in shared inboxes, so they must not name anyone. In the subject you can use: "
        "{{ due_count }}, {{ overdue_count }}, {{ working_days }}, {{ council_name }}, {{ service_name }}."
    ]


@pytest.mark.django_db
def test_an_unknown_email_is_refused():
    with pytest.raises(DomainError, match="There is no email called 'nope'."):
        email_template_update(key="nope", subject="S", body="B", actor=officer())


@pytest.mark.django_db
def test_the_list_has_every_email_in_catalogue_order_in_one_query(django_assert_num_queries):
    EmailTemplate.objects.create(key="daily_digest", subject="{{ due_count }} due", body="B")
    with django_assert_num_queries(1):
        wordings = email_wording_list()
    assert [wording.kind.key for wording in wordings] == list(CATALOGUE)
    assert [wording.is_default for wording in wordings].count(False) == 1
