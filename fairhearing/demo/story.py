"""Carrying out one scenario through the services: intake, decisions, then the stages.

A complaint is logged on the day it arrived, acknowledged, decided on (time limit, sufficient
interest, the child's consent), offered advocacy, and then taken through its stages by
:class:`~fairhearing.demo.stage_steps.StageSteps`, each step on the day it happened.
"""

import contextlib
from datetime import date

from fairhearing.cases.choices import ChildConsent, ClosureReason, Decision
from fairhearing.cases.models import Complaint, Theme
from fairhearing.cases.services import (
    complaint_acknowledge,
    complaint_create,
    complaint_decide_late_acceptance,
    complaint_decide_sufficient_interest,
    complaint_record_advocacy,
    complaint_record_child_consent,
)
from fairhearing.stages.services import complaint_close, stage_one_start

from . import scenarios as sc
from . import texts
from .history import Stop
from .names import ADVOCACY_PROVIDERS
from .people import family_create, weighted
from .stage_steps import StageSteps

# Themes a team's complaints lean towards (added weight), as in the seed reports' tables.
TEAM_THEMES = {
    "Leaving Care": ["Leaving care support", "Financial issues"],
    "Fostering": ["Financial issues", "Placement"],
    "Adoption": ["Contact arrangements", "Delay"],
    "Children Looked After": ["Placement", "Contact arrangements"],
    "Permanence / Court Work": ["Contact arrangements", "Assessment"],
    "Children and Families Assessment Team": ["Assessment", "Inaccurate information"],
    "MASH": ["Inaccurate information", "Confidentiality or data protection"],
    "Disabled Children": ["Delay", "Assessment"],
}
THEME_WEIGHTS = {
    "Standard of service": 20, "Lack of communication": 18, "Attitude or behaviour of staff": 14,
    "Disputing a decision": 8, "Inaccurate information": 8, "Delay": 8, "Assessment": 6,
    "Contact arrangements": 5, "Financial issues": 4, "Placement": 3,
    "Confidentiality or data protection": 2,
}


class Story(StageSteps):
    """One complaint's history, from the day it arrived to today."""

    # -- the story ----------------------------------------------------------------------------
    def run(self) -> Complaint:
        # Stop is how a story ends early: the rest of it lies after today.
        with contextlib.suppress(Stop):
            self._run()
        return self.complaint

    def _run(self) -> None:
        fate = self.scenario.fate
        received = self.scenario.received_on
        self.handler = self.user(self.choose("handler", lambda: weighted(
            self.rng, {"officer": 7, "manager": 3})))
        self.complaint = complaint = self._intake()
        needs_decision = complaint.is_late or self.family.child_consent == ChildConsent.PENDING
        early_end = fate in (sc.ROUTED, sc.RESOLVED_EARLY, sc.WITHDRAWN_EARLY)
        if self.statutory and not needs_decision and not early_end:
            stage_one_start(complaint=complaint, actor=self.handler, today=received)
        target = complaint.procedure.acknowledgement_days
        ack_on = self.on(self.after(received, self.choose("ack", lambda: self._ack_days(target))))
        complaint_acknowledge(complaint=complaint, acknowledged_on=ack_on, actor=self.handler,
                              today=ack_on)
        if fate == sc.ROUTED:
            closed = self.on(self.after(received, self.choose("route_close", lambda: self.rng.randint(1, 3))))
            complaint_close(complaint=complaint, closed_on=closed, reason=ClosureReason.ROUTED_ELSEWHERE,
                            actor=self.handler, today=closed)
            return
        if not self._decisions():
            return
        self._advocacy(ack_on)
        if fate == sc.RESOLVED_EARLY:
            closed = self.on(self.after(ack_on, self.rng.randint(0, 2)))
            complaint_close(complaint=complaint, closed_on=closed, actor=self.handler, today=closed,
                            reason=ClosureReason.RESOLVED_INFORMALLY)
            return
        if fate == sc.WITHDRAWN_EARLY:
            self._withdraw(self.after(ack_on, self.rng.randint(1, 5)))
            return
        stage = complaint.stages.filter(number=1).first()
        if stage is None:
            stage = stage_one_start(complaint=complaint, actor=self.handler, today=self.last)
        self.stage_one(stage)

    def _ack_days(self, target: int) -> int:
        # Most are acknowledged within the local target; about one in seven is late.
        return self.rng.randint(1, target) if self.rng.random() < 0.86 else self.rng.randint(target + 1, target + 4)

    def _intake(self) -> Complaint:
        scenario, rng, council = self.scenario, self.rng, self.council
        procedure = council.procedures[scenario.procedure]
        self.statutory = scenario.procedure == sc.STATUTORY
        self.team = self.choose("team", lambda: self._team())
        relationship = self.choose("relationship", "other" if scenario.fate == sc.INELIGIBLE else None)
        received = scenario.received_on
        self.family = family_create(
            rng=rng, names=self.names, team=self.team, statutory=self.statutory, on=received,
            actor=self.handler, relationship=relationship,
        )
        late = scenario.fate == sc.LATE_REFUSED or self.choose("late", False)
        grounds = received.toordinal() - (rng.randint(420, 1100) if late else rng.randint(5, 200))
        themes = self._themes()
        count = 1 if scenario.fate == sc.ROUTED else weighted(rng, {1: 35, 2: 35, 3: 20, 4: 10})
        points = texts.points_for(rng, [t.name for t in themes], count)
        teams = [council.teams[self.team]]
        if rng.random() < 0.08:
            teams.append(council.teams[self._team()])
        return complaint_create(
            received_on=received,
            channel=self.choose("channel", self._channel),
            procedure=procedure,
            routing_reason=rng.choice(texts.ROUTING[scenario.procedure]),
            summary=texts.summary_for(self.family.relationship, [t.name for t in themes], self.team, points[0]),
            points=points,
            complainants=[(self.family.complainant, self.family.relationship)],
            children=self.family.children,
            teams=list(dict.fromkeys(teams)),
            themes=themes,
            grounds_arose_on=date.fromordinal(grounds),
            eligibility_basis=self.family.eligibility_basis,
            child_consent=self.family.child_consent,
            assigned_to=self.handler,
            actor=self.handler,
            today=received,
        )

    def _team(self) -> str:
        if self.scenario.procedure == sc.SAFEGUARDING:
            return "MASH"
        if self.scenario.procedure == sc.OTHER_ROUTE:
            return self.rng.choice(["Disabled Children", "Permanence / Court Work"])
        return weighted(self.rng, self.council.team_weights)

    def _themes(self) -> list[Theme]:
        weights = {name: THEME_WEIGHTS.get(name, 2) for name in self.council.themes}
        if not weights:
            return []
        for name in TEAM_THEMES.get(self.team, []):
            if name in weights:
                weights[name] += 25
        chosen: list[str] = []
        for _ in range(min(len(weights), weighted(self.rng, {1: 45, 2: 40, 3: 15}))):
            name = weighted(self.rng, {k: v for k, v in weights.items() if k not in chosen})
            chosen.append(name)
        return [self.council.themes[name] for name in chosen]

    def _channel(self) -> str:
        relationship = self.family.relationship
        if relationship == "advocate":
            return "advocate"
        if relationship == "child":
            return weighted(self.rng, {"app": 4, "email": 3, "online_form": 2, "telephone": 1})
        return weighted(self.rng, sc.CHANNELS | {"advocate": 0, "app": 1})

    def _decisions(self) -> bool:
        """Record the time-limit and sufficient-interest decisions; False if not accepted."""
        complaint, fate, manager = self.complaint, self.scenario.fate, self.user("manager")
        received = self.scenario.received_on
        if complaint.is_late:
            day = self.on(self.after(received, self.choose("late_decide", lambda: self.rng.randint(3, 6))))
            refused = fate == sc.LATE_REFUSED
            complaint_decide_late_acceptance(
                complaint=complaint, decision=Decision.REFUSED if refused else Decision.ACCEPTED,
                reason=self.rng.choice(texts.LATE_REFUSED_REASONS if refused else texts.LATE_ACCEPTED_REASONS),
                decided_on=day, actor=manager, today=day,
            )
            if refused:
                complaint_close(complaint=complaint, closed_on=day, reason=ClosureReason.NOT_ACCEPTED_LATE,
                                actor=manager, today=day)
                return False
        if self.family.child_consent == ChildConsent.PENDING:
            day = self.on(self.after(received, self.choose("si_decide", lambda: self.rng.randint(3, 7))))
            refused = fate == sc.INELIGIBLE
            complaint_decide_sufficient_interest(
                complaint=complaint, decision=Decision.REFUSED if refused else Decision.ACCEPTED,
                reason=self.rng.choice(texts.SUFFICIENT_INTEREST_REFUSED if refused
                                       else texts.SUFFICIENT_INTEREST_ACCEPTED),
                decided_on=day, child_views_considered=True, actor=manager, today=day,
            )
            if refused:
                complaint_close(complaint=complaint, closed_on=day, actor=manager, today=day,
                                reason=ClosureReason.NOT_ACCEPTED_INELIGIBLE)
                return False
            consent = ChildConsent.UNABLE if self.family.youngest_age < 8 else ChildConsent.GIVEN
            complaint_record_child_consent(complaint=complaint, consent=consent, recorded_on=day,
                                           actor=self.handler, today=day)
        return True

    def _advocacy(self, ack_on: date) -> None:
        """Offer an advocate (s26A) to children who complain and to looked after children."""
        family = self.family
        if not self.statutory:
            return
        if family.relationship == "advocate":
            complaint_record_advocacy(complaint=self.complaint, offered_on=self.scenario.received_on,
                                      accepted=True, provider=family.advocate_provider,
                                      actor=self.handler, today=self.last)
            return
        in_care = family.legal_status in ("looked_after", "care_leaver")
        if family.relationship == "child" or (in_care and self.rng.random() < 0.3):
            accepted = self.rng.random() < 0.5
            complaint_record_advocacy(
                complaint=self.complaint, offered_on=ack_on, accepted=accepted,
                provider=self.rng.choice(ADVOCACY_PROVIDERS) if accepted else "",
                actor=self.handler, today=self.last,
            )
