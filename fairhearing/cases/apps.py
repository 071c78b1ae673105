from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Complaints: the record, its reference, people, teams, themes and points of complaint."""

    name = "fairhearing.cases"
    label = "cases"

    def ready(self) -> None:
        from fairhearing.workingdays.listeners import register_calendar_listener

        from .kinds.listeners import representations_recalculate_for_calendar_change

        register_calendar_listener(representations_recalculate_for_calendar_change)
