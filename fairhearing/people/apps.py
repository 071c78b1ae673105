from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Complainants and the children representations are about; monitoring data kept apart."""

    name = "fairhearing.people"
    label = "people"
