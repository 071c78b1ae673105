"""Finding complaints for the caseworkers' list, its exports and the dashboard: filters, search, sort.

Everything here is one SQL query whatever the number of rows: the stage columns come from
correlated subqueries, names are searched with EXISTS, and no row is looked at in Python.

What the words mean (the dashboard counts and the list filters share these definitions, so every
number on the dashboard is exactly the number of rows in the list it links to):

- *next deadline* (``next_due_on``): what the council must do next for an open complaint: the
  open stage's stored due date while its clock runs; otherwise, if the complaint has not been
  acknowledged, the acknowledgement due date. A paused stage has no running deadline (it moves
  when the clock restarts), and closed or withdrawn complaints have none.
- *overdue*: the next deadline is before today; *due today*: it is today; *due in the next 5
  working days*: after today and no later than the fifth working day after today.
- *paused*: an open complaint whose open stage's clock is stopped.
- *stage*: the latest stage the complaint has reached (a late request that was refused does not
  count); "not started" means no stage has begun.

The stages app sits above this one, so its rows are reached through the ``stages`` relation
rather than imported.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)

from fairhearing.people.models import Child, Person

from .models import Complaint, ComplaintChild, ComplaintComplainant
from .selectors import OPEN_STATUSES, complaints_visible_to

# Kinds of record the list can show. Only complaints exist today; compliments, enquiries and the
# other representations join this list (and the filter) as they are built.
KIND_COMPLAINT = "complaint"
RECORD_KINDS: tuple[tuple[str, str], ...] = ((KIND_COMPLAINT, "Complaints"),)

STATUS_OPEN = "open"
STATUS_ANY = "all"

STAGE_NOT_STARTED = "none"
STAGE_CHOICES: tuple[tuple[str, str], ...] = (
    (STAGE_NOT_STARTED, "Not started"),
    ("1", "Stage 1"),
    ("2", "Stage 2"),
    ("3", "Stage 3"),
)

TEAM_NONE = "none"
ASSIGNEE_ME = "me"
ASSIGNEE_NONE = "none"

SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 5


class Due(models.TextChoices):
    """How an open complaint's next deadline stands today."""

    OVERDUE = "overdue", "Overdue"
    TODAY = "today", "Due today"
    SOON = "soon", "Due in the next 5 working days"
    PAUSED = "paused", "Paused"


class Acknowledgement(models.TextChoices):
    """Open complaints the council has not yet told the complainant it received."""

    AWAITING = "awaiting", "Not yet acknowledged"
    OVERDUE = "overdue", "Acknowledgement overdue"


class Sort(models.TextChoices):
    """Orders the list can be read in; a leading minus sign means descending."""

    DUE = "due", "Next deadline, soonest first"
    DUE_DESC = "-due", "Next deadline, latest first"
    RECEIVED = "received", "Received, oldest first"
    RECEIVED_DESC = "-received", "Received, newest first"
    REFERENCE = "reference", "Reference, A to Z"
    REFERENCE_DESC = "-reference", "Reference, Z to A"


_ORDERINGS = {
    Sort.DUE: (F("next_due_on").asc(nulls_last=True), "received_on", "pk"),
    Sort.DUE_DESC: (F("next_due_on").desc(nulls_last=True), "-received_on", "-pk"),
    Sort.RECEIVED: ("received_on", "pk"),
    Sort.RECEIVED_DESC: ("-received_on", "-pk"),
    Sort.REFERENCE: ("reference", "pk"),
    Sort.REFERENCE_DESC: ("-reference", "-pk"),
}


@dataclass(frozen=True)
class DueWindow:
    """Today, and the last day that counts as "due in the next 5 working days"."""

    today: date
    soon_until: date


@dataclass(frozen=True)
class ComplaintFilters:
    """What a list of complaints is narrowed to. Empty means "any"; the status defaults to open.

    ``team`` is a team id or "none"; ``assignee`` is "me", "none" or a user id; ``search`` is the
    words typed (a reference, or part of a complainant's or child's name).
    """

    kinds: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()
    status: str = STATUS_OPEN
    stages: tuple[str, ...] = ()
    due: tuple[str, ...] = ()
    acknowledgement: str = ""
    team: str = ""
    theme: str = ""
    channels: tuple[str, ...] = ()
    assignee: str = ""
    received_from: date | None = None
    received_to: date | None = None
    search: str = ""
    sort: str = Sort.DUE


def complaints_with_deadlines(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """The complaints with their stage, phase, deadlines and next deadline as columns.

    The open stage is joined (the database allows one per complaint), not looked up three times
    per row: on 100,000 complaints that takes the dashboard's counts from over 100 ms to under 10
    ms on PostgreSQL (docs/performance.md).
    """
    stages = Complaint.stages.rel.related_model.objects  # Stage, without importing the stages app
    # "refused" is StageStatus.REFUSED: a late request that was turned down was never a stage.
    reached = stages.filter(complaint_id=OuterRef("pk")).exclude(status="refused").order_by("-number")
    return complaints.annotate(
        open_stage=FilteredRelation("stages", condition=Q(stages__closed_on__isnull=True)),
    ).annotate(
        stage_number=Subquery(reached.values("number")[:1]),
        escalation_deadline_on=Subquery(reached.values("escalation_deadline_on")[:1]),
        stage_phase=F("open_stage__phase"),
        stage_due_on=F("open_stage__due_on"),
        stage_paused_since=F("open_stage__paused_since"),
    ).annotate(
        next_due_on=Case(
            When(~Q(status__in=OPEN_STATUSES), then=None),
            When(stage_paused_since__isnull=False, then=None),
            When(stage_due_on__isnull=False, then=F("stage_due_on")),
            When(acknowledged_on__isnull=True, then=F("acknowledgement_due_on")),
            default=None,
            output_field=DateField(),
        )
    )


def due_q(state: str, window: DueWindow) -> Q:
    """Complaints (with deadlines annotated) whose next deadline stands as ``state`` today."""
    if state == Due.PAUSED:
        return Q(status__in=OPEN_STATUSES, stage_paused_since__isnull=False)
    if state == Due.OVERDUE:
        return Q(next_due_on__lt=window.today)
    if state == Due.TODAY:
        return Q(next_due_on=window.today)
    if state == Due.SOON:
        return Q(next_due_on__gt=window.today, next_due_on__lte=window.soon_until)
    raise ValueError(f"Unknown deadline state {state!r}")


def acknowledgement_q(state: str, window: DueWindow) -> Q:
    awaiting = Q(status__in=OPEN_STATUSES, acknowledged_on__isnull=True)
    if state == Acknowledgement.AWAITING:
        return awaiting
    if state == Acknowledgement.OVERDUE:
        return awaiting & Q(acknowledgement_due_on__lt=window.today)
    raise ValueError(f"Unknown acknowledgement state {state!r}")


def status_q(status: str) -> Q:
    if status == STATUS_ANY:
        return Q()
    if status == STATUS_OPEN:
        return Q(status__in=OPEN_STATUSES)
    return Q(status=status)


def stage_q(stages: tuple[str, ...]) -> Q:
    wanted = Q(pk__in=[])
    for stage in stages:
        wanted |= Q(stage_number__isnull=True) if stage == STAGE_NOT_STARTED else Q(stage_number=int(stage))
    return wanted


def search_q(text: str) -> Q:
    """A reference, or words that all appear in the names of one complainant or one child.

    Case-insensitive. "pat example" finds Pat Example; each word may be part of a first or last
    name. The matching complaints are one UNION of ids, people searched first, so the database
    looks only at the complaints that match instead of testing every complaint against three
    conditions; references are searched only when the words contain a digit, as every reference
    does.
    """
    text = " ".join(text.split())[:SEARCH_MAX_LENGTH]
    if not text:
        return Q()
    words = text.split(" ")[:SEARCH_MAX_WORDS]
    people, children = Person.objects.order_by(), Child.objects.order_by()
    for word in words:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        children = children.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    parts = [
        ComplaintComplainant.objects.filter(person__in=people.values("pk")).order_by().values("complaint_id"),
        ComplaintChild.objects.filter(child__in=children.values("pk")).order_by().values("complaint_id"),
    ]
    if any(character.isdigit() for character in text):
        parts.append(Complaint.objects.filter(reference__icontains=text).order_by().values("pk"))
    return Q(pk__in=parts[0].union(*parts[1:]))


def filters_q(filters: ComplaintFilters, *, user, window: DueWindow) -> Q:  # noqa: ANN001
    """One condition for everything the filters ask, on complaints with deadlines annotated."""
    wanted = status_q(filters.status)
    if filters.kinds and KIND_COMPLAINT not in filters.kinds:
        wanted &= Q(pk__in=[])
    if filters.procedures:
        wanted &= Q(procedure__code__in=filters.procedures)
    if filters.stages:
        wanted &= stage_q(filters.stages)
    if filters.due:
        due = Q(pk__in=[])
        for state in filters.due:
            due |= due_q(state, window)
        wanted &= due
    if filters.acknowledgement:
        wanted &= acknowledgement_q(filters.acknowledgement, window)
    if filters.team:
        team_links = Complaint.teams.through.objects.filter(complaint_id=OuterRef("pk"))
        if filters.team == TEAM_NONE:
            wanted &= ~Q(Exists(team_links))
        else:
            wanted &= Q(Exists(team_links.filter(team_id=int(filters.team))))
    if filters.theme:
        theme_links = Complaint.themes.through.objects.filter(
            complaint_id=OuterRef("pk"), theme_id=int(filters.theme)
        )
        wanted &= Q(Exists(theme_links))
    if filters.channels:
        wanted &= Q(channel__in=filters.channels)
    if filters.assignee == ASSIGNEE_ME:
        wanted &= Q(assigned_to_id=user.pk)
    elif filters.assignee == ASSIGNEE_NONE:
        wanted &= Q(assigned_to__isnull=True)
    elif filters.assignee:
        wanted &= Q(assigned_to_id=int(filters.assignee))
    if filters.received_from:
        wanted &= Q(received_on__gte=filters.received_from)
    if filters.received_to:
        wanted &= Q(received_on__lte=filters.received_to)
    if filters.search:
        wanted &= search_q(filters.search)
    return wanted


def complaint_list_for_user(
    *, user, filters: ComplaintFilters, window: DueWindow  # noqa: ANN001
) -> QuerySet[Complaint]:
    """The complaints this user may see that match the filters, in the order asked for.

    Rows carry their procedure and holder; the caller prefetches teams (one more query) if it
    shows them, or uses :func:`names_by_complaint` for exports.
    """
    ordering = _ORDERINGS.get(filters.sort, _ORDERINGS[Sort.DUE])
    return (
        complaints_with_deadlines(complaints_visible_to(user))
        .filter(filters_q(filters, user=user, window=window))
        .select_related("procedure", "assigned_to")
        .order_by(*ordering)
    )


def names_by_complaint(complaints: QuerySet[Complaint], relation: str) -> dict[int, list[str]]:
    """Team or theme names ("teams" or "themes") of every complaint in a queryset, in one query."""
    if relation not in {"teams", "themes"}:
        raise ValueError(f"Unknown relation {relation!r}")
    through = getattr(Complaint, relation).through
    name = f"{relation[:-1]}__name"
    names: dict[int, list[str]] = {}
    rows = (
        through.objects.filter(complaint_id__in=complaints.order_by().values("pk"))
        .values_list("complaint_id", name)
        .order_by("complaint_id", name)
    )
    for complaint_id, value in rows:
        names.setdefault(complaint_id, []).append(value)
    return names


def complaints_in_order(pks: list[int]) -> list[Complaint]:
    """The rows of one page, given the page's ids in order.

    Paging over ids first and loading the full rows (with their stage columns) only for those ids
    keeps a deep page quick: the database need not work out the columns of every row it skips.
    The ids already passed the user's access rules and the filters, so the rows are fetched by id
    alone: applying the filters again would run the search a third time.
    """
    position = {pk: index for index, pk in enumerate(pks)}
    rows = list(
        complaints_with_deadlines(Complaint.objects.filter(pk__in=pks))
        .select_related("procedure", "assigned_to").prefetch_related("teams").order_by()
    )
    return sorted(rows, key=lambda complaint: position[complaint.pk])
