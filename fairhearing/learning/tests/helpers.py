"""Small helpers shared by the learning tests."""

from fairhearing.audit.models import AuditEvent


def events(verb):
    return AuditEvent.objects.filter(verb=verb)
