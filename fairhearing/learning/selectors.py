"""Reading learning records: actions to chase, an action plan as the report prints it, and the
learning recorded in a period. Each read costs a fixed number of queries, however many rows."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Upper
from django.http import Http404

from fairhearing.accounts.models import Team
from fairhearing.cases.access import complaints_closed_to
from fairhearing.cases.models import Complaint, Theme
from fairhearing.ombudsman.access import ombudsman_cases_visible_to
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.stages.models import Stage

from .access import (
    NOTES_ALL,
    action_plans_visible_to,
    get_visible_or_404,
    learning_notes_visible_to,
    user_may_write_learning_notes,
)
from .choices import CLOSED_ACTION_STATUSES
from .models import Action, ActionPlan, ActionUpdate, LearningNote


def _open_actions() -> QuerySet[Action]:
    """Actions still to do, with their plan, soonest target first."""
    return (
        Action.objects.exclude(status__in=CLOSED_ACTION_STATUSES)
        .filter(target_on__isnull=False)
        .select_related("plan")
        .order_by("target_on", "plan__starts_on", "plan_id", "number")
    )


def actions_overdue(*, today: date) -> QuerySet[Action]:
    """Actions not complete or dropped whose target completion date has passed. An action due today
    is not overdue until tomorrow; an action with only a target in words ("On-going") never is."""
    return _open_actions().filter(target_on__lt=today)


def actions_due_soon(*, today: date, until: date) -> QuerySet[Action]:
    """Actions not complete or dropped whose target falls between today and ``until``, both
    included: the ones to chase before they become overdue."""
    return _open_actions().filter(target_on__gte=today, target_on__lte=until)


def _latest_update_id() -> Subquery:
    """The id of the newest update of the action in the outer query (latest date, then latest
    written): the one the plan's "Quarterly update" column shows."""
    return Subquery(
        ActionUpdate.objects.filter(action_id=OuterRef("action_id"))
        .order_by("-written_on", "-id")
        .values("id")[:1]
    )


def action_plan_rows(*, plan: ActionPlan) -> list[Action]:
    """The plan's actions in number order, each with ``latest_update`` (an ActionUpdate or None)
    and its linked complaints and Ombudsman cases loaded: four queries whatever the number of
    actions."""
    latest = ActionUpdate.objects.annotate(latest_id=_latest_update_id()).filter(id=F("latest_id"))
    actions = list(
        plan.actions.order_by("number").prefetch_related(
            Prefetch("updates", queryset=latest, to_attr="latest_updates"),
            Prefetch("complaints", queryset=Complaint.objects.order_by("reference")),
            Prefetch("ombudsman_cases", queryset=OmbudsmanCase.objects.order_by("lgsco_reference")),
        )
    )
    for action in actions:
        action.latest_update = action.latest_updates[0] if action.latest_updates else None
    return actions


def learning_notes_in_period(*, start: date, end: date) -> QuerySet[LearningNote]:
    """Learning notes dated within ``start`` to ``end`` inclusive, oldest first. A note is dated by
    the response it came from, so learning recorded in April about a March response counts in the
    year that ended in March; a note with no response is dated by the day it was recorded. The
    date is annotated as ``dated_on``."""
    return (
        LearningNote.objects.annotate(dated_on=Coalesce("stage__responded_on", "recorded_on"))
        .filter(dated_on__gte=start, dated_on__lte=end)
        .select_related("complaint", "stage")
        .prefetch_related("themes")
        .order_by("dated_on", "id")
    )


# Pages ----------------------------------------------------------------------------------------
# The staff pages read learning through these, so each page costs a fixed number of queries and
# shows only what the user may see (learning.access decides who sees what).


def complaints_open_to_learning_notes(user: Any) -> QuerySet[Complaint]:
    """Complaints on which this user may record learning: any complaint not closed to them (by
    exclusion or restriction) for the complaints team and the learning lead; only their teams'
    complaints for a responding manager; none for anyone else. A note recorded on one of these is
    always one the user can then see."""
    if not user_may_write_learning_notes(user):
        return Complaint.objects.none()
    complaints = Complaint.objects.exclude(pk__in=complaints_closed_to(user).values("pk"))
    if user.is_superuser or user.role_names & NOTES_ALL:
        return complaints
    team_links = Complaint.teams.through.objects.filter(team__in=user.teams.values("pk"))
    return complaints.filter(pk__in=team_links.values("complaint_id"))


def learning_note_complaint_get_for_user(*, user: Any, reference: str) -> Complaint:
    """The complaint to record learning on, if the user may; otherwise 404, so a guessed reference
    reveals nothing. The learning lead may record learning without seeing the complaint itself."""
    complaint = complaints_open_to_learning_notes(user).filter(reference=reference).first()
    if complaint is None:
        raise Http404("No complaint found")
    return complaint


def stages_awaiting_learning(*, complaint: Complaint) -> list[Stage]:
    """The complaint's responded stages that have no learning note yet, in stage order: the
    responses a note may still be recorded on (one note per response)."""
    noted = LearningNote.objects.filter(stage_id=OuterRef("pk"))
    return list(
        Stage.objects.filter(complaint=complaint, responded_on__isnull=False)
        .exclude(Exists(noted))
        .order_by("number")
    )


@dataclass(frozen=True)
class LearningNoteFilters:
    """The learning notes list's filters; empty values do not filter. The response date is the
    date of the response a note is about (for a note on a complaint as a whole, the day it was
    recorded), as :func:`learning_notes_in_period` dates notes."""

    root_cause: str = ""
    theme: int | None = None
    team: int | None = None
    responded_from: date | None = None
    responded_to: date | None = None


def learning_notes_for_list(*, user: Any, filters: LearningNoteFilters) -> QuerySet[LearningNote]:
    """The learning notes this user may see, filtered, newest response first, each with its
    complaint (reference and teams only are shown), stage and themes loaded: a page costs three
    queries (the notes, their themes, their complaints' teams) whatever its length, plus the count."""
    notes = learning_notes_visible_to(user).annotate(dated_on=Coalesce("stage__responded_on", "recorded_on"))
    if filters.root_cause:
        notes = notes.filter(root_cause=filters.root_cause)
    if filters.theme is not None:
        notes = notes.filter(pk__in=LearningNote.themes.through.objects.filter(theme_id=filters.theme)
                             .values("learningnote_id"))
    if filters.team is not None:
        notes = notes.filter(complaint__in=Complaint.teams.through.objects.filter(team_id=filters.team)
                             .values("complaint_id"))
    if filters.responded_from is not None:
        notes = notes.filter(dated_on__gte=filters.responded_from)
    if filters.responded_to is not None:
        notes = notes.filter(dated_on__lte=filters.responded_to)
    return (
        notes.select_related("complaint", "stage")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("name")),
            Prefetch("complaint__teams", queryset=Team.objects.order_by("name")),
        )
        .order_by("-dated_on", "-id")
    )


def learning_notes_on_complaint(*, user: Any, complaint: Complaint) -> list[LearningNote]:
    """The learning notes on one complaint that this user may see, in stage order (learning about
    the complaint as a whole last), with their stages and themes: two queries."""
    return list(
        learning_notes_visible_to(user).filter(complaint=complaint)
        .select_related("stage")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by(F("stage__number").asc(nulls_last=True), "id")
    )


def complaints_find_by_reference(*, user: Any, references: Sequence[str]) -> tuple[list[Complaint], list[str]]:
    """The complaints with these references, in the order given, and the references that match
    no complaint. A complaint closed to the user (excluded or restricted) counts as not found, so
    typing its reference reveals nothing. Case and surrounding spaces do not matter."""
    wanted = list(dict.fromkeys(ref.strip().upper() for ref in references if ref.strip()))
    if not wanted:
        return [], []
    found = {
        complaint.reference.upper(): complaint
        for complaint in Complaint.objects.exclude(pk__in=complaints_closed_to(user).values("pk"))
        .annotate(reference_upper=Upper("reference")).filter(reference_upper__in=wanted)
    }
    return [found[ref] for ref in wanted if ref in found], [ref for ref in wanted if ref not in found]


def complaint_references_visible(*, user: Any, complaints: Sequence[Complaint]) -> list[Complaint]:
    """Of these complaints (linked to a meeting or an action), the ones not closed to the user, in
    reference order: a complaint restricted from someone is not even named to them. One query."""
    closed = set(complaints_closed_to(user).filter(pk__in=[c.pk for c in complaints]).values_list("pk", flat=True))
    return sorted((c for c in complaints if c.pk not in closed), key=lambda c: c.reference)


def actions_for_list(
    *, plan: ActionPlan | None = None, status: str = "", overdue_on: date | None = None,
) -> QuerySet[Action]:
    """Actions across plans for the actions list: in one plan, with one status, or overdue on a
    day (see :func:`actions_overdue`). Overdue ones are soonest target first; the rest by plan,
    newest plan first, then number."""
    if overdue_on is not None:
        actions = actions_overdue(today=overdue_on)
    else:
        actions = Action.objects.select_related("plan").order_by("-plan__starts_on", "plan_id", "number")
    if plan is not None:
        actions = actions.filter(plan=plan)
    if status:
        actions = actions.filter(status=status)
    return actions


def ombudsman_cases_find_by_reference(
    *, user: Any, references: Sequence[str],
) -> tuple[list[OmbudsmanCase], list[str]]:
    """The Ombudsman cases with these LGSCO references (already in the printed "NN NNN NNN" form),
    in the order given, and the references that match no case the user may see."""
    wanted = list(dict.fromkeys(references))
    if not wanted:
        return [], []
    found = {case.lgsco_reference: case
             for case in ombudsman_cases_visible_to(user).filter(lgsco_reference__in=wanted)}
    return [found[ref] for ref in wanted if ref in found], [ref for ref in wanted if ref not in found]


def ombudsman_case_ids_visible(*, user: Any, plan: ActionPlan) -> set[int]:
    """The ids of the Ombudsman cases linked to the plan's actions that the user may see (one
    linked to a complaint closed to them is not). One query."""
    return set(ombudsman_cases_visible_to(user).filter(actions__plan=plan).values_list("pk", flat=True))


def learning_note_get_for_user(*, user: Any, pk: int) -> LearningNote:
    """One learning note the user may see (else 404), with its complaint, response, author, themes
    and the complaint's teams loaded: three queries."""
    notes = (
        learning_notes_visible_to(user).select_related("complaint", "stage", "created_by")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")),
                          Prefetch("complaint__teams", queryset=Team.objects.order_by("name")))
    )
    return get_visible_or_404(notes, pk=pk)


def action_get_for_user(*, user: Any, pk: int) -> Action:
    """One action in a plan the user may see (else 404), with its plan, every update oldest first
    (the order the plan's quarterly updates were written), its complaints and its Ombudsman cases
    loaded: four queries, however many updates and links."""
    actions = (
        Action.objects.filter(plan__in=action_plans_visible_to(user)).select_related("plan")
        .prefetch_related(
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("written_on", "id")),
            Prefetch("complaints", queryset=Complaint.objects.order_by("reference")),
            Prefetch("ombudsman_cases", queryset=OmbudsmanCase.objects.order_by("lgsco_reference")),
        )
    )
    return get_visible_or_404(actions, pk=pk)


def ombudsman_cases_of_action_visible(*, user: Any, action: Action) -> list[OmbudsmanCase]:
    """Of the Ombudsman cases linked to the action (already loaded by :func:`action_get_for_user`),
    the ones the user may see, in reference order: one linked to a complaint closed to them is not
    named. One query, none when the action has no cases."""
    cases = list(action.ombudsman_cases.all())
    if not cases:
        return []
    visible = set(ombudsman_cases_visible_to(user).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True))
    return [case for case in cases if case.pk in visible]


def complaint_references_closed_to(*, user: Any, references: Sequence[str]) -> set[str]:
    """Of these complaint references (as a meeting's history records them), the ones of complaints
    closed to the user, so that a page can leave them out. One query, none for no references."""
    if not references:
        return set()
    return set(complaints_closed_to(user).filter(reference__in=set(references)).values_list("reference", flat=True))


def linked_ids_hidden_from(
    *, user: Any, complaint_ids: Sequence[int], ombudsman_case_ids: Sequence[int],
) -> tuple[set[int], set[int]]:
    """Of these complaints and Ombudsman cases (as an action's history names them when they were
    linked), the ones the user may not know of: complaints closed to them, and Ombudsman cases
    they may not see. At most two queries, none for no ids."""
    closed = (set(complaints_closed_to(user).filter(pk__in=set(complaint_ids)).values_list("pk", flat=True))
              if complaint_ids else set())
    hidden_cases = set()
    if ombudsman_case_ids:
        seen = ombudsman_cases_visible_to(user).filter(pk__in=set(ombudsman_case_ids)).values_list("pk", flat=True)
        hidden_cases = set(ombudsman_case_ids) - set(seen)
    return closed, hidden_cases
