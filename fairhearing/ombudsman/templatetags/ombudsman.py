"""Template tags for the Ombudsman panel on the complaint page and the Ombudsman section of the
Records hub, which are included without views of their own (as the letters panel is)."""

from typing import Any

from django import template

from fairhearing.cases.models import Complaint

from ..access import (
    ombudsman_cases_visible_to,
    user_may_change_ombudsman_cases,
    user_may_view_ombudsman_cases,
)
from ..models import OmbudsmanCase
from ..selectors import ombudsman_cases_for_complaint

register = template.Library()


@register.simple_tag
def complaint_ombudsman_cases(complaint: Complaint, user: Any) -> list[OmbudsmanCase] | None:
    """{% complaint_ombudsman_cases complaint user as cases %}: the Ombudsman cases about this
    complaint that the user may see, newest first (one query); None if their role sees no
    Ombudsman cases, so the panel is left out rather than saying "none"."""
    if not user_may_view_ombudsman_cases(user):
        return None
    return list(ombudsman_cases_for_complaint(complaint).filter(pk__in=ombudsman_cases_visible_to(user).values("pk")))


@register.simple_tag
def may_change_ombudsman_cases(user: Any) -> bool:
    """{% may_change_ombudsman_cases user as may_change %}."""
    return user_may_change_ombudsman_cases(user)
