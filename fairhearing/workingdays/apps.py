from django.apps import AppConfig


class WorkingDaysConfig(AppConfig):
    """Bank holidays, local closure days and working-day arithmetic."""

    name = "fairhearing.workingdays"
    label = "workingdays"
    verbose_name = "Working days"
