"""The seeded templates: all fourteen exist, are valid, and merge fully for a realistic case."""

import datetime

import pytest

from fairhearing.cases.tests.factories import officer
from fairhearing.letters.choices import Audience, LetterKind
from fairhearing.letters.compose import letter_compose
from fairhearing.letters.defaults import DEFAULT_TEMPLATES
from fairhearing.letters.merge import check, fields_used
from fairhearing.letters.models import LetterTemplate

from .cases import complaint_through_stage_three, complaint_with_people

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2022, 6, 2)
EVERY_TEMPLATE = [(kind.value, audience.value) for kind in LetterKind for audience in Audience]


def test_migration_seeds_all_fourteen_templates():
    seeded = set(LetterTemplate.objects.values_list("kind", "audience"))
    assert seeded == set(EVERY_TEMPLATE) == set(DEFAULT_TEMPLATES)
    for template in LetterTemplate.objects.all():
        assert (template.subject, template.body) == DEFAULT_TEMPLATES[(template.kind, template.audience)]


@pytest.mark.parametrize(("kind", "audience"), EVERY_TEMPLATE)
def test_default_wording_uses_only_known_fields(kind, audience):
    subject, body = DEFAULT_TEMPLATES[(kind, audience)]
    assert check(subject) == [] and check(body) == []
    assert "reference" in fields_used(subject + body)


@pytest.mark.parametrize(("kind", "audience"), EVERY_TEMPLATE)
def test_each_template_merges_fully_for_a_case_that_went_to_stage_three(kind, audience, django_assert_max_num_queries):
    actor = officer()
    complaint = complaint_through_stage_three(actor=actor)
    template = LetterTemplate.objects.get(kind=kind, audience=audience)
    with django_assert_max_num_queries(8):
        letter = letter_compose(template=template, complaint=complaint, actor=actor, today=TODAY)
    text = letter.body.plain()
    assert letter.missing == (), (kind, audience, letter.missing)
    assert "[not recorded" not in text and "{{" not in text and "}}" not in text
    assert complaint.reference in letter.subject_text + text
    assert letter.recipient.name == "Jordan Rivers"
    assert letter.recipient.address_lines == ("12 Mill Lane", "Newtown", "NT1 2AB")
    assert letter.warnings == []


def test_merged_values_read_naturally():
    actor = officer()
    complaint = complaint_through_stage_three(actor=actor)

    def body(kind, audience=Audience.STANDARD):
        template = LetterTemplate.objects.get(kind=kind, audience=audience)
        return letter_compose(template=template, complaint=complaint, actor=actor, today=TODAY).body.plain()

    extension = body(LetterKind.EXTENSION_NOTICE)
    assert "our Stage 1 response by 18 January 2022" in extension
    assert "by 1 February 2022" in extension
    assert "on leave until 24 January" in extension
    response = body(LetterKind.STAGE_ONE_RESPONSE)
    assert "Point 1: Social worker did not return calls for three weeks.\nOutcome: Upheld. Calls were not returned." in response
    assert "Overall, your complaint has been partially upheld." in response
    assert "Apology: A written apology from the team manager.\nFinancial remedy: Time and trouble. (£250)" in response
    adjudication = body(LetterKind.ADJUDICATION)
    assert "investigated by Robin Ash, Investigating Officer, with Kim Oak" in adjudication
    assert "Morgan Hale" in adjudication
    council = body(LetterKind.COUNCIL_RESPONSE, Audience.CHILD_FRIENDLY)
    assert "Hello Jordan," in council
    assert "does not accept all of the panel's recommendations. Our reasons are: Recommendation 3" in council


def test_new_complaint_letters_warn_about_what_is_not_recorded_yet():
    actor = officer()
    complaint = complaint_with_people(actor=actor)
    complaint.complainants.get().person.__class__.objects.update(address="", postcode="")
    template = LetterTemplate.objects.get(kind=LetterKind.ADJUDICATION, audience=Audience.STANDARD)
    letter = letter_compose(template=template, complaint=complaint, actor=actor, today=TODAY)
    assert "Investigating Officer's name" in letter.missing
    assert "[not recorded: outcome for each point]" in letter.body.plain()
    assert any("not recorded on the case" in warning for warning in letter.warnings)
    assert any("No postal address" in warning for warning in letter.warnings)
    ack = LetterTemplate.objects.get(kind=LetterKind.ACKNOWLEDGEMENT, audience=Audience.STANDARD)
    letter = letter_compose(template=ack, complaint=complaint, actor=actor, today=TODAY)
    assert letter.missing == ("due date",)  # Stage 1 has not started
