from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    """Local Government and Social Care Ombudsman cases: enquiries, decisions, recommendations and
    the council's compliance with them."""

    name = "fairhearing.ombudsman"
    label = "ombudsman"
    verbose_name = "Ombudsman (LGSCO)"
