"""Every write about learning from complaints: learning notes on responses, learning meetings and
their approval, action plans, their numbered actions and dated updates, and what prompted them.

Each function takes the acting user, validates, saves and writes an audit event about the record
in the same transaction. Errors a user can correct are DomainError with a plain-English message.
Audit summaries carry references and dates only: the free text may name a child or a member of
staff, so it stays out of them.
"""

from .actions import (
    action_add,
    action_assign_owner,
    action_edit,
    action_link_complaint,
    action_link_ombudsman_case,
    action_plan_create,
    action_plan_update,
    action_update_record,
)
from .meetings import learning_meeting_approve, learning_meeting_record, learning_meeting_update
from .notes import learning_note_record, learning_note_update

__all__ = [
    "action_add",
    "action_assign_owner",
    "action_edit",
    "action_link_complaint",
    "action_link_ombudsman_case",
    "action_plan_create",
    "action_plan_update",
    "action_update_record",
    "learning_meeting_approve",
    "learning_meeting_record",
    "learning_meeting_update",
    "learning_note_record",
    "learning_note_update",
]
