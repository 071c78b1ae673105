"""Creating the teams and themes a register names that Fair Hearing does not know yet, so its
rows can be imported: matched ignoring case, each new one audited in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from fairhearing.accounts.models import Team
from fairhearing.audit.services import audit_record
from fairhearing.cases.models import Theme
from fairhearing.core.errors import DomainError

TEAM_CREATED = "team.created"
THEME_CREATED = "theme.created"
# Names are at most this long in the Team and Theme tables.
NAME_MAX_CHARS = 200


def _clean_names(names: Iterable[str], what: str) -> list[str]:
    cleaned: dict[str, str] = {}
    for name in names:
        name = " ".join(str(name).split())
        if not name:
            continue
        if len(name) > NAME_MAX_CHARS:
            raise DomainError(f"A {what} name must be {NAME_MAX_CHARS} characters or fewer.")
        cleaned.setdefault(name.casefold(), name)
    return list(cleaned.values())


@transaction.atomic
def import_names_create(*, actor: Any, teams: Iterable[str] = (), themes: Iterable[str] = ()) -> tuple[list[Team], list[Theme]]:
    """Create the teams and themes a register names that do not exist yet (matched ignoring case).

    Names that already exist are left as they are, so offering the same names twice creates
    nothing more. Each new team or theme is audited.
    """
    made_teams: list[Team] = []
    made_themes: list[Theme] = []
    for name in _clean_names(teams, "team"):
        if Team.objects.filter(name__iexact=name).exists():
            continue
        team = Team.objects.create(name=name)
        audit_record(actor=actor, verb=TEAM_CREATED, subject=team, summary=f"Team created for an import: {name}")
        made_teams.append(team)
    for name in _clean_names(themes, "theme"):
        if Theme.objects.filter(name__iexact=name).exists():
            continue
        theme = Theme.objects.create(name=name)
        audit_record(actor=actor, verb=THEME_CREATED, subject=theme, summary=f"Theme created for an import: {name}")
        made_themes.append(theme)
    return made_teams, made_themes
