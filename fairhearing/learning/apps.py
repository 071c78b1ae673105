from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Learning from complaints: notes on responses, monthly learning meetings, action plans."""

    name = "fairhearing.learning"
    label = "learning"
