"""Links in emails: absolute addresses on this site, built from settings.SITE_URL."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """The full address of a path on this site, e.g. "/cases/CSC-2026-0042/" for a link in an
    email. Paths carry references at most, never names (they reach mail servers' logs)."""
    if not path.startswith("/"):
        raise ValueError("absolute_url() takes a path starting with /, such as reverse() gives.")
    return f"{settings.SITE_URL}{path}"
