from django.apps import AppConfig


class DemoConfig(AppConfig):
    """A fictional demo council for trying Fair Hearing out: `manage.py load_demo_council`."""

    name = "fairhearing.demo"
    label = "demo"
