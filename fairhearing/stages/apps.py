from django.apps import AppConfig


class StagesConfig(AppConfig):
    """The statutory and corporate stages: procedures as data, due dates, the lifecycle services."""

    name = "fairhearing.stages"
    label = "stages"
