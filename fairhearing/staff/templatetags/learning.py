"""Template tags for the learning parts of pages that have no learning view of their own: the
Learning panel on the complaint page and the Learning section of the Records hub."""

from typing import Any

from django import template

from fairhearing.cases.models import Complaint
from fairhearing.learning.access import (
    user_may_change_learning_plans,
    user_may_view_learning_plans,
    user_may_write_learning_notes,
)
from fairhearing.learning.selectors import (
    complaints_open_to_learning_notes,
    learning_notes_on_complaint,
    stages_awaiting_learning,
)

from ..views.learning import user_may_view_learning_notes

register = template.Library()


@register.simple_tag
def learning_panel(complaint: Complaint, user: Any) -> dict[str, Any]:
    """{% learning_panel complaint user as learning %}: whether to show the panel (not to roles
    that see no learning, such as an Investigating Officer), the complaint's notes the user may
    see, and, for a user who may record learning on this complaint, the responses still without a
    note. At most four queries, whatever the number of notes."""
    if not user_may_view_learning_notes(user):
        return {"shown": False}
    may_write = (user_may_write_learning_notes(user)
                 and complaints_open_to_learning_notes(user).filter(pk=complaint.pk).exists())
    return {
        "shown": True,
        "notes": learning_notes_on_complaint(user=user, complaint=complaint),
        "may_write": may_write,
        "awaiting": stages_awaiting_learning(complaint=complaint) if may_write else [],
    }


@register.simple_tag
def learning_access(user: Any) -> dict[str, bool]:
    """{% learning_access user as learning %}: which learning pages the user may open."""
    return {
        "notes": user_may_view_learning_notes(user),
        "plans": user_may_view_learning_plans(user),
        "change_plans": user_may_change_learning_plans(user),
    }
