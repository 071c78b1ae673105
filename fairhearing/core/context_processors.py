"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

from .checks import is_hex_colour

DEFAULT_BRAND_COLOUR = "#0b0c0c"


def council_brand() -> dict[str, str]:
    """The council's name, service name, header colour and logo address.

    Needs no request and no database, so error pages rendered without context processors can
    use it too (through the ``council_brand`` template tag).
    """
    colour = getattr(settings, "COUNCIL_BRAND_COLOUR", "")
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.COUNCIL_SERVICE_NAME,
        # Only a checked hex colour reaches the page's <style>: never arbitrary text.
        "brand_colour": colour if is_hex_colour(colour) else DEFAULT_BRAND_COLOUR,
        "council_logo_url": _logo_url(getattr(settings, "COUNCIL_LOGO", "")),
    }


def _logo_url(logo: str) -> str:
    if not logo or logo.startswith(("http://", "https://")):
        return logo
    try:
        return static(logo)
    except ValueError:
        # Manifest storage has no such file: show the name instead (check fairhearing.W002).
        return ""


def council(request: HttpRequest) -> dict[str, str]:
    """The council's branding, plus the CSP nonce for inline scripts when a CSP middleware sets one."""
    return {**council_brand(), "csp_nonce": getattr(request, "csp_nonce", "")}
