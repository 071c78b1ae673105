from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Complaints: the record, its reference, people, teams, themes and points of complaint."""

    name = "fairhearing.cases"
    label = "cases"
