"""Reading online submissions: who may handle them, the complaints team's queue, and the
timescales the public pages promise.

Submissions arrive before anyone has decided which team or procedure they belong to, and a
complaint may be about a member of staff, so only the complaints team (complaints managers and
officers, and superusers) sees them. Every other role is refused (403): there is no team-limited
view of an unrouted submission. Once logged, the complaint or compliment made from it follows
its own access rules.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404

from fairhearing.cases.choices import ProcedureKind
from fairhearing.cases.kinds.access import user_may_change_records
from fairhearing.cases.models import Procedure
from fairhearing.stages.models import StageRule

from .choices import SubmissionKind, SubmissionStatus
from .models import OnlineSubmission, SubmissionAttachment

# The domain's defaults (docs/public-forms.md), used only if no children's statutory procedure is
# set up: acknowledge in 3 working days; Stage 1 response in 10, extendable to 20 (reg 14).
DEFAULT_ACKNOWLEDGEMENT_DAYS = 3
DEFAULT_STAGE_ONE_DAYS = (10, 20)


def user_may_handle_online_submissions(user: Any) -> bool:
    """The complaints team (and superusers) read, log and close online submissions."""
    return user_may_change_records(user)


@dataclass(frozen=True)
class Timescales:
    """What the public pages tell people about how long things take, in working days."""

    acknowledgement_days: int
    stage_one_days: int
    stage_one_max_days: int


def public_procedure() -> Procedure | None:
    """The procedure a complaint sent online is measured against until an officer routes it: the
    children's statutory procedure, which nearly every complaint about children's social care
    follows."""
    return (Procedure.objects.filter(kind=ProcedureKind.CHILDREN_STATUTORY, is_active=True)
            .order_by("pk").first())


def complaint_timescales() -> Timescales:
    """The acknowledgement target and Stage 1 response time of the public procedure (2 queries)."""
    procedure = public_procedure()
    if procedure is None:
        return Timescales(DEFAULT_ACKNOWLEDGEMENT_DAYS, *DEFAULT_STAGE_ONE_DAYS)
    rule = StageRule.objects.filter(procedure=procedure, number=1).first()
    days, most = (rule.response_days, rule.max_response_days) if rule else DEFAULT_STAGE_ONE_DAYS
    return Timescales(procedure.acknowledgement_days, days, most)


def submissions_for_user(user: Any) -> QuerySet[OnlineSubmission]:
    """Every submission, for the complaints team; refused (403) for anyone else."""
    if not user_may_handle_online_submissions(user):
        raise PermissionDenied
    return OnlineSubmission.objects.all()


def submissions_to_acknowledge_visible_to(user: Any) -> QuerySet[OnlineSubmission]:
    """Complaints sent online and still in the queue (neither logged nor closed), each with the
    date the person was told they would hear by, for those who may handle the queue; none (not a
    403) for anyone else, for lists such as the staff reminders. Compliments are left out: nothing
    in law says when a compliment must be answered."""
    if not user_may_handle_online_submissions(user):
        return OnlineSubmission.objects.none()
    return OnlineSubmission.objects.filter(
        status=SubmissionStatus.NEW, kind=SubmissionKind.COMPLAINT, acknowledge_by__isnull=False
    )


def submission_get_for_user(*, user: Any, reference: str) -> OnlineSubmission:
    """Fetch and authorise together: 403 for a role that handles no submissions, 404 for a
    reference that does not exist (asked only once the role is allowed, so it reveals nothing)."""
    try:
        return (submissions_for_user(user).select_related("logged_type", "logged_by", "closed_by")
                .get(reference=reference))
    except OnlineSubmission.DoesNotExist as error:
        raise Http404("No such submission.") from error


def submission_attachments(submission: OnlineSubmission) -> QuerySet[SubmissionAttachment]:
    return SubmissionAttachment.objects.filter(submission=submission).order_by("uploaded_at", "original_name")


def submission_attachment_get_for_user(*, user: Any, reference: str, pk: Any) -> SubmissionAttachment:
    """A file sent with a submission the user may handle; 404 if it belongs to another submission."""
    submission = submission_get_for_user(user=user, reference=reference)
    attachment = submission_attachments(submission).filter(pk=pk).first()
    if attachment is None:
        raise Http404("No such file.")
    return attachment


def queue_counts() -> dict[str, int]:
    """How many submissions are in each status (one query)."""
    totals = OnlineSubmission.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in SubmissionStatus.values}
    )
    return {status: totals[status] or 0 for status in SubmissionStatus.values}


@dataclass(frozen=True)
class Waiting:
    """Submissions not yet logged or closed, and the earliest acknowledgement due among them."""

    count: int
    oldest_acknowledge_by: date | None


def submissions_waiting() -> Waiting:
    """For the dashboard (one query). Submissions arrive in order, so the earliest due date is the
    oldest complaint's."""
    totals = OnlineSubmission.objects.filter(status=SubmissionStatus.NEW).aggregate(
        count=Count("pk"),
        oldest=Min("acknowledge_by", filter=Q(kind=SubmissionKind.COMPLAINT)),
    )
    return Waiting(count=totals["count"] or 0, oldest_acknowledge_by=totals["oldest"])
