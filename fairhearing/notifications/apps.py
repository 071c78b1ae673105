from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Emails: the catalogue of messages, team-edited wording, and an outbox sent by a worker."""

    name = "fairhearing.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Cases and stages sit below this app, so they announce allocations through a hook rather
        # than importing the email code (the same pattern as workingdays.listeners).
        from fairhearing.cases.allocation_listeners import register_allocation_listener

        from .reminders.allocation import allocation_email_queue

        register_allocation_listener(allocation_email_queue)
