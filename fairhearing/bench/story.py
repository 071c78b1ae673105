"""One synthetic complaint, from receipt to wherever it has got to today, as unsaved rows.

The rows follow what the services write (cases.services, stages.services): the same statuses,
stored due dates from the real working-day calendar, extensions within the procedure's maximum,
pauses that move the due date, outcomes on every point, escalation windows, and an audit event
for each step with the services' verbs. Nothing dated after today happens, so recent complaints
stay open: awaiting acknowledgement, in a stage (some overdue, some paused), or answered and
within the time to escalate.
"""

from datetime import date, timedelta
from random import Random

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import (
    ChildConsent,
    ClosureReason,
    ComplaintStatus,
    Decision,
    EligibilityBasis,
    ProcedureKind,
    WithdrawalMethod,
)
from fairhearing.cases.models import (
    Complaint,
    ComplaintChild,
    ComplaintComplainant,
    ComplaintPoint,
)
from fairhearing.core.dates import long_date
from fairhearing.demo import names, texts
from fairhearing.demo import scenarios as sc
from fairhearing.people.choices import LegalStatus, Relationship
from fairhearing.people.models import Child, Person

from .shapes import (
    CHANNEL_WEIGHTS,
    LATE_ACCEPTED_PERCENT,
    STATUTORY,
    SUFFICIENT_INTEREST_PERCENT,
    Plan,
    weighted,
)
from .world import EventClock, Rows, World

RELATIONSHIPS = {Relationship.PARENT: 70, Relationship.CHILD: 8, Relationship.FAMILY: 6,
                 Relationship.FOSTER_CARER: 5, Relationship.PARENTAL_RESPONSIBILITY: 4,
                 Relationship.SPECIAL_GUARDIAN: 2, Relationship.ADVOCATE: 3, Relationship.ADOPTER: 2}
LEGAL_STATUSES = {LegalStatus.CHILD_IN_NEED: 30, LegalStatus.CHILD_PROTECTION: 20,
                  LegalStatus.LOOKED_AFTER: 25, LegalStatus.CARE_LEAVER: 8, LegalStatus.EARLY_HELP: 7,
                  LegalStatus.OTHER: 10}
POINT_COUNTS = {1: 35, 2: 35, 3: 20, 4: 10}


class Story:
    """Builds one complaint's rows into ``rows``; ``run`` stops at the first step after today."""

    def __init__(self, world: World, plan: Plan, rows: Rows) -> None:
        self.world = world
        self.plan = plan
        self.rows = rows
        self.rng = Random(plan.seed)
        self.clock = EventClock(self.rng)
        self.names = names.NameBook(self.rng)
        self.procedure = world.procedures[plan.procedure]
        self.complaint: Complaint
        self.points: list[ComplaintPoint] = []

    # Helpers --------------------------------------------------------------------------------
    def happened(self, day: date) -> bool:
        return day <= self.world.today

    def event(self, day: date, verb: str, summary: str, *, subject=None, actor=None,  # noqa: ANN001
              changes: dict | None = None, data: dict | None = None) -> None:
        event = AuditEvent(occurred_at=self.clock.at(day), actor=actor or self.world.actor,
                           verb=verb, summary=summary[:500], changes=changes or {}, data=data or {})
        self.rows.events.append((event, subject if subject is not None else self.complaint))

    def officer(self):  # noqa: ANN201
        return self.rng.choice(self.world.officers)

    # The complaint ---------------------------------------------------------------------------
    def run(self) -> Complaint:
        """Create the complaint and take it as far as today allows."""
        from .stages import StageRunner

        self._complaint()
        self._acknowledge()
        fate = self.plan.fate
        if fate in (sc.ROUTED, sc.RESOLVED_EARLY, sc.WITHDRAWN_EARLY, sc.LATE_REFUSED, sc.INELIGIBLE):
            self._end_before_stages(fate)
        elif self._decisions_before_stage_one():
            StageRunner(self).run()
        return self.complaint

    def _complaint(self) -> None:
        plan, rng, world = self.plan, self.rng, self.world
        statutory = plan.procedure == STATUTORY
        late = plan.fate == sc.LATE_REFUSED or (statutory and rng.randrange(100) < LATE_ACCEPTED_PERCENT)
        grounds = plan.received_on - timedelta(days=rng.randint(400, 900) if late else rng.randint(3, 200))
        eligibility = EligibilityBasis.NOT_APPLICABLE
        if statutory:
            interest = plan.fate == sc.INELIGIBLE or rng.randrange(100) < SUFFICIENT_INTEREST_PERCENT
            eligibility = (EligibilityBasis.SUFFICIENT_INTEREST if interest
                           else rng.choice([EligibilityBasis.PARENT, EligibilityBasis.CHILD_IN_NEED,
                                            EligibilityBasis.LOOKED_AFTER_CHILD,
                                            EligibilityBasis.PARENTAL_RESPONSIBILITY]))
        team_count = 2 if rng.random() < 0.2 else 1
        teams = set(rng.choices(world.teams, weights=world.team_weights, k=team_count))
        themes = set(rng.sample(world.themes, k=min(len(world.themes), rng.choice([1, 1, 2, 3]))))
        first_theme = sorted(themes, key=lambda t: t.name)[0].name if themes else ""
        complaint = Complaint(
            reference="", received_on=plan.received_on, channel=weighted(rng, CHANNEL_WEIGHTS),
            procedure=self.procedure, routing_reason=rng.choice(texts.ROUTING[plan.procedure]),
            summary=f"About {first_theme.lower() or 'the service'}: "
                    f"{sorted(t.name for t in teams)[0]}.",
            status=ComplaintStatus.RECEIVED, grounds_arose_on=grounds, eligibility_basis=eligibility,
            child_consent=ChildConsent.NOT_NEEDED, assigned_to=self.officer(),
            acknowledgement_due_on=world.add(plan.received_on, self.procedure.acknowledgement_days),
            created_by=world.actor,
        )
        self.complaint = complaint
        self.rows.complaints.append(complaint)
        person, relationship = self._complainant(statutory)
        self.rows.complainants.append(ComplaintComplainant(
            complaint=complaint, person=person, relationship=relationship, is_primary=True))
        if statutory or rng.random() < 0.4:
            for child in self._children(relationship):
                self.rows.complaint_children.append(ComplaintChild(complaint=complaint, child=child))
            if relationship != Relationship.CHILD:
                complaint.child_consent = rng.choice([ChildConsent.GIVEN, ChildConsent.GIVEN,
                                                      ChildConsent.UNABLE, ChildConsent.NOT_NEEDED])
        count = weighted(rng, POINT_COUNTS) if self.procedure.has_stages else 1
        pool = texts.POINTS.get(first_theme, texts.GENERAL)
        for number in range(1, count + 1):
            point = ComplaintPoint(complaint=complaint, number=number,
                                   description=pool[(number - 1) % len(pool)])
            self.points.append(point)
        self.rows.points.extend(self.points)
        through_teams = Complaint.teams.through
        through_themes = Complaint.themes.through
        self.rows.complaint_teams.extend(through_teams(complaint=complaint, team=t) for t in teams)
        self.rows.complaint_themes.extend(through_themes(complaint=complaint, theme=t) for t in themes)
        self.event(plan.received_on, "complaint.created",
                   f"Complaint logged under the {self.procedure.name}",
                   data={"received_on": plan.received_on, "channel": complaint.channel,
                         "procedure": self.procedure.code, "points": count,
                         "acknowledgement_due_on": complaint.acknowledgement_due_on})

    def _complainant(self, statutory: bool) -> tuple[Person, str]:
        rng, world = self.rng, self.world
        relationship = weighted(rng, RELATIONSHIPS) if statutory else Relationship.PARENT
        if world.recent_people and rng.random() < 0.08:
            return rng.choice(world.recent_people), relationship
        first, last = self.names.adult_first_name(), self.names.surname()
        address, postcode = self.names.address()
        person = Person(first_name=first, last_name=last, email=self.names.email(first, last),
                        telephone=self.names.telephone(), address=address, postcode=postcode)
        self.rows.persons.append(person)
        world.recent_people.append(person)
        self.event(self.plan.received_on, "person.created", "Contact recorded", subject=person)
        return person, relationship

    def _children(self, relationship: str) -> list[Child]:
        rng, world = self.rng, self.world
        count = 2 if rng.random() < 0.12 else 1
        chosen: list[Child] = []
        for _ in range(count):
            if world.recent_children and rng.random() < 0.1:
                child = rng.choice(world.recent_children)
                if child not in chosen:
                    chosen.append(child)
                continue
            age_days = rng.randint(18 * 365, 24 * 365) if relationship == Relationship.CHILD and \
                rng.random() < 0.3 else rng.randint(300, 17 * 365)
            child = Child(first_name=self.names.child_first_name(), last_name=self.names.surname(),
                          date_of_birth=self.plan.received_on - timedelta(days=age_days),
                          legal_status=weighted(rng, LEGAL_STATUSES),
                          case_system_id=self.names.case_system_id())
            self.rows.children.append(child)
            world.recent_children.append(child)
            chosen.append(child)
            self.event(self.plan.received_on, "child.created", "Child recorded", subject=child)
        return chosen

    def _acknowledge(self) -> None:
        days = self.procedure.acknowledgement_days
        late = self.rng.random() < 0.08
        on = self.world.add(self.plan.received_on, self.rng.randint(days + 1, days + 4) if late
                            else self.rng.randint(0, days))
        if self.happened(on):
            self.complaint.acknowledged_on = on
            self.event(on, "complaint.acknowledged", f"Acknowledged on {long_date(on)}"
                       + ("" if on <= self.complaint.acknowledgement_due_on else " (late)"),
                       changes={"acknowledged_on": [None, on]},
                       data={"on_time": on <= self.complaint.acknowledgement_due_on})

    # Before the stages -----------------------------------------------------------------------
    def _decide(self, on: date, *, late: bool, accepted: bool, reason: str) -> None:
        decision = Decision.ACCEPTED if accepted else Decision.REFUSED
        complaint = self.complaint
        if late:
            complaint.late_decision, complaint.late_decision_reason = decision, reason
            complaint.late_decided_on = on
            self.event(on, "complaint.late_decision", f"Late complaint {decision.label.lower()}",
                       changes={"late_decision": [None, decision]}, data={"reason": reason})
        else:
            complaint.sufficient_interest_decision = decision
            complaint.sufficient_interest_reason = reason
            complaint.sufficient_interest_decided_on = on
            complaint.child_views_considered = True
            self.event(on, "complaint.sufficient_interest_decision",
                       f"Sufficient interest {decision.label.lower()}",
                       changes={"sufficient_interest_decision": [None, decision]},
                       data={"child_views_considered": True})

    def _decisions_before_stage_one(self) -> bool:
        """Record the late and sufficient-interest decisions Stage 1 needs; False if not yet made."""
        complaint = self.complaint
        on = self.world.add(self.plan.received_on, self.rng.randint(1, 3))
        needs = []
        if complaint.is_late:
            needs.append(True)
        if complaint.eligibility_basis == EligibilityBasis.SUFFICIENT_INTEREST:
            needs.append(False)
        if needs and not self.happened(on):
            return False
        for late in needs:
            reason = self.rng.choice(texts.LATE_ACCEPTED_REASONS if late
                                     else texts.SUFFICIENT_INTEREST_ACCEPTED)
            self._decide(on, late=late, accepted=True, reason=reason)
        return True

    def _end_before_stages(self, fate: str) -> None:
        rng = self.rng
        on = self.world.add(self.plan.received_on, rng.randint(1, 8))
        if not self.happened(on):
            return
        if fate == sc.WITHDRAWN_EARLY:
            self.withdraw(on, stage=None)
            return
        if fate == sc.LATE_REFUSED:
            self._decide(on, late=True, accepted=False, reason=rng.choice(texts.LATE_REFUSED_REASONS))
            reason = ClosureReason.NOT_ACCEPTED_LATE
        elif fate == sc.INELIGIBLE:
            self._decide(on, late=False, accepted=False,
                         reason=rng.choice(texts.SUFFICIENT_INTEREST_REFUSED))
            reason = ClosureReason.NOT_ACCEPTED_INELIGIBLE
        elif fate == sc.ROUTED or self.procedure.kind == ProcedureKind.ELSEWHERE:
            reason = ClosureReason.ROUTED_ELSEWHERE
        else:
            reason = ClosureReason.RESOLVED_INFORMALLY
        self.close(on, reason, stage=None, before=ComplaintStatus.RECEIVED)

    # Endings, shared with the stages ---------------------------------------------------------
    def close(self, on: date, reason: str, *, stage, before: str) -> None:  # noqa: ANN001
        complaint = self.complaint
        complaint.status, complaint.closed_on, complaint.closure_reason = ComplaintStatus.CLOSED, on, reason
        self.event(on, "complaint.closed",
                   f"Closed on {long_date(on)}: {ClosureReason(reason).label.lower()}",
                   changes={"status": [before, "closed"]},
                   data={"stage": stage.number} if stage is not None else {})

    def withdraw(self, on: date, *, stage) -> None:  # noqa: ANN001
        complaint = self.complaint
        method = self.rng.choice(WithdrawalMethod.values)
        complaint.status, complaint.closed_on = ComplaintStatus.WITHDRAWN, on
        complaint.closure_reason, complaint.withdrawal_method = ClosureReason.WITHDRAWN, method
        self.event(on, "complaint.withdrawn",
                   f"Withdrawn on {long_date(on)} ({WithdrawalMethod(method).label.lower()})",
                   data={"reason": self.rng.choice(texts.WITHDRAWAL_REASONS),
                         **({"stage": stage.number} if stage is not None else {})})
