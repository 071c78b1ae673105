"""Reading complaints for a user: every selector takes the user and returns only what they may see.

Who sees what (the full matrix of roles comes with the caseworker interface):
- the complaints team (manager, officer), senior managers and superusers: every complaint;
- a responding manager: complaints about their own teams;
- an Investigating Officer, Independent Person or panel member: only the complaints they are
  appointed to, and only while that stage is open;
- everyone else: none.
Whatever the role, a user excluded from a complaint (for example a member of staff it is about)
never sees it, and a complaint restricted to named users is seen only by them.
"""

from django.db.models import Case, DateField, Exists, F, OuterRef, Q, QuerySet, Subquery, When
from django.http import Http404

from fairhearing.accounts.roles import COMPLAINTS_TEAM_ROLES, Role

from .choices import ComplaintStatus
from .models import Complaint

OPEN_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_STAGE, ComplaintStatus.RESPONDED)
ALL_COMPLAINTS_ROLES = COMPLAINTS_TEAM_ROLES | {Role.SENIOR_MANAGER}


def user_sees_all_complaints(user) -> bool:  # noqa: ANN001
    return user.is_active and (user.is_superuser or bool(user.role_names & ALL_COMPLAINTS_ROLES))


def user_may_list_complaints(user) -> bool:  # noqa: ANN001
    return user_sees_all_complaints(user) or user.has_role(Role.RESPONDING_MANAGER) or user.has_role(Role.INVESTIGATOR)


def access_rules(user) -> Q:  # noqa: ANN001
    """Exclusions and restrictions apply to everyone, the complaints team included.

    Written as NOT IN over uncorrelated subqueries: the database works out the (few) complaints
    this user is excluded or restricted from once per query, rather than twice per complaint.
    """
    excluded = Complaint.excluded_users.through.objects.filter(user_id=user.pk).values("complaint_id")
    restrictions = Complaint.restricted_to.through.objects
    named = restrictions.filter(user_id=user.pk).values("complaint_id")
    closed_to_user = restrictions.exclude(complaint_id__in=named).values("complaint_id")
    return ~Q(pk__in=excluded) & ~Q(pk__in=closed_to_user)


def complaints_visible_to(user) -> QuerySet[Complaint]:  # noqa: ANN001
    """Every complaint the user may open."""
    complaints = Complaint.objects.all()
    if not user.is_authenticated or not user.is_active:
        return complaints.none()
    complaints = complaints.filter(access_rules(user))
    if user_sees_all_complaints(user):
        return complaints
    rule = Q(pk__in=[])
    if user.has_role(Role.RESPONDING_MANAGER):
        team_links = Complaint.teams.through.objects.filter(
            complaint_id=OuterRef("pk"), team__in=user.teams.values("pk")
        )
        rule |= Q(Exists(team_links))
    if user.has_role(Role.INVESTIGATOR):
        # The stages app sits above cases, so the relation is named rather than imported.
        appointed = Complaint.objects.filter(
            Q(stages__investigating_officer=user)
            | Q(stages__independent_person=user)
            | Q(stages__panel_members__member=user),
            stages__closed_on__isnull=True,
        ).values("pk")
        rule |= Q(pk__in=Subquery(appointed))
    return complaints.filter(rule)


def complaint_get_for_user(*, user, reference: str) -> Complaint:  # noqa: ANN001
    """The complaint with this reference if the user may see it; otherwise 404, never 403, so a
    guessed reference reveals nothing."""
    complaint = (
        complaints_visible_to(user).select_related("procedure", "assigned_to").filter(reference=reference).first()
    )
    if complaint is None:
        raise Http404("No complaint found")
    return complaint


def open_complaints_for_user(*, user) -> QuerySet[Complaint]:  # noqa: ANN001
    """Open complaints with their current stage and next due date, soonest first.

    The stage columns come from subqueries, so the list costs the same number of queries whatever
    its length.
    """
    stages = Complaint.stages.rel.related_model.objects  # Stage, without importing the stages app
    open_stage = stages.filter(complaint_id=OuterRef("pk"), closed_on__isnull=True)
    latest_stage = stages.filter(complaint_id=OuterRef("pk")).order_by("-number")
    return (
        complaints_visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .annotate(
            stage_number=Subquery(open_stage.values("number")[:1]),
            stage_phase=Subquery(open_stage.values("phase")[:1]),
            stage_due_on=Subquery(open_stage.values("due_on")[:1]),
            stage_paused_since=Subquery(open_stage.values("paused_since")[:1]),
            last_stage_number=Subquery(latest_stage.values("number")[:1]),
            escalation_deadline_on=Subquery(latest_stage.values("escalation_deadline_on")[:1]),
        )
        .annotate(
            # What the council must do next: the open stage's deadline, else the acknowledgement.
            next_due_on=Case(
                When(stage_due_on__isnull=False, then=F("stage_due_on")),
                When(acknowledged_on__isnull=True, then=F("acknowledgement_due_on")),
                default=None,
                output_field=DateField(),
            )
        )
        .select_related("procedure", "assigned_to")
        .prefetch_related("teams")
        .order_by(F("next_due_on").asc(nulls_last=True), "received_on", "pk")
    )
