from django.apps import AppConfig


class StagesConfig(AppConfig):
    """The statutory and corporate stages: procedures as data, due dates, the lifecycle services."""

    name = "fairhearing.stages"
    label = "stages"

    def ready(self) -> None:
        from fairhearing.workingdays.listeners import register_calendar_listener

        from .services import stages_recalculate_for_calendar_change

        register_calendar_listener(stages_recalculate_for_calendar_change)
