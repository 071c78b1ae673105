from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Emails: the catalogue of messages, team-edited wording, and an outbox sent by a worker."""

    name = "fairhearing.notifications"
    label = "notifications"
    verbose_name = "Notifications"
