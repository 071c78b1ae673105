from datetime import date
from typing import Any

from django.apps import AppConfig


def audit_calendar_change(*, actor: Any, description: str, changed_dates: list[date]) -> None:
    """Record every change to the working-day calendar: due dates everywhere depend on it."""
    from .services import audit_record

    audit_record(actor=actor, verb="calendar.changed", subject=None, summary=description,
                 data={"dates": changed_dates})


class AuditConfig(AppConfig):
    """The append-only event log: every case's timeline and the audit trail in one table."""

    name = "fairhearing.audit"
    label = "audit"

    def ready(self) -> None:
        from fairhearing.workingdays.listeners import register_calendar_listener

        register_calendar_listener(audit_calendar_change)
