"""Turning an email's wording and values into its subject, plain text and HTML.

Values can come from anyone: a first name typed into a public form goes into an email sent from
the council's own address to whatever address was typed alongside it. So a value must never read
as more than the name or date it stands for:

- a value stays on its line: its line breaks and control characters become spaces, in the plain
  text and the HTML alike, so it cannot start a new paragraph (only ``items``, a list Fair Hearing
  writes itself from references and dates, may run over several lines);
- in the HTML a value is escaped and never made a link. Web and email addresses in the wording
  itself, which only the complaints team can edit, are made links, as are the fields Fair Hearing
  fills in itself with an address (``link``, a page of Fair Hearing; ``contact_email``, the
  complaints team's address from the settings).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.html import escape, urlize

from fairhearing.letters.merge import Line, MergedText, merge, merge_line

from .catalogue import EmailKind
from .models import OutboxMessage

# Values that may hold line breaks: written by Fair Hearing, one item to a line.
MULTILINE_FIELDS: frozenset[str] = frozenset({"items"})
# Values that are addresses Fair Hearing fills in itself, never text someone typed: made links.
LINKED_FIELDS: frozenset[str] = frozenset({"link", "contact_email"})

_MESSAGE_SUBJECT_MAX = OutboxMessage._meta.get_field("subject").max_length


@dataclass(frozen=True)
class RenderedEmail:
    """An email's subject, plain text and HTML, merged with its fields."""

    subject: str
    body_text: str
    body_html: str


def _html_line(line: Line) -> str:
    """One line as HTML: every run escaped; only the wording's own text and Fair Hearing's own
    addresses made links. Each run is linked on its own, so a value next to the wording can
    never become part of a link."""
    return "".join(
        urlize(escape(run.text)) if not run.value or run.field in LINKED_FIELDS else escape(run.text)
        for run in line
    )


def email_html(merged: MergedText) -> str:
    """Paragraphs and line breaks as simple HTML."""
    return "\n".join(
        "<p>" + "<br>\n".join(_html_line(line) for line in paragraph) + "</p>" for paragraph in merged.paragraphs
    )


def email_render(*, kind: EmailKind, subject: str, body: str, values: Mapping[str, str]) -> RenderedEmail:
    """Merge wording with values (every field of the email present). Also used for the preview."""
    merged_subject = merge_line(subject, values, fields=kind.merge_fields).plain()
    merged_body = merge(body, values, fields=kind.merge_fields, multiline_fields=MULTILINE_FIELDS)
    return RenderedEmail(
        subject=merged_subject[:_MESSAGE_SUBJECT_MAX],
        body_text=merged_body.plain() + "\n",
        body_html=email_html(merged_body),
    )
