"""Letter pages: editing templates, creating a letter on a complaint, the letters panel; who may."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Document, DocumentKind
from fairhearing.cases.tests.factories import officer
from fairhearing.letters.choices import Audience, LetterKind
from fairhearing.letters.models import Letter, LetterTemplate
from fairhearing.letters.services import letter_template_update
from fairhearing.letters.tests.cases import complaint_with_people

pytestmark = pytest.mark.django_db
LIST = reverse("staff:letter_template_list")


def edit_url(template):
    return reverse("staff:letter_template_edit", args=[template.pk])


def letter_url(complaint, step):
    return reverse(f"staff:letter_{step}", args=[complaint.reference])


def login(client, *roles, **extra):
    user = UserFactory(roles=roles, **extra)
    client.force_login(user)
    return user


@pytest.fixture
def template():
    return LetterTemplate.objects.get(kind=LetterKind.ACKNOWLEDGEMENT, audience=Audience.STANDARD)


@pytest.fixture
def complaint():
    return complaint_with_people(actor=officer())


CHOICE = {"kind": LetterKind.ACKNOWLEDGEMENT, "audience": Audience.CHILD_FRIENDLY, "additional_information": ""}

# Roles: may they edit templates, and what do they get when creating a letter on a complaint
# that is not their team's (responding manager) or that they are not appointed to (investigator)?
ROLES = [
    ((Role.COMPLAINTS_MANAGER,), 200, 200),
    ((Role.COMPLAINTS_OFFICER,), 200, 200),
    ((Role.SENIOR_MANAGER,), 403, 403),  # sees every complaint, but letters are the team's job
    ((Role.RESPONDING_MANAGER,), 403, 404),
    ((Role.INVESTIGATOR,), 403, 404),
    ((Role.LEARNING_LEAD,), 403, 404),
    ((Role.REPORT_READER,), 403, 404),
    ((Role.ADMINISTRATOR,), 403, 404),
]


@pytest.mark.parametrize(("roles", "templates_status", "letter_status"), ROLES)
def test_each_role_may_or_may_not_use_letters(client, template, complaint, roles, templates_status, letter_status):
    login(client, *roles)
    assert client.get(LIST).status_code == templates_status
    assert client.get(edit_url(template)).status_code == templates_status
    response = client.post(edit_url(template), {"subject": "Hacked {{ reference }}", "body": "Hacked"})
    assert response.status_code == (302 if templates_status == 200 else templates_status)
    assert client.get(letter_url(complaint, "new")).status_code == letter_status
    allowed = letter_status == 200
    assert client.post(letter_url(complaint, "preview"), CHOICE).status_code == letter_status
    assert client.post(letter_url(complaint, "create"), CHOICE).status_code == (302 if allowed else letter_status)
    filed = Document.objects.filter(complaint=complaint).count()
    assert filed == (2 if allowed else 0)


def test_responding_manager_of_the_team_sees_the_case_but_may_not_create_letters(client, complaint):
    user = login(client, Role.RESPONDING_MANAGER)
    user.teams.add(complaint.teams.get())
    assert client.get(letter_url(complaint, "new")).status_code == 403
    assert client.post(letter_url(complaint, "create"), CHOICE).status_code == 403
    page = client.get(reverse("staff:complaint_detail", args=[complaint.reference])).content.decode()
    assert "No letters yet." in page and "Create a letter" not in page


def test_anonymous_users_are_sent_to_sign_in(client, template, complaint):
    for url in (LIST, edit_url(template), letter_url(complaint, "new")):
        assert client.get(url)["Location"].startswith(reverse("login"))
    for url in (edit_url(template), letter_url(complaint, "preview"), letter_url(complaint, "create")):
        response = client.post(url, CHOICE)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not Document.objects.exists()


def test_guessed_reference_is_404(client):
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.get(reverse("staff:letter_new", args=["CSC-2099-9999"])).status_code == 404


def test_template_list_shows_every_letter_in_constant_queries(client, django_assert_max_num_queries):
    user = login(client, Role.COMPLAINTS_MANAGER)
    with django_assert_max_num_queries(6) as first:
        page = client.get(LIST).content.decode()
    for kind in LetterKind:
        assert escape(kind.label) in page
    assert page.count("Default wording") == 14
    for template in LetterTemplate.objects.all():
        letter_template_update(template=template, subject=f"Changed {{{{ reference }}}} {template.pk}",
                               body=template.body, actor=UserFactory())
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(LIST).content.decode()
    assert "Default wording" not in page and page.count("Changed ") >= 14
    assert user.get_username()  # the list names editors, not the viewer


def test_editing_a_template_saves_and_audits(client, template):
    user = login(client, Role.COMPLAINTS_OFFICER, first_name="Alex", last_name="Ward")
    page = client.get(edit_url(template)).content.decode()
    assert "Merge fields you can use" in page and "{{ complainant_name }}" in page
    assert '<form novalidate method="post"' in page
    data = {"subject": "Your complaint {{ reference }}", "body": "Dear {{ complainant_name }},\r\n\r\nThank you.",
            "version": template.updated_at.isoformat()}
    response = client.post(edit_url(template), data, follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "Acknowledgement letter template saved" in response.content.decode()
    template.refresh_from_db()
    assert template.body == "Dear {{ complainant_name }},\n\nThank you." and template.updated_by == user
    event = AuditEvent.objects.get(verb="letters.template_edited")
    assert set(event.changes) == {"subject", "body"} and event.actor == user
    page = client.get(edit_url(template)).content.decode()
    assert "subject and body changed by Alex Ward" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"subject": "", "body": "Text"}, "subject", "Enter the subject"),
        ({"subject": "  ", "body": ""}, "body", "Enter the wording of the letter"),
        ({"subject": "S", "body": "Dear {{ name }}"}, "body", "{{ name }} is not a merge field"),
        ({"subject": "S {{ ref }}", "body": "B"}, "subject", "Subject: {{ ref }} is not a merge field"),
        ({"subject": "S", "body": "{% include 'x' %}"}, "body", "Letters cannot use"),
    ],
)
def test_bad_template_input_shows_errors_and_saves_nothing(client, template, data, field, message):
    login(client, Role.COMPLAINTS_MANAGER)
    before = (template.subject, template.body)
    response = client.post(edit_url(template), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and f'href="#id_{field}"' in page
    assert escape(message) in page
    assert "govuk-form-group--error" in page and page.startswith("<!DOCTYPE html>")
    assert "<title>Error:" in page
    template.refresh_from_db()
    assert (template.subject, template.body) == before
    assert not AuditEvent.objects.filter(verb="letters.template_edited").exists()


def test_unknown_field_error_lists_the_allowed_fields(client, template):
    login(client, Role.COMPLAINTS_MANAGER)
    page = client.post(edit_url(template), {"subject": "S", "body": "{{ nope }}"}).content.decode()
    assert "You can use: {{ reference }}, {{ complainant_name }}" in page


def test_editing_old_wording_is_refused(client, template):
    login(client, Role.COMPLAINTS_MANAGER)
    opened = template.updated_at.isoformat()
    letter_template_update(template=template, subject="Other {{ reference }}", body="Other", actor=officer())
    page = client.post(edit_url(template), {"subject": "Mine", "body": "Mine", "version": opened}).content.decode()
    assert "Someone else changed this template" in page
    template.refresh_from_db()
    assert template.subject == "Other {{ reference }}"


def test_default_wording_can_be_loaded_again(client, template):
    login(client, Role.COMPLAINTS_MANAGER)
    letter_template_update(template=template, subject="Short {{ reference }}", body="Short", actor=officer())
    page = client.get(edit_url(template) + "?wording=default").content.decode()
    assert "This is the default wording" in page and "Thank you for contacting us on" in page
    template.refresh_from_db()
    assert template.subject == "Short {{ reference }}"


def test_preview_shows_the_merged_letter_escaped_with_warnings(client, complaint):
    login(client, Role.COMPLAINTS_OFFICER)
    complaint.points.filter(number=1).update(description="<script>alert('x')</script>")
    data = {**CHOICE, "audience": Audience.STANDARD, "additional_information": "Call <b>me</b>."}
    response = client.post(letter_url(complaint, "preview"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Check the letter" in page and complaint.reference in page
    assert "Jordan Rivers<br>12 Mill Lane<br>Newtown<br>NT1 2AB" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "Call &lt;b&gt;me&lt;/b&gt;." in page
    assert "[not recorded: due date]" in page and "not recorded on the case" in page
    assert 'name="additional_information" value="Call &lt;b&gt;me&lt;/b&gt;."' in page
    assert AuditEvent.objects.filter(verb="record.viewed", subject_id=complaint.pk).exists()
    assert not Document.objects.exists()


def test_preview_without_a_choice_shows_errors(client, complaint):
    login(client, Role.COMPLAINTS_OFFICER)
    page = client.post(letter_url(complaint, "preview"), {}).content.decode()
    assert "Select which letter to create" in page and "Select who the letter is written for" in page
    assert 'href="#id_kind"' in page and 'id="id_kind"' in page


def test_get_of_preview_and_create_goes_back_to_the_choice(client, complaint):
    login(client, Role.COMPLAINTS_OFFICER)
    for step in ("preview", "create"):
        assert client.get(letter_url(complaint, step))["Location"] == letter_url(complaint, "new")


def test_creating_a_letter_files_word_and_pdf_and_lists_them(client, complaint):
    user = login(client, Role.COMPLAINTS_OFFICER, first_name="Alex", last_name="Ward")
    page = client.get(letter_url(complaint, "new")).content.decode()
    assert "Stage 2 adjudication" in page and "Child-friendly" in page
    template = LetterTemplate.objects.get(kind=CHOICE["kind"], audience=CHOICE["audience"])
    data = {**CHOICE, "template_version": template.updated_at.isoformat()}
    response = client.post(letter_url(complaint, "create"), data, follow=True)
    assert response.redirect_chain[-1][0].endswith("#letters")
    page = response.content.decode()
    assert "Acknowledgement letter (child-friendly) created and filed on the case" in page
    documents = Document.objects.filter(complaint=complaint, kind=DocumentKind.LETTER)
    assert sorted(documents.values_list("content_type", flat=True)) == [
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
    assert set(documents.values_list("uploaded_by", flat=True)) == {user.pk}
    event = AuditEvent.objects.get(verb="letter.created")
    assert "Jordan" not in event.summary and "Casey" not in event.summary
    assert Letter.objects.get().created_by == user
    # The panel: one row for the letter, with both files.
    assert page.count("Acknowledgement letter (child-friendly)</td>") == 1
    assert "Word" in page and "PDF" in page and "Alex Ward" in page


def test_a_template_changed_after_the_preview_is_not_filed(client, complaint):
    login(client, Role.COMPLAINTS_OFFICER)
    template = LetterTemplate.objects.get(kind=CHOICE["kind"], audience=CHOICE["audience"])
    previewed = template.updated_at.isoformat()
    letter_template_update(template=template, subject="New {{ reference }}", body="New", actor=officer())
    page = client.post(letter_url(complaint, "create"), {**CHOICE, "template_version": previewed}).content.decode()
    assert "Preview the letter again" in page
    assert not Document.objects.exists()


def test_letters_panel_lists_uploaded_letters_too_in_one_query(client, complaint, django_assert_num_queries):
    from django.template import Context, Template

    user = officer()
    Document.objects.create(complaint=complaint, kind=DocumentKind.LETTER, title="Letter from the MP",
                            file="complaints/x/abc", original_name="mp.pdf", content_type="application/pdf",
                            size=10, uploaded_by=user)
    Document.objects.create(complaint=complaint, kind=DocumentKind.EVIDENCE, title="Photo", file="complaints/x/d",
                            original_name="p.jpg", content_type="image/jpeg", size=10, uploaded_by=user)
    panel = Template('{% include "staff/letters/_panel.html" %}')
    with django_assert_num_queries(1):
        html = panel.render(Context({"complaint": complaint, "actions": set(), "user": user}))
    assert "Letter from the MP" in html and "Photo" not in html
    assert "Create a letter" not in html
