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

        _reminders_register()


def _reminders_register() -> None:
    """Hand the staff reminders (docs/reminders.md) the complaints sent online and not yet logged:
    the person was told when they would hear from the council, so that date is a deadline. This
    app imports the notifications app (to queue its emails), so the reminders cannot import it
    back; they read this kind through the registry instead. Held by nobody until logged, so the
    complaints managers hear of each one, and it is in their overdue escalation once overdue."""
    from django.db.models import Q

    from fairhearing.notifications.reminders.items import (
        DIGEST,
        Source,
        held_by_nobody,
        register_item_source,
    )

    from .selectors import submissions_to_acknowledge_visible_to

    register_item_source(Source(
        kind="online_submission", email=DIGEST, visible=submissions_to_acknowledge_visible_to,
        pending=Q(), due_field="acknowledge_by", held=held_by_nobody, columns=("reference",),
        # The reference only: the submission's answers name the person and often the child.
        describe=lambda row: (f"Online form {row['reference']}", "to acknowledge"), phrase="by",
    ))
