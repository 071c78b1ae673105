"""Ombudsman (LGSCO) cases of the demo council: four to six a year (seed 003: 4 and 6), each
about a demo complaint, taken through the Ombudsman services from its first enquiry to the
decision and the council's compliance with what was recommended.

The mix follows seed 003's table and the decision labels: one upheld with injustice and a £300
payment recommendation, complied with on time (with an apology, and a review of the complaints
leaflet that the year's action plan takes up); one outside jurisdiction; one referred back
because the complainant had not asked for Stage 2; not upheld, a remedy the council had already
given, fault without injustice, closures after initial enquiries. Two cases in the oldest year are recorded in the historic
categories, as a council does when it enters decisions from its old log. The current year ends
with a case under investigation and a new enquiry still waiting for the council's information.

Dates are the Ombudsman's calendar days: information asked for on the day the council hears of
the case and due 28 days later, a draft decision after investigation, the final decision some
weeks later. A step that would fall after today has not happened yet.

Each case is given to an officer when it is logged, as the reminders expect (issue 7): the
complaints officer handles those that lead to recommendations and the current year's open ones,
the complaints manager the rest; the two entered from the old log have nobody, as a council's old
entries would not. No one is emailed: the loader replays history with allocation notices off.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from fairhearing.cases.choices import ClosureReason
from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.kinds.costs import cost_create
from fairhearing.cases.models import Complaint
from fairhearing.ombudsman.access import ombudsman_cases_visible_to
from fairhearing.ombudsman.choices import (
    ClosingReason,
    DecisionLabel,
    HistoricCategory,
    OmbudsmanPhase,
    RecommendationKind,
)
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.services import (
    ombudsman_case_assign,
    ombudsman_case_create,
    ombudsman_case_record_decision,
    ombudsman_case_record_draft_decision,
    ombudsman_case_record_historic_decision,
    ombudsman_case_update,
    recommendation_add,
    recommendation_complete,
)
from fairhearing.stages.choices import StageStatus

from . import record_texts as words
from . import scenarios as sc
from .history import Council
from .years import DemoYear, working_day_in

PAYMENT = Decimal("300.00")
INFORMATION_DAYS = 28  # the Ombudsman's usual deadline for the council's comments, in calendar days
RECOMMENDATION_KINDS = {
    "apology": RecommendationKind.APOLOGY, "payment": RecommendationKind.PAYMENT,
    "leaflet": RecommendationKind.PROCEDURE_CHANGE, "training": RecommendationKind.TRAINING,
}
# Calendar days the council is given for each recommendation.
RECOMMENDATION_DAYS = {"apology": 30, "payment": 30, "leaflet": 90, "training": 60}


@dataclass(frozen=True)
class CaseKind:
    """One kind of Ombudsman case: what it was about, how it was decided, what followed."""

    summary: str
    decision: str = ""            # a DecisionLabel; empty for a historic decision or none yet
    historic: str = ""            # a HistoricCategory, for a decision entered from the old log
    closing_reason: str = ""
    fault: bool | None = None
    injustice: bool | None = None
    remedy_already_provided: bool = False
    investigated: bool = False    # investigated, with a draft decision, rather than assessed
    asks_information: bool = True
    recommendations: tuple[str, ...] = ()
    complied: str = "on_time"     # on_time, late, or pending (not done yet)
    about: str = "procedure"      # which complaints: "procedure" (after Stage 2), "stage1", "any"
    teams: tuple[str, ...] = ()   # teams whose complaints fit the summary best, if one is free
    undecided: str = ""           # "investigation" or "enquiry" for the current year's open cases


UPHELD_INJUSTICE = CaseKind(words.OMBUDSMAN_SUMMARIES["upheld_injustice"], DecisionLabel.UPHELD, fault=True,
                            injustice=True, investigated=True, recommendations=("apology", "payment", "leaflet"))
UPHELD_NO_INJUSTICE = CaseKind(words.OMBUDSMAN_SUMMARIES["upheld_no_injustice"], DecisionLabel.UPHELD,
                               fault=True, injustice=False, investigated=True, recommendations=("training",),
                               complied="late")
UPHELD_REMEDIED = CaseKind(words.OMBUDSMAN_SUMMARIES["upheld_remedied"], DecisionLabel.UPHELD, fault=True,
                           injustice=True, remedy_already_provided=True)
PROTECTION_TEAMS = ("Child Protection / LADO", "Family Support Team 1", "Family Support Team 2",
                    "Family Support Team 3", "Family Support Team 4", "Family Support Team 5",
                    "Family Support Team 6")
NOT_UPHELD = CaseKind(words.OMBUDSMAN_SUMMARIES["not_upheld"], DecisionLabel.NOT_UPHELD, fault=False,
                      injustice=False, investigated=True, teams=PROTECTION_TEAMS)
OUT_OF_JURISDICTION = CaseKind(words.OMBUDSMAN_SUMMARIES["out_of_jurisdiction"],
                               DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES,
                               closing_reason=ClosingReason.OUT_OF_JURISDICTION, about="any",
                               teams=("Disabled Children",))
REFERRED_BACK = CaseKind(words.OMBUDSMAN_SUMMARIES["referred_back"], DecisionLabel.REFERRED_BACK,
                         asks_information=False, about="stage1")


def _closed(reason: str) -> CaseKind:
    return CaseKind(words.OMBUDSMAN_SUMMARIES["closed"], DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES,
                    closing_reason=reason)


# One list per demo year. The oldest year's first two come from the council's old log, which
# recorded the Ombudsman's decisions in the categories its reports used then (seed 003's table).
YEAR_CASES: tuple[tuple[CaseKind, ...], ...] = (
    (UPHELD_NO_INJUSTICE,
     CaseKind(words.OMBUDSMAN_SUMMARIES["not_upheld"], historic=HistoricCategory.NO_MALADMINISTRATION,
              investigated=True, teams=PROTECTION_TEAMS),
     NOT_UPHELD,
     CaseKind(words.OMBUDSMAN_SUMMARIES["referred_back"], historic=HistoricCategory.PREMATURE,
              asks_information=False, about="stage1"),
     _closed(ClosingReason.DISCRETION)),
    (UPHELD_INJUSTICE, OUT_OF_JURISDICTION, REFERRED_BACK, NOT_UPHELD, UPHELD_REMEDIED,
     _closed(ClosingReason.INJUSTICE_NOT_SIGNIFICANT)),
    (CaseKind(words.OMBUDSMAN_SUMMARIES["upheld_no_injustice"], DecisionLabel.UPHELD, fault=True,
              injustice=False, investigated=True, recommendations=("training",), complied="pending"),
     _closed(ClosingReason.COULD_NOT_ADD),
     CaseKind(words.OMBUDSMAN_SUMMARIES["open"], undecided="investigation"),
     CaseKind(words.OMBUDSMAN_SUMMARIES["open"], undecided="enquiry")),
)
# Calendar days before today that the current year's open cases reached the council.
UNDECIDED_AGO = {"investigation": 80, "enquiry": 9}
# Days a decided case takes, roughly: its enquiry must fall this long before today.
DECIDED_WITHIN = 150


def ombudsman_load(*, council: Council, years: list[DemoYear], rng: Random) -> dict[str, OmbudsmanCase]:
    """The demo's Ombudsman cases; returns the ones the learning story refers to, by name."""
    story = _OmbudsmanStory(council, rng)
    for index, (year, kinds) in enumerate(zip(years, YEAR_CASES, strict=False)):
        decided = [kind for kind in kinds if not kind.undecided]
        # The first year's complaints need a few months to finish the procedure first.
        start = year.start + timedelta(days=110 if index == 0 else 10)
        end = min(year.end - timedelta(days=20), council.today - timedelta(days=DECIDED_WITHIN))
        count = len(decided)
        for position, kind in enumerate(decided):
            when = start + (end - start) * (position + 0.5) / max(count, 1) + timedelta(days=rng.randint(-10, 10))
            if start <= when <= end:
                story.case(kind, working_day_in(council.calendar, when, start=start, end=end))
        for kind in kinds:
            if kind.undecided and year.end == council.today:
                received = council.today - timedelta(days=UNDECIDED_AGO[kind.undecided])
                if received >= year.start:
                    story.case(kind, working_day_in(council.calendar, received, start=year.start,
                                                    end=council.today))
    return story.notable


class _OmbudsmanStory:
    """Takes each case from the Ombudsman's enquiry to the council's compliance."""

    def __init__(self, council: Council, rng: Random) -> None:
        self.council, self.rng = council, rng
        self.manager = council.users["manager"]
        self.used: set[int] = set()
        self.references: set[str] = set()
        self.notable: dict[str, OmbudsmanCase] = {}

    def _reference(self, received: date) -> str:
        # The Ombudsman's year of receipt, then a serial: "NN NNN NNN" (fictional numbers).
        while True:
            reference = f"{(received - timedelta(days=10)).year % 100:02d} {self.rng.randint(0, 19):03d} " \
                        f"{self.rng.randint(0, 999):03d}"
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def _complaint(self, kind: CaseKind, received: date) -> Complaint | None:
        """A demo complaint closed before the Ombudsman's enquiry, of the kind the case is about."""
        closed = Complaint.objects.filter(closed_on__lte=received - timedelta(days=7)).exclude(pk__in=self.used)
        answered = closed.filter(closure_reason__in=[ClosureReason.NOT_ESCALATED, ClosureReason.COMPLETED])
        if kind.about == "stage1":
            preferred = closed.filter(procedure__code=sc.STATUTORY, closure_reason=ClosureReason.NOT_ESCALATED) \
                .exclude(stages__number=2)
        elif kind.about == "procedure":
            preferred = closed.filter(stages__number=2, stages__status=StageStatus.RESPONDED)
        else:
            preferred = answered
        # A recent one about the right team if there is one; early in the demo, any answered one.
        since = received - timedelta(days=240)
        recent = preferred.filter(closed_on__gte=since)
        for options in (recent.filter(teams__name__in=kind.teams), preferred.filter(teams__name__in=kind.teams),
                        recent, preferred, answered):
            found = list(options.distinct().order_by("closed_on", "pk"))
            if found:
                complaint = self.rng.choice(found)
                self.used.add(complaint.pk)
                return complaint
        return None

    def _on(self, day: date) -> date | None:
        """The working day on or after ``day``; None if that is after today."""
        day = working_day_in(self.council.calendar, day, start=day, end=day + timedelta(days=7))
        return day if day <= self.council.today else None

    def case(self, kind: CaseKind, received: date) -> None:
        rng = self.rng
        complaint = self._complaint(kind, received)
        details: dict[str, Any] = {"team": None, "person": None, "child": None}
        if complaint is not None:
            named = complaint.children.select_related("child").order_by("pk").first()
            details = {
                "team": complaint.teams.order_by("name").first(),
                "person": complaint.complainants.get(is_primary=True).person,
                "child": named.child if named else None,
            }
        asked = received if kind.asks_information else None
        information = {"information_requested_on": asked,
                       "information_due_on": asked + timedelta(days=INFORMATION_DAYS) if asked else None}
        case = ombudsman_case_create(
            lgsco_reference=self._reference(received), received_on=received, summary=kind.summary,
            complaints=[complaint] if complaint else [], phase=OmbudsmanPhase.ENQUIRY, actor=self.manager,
            today=received, **details, **information,
        )
        case = self._assign(case, kind)
        if not kind.asks_information:
            final = self._on(received + timedelta(days=rng.randint(5, 14)))
        else:
            sent = self._on(received + timedelta(days=rng.randint(14, 25)))
            if sent is None or kind.undecided == "enquiry":
                return
            case = self._move(case, OmbudsmanPhase.ASSESSMENT, sent, information_sent_on=sent)
            if kind.investigated or kind.undecided:
                investigating = self._on(sent + timedelta(days=rng.randint(20, 35)))
                if investigating is None:
                    return
                case = self._move(case, OmbudsmanPhase.INVESTIGATION, investigating)
                draft = self._on(investigating + timedelta(days=rng.randint(45, 75)))
                if draft is None or kind.undecided:
                    return
                case = ombudsman_case_record_draft_decision(case=case, draft_decision_on=draft, actor=self.manager,
                                                            today=draft)
                final = self._on(draft + timedelta(days=rng.randint(21, 35)))
            else:
                final = self._on(sent + timedelta(days=rng.randint(14, 35)))
        if final is None:
            return
        if kind.historic:
            case = ombudsman_case_record_historic_decision(case=case, final_decision_on=final,
                                                           historic_category=kind.historic, actor=self.manager,
                                                           today=final)
        else:
            case = ombudsman_case_record_decision(
                case=case, final_decision_on=final, decision=kind.decision, closing_reason=kind.closing_reason,
                fault=kind.fault, injustice=kind.injustice, remedy_already_provided=kind.remedy_already_provided,
                public_interest_report=False, actor=self.manager, today=final,
            )
        for key in kind.recommendations:
            self._recommendation(case, kind, key, final, complaint)

    def _assign(self, case: OmbudsmanCase, kind: CaseKind) -> OmbudsmanCase:
        """Give the case to the officer who handles it (see the module's docstring); nobody for one
        from the old log, or if its complaint is closed to them (the service would refuse)."""
        if kind.historic:
            return case
        handler = self.council.users["officer" if kind.recommendations or kind.undecided else "manager"]
        if not ombudsman_cases_visible_to(handler).filter(pk=case.pk).exists():
            return case
        return ombudsman_case_assign(case=case, assigned_to=handler, actor=self.manager)

    def _move(self, case: OmbudsmanCase, phase: str, day: date, **changes: Any) -> OmbudsmanCase:
        fields = {
            "lgsco_reference": case.lgsco_reference, "received_on": case.received_on, "summary": case.summary,
            "team": case.team, "person": case.person, "child": case.child,
            "information_requested_on": case.information_requested_on,
            "information_due_on": case.information_due_on, "information_sent_on": case.information_sent_on,
        }
        return ombudsman_case_update(case=case, phase=phase, actor=self.manager, today=day, **(fields | changes))

    def _recommendation(self, case: OmbudsmanCase, kind: CaseKind, key: str, final: date,
                        complaint: Complaint | None) -> None:
        rng = self.rng
        days = RECOMMENDATION_DAYS[key]
        due = final + timedelta(days=days)
        recommendation = recommendation_add(
            case=case, kind=RECOMMENDATION_KINDS[key], text=words.RECOMMENDATIONS[key], due_on=due,
            amount=PAYMENT if key == "payment" else None, actor=self.manager,
        )
        if key == "leaflet":
            self.notable["leaflet"] = case
        if kind.complied == "pending":
            return
        if kind.complied == "late":
            done = due + timedelta(days=rng.randint(5, 20))
        else:
            done = final + timedelta(days=rng.randint(days // 4, days - 5))
        done = self._on(done)
        if done is None:
            return
        recommendation_complete(recommendation=recommendation, completed_on=done, evidence_note=words.EVIDENCE[key],
                                actor=self.manager, today=done)
        if key == "payment" and complaint is not None:
            cost_create(kind=CostKind.PAYMENT, amount=PAYMENT, incurred_on=done, complaint=complaint,
                        description="Payment the Ombudsman recommended for distress, time and trouble.",
                        actor=self.manager, today=done)

