"""System checks for the council's branding settings.

The header is drawn in COUNCIL_BRAND_COLOUR with white text, so the colour must be a hex colour
dark enough for white text to meet WCAG 2.2 AA (a contrast ratio of at least 4.5:1).
"""

import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.checks import Tags, Warning, register

HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
MINIMUM_CONTRAST = 4.5  # WCAG 2.2 success criterion 1.4.3, normal-size text


def is_hex_colour(value: object) -> bool:
    """True for '#1d70b8' or '#fff'."""
    return isinstance(value, str) and HEX_COLOUR.fullmatch(value) is not None


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a hex colour, from 0 (black) to 1 (white)."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    channels = []
    for start in (0, 2, 4):
        srgb = int(digits[start : start + 2], 16) / 255
        channels.append(srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two hex colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@register(Tags.templates)
def check_brand_colour(app_configs=None, **kwargs) -> list[Warning]:
    """Warn when the header colour is not a hex colour or is too light for white text."""
    colour = getattr(settings, "COUNCIL_BRAND_COLOUR", "")
    if not is_hex_colour(colour):
        return [
            Warning(
                f"COUNCIL_BRAND_COLOUR {colour!r} is not a hex colour, so the header uses black.",
                hint="Set FAIRHEARING_BRAND_COLOUR to a colour like #1d70b8.",
                id="fairhearing.W001",
            )
        ]
    ratio = contrast_ratio(colour, "#ffffff")
    if ratio < MINIMUM_CONTRAST:
        return [
            Warning(
                f"COUNCIL_BRAND_COLOUR {colour} has a contrast ratio of {ratio:.2f}:1 against "
                f"white text; it needs at least {MINIMUM_CONTRAST}:1 to be readable.",
                hint="Choose a darker shade of the council's colour.",
                id="fairhearing.W001",
            )
        ]
    return []


@register(Tags.staticfiles)
def check_council_logo(app_configs=None, **kwargs) -> list[Warning]:
    """Warn when COUNCIL_LOGO names a static file that does not exist."""
    logo = getattr(settings, "COUNCIL_LOGO", "")
    if not logo or logo.startswith(("http://", "https://")) or finders.find(logo):
        return []
    return [
        Warning(
            f"COUNCIL_LOGO {logo!r} is not a static file, so the header shows the council's name.",
            hint="Give a path under a static files folder, or a full https:// address.",
            id="fairhearing.W002",
        )
    ]
