from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The statutory annual report and statistics, computed from the records (reg 13)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "fairhearing.reports"
    label = "reports"
    verbose_name = "Reports"
