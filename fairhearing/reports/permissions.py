"""Who may see which version of a report, and who writes the council's own text in it.

The internal version may name complaints by reference (the six-month overview lists overdue
complaints) and shows small numbers as they are, so it goes only to the roles that see every
complaint anyway: the complaints team and senior managers. The learning lead and report readers
(directors, committees, boards) read the published version, which has no references and hides
small numbers. Responding managers, Investigating Officers and administrators have no reports:
their work is single cases or the system itself, not the service's figures.

The executive summary and conclusion are written by the complaints team, who produce the report.
Superusers may do everything, as elsewhere (letter templates, logging complaints).
"""

from typing import Any

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES, Role

INTERNAL_REPORT_ROLES = COMPLAINTS_TEAM_ROLES | {Role.SENIOR_MANAGER}
PUBLISHED_REPORT_ROLES = frozenset({Role.LEARNING_LEAD, Role.REPORT_READER})
REPORT_TEXT_ROLES = COMPLAINTS_TEAM_ROLES


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def user_may_view_internal_reports(user: Any) -> bool:
    """The internal version: references, and small numbers as they are."""
    return _active(user) and (user.is_superuser or bool(user.role_names & INTERNAL_REPORT_ROLES))


def user_may_view_reports(user: Any) -> bool:
    """Any version: the published one at least."""
    return user_may_view_internal_reports(user) or (
        _active(user) and bool(user.role_names & PUBLISHED_REPORT_ROLES)
    )


def user_may_write_report_text(user: Any) -> bool:
    """The executive summary and conclusion of a report."""
    return _active(user) and (user.is_superuser or bool(user.role_names & REPORT_TEXT_ROLES))
