"""System checks for the public forms' settings: limits that would lock everyone out, or let
anything through, are configuration mistakes worth stopping for."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

_POSITIVE = (
    "PUBLIC_FORMS_SUBMISSIONS_PER_HOUR",
    "PUBLIC_FORMS_SUBMISSIONS_PER_DAY",
    "PUBLIC_FORMS_UPLOADS_PER_HOUR",
    "PUBLIC_FORMS_FILE_MAX_MB",
)


@register()
def public_forms_settings_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for name in _POSITIVE:
        if getattr(settings, name, 0) < 1:
            errors.append(Error(f"{name} must be 1 or more.", id="publicforms.E001"))
    if getattr(settings, "PUBLIC_FORMS_MAX_FILES", 0) < 0:
        errors.append(Error("PUBLIC_FORMS_MAX_FILES must be 0 or more.", id="publicforms.E002"))
    if getattr(settings, "TRUSTED_PROXY_COUNT", 0) < 0:
        errors.append(Error("FAIRHEARING_TRUSTED_PROXY_COUNT must be 0 or more.", id="publicforms.E003"))
    hour = getattr(settings, "PUBLIC_FORMS_SUBMISSIONS_PER_HOUR", 0)
    if hour > getattr(settings, "PUBLIC_FORMS_SUBMISSIONS_PER_DAY", 0):
        errors.append(Error("PUBLIC_FORMS_SUBMISSIONS_PER_HOUR cannot be more than the daily limit.",
                            id="publicforms.E004"))
    if getattr(settings, "PUBLIC_FORMS_FILE_MAX_MB", 0) > getattr(settings, "DOCUMENT_MAX_MB", 0):
        errors.append(Error(
            "PUBLIC_FORMS_FILE_MAX_MB cannot be more than FAIRHEARING_DOCUMENT_MAX_MB: a file sent with "
            "a complaint is copied to the complaint's documents when it is logged.", id="publicforms.E005"))
    return errors
