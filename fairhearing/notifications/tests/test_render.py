"""Rendering an email: a value (a name typed into a public form, say) is never made a link and never
adds a line or paragraph, in the HTML or the plain text; the wording's own addresses and the
addresses Fair Hearing fills in itself stay links."""

import re

import pytest

from fairhearing.notifications.catalogue import CATALOGUE, EXAMPLE_VALUES
from fairhearing.notifications.models import EmailTemplate
from fairhearing.notifications.render import email_render
from fairhearing.notifications.services import email_queue

from .factories import acknowledgement_fields

ACKNOWLEDGEMENT = CATALOGUE["complaint_acknowledgement"]
PHISHING = "Sam\n\nYour refund is ready at https://evil.example/r"


def render(kind_key: str, subject: str | None = None, body: str | None = None, **values: str):  # noqa: ANN201
    kind = CATALOGUE[kind_key]
    return email_render(kind=kind, subject=subject or kind.subject, body=body or kind.body,
                        values=kind.example_values | values)


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', html)


def paragraphs(html: str) -> list[str]:
    return re.findall(r"<p>(.*?)</p>", html, flags=re.DOTALL)


@pytest.mark.django_db
def test_a_name_with_a_web_address_and_blank_lines_adds_no_link_and_no_paragraph():
    message = email_queue(template_key="complaint_acknowledgement", to="someone@example.org",
                          fields=acknowledgement_fields(complainant_first_name=PHISHING))
    usual = render("complaint_acknowledgement")

    assert "evil.example" not in "".join(links(message.body_html))
    assert "<a" not in paragraphs(message.body_html)[0]
    assert paragraphs(message.body_html)[0] == "Dear Sam  Your refund is ready at https://evil.example/r"
    assert len(paragraphs(message.body_html)) == len(paragraphs(usual.body_html))
    assert message.body_html.count("<br>") == usual.body_html.count("<br>")

    assert message.body_text.startswith("Dear Sam  Your refund is ready at https://evil.example/r\n\nThank you")
    assert message.body_text.count("\n") == usual.body_text.count("\n")


@pytest.mark.parametrize("name", [
    "Sam\rYour refund", "Sam\x0bYour refund", "Sam\x0cYour refund", "Sam\u2028Your refund",
    "Sam\u2029Your refund", "Sam\x85Your refund", "Sam\x00Your refund", "Sam\tYour refund",
])
def test_no_line_break_or_control_character_in_a_value_breaks_the_line(name):
    rendered = render("complaint_acknowledgement", complainant_first_name=name)
    assert rendered.body_text.startswith("Dear Sam Your refund\n\nThank you")
    assert paragraphs(rendered.body_html)[0] == "Dear Sam Your refund"


@pytest.mark.parametrize("name", ["www.evil.example", "sam@evil.example", "evil.com", "http://evil.example"])
def test_no_value_is_made_a_link(name):
    rendered = render("compliment_thanks", first_name=name)
    assert paragraphs(rendered.body_html)[0] == f"Dear {name}"
    assert not links(rendered.body_html)


def test_a_value_next_to_the_wording_cannot_become_part_of_a_link():
    rendered = render("compliment_thanks", body="See https://council.example/{{ first_name }} today",
                      first_name="../evil.example/r")
    assert links(rendered.body_html) == ["https://council.example/"]
    assert "../evil.example/r today" in rendered.body_html


def test_a_value_is_escaped():
    rendered = render("compliment_thanks", first_name='<a href="https://evil.example">Sam</a>')
    assert paragraphs(rendered.body_html)[0] == "Dear &lt;a href=&quot;https://evil.example&quot;&gt;Sam&lt;/a&gt;"


def test_the_wordings_own_web_address_is_still_a_link():
    body = "Dear {{ first_name }}\n\nRead about what happens next at https://www.council.example/complaints."
    rendered = render("compliment_thanks", body=body, first_name=PHISHING)
    assert links(rendered.body_html) == ["https://www.council.example/complaints"]


def test_the_addresses_fair_hearing_fills_in_are_links():
    acknowledgement = render("complaint_acknowledgement")
    assert links(acknowledgement.body_html) == [f"mailto:{EXAMPLE_VALUES['contact_email']}"]
    allocated = render("case_allocated")
    assert links(allocated.body_html) == [EXAMPLE_VALUES["link"]]


def test_a_list_written_by_fair_hearing_keeps_its_lines_but_is_not_linked():
    items = "CSC-2026-0042: Stage 1 response due 2 February 2026\nwww.example.org: not a link"
    rendered = render("overdue_escalation", items=items)
    assert "CSC-2026-0042: Stage 1 response due 2 February 2026\nwww.example.org: not a link\n" in rendered.body_text
    assert "<p>CSC-2026-0042: Stage 1 response due 2 February 2026<br>\nwww.example.org: not a link</p>" \
        in rendered.body_html
    assert links(rendered.body_html) == [EXAMPLE_VALUES["link"]]


@pytest.mark.django_db
def test_the_teams_wording_with_a_link_is_queued_with_the_link_and_the_name_without_one():
    EmailTemplate.objects.create(
        key="compliment_thanks", subject="Thank you: {{ reference }}",
        body="Dear {{ first_name }}\n\nSee https://www.council.example/compliments.",
    )
    message = email_queue(template_key="compliment_thanks", to="someone@example.org",
                          fields={"reference": "COM-2026-0001", "first_name": PHISHING})
    assert links(message.body_html) == ["https://www.council.example/compliments"]
    assert len(paragraphs(message.body_html)) == 2
    assert message.body_text == (
        "Dear Sam  Your refund is ready at https://evil.example/r\n\nSee https://www.council.example/compliments.\n")
