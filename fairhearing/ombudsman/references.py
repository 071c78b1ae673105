"""LGSCO case references.

The Ombudsman numbers its cases "NN NNN NNN": the two-digit year it received the complaint, then a
six-digit serial (for example 21 012 345). Councils copy them from letters, emails and the
Ombudsman's website with hyphens, without spaces, or with odd spaces, so a reference is stored in
the one printed form and entered in any of them.
"""

import re

from django.core.validators import RegexValidator

from fairhearing.core.errors import DomainError

REFERENCE_PATTERN = r"^\d{2} \d{3} \d{3}$"
REFERENCE_EXAMPLE = "21 012 345"
REFERENCE_HELP = f"8 digits, as the Ombudsman writes them, for example {REFERENCE_EXAMPLE}"
REFERENCE_MISSING = "Enter the Ombudsman's reference"
REFERENCE_INVALID = (
    "Enter the Ombudsman's reference as 8 digits, as on its letters, for example "
    f"{REFERENCE_EXAMPLE}"
)

reference_validator = RegexValidator(REFERENCE_PATTERN, message=REFERENCE_INVALID)

# Separators people type or paste between the groups: spaces of any kind (including the
# non-breaking space web pages use), hyphens, dashes, full stops and slashes.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015./]+")


def lgsco_reference_normalise(value: str) -> str:
    """The reference as "NN NNN NNN"; DomainError if it is not 8 digits once separators go."""
    digits = _SEPARATORS.sub("", value or "")
    if not digits:
        raise DomainError(REFERENCE_MISSING, code="lgsco_reference_missing")
    # isascii() as well: str.isdigit() accepts other scripts' digits and superscripts.
    if len(digits) != 8 or not (digits.isascii() and digits.isdigit()):
        raise DomainError(REFERENCE_INVALID, code="lgsco_reference_invalid")
    return f"{digits[:2]} {digits[2:5]} {digits[5:]}"
