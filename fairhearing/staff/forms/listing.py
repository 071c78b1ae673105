"""The complaints list's filter panel and search box, and the query strings that carry them.

Filters travel in the query string (GET), so a filtered list can be bookmarked or sent to a
colleague. Search words can be a child's or a complainant's name, which must never appear in a
URL or a server log, so the search box posts its words and the list's URL carries only a short
opaque key to them, kept in the user's session (see views/caselist.py).
"""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms

from fairhearing.accounts.models import Team, User
from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES
from fairhearing.cases.choices import Channel, ComplaintStatus
from fairhearing.cases.listing import (
    ASSIGNEE_ME,
    ASSIGNEE_NONE,
    RECORD_KINDS,
    SEARCH_MAX_LENGTH,
    STAGE_CHOICES,
    STATUS_ANY,
    STATUS_OPEN,
    TEAM_NONE,
    Acknowledgement,
    ComplaintFilters,
    Due,
    Sort,
)
from fairhearing.cases.models import Procedure, Theme
from fairhearing.core.dates import long_date
from fairhearing.core.forms import GovukDateField

STATUS_CHOICES = [
    (STATUS_OPEN, "Open (not closed or withdrawn)"),
    *[(value, label) for value, label in ComplaintStatus.choices],
    (STATUS_ANY, "Any status"),
]
SEARCH_KEY_LENGTH = 12


def _choose(what: str) -> dict[str, str]:
    return {"invalid_choice": f"Choose {what} from the list"}


class ComplaintFilterForm(forms.Form):
    """The filter panel. Bound to the query string; fields that fail validation are ignored (with
    a message) and the rest still filter the list."""

    kind = forms.MultipleChoiceField(
        label="Kind of record", required=False, choices=RECORD_KINDS, help_text="Tick none to see every kind",
        widget=forms.CheckboxSelectMultiple, error_messages=_choose("a kind of record"),
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=STATUS_CHOICES, widget=forms.RadioSelect,
        error_messages=_choose("a status"),
    )
    stage = forms.MultipleChoiceField(
        label="Stage reached", required=False, choices=STAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple, error_messages=_choose("a stage"),
    )
    due = forms.MultipleChoiceField(
        label="Deadline", required=False, choices=Due.choices, widget=forms.CheckboxSelectMultiple,
        error_messages=_choose("a deadline"),
    )
    acknowledgement = forms.ChoiceField(
        label="Acknowledgement", required=False,
        choices=[("", "Any"), *Acknowledgement.choices], widget=forms.RadioSelect,
        error_messages=_choose("an acknowledgement option"),
    )
    procedure = forms.MultipleChoiceField(
        label="Procedure", required=False, widget=forms.CheckboxSelectMultiple,
        error_messages=_choose("a procedure"),
    )
    team = forms.ChoiceField(label="Team", required=False, error_messages=_choose("a team"))
    theme = forms.ChoiceField(label="Theme", required=False, error_messages=_choose("a theme"))
    channel = forms.MultipleChoiceField(
        label="How it was received", required=False, choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple, error_messages=_choose("how it was received"),
    )
    assignee = forms.ChoiceField(label="Held by", required=False, error_messages=_choose("who holds it"))
    received_from = GovukDateField(label="Received from", required=False, help_text="For example, 4 1 2022")
    received_to = GovukDateField(label="Received to", required=False, help_text="For example, 31 3 2022")
    sort = forms.ChoiceField(required=False, choices=Sort.choices, widget=forms.HiddenInput,
                             error_messages={"invalid_choice": "The list could not be sorted that way"})
    search = forms.RegexField(required=False, regex=r"^[A-Za-z0-9_-]{1,32}$", widget=forms.HiddenInput,
                              error_messages={"invalid": "The search could not be read: search again"})

    def __init__(self, data: Any, *, user: Any, **kwargs: Any) -> None:
        data = data.copy()
        data.setdefault("status", STATUS_OPEN)
        data.setdefault("sort", Sort.DUE)
        super().__init__(data, **kwargs)
        self.user = user
        self.fields["procedure"].choices = list(Procedure.objects.values_list("code", "name"))
        self.fields["team"].choices = [
            ("", "Any team"), (TEAM_NONE, "No team recorded"),
            *[(str(pk), name) for pk, name in Team.objects.values_list("pk", "name")],
        ]
        self.fields["theme"].choices = [
            ("", "Any theme"), *[(str(pk), name) for pk, name in Theme.objects.values_list("pk", "name")],
        ]
        holders = (
            User.objects.filter(is_active=True, groups__name__in=COMPLAINTS_TEAM_ROLES)
            .exclude(pk=getattr(user, "pk", None)).distinct()
        )
        self.fields["assignee"].choices = [
            ("", "Anyone"), (ASSIGNEE_ME, "Me"), (ASSIGNEE_NONE, "Not allocated"),
            *[(str(person.pk), str(person)) for person in holders],
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", "Received to must be the same as or after received from")
        return cleaned

    def filters(self, *, search: str = "") -> ComplaintFilters:
        """The filters that passed validation; anything that failed counts as not set."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        return ComplaintFilters(
            kinds=tuple(data.get("kind") or ()),
            procedures=tuple(data.get("procedure") or ()),
            status=data.get("status") or STATUS_OPEN,
            stages=tuple(data.get("stage") or ()),
            due=tuple(data.get("due") or ()),
            acknowledgement=data.get("acknowledgement") or "",
            team=data.get("team") or "",
            theme=data.get("theme") or "",
            channels=tuple(data.get("channel") or ()),
            assignee=data.get("assignee") or "",
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            search=search,
            sort=data.get("sort") or Sort.DUE,
        )

    def describe(self, filters: ComplaintFilters, *, for_audit: bool = False) -> list[str]:
        """The filters in words ("Team: Fostering"). For the audit log, people are not named."""
        def labels(name: str, values: tuple[str, ...] | str) -> str:
            chosen = dict(self.fields[name].choices)
            values = (values,) if isinstance(values, str) else values
            return ", ".join(str(chosen.get(value, value)) for value in values)

        parts = [f"Status: {labels('status', filters.status)}"]
        for name, value in [
            ("kind", filters.kinds), ("stage", filters.stages), ("due", filters.due),
            ("acknowledgement", filters.acknowledgement), ("procedure", filters.procedures),
            ("team", filters.team), ("theme", filters.theme), ("channel", filters.channels),
        ]:
            if value:
                parts.append(f"{self.fields[name].label}: {labels(name, value)}")
        if filters.assignee:
            named = filters.assignee not in {ASSIGNEE_ME, ASSIGNEE_NONE}
            who = "a named person" if named and for_audit else labels("assignee", filters.assignee)
            parts.append(f"Held by: {who}")
        if filters.received_from:
            parts.append(f"Received from: {long_date(filters.received_from)}")
        if filters.received_to:
            parts.append(f"Received to: {long_date(filters.received_to)}")
        if filters.search:
            parts.append("Searched by reference or name" if for_audit else f"Search: “{filters.search}”")
        return parts


class ComplaintSearchForm(forms.Form):
    """The search box: a reference or a name. Posted, so the words stay out of the URL."""

    words = forms.CharField(
        label="Search by reference or name", required=False, max_length=SEARCH_MAX_LENGTH,
        help_text="A complaint reference, or the name of a complainant or child",
        error_messages={"max_length": f"Search must be {SEARCH_MAX_LENGTH} characters or fewer"},
    )
    filters = forms.CharField(required=False, widget=forms.HiddenInput, max_length=4000)


def _date_params(name: str, value: date | None) -> list[tuple[str, str]]:
    if value is None:
        return []
    return [(f"{name}_day", str(value.day)), (f"{name}_month", str(value.month)), (f"{name}_year", str(value.year))]


def filter_params(filters: ComplaintFilters, *, search_key: str = "") -> list[tuple[str, str]]:
    """The query string parameters that reproduce these filters (defaults left out)."""
    params: list[tuple[str, str]] = []
    params += [("kind", value) for value in filters.kinds]
    if filters.status != STATUS_OPEN:
        params.append(("status", filters.status))
    params += [("stage", value) for value in filters.stages]
    params += [("due", value) for value in filters.due]
    if filters.acknowledgement:
        params.append(("acknowledgement", filters.acknowledgement))
    params += [("procedure", value) for value in filters.procedures]
    for name, value in (("team", filters.team), ("theme", filters.theme)):
        if value:
            params.append((name, value))
    params += [("channel", value) for value in filters.channels]
    if filters.assignee:
        params.append(("assignee", filters.assignee))
    params += _date_params("received_from", filters.received_from)
    params += _date_params("received_to", filters.received_to)
    if filters.sort != Sort.DUE:
        params.append(("sort", filters.sort))
    if search_key:
        params.append(("search", search_key))
    return params


def filter_query(filters: ComplaintFilters, *, search_key: str = "", **extra: str | int) -> str:
    """A query string (with its "?", or empty) for these filters plus, e.g., a page number."""
    params = filter_params(filters, search_key=search_key)
    params += [(name, str(value)) for name, value in extra.items() if value not in ("", None)]
    return f"?{urlencode(params)}" if params else ""
