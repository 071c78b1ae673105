"""Letter templates the complaints team edits, and the letters created from them on a case."""

from django.conf import settings
from django.db import models

from fairhearing.cases.models import Complaint, Document

from .choices import Audience, LetterKind, letter_title


class LetterTemplate(models.Model):
    """The wording of one letter for one audience, with merge fields such as {{ reference }}.

    There is exactly one template per kind and audience (seeded by a migration); the complaints
    team edits the wording, never adds or removes templates. Each edit is audited with the text
    before and after, so the audit log is the template's history.
    """

    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    subject = models.CharField(max_length=200, help_text="The letter's heading.")
    body = models.TextField(help_text="Plain text. Leave a blank line between paragraphs.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "audience"], name="letter_template_once_per_audience"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return letter_title(self.kind, self.audience)


class Letter(models.Model):
    """A letter created on a complaint from a template, filed as a Word document and a PDF."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    # Documents may later be removed from the case; the record that a letter was made stays.
    docx = models.OneToOneField(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="letter_as_docx"
    )
    pdf = models.OneToOneField(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="letter_as_pdf"
    )
    missing_fields = models.JSONField(
        default=list, blank=True, help_text="Merge fields that had no value when the letter was made."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return letter_title(self.kind, self.audience)
