from django.apps import AppConfig


class LettersConfig(AppConfig):
    """Letter templates with merge fields (standard and child-friendly), rendered to DOCX and PDF."""

    name = "fairhearing.letters"
    label = "letters"
