"""What each role may do to a complaint it can see (least privilege).

Visibility (may the user see the complaint at all?) is decided by ``selectors.complaints_visible_to``;
this module answers the next question: of the things that can be done to a complaint, which may
this user do? Whether the complaint's *state* allows a step is the lifecycle services' business;
pages offer a step only when both agree, and the services refuse it if posted anyway.

| role | may |
|---|---|
| complaints manager | everything except the senior manager's decisions, plus restrict access and see who viewed |
| complaints officer | everything except the senior manager's decisions and the view log |
| senior manager | read every complaint; respond (sign off), adjudicate Stage 2, the council's Stage 3 response; notes, documents |
| responding manager | read their teams' complaints; draft and record the Stage 1 response; notes, documents |
| Investigating Officer / Independent Person / panel member | read the case they are appointed to while that stage is open; notes, documents |
| learning lead, report reader, administrator | no access to individual complaints |
"""

from enum import StrEnum

from fairhearing.accounts.roles import Role

from .models import Complaint


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"  # details, people, points, teams, themes, allocation, pre-stage decisions
    ACKNOWLEDGE = "acknowledge"
    START_STAGE = "start_stage"  # Stage 1 start, statement agreed, request acknowledged
    EXTEND = "extend"
    RESPOND = "respond"  # Stage 1 (and corporate Stage 2) response
    REQUEST_NEXT = "request_next"
    APPOINT = "appoint"
    ADJUDICATE = "adjudicate"
    PANEL = "panel"  # convene, meeting held, report received
    COUNCIL_RESPOND = "council_respond"
    PAUSE = "pause"  # pause and resume
    WITHDRAW = "withdraw"
    CLOSE = "close"
    REOPEN = "reopen"
    NOTE = "note"
    UPLOAD = "upload"
    LETTER = "letter"
    RESTRICT = "restrict"
    VIEW_LOG = "view_log"


_CASEWORK = frozenset(Action) - {Action.ADJUDICATE, Action.COUNCIL_RESPOND, Action.VIEW_LOG}
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.COMPLAINTS_MANAGER: _CASEWORK | {Action.VIEW_LOG},
    Role.COMPLAINTS_OFFICER: _CASEWORK,
    Role.SENIOR_MANAGER: frozenset({
        Action.VIEW, Action.RESPOND, Action.ADJUDICATE, Action.COUNCIL_RESPOND, Action.NOTE, Action.UPLOAD,
    }),
    Role.RESPONDING_MANAGER: frozenset({Action.VIEW, Action.RESPOND, Action.NOTE, Action.UPLOAD}),
    Role.INVESTIGATOR: frozenset({Action.VIEW, Action.NOTE, Action.UPLOAD}),
}


def complaint_actions(*, user, complaint: Complaint) -> frozenset[Action]:  # noqa: ANN001
    """The actions this user may take on a complaint they can already see (see selectors).

    Callers must have fetched the complaint with ``complaint_get_for_user``: visibility, team
    membership, appointment and restrictions are checked there, not repeated here.
    """
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    actions: frozenset[Action] = frozenset(Action) if user.is_superuser else frozenset()
    for role in user.role_names:
        actions |= ROLE_ACTIONS.get(role, frozenset())
    if not user.has_role(Role.SENIOR_MANAGER):
        # The adjudication is a senior manager's decision (the service refuses anyone else), so it
        # is never offered to others, superusers included.
        actions -= {Action.ADJUDICATE}
    return actions


def user_may(*, user, complaint: Complaint, action: Action) -> bool:  # noqa: ANN001
    return action in complaint_actions(user=user, complaint=complaint)
