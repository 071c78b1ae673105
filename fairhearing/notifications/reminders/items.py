"""What a person holds that is due soon or overdue, and what is overdue across the service.

Every deadline here is a stored date (the complaint's acknowledgement due date, a stage's ``due_on``,
an enquiry's or initial feedback's ``response_due_on``, the Ombudsman's dates, an action's target
date), so a list is one query per kind of record whatever its length: nothing walks the calendar
for a row. The only calendar sum is the look-ahead limit, worked out once per run by the caller.

Each kind reads through its app's access selector for the reader, so a person only hears about
records they may open: an officer excluded from (or not named on) a restricted complaint never sees
its reference in an email.

Who holds what (docs/reminders.md):

| kind | held by |
|---|---|
| complaint acknowledgement | the officer holding the complaint |
| stage deadline | the officer holding the complaint; the Stage 2 Investigating Officer and Independent Person; for Stage 1, the responding managers of the complaint's teams |
| Member's enquiry, initial feedback | the officer who logged it; the responding managers of its team |
| Ombudsman's request for information | the officer handling the Ombudsman case |
| Ombudsman recommendation | the officer handling the Ombudsman case |
| action-plan action | the member of staff named as its owner |
| complaint sent online, not yet logged or closed | nobody (registered by the public forms app) |

A record held by nobody, or by an account that is no longer active, goes to the complaints
managers (an action: to whoever may change action plans), so no deadline is left unwatched.

Apps above this one add their own kinds with ``register_item_source`` when Django starts (see
there): the public forms import this app to queue their emails, so this app may not import them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from fairhearing.accounts.roles import Role
from fairhearing.cases.kind_choices import ConcernStatus
from fairhearing.cases.kinds.access import concerns_visible_to, enquiries_visible_to
from fairhearing.cases.models import Complaint, Concern, Enquiry
from fairhearing.cases.selectors import OPEN_STATUSES, complaints_visible_to
from fairhearing.core.dates import long_date
from fairhearing.learning.access import PLANS_CHANGE, action_plans_visible_to
from fairhearing.learning.choices import CLOSED_ACTION_STATUSES
from fairhearing.learning.models import Action
from fairhearing.ombudsman.access import ombudsman_cases_visible_to
from fairhearing.ombudsman.choices import Compliance, OmbudsmanPhase
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.stages.choices import Phase
from fairhearing.stages.models import Stage

# Which email an item goes in: the daily digest (casework) or the deadline reminder (Ombudsman
# recommendations and action-plan actions, often owned by people who hold no casework).
DIGEST = "daily_digest"
DEADLINES = "deadline_reminder"


@dataclass(frozen=True)
class DueItem:
    """One thing due: the record's reference, what is due, and the stored due date."""

    kind: str
    reference: str
    what: str
    due_on: date
    # How the date is introduced: "due" ("acknowledgement due 5 June 2025") or "by" ("to
    # acknowledge by 5 June 2025", for a ``what`` that is something to do).
    phrase: str = "due"

    def is_overdue(self, today: date) -> bool:
        """Overdue the day after the due date: a response sent on the due date is on time."""
        return self.due_on < today

    def line(self, today: date) -> str:
        """One plain-text line for an email: reference, what, date. Never a name."""
        when = long_date(self.due_on)
        if self.is_overdue(today):
            said = f"by {when}" if self.phrase == "by" else f"was due {when}"
            return f"{self.reference}: {self.what} {said} (overdue)"
        if self.due_on == today:
            return f"{self.reference}: {self.what} {self.phrase} today, {when}"
        return f"{self.reference}: {self.what} {self.phrase} {when}"


def _nobody(field: str) -> Q:
    """Held by no one, or by an account that can no longer sign in."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__is_active": False})


def _is_complaints_manager(user: Any) -> bool:
    return user.has_role(Role.COMPLAINTS_MANAGER)


def _may_change_plans(user: Any) -> bool:
    return bool(user.role_names & PLANS_CHANGE) and user.is_active


def _in_users_teams(user: Any, team_field: str) -> Q:
    return Q(**{f"{team_field}__in": user.teams.values("pk")})


STAGE_WHAT = {
    Phase.RESPONSE: "Stage {n} response",
    Phase.PANEL_MEETING: "Stage 3 review panel meeting",
    Phase.PANEL_REPORT: "Stage 3 panel's report",
    Phase.COUNCIL_RESPONSE: "council's response to the review panel",
}


@dataclass(frozen=True)
class Source:
    """One kind of deadline: where it is stored, when it is still to do, who holds it, and how
    its line reads. ``visible`` is the access selector for the reader."""

    kind: str
    email: str
    visible: Callable[[Any], QuerySet]
    pending: Q
    due_field: str
    held: Callable[[Any], Q]
    columns: tuple[str, ...]
    describe: Callable[[dict[str, Any]], tuple[str, str]]
    phrase: str = "due"  # see DueItem.phrase

    def rows(self, user: Any, *, until: date, held_only: bool = True) -> list[DueItem]:
        """This kind's items the reader may see, due on or before ``until`` (one query)."""
        queryset = self.visible(user).filter(self.pending, **{f"{self.due_field}__lte": until})
        if held_only:
            queryset = queryset.filter(self.held(user))
        values = queryset.order_by(self.due_field, "pk").values(self.due_field, *self.columns)
        items = []
        for row in values:
            reference, what = self.describe(row)
            items.append(DueItem(kind=self.kind, reference=reference, what=what, due_on=row[self.due_field],
                                 phrase=self.phrase))
        return items


# Held-by rules, one per kind (see the table in the module docstring).

def _held_acknowledgement(user: Any) -> Q:
    rule = Q(assigned_to=user)
    if _is_complaints_manager(user):
        rule |= _nobody("assigned_to")
    return rule


def held_by_nobody(user: Any) -> Q:
    """The held-by rule for a kind of record no one is named to hold (a queue waiting to be picked
    up): the complaints managers hold all of it, as they hold every record whose holder is nobody.
    Anyone else holds none (an always-empty condition, which Django answers without a query)."""
    return Q() if _is_complaints_manager(user) else Q(pk__in=())


def _held_stage(user: Any) -> Q:
    rule = Q(complaint__assigned_to=user) | Q(investigating_officer=user) | Q(independent_person=user)
    if user.has_role(Role.RESPONDING_MANAGER):
        # The responding manager drafts the Stage 1 response for their team's complaints. Exists,
        # not a join, so a complaint about two of their teams is listed once.
        teams = Complaint.teams.through.objects.filter(
            complaint_id=OuterRef("complaint_id"), team_id__in=user.teams.values("pk")
        )
        rule |= Q(number=1) & Q(Exists(teams))
    if _is_complaints_manager(user):
        rule |= _nobody("complaint__assigned_to")
    return rule


def _held_team_record(user: Any) -> Q:
    rule = Q(created_by=user)
    if user.has_role(Role.RESPONDING_MANAGER):
        rule |= _in_users_teams(user, "team")
    if _is_complaints_manager(user):
        rule |= _nobody("created_by")
    return rule


def _held_ombudsman_case(user: Any) -> Q:
    rule = Q(assigned_to=user)
    if _is_complaints_manager(user):
        rule |= _nobody("assigned_to")
    return rule


def _held_recommendation(user: Any) -> Q:
    rule = Q(case__assigned_to=user)
    if _is_complaints_manager(user):
        rule |= _nobody("case__assigned_to")
    return rule


def _held_action(user: Any) -> Q:
    rule = Q(owned_by=user)
    if _may_change_plans(user):
        rule |= _nobody("owned_by")
    return rule


def _stages_visible_to(user: Any) -> QuerySet:
    return Stage.objects.filter(complaint__in=complaints_visible_to(user).values("pk"))


def _recommendations_visible_to(user: Any) -> QuerySet:
    return Recommendation.objects.filter(case__in=ombudsman_cases_visible_to(user).values("pk"))


def _actions_visible_to(user: Any) -> QuerySet:
    return Action.objects.filter(plan__in=action_plans_visible_to(user).values("pk"))


def _lgsco(reference: str) -> str:
    return f"Ombudsman case {reference}"


SOURCES: tuple[Source, ...] = (
    Source(
        kind="acknowledgement", email=DIGEST, visible=complaints_visible_to,
        pending=Q(status__in=OPEN_STATUSES, acknowledged_on__isnull=True, acknowledgement_due_on__isnull=False),
        due_field="acknowledgement_due_on", held=_held_acknowledgement, columns=("reference",),
        describe=lambda row: (row["reference"], "acknowledgement"),
    ),
    Source(
        # A paused stage's clock has stopped: its due date moves when it resumes.
        kind="stage", email=DIGEST, visible=_stages_visible_to,
        pending=Q(closed_on__isnull=True, paused_since__isnull=True, due_on__isnull=False),
        due_field="due_on", held=_held_stage, columns=("complaint__reference", "number", "phase"),
        describe=lambda row: (
            row["complaint__reference"],
            STAGE_WHAT.get(row["phase"], STAGE_WHAT[Phase.RESPONSE]).format(n=row["number"]),
        ),
    ),
    Source(
        kind="enquiry", email=DIGEST, visible=enquiries_visible_to,
        pending=Q(responded_on__isnull=True), due_field="response_due_on", held=_held_team_record,
        columns=("reference",), describe=lambda row: (row["reference"], "reply to the Member's enquiry"),
    ),
    Source(
        kind="concern", email=DIGEST, visible=concerns_visible_to,
        pending=Q(status=ConcernStatus.OPEN), due_field="response_due_on", held=_held_team_record,
        columns=("reference",), describe=lambda row: (row["reference"], "response to the initial feedback"),
    ),
    Source(
        kind="ombudsman_information", email=DIGEST, visible=ombudsman_cases_visible_to,
        pending=~Q(phase=OmbudsmanPhase.DECIDED) & Q(information_sent_on__isnull=True,
                                                     information_due_on__isnull=False),
        due_field="information_due_on", held=_held_ombudsman_case, columns=("lgsco_reference",),
        describe=lambda row: (_lgsco(row["lgsco_reference"]), "information for the Ombudsman"),
    ),
    Source(
        kind="recommendation", email=DEADLINES, visible=_recommendations_visible_to,
        pending=Q(compliance=Compliance.PENDING, completed_on__isnull=True), due_field="due_on",
        held=_held_recommendation, columns=("case__lgsco_reference", "number"),
        describe=lambda row: (_lgsco(row["case__lgsco_reference"]), f"recommendation {row['number']}"),
    ),
    Source(
        kind="action", email=DEADLINES, visible=_actions_visible_to,
        pending=~Q(status__in=CLOSED_ACTION_STATUSES) & Q(target_on__isnull=False), due_field="target_on",
        held=_held_action, columns=("plan__period_label", "number"),
        describe=lambda row: (f"Action plan {row['plan__period_label']}, action {row['number']}",
                              "target completion"),
    ),
)


# Kinds of deadline kept by apps above this one, by kind. A registry rather than an import: the
# public forms app imports this one (to queue its emails), so reading its models from here would
# make the two apps depend on each other; instead it hands its kind over in its AppConfig.ready(),
# as cases.allocation_listeners lets the lower apps reach the allocation email.
_registered: dict[str, Source] = {}


def register_item_source(source: Source) -> None:
    """Add a kind of deadline to the reminders from an app above this one (in its ``ready()``).

    Registering a kind again replaces it, so a second ``ready()`` adds nothing twice; a kind this
    package already reads cannot be replaced.
    """
    if not isinstance(source, Source):
        raise TypeError("A reminder item source must be a Source.")
    if source.kind in {built_in.kind for built_in in SOURCES}:
        raise ValueError(f"The reminders already read the kind {source.kind!r}.")
    if source.email not in (DIGEST, DEADLINES):
        raise ValueError(f"Unknown reminder email {source.email!r}.")
    _registered[source.kind] = source


def unregister_item_source(kind: str) -> None:
    """Stop reading a registered kind (for tests and for apps that are switched off)."""
    _registered.pop(kind, None)


def item_sources() -> tuple[Source, ...]:
    """Every kind of deadline the reminders read: this package's, then the registered ones."""
    return SOURCES + tuple(_registered.values())


def items_held_by(user: Any, *, until: date, sources: Iterable[Source] | None = None) -> list[DueItem]:
    """What ``user`` holds and may see that is due on or before ``until`` (overdue included),
    soonest first; one query per kind."""
    sources = item_sources() if sources is None else sources
    items = [item for source in sources for item in source.rows(user, until=until)]
    return sorted(items, key=lambda item: (item.due_on, item.reference, item.what))


def items_overdue_visible_to(user: Any, *, today: date, sources: Iterable[Source] | None = None) -> list[DueItem]:
    """Everything overdue on ``today`` that ``user`` may see, whoever holds it; one query per kind."""
    sources = item_sources() if sources is None else sources
    items = [
        item for source in sources
        for item in source.rows(user, until=today, held_only=False) if item.is_overdue(today)
    ]
    return sorted(items, key=lambda item: (item.due_on, item.reference, item.what))


def holder_user_ids_query() -> Q:
    """Users named as holding something still to do, as one condition on the user table (for
    ``recipients``): subqueries, so finding them is a single query."""
    open_complaints = Complaint.objects.filter(status__in=OPEN_STATUSES)
    open_stages = Stage.objects.filter(closed_on__isnull=True)
    pending_cases = OmbudsmanCase.objects.filter(
        Q(information_sent_on__isnull=True, information_due_on__isnull=False)
        | Q(recommendations__compliance=Compliance.PENDING)
    )
    return (
        Q(pk__in=open_complaints.values("assigned_to"))
        | Q(pk__in=open_stages.values("investigating_officer"))
        | Q(pk__in=open_stages.values("independent_person"))
        | Q(pk__in=Enquiry.objects.filter(responded_on__isnull=True).values("created_by"))
        | Q(pk__in=Concern.objects.filter(status=ConcernStatus.OPEN).values("created_by"))
        | Q(pk__in=pending_cases.values("assigned_to"))
        | Q(pk__in=Action.objects.exclude(status__in=CLOSED_ACTION_STATUSES).values("owned_by"))
    )
