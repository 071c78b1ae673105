"""Code lists for reports."""

from django.db import models


class TextSection(models.TextChoices):
    """The parts of a report the council writes itself."""

    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
    CONCLUSION = "conclusion", "Conclusion and recommendations"
