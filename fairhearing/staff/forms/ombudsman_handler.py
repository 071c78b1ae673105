"""The form choosing who handles an Ombudsman (LGSCO) case: the complaints officers and managers
who may hold it (those who may see it, since handling it means answering the Ombudsman and
recording compliance), or nobody. Anyone else is refused with the reason, as the service would.
"""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES
from fairhearing.cases.access import complaints_closed_to
from fairhearing.ombudsman.models import OmbudsmanCase

HANDLER_HINT = (
    "Complaints officers and managers who may see this case. The person you choose is reminded of the "
    "Ombudsman’s deadlines for it, and told by email now unless you choose yourself"
)


def staff_label(user: Any) -> str:
    """A member of staff as the choices name them: their name, and their job title if recorded."""
    return f"{user} ({user.job_title})" if user.job_title else str(user)


def ombudsman_handler_candidates(case: OmbudsmanCase) -> list[Any]:
    """Who may be given the case to handle: active complaints officers and managers (and
    superusers, who act as the complaints manager) who may see it, in name order.

    Handling a case means answering the Ombudsman and recording compliance, which only the
    complaints team may do (ombudsman.access); senior managers and the learning lead may read a
    case but not change it, and responding managers may not see Ombudsman cases at all, so none of
    them is offered. A case linked to a complaint someone is excluded or restricted from is hidden
    from them, exactly as :func:`complaints_closed_to` says; that is asked per person only when one
    of the linked complaints has such a list (rare), so usually this is two queries.
    """
    user_model = get_user_model()
    in_team = Exists(Group.user_set.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=[str(role) for role in COMPLAINTS_TEAM_ROLES],
    ))
    users = list(user_model.objects.filter(Q(in_team) | Q(is_superuser=True), is_active=True))
    linked = case.complaints.all()
    narrowed = linked.filter(Q(excluded_users__isnull=False) | Q(restricted_to__isnull=False)).exists()
    if narrowed:
        users = [user for user in users
                 if not linked.filter(pk__in=complaints_closed_to(user).values("pk")).exists()]
    return users


class OmbudsmanHandlerForm(forms.Form):
    """Who handles the case: one of :func:`ombudsman_handler_candidates`, or nobody. An id that is
    not on the list (a second tab, a tampered page) is refused with the reason, never saved."""

    assigned_to = forms.CharField(label="Who handles the case?", required=False, widget=forms.Select,
                                  help_text=HANDLER_HINT)

    def __init__(self, data: Any = None, *, case: OmbudsmanCase, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.case = case
        self.candidates = {user.pk: user for user in ombudsman_handler_candidates(case)}
        self.fields["assigned_to"].widget.choices = [
            ("", "Nobody"), *[(str(pk), staff_label(user)) for pk, user in self.candidates.items()],
        ]
        if case.assigned_to_id in self.candidates:
            self.initial.setdefault("assigned_to", str(case.assigned_to_id))

    def clean_assigned_to(self) -> Any:
        value = self.cleaned_data["assigned_to"].strip()
        if not value:
            return None
        chosen = user_id(value)
        if chosen in self.candidates:
            return self.candidates[chosen]
        person = get_user_model().objects.filter(pk=chosen).first() if chosen is not None else None
        if person is None:
            raise forms.ValidationError("Choose who handles the case from the list")
        raise forms.ValidationError(handler_refusal(person))


def user_id(value: str) -> int | None:
    """A user id posted from a select, or None for anything that cannot be one (a database
    integer is at most 2**63 - 1, and SQLite refuses larger ones outright)."""
    return int(value) if value.isdigit() and len(value) <= 18 else None


def handler_refusal(person: Any) -> str:
    """Why someone not on the list cannot handle the case, in the service's words."""
    if not person.is_active:
        return f"{person} cannot handle the case: their account is not active"
    if not (person.is_superuser or person.role_names & COMPLAINTS_TEAM_ROLES):
        return f"{person} cannot handle the case: only complaints officers and managers handle Ombudsman cases"
    return f"{person} cannot handle the case: they may not see it"
