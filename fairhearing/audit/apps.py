from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only event log: every case's timeline and the audit trail in one table."""

    name = "fairhearing.audit"
    label = "audit"
