from django.apps import AppConfig


class PublicFormsConfig(AppConfig):
    """The public complaint and compliment forms (no account needed), and what arrives from them:
    online submissions waiting in the complaints team's queue."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "fairhearing.publicforms"
    label = "publicforms"
    verbose_name = "Public forms"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
