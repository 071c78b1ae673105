"""Putting a letter together: template wording, the case's values and the letter's layout parts.

The result is what every renderer draws (the HTML preview, the Word document and the PDF), so
what the complaints officer previews is what is filed.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings

from fairhearing.cases.models import Complaint
from fairhearing.core.dates import long_date

from .merge import MergedText, merge, merge_line
from .models import LetterTemplate
from .values import Recipient, letter_facts


@dataclass(frozen=True)
class ComposedLetter:
    """A merged letter ready to render, with what is missing from it."""

    kind: str
    audience: str
    title: str
    reference: str
    council_name: str
    service_name: str
    date_text: str
    recipient: Recipient | None
    subject: MergedText
    body: MergedText
    missing: tuple[str, ...]

    @property
    def subject_text(self) -> str:
        return self.subject.plain()

    @property
    def warnings(self) -> list[str]:
        """What the officer should check before filing the letter."""
        warnings = []
        if self.missing:
            warnings.append(
                "These details are not recorded on the case, so the letter shows "
                f"‘[not recorded: …]’ in their place: {', '.join(self.missing)}."
            )
        if self.recipient is None:
            warnings.append("The complaint has no complainant, so the letter has no one to address.")
        elif not self.recipient.address_lines:
            warnings.append("No postal address is recorded for the complainant: the address block has only their name.")
        return warnings


def letter_compose(
    *, template: LetterTemplate, complaint: Complaint, actor: Any, additional_information: str = "",
    today: date,
) -> ComposedLetter:
    """Merge one template with one complaint's values."""
    facts = letter_facts(
        complaint=complaint, kind=template.kind, actor=actor,
        additional_information=additional_information, today=today,
    )
    subject = merge_line(template.subject, facts.values)
    body = merge(template.body, facts.values)
    return ComposedLetter(
        kind=template.kind,
        audience=template.audience,
        title=template.title,
        reference=complaint.reference,
        council_name=settings.COUNCIL_NAME,
        service_name=settings.COUNCIL_SERVICE_NAME,
        date_text=long_date(today),
        recipient=facts.recipient,
        subject=subject,
        body=body,
        missing=tuple(dict.fromkeys(subject.missing + body.missing)),
    )
