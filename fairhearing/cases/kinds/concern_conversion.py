"""Turning a concern into a formal complaint, ready for Stage 1, while the concern keeps its history."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.people.choices import Relationship

from ..kind_choices import ConcernStatus
from ..models import Complaint, Concern, Procedure
from ..services import complaint_create
from ._common import check_choice, check_date, full_clean


@transaction.atomic
def concern_convert_to_complaint(
    *,
    concern: Concern,
    actor: Any,
    procedure: Procedure,
    routing_reason: str,
    points: Sequence[str],
    received_on: date | None = None,
    relationship: str = Relationship.OTHER,
    today: date | None = None,
) -> Complaint:
    """Turn a concern into a formal complaint, ready for Stage 1, in one step.

    The complaint is logged through complaint_create (its own reference, acknowledgement target and
    audit event), copying the channel, team, person (as complainant, with ``relationship``), child
    and summary. ``received_on`` is when the complaint was made, by default today: the formal
    clock starts when the person asks for a formal complaint, not when the concern first came in.
    The concern keeps its own record and history, marked converted, and both timelines point at
    each other. A concern that was resolved or closed can still become a complaint if the person
    comes back unhappy; one already converted cannot be converted again.
    """
    today = today or clock.today()
    # Lock the concern's own row only: PostgreSQL cannot lock the empty side of an outer join.
    concern = (
        Concern.objects.select_for_update(of=("self",))
        .select_related("person", "child", "team")
        .get(pk=concern.pk)
    )
    if concern.status == ConcernStatus.CONVERTED:
        raise TransitionNotAllowed("This concern has already been turned into a complaint.")
    if concern.person is None:
        raise DomainError("Record who raised the concern before turning it into a complaint.")
    received_on = received_on or today
    check_date(received_on, label="date the complaint was made", today=today,
               not_before=concern.received_on, not_before_label="the concern was received")
    check_choice(relationship, Relationship, message="Choose how the complainant relates to the child.")

    complaint = complaint_create(
        received_on=received_on,
        channel=concern.channel,
        procedure=procedure,
        routing_reason=routing_reason,
        summary=concern.summary,
        points=points,
        complainants=[(concern.person, relationship)],
        children=[concern.child] if concern.child else [],
        teams=[concern.team],
        actor=actor,
        today=today,
    )
    before = concern.status
    concern.status = ConcernStatus.CONVERTED
    concern.converted_to = complaint
    concern.converted_on = received_on
    full_clean(concern)
    concern.save()
    audit_record(
        actor=actor, verb="concern.converted", subject=concern,
        summary=f"Turned into complaint {complaint.reference}",
        changes={"status": [before, ConcernStatus.CONVERTED], "converted_to": [None, complaint.pk]},
        data={"complaint": complaint.pk, "complaint_reference": complaint.reference},
    )
    audit_record(
        actor=actor, verb="complaint.converted_from_concern", subject=complaint,
        summary=f"Made from initial feedback {concern.reference} "
                f"(received {long_date(concern.received_on)})",
        data={"concern": concern.pk, "concern_reference": concern.reference,
              "concern_received_on": concern.received_on},
    )
    return complaint
