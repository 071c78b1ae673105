from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """How representations arrive other than by a caseworker typing them: spreadsheet import of
    historic registers (and, later, the public forms and notifications)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "fairhearing.intake"
    label = "intake"
    verbose_name = "Intake"
