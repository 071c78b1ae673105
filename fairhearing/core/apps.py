from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Domain-free building blocks: the clock seam, domain errors, shared template context."""

    name = "fairhearing.core"
    label = "core"
