from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Domain-free building blocks: the clock seam, domain errors, shared template context."""

    name = "fairhearing.core"
    label = "core"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the branding checks)
