from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The pages council staff use: home, open complaints, a complaint and its timeline."""

    name = "fairhearing.staff"
    label = "staff"
