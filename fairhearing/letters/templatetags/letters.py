"""Template tags for the letters panel on the case page, which is included without its own view."""

from django import template

from fairhearing.cases.models import Complaint

from ..selectors import FiledLetter, letters_filed, user_may_edit_letter_templates

register = template.Library()


@register.simple_tag
def filed_letters(complaint: Complaint) -> list[FiledLetter]:
    """{% filed_letters complaint as letters %}: the letters on a case, one query."""
    return letters_filed(complaint=complaint)


@register.simple_tag
def may_edit_letter_templates(user) -> bool:  # noqa: ANN001
    """{% may_edit_letter_templates user as may_edit %}."""
    return user_may_edit_letter_templates(user)
