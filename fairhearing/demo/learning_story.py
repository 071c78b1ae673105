"""Learning from the demo's complaints: the monitoring form on most upheld responses, the monthly
learning meeting, and one action plan per financial year with quarterly updates.

Learning notes (seed 004): the responding manager records what most upheld or partially upheld
Stage 1 responses taught the service, with the root cause its themes point to (seed 001's
communication, decision making, assessment, delays, staff conduct), tells the practitioner in
supervision and later shares it with the learning team. Some Stage 2 adjudications get one too.

Learning meetings (seed 000): the Principal Social Worker chairs one a month, looks at the
complaints upheld the month before and other sources, chooses one key priority, and the Director
approves it a few days later.

Action plans (seed 003's last table): a plan for each financial year with numbered actions in the
spirit of seed 003's (in the demo's own words), each linked to complaints that prompted it,
updated after each quarter; most are done by their target, a few slip and are overdue now. The
Ombudsman's recommendation to review the complaints leaflet becomes an action of that year's plan.
Actions whose owner is a demo sign-in (the Complaints and Information Manager, the Principal Social
Worker) name them as the member of staff reminded of the target; the rest have owners in words only,
as most plans' heads of service have no account here.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from random import Random

from fairhearing.cases.models import Complaint
from fairhearing.learning.choices import ActionStatus, RootCause
from fairhearing.learning.models import Action, ActionPlan
from fairhearing.learning.services import (
    action_add,
    action_assign_owner,
    action_plan_create,
    action_update_record,
    learning_meeting_approve,
    learning_meeting_record,
    learning_note_record,
    learning_note_update,
)
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.stages.choices import Outcome, StageStatus
from fairhearing.stages.models import Stage

from . import record_texts as words
from .history import Council
from .years import DemoYear, working_day_in

UPHELD = [Outcome.UPHELD, Outcome.PARTIALLY_UPHELD]
NOTE_SHARE = {1: 0.85, 2: 0.6}  # of upheld responses at each stage that get a learning note


def learning_load(*, council: Council, years: list[DemoYear], rng: Random,
                  ombudsman: dict[str, OmbudsmanCase]) -> None:
    """Notes, then meetings (which discuss the complaints), then the action plans."""
    learning_notes_load(council=council, rng=rng)
    learning_meetings_load(council=council, years=years, rng=rng)
    action_plans_load(council=council, years=years, rng=rng, ombudsman=ombudsman)


# -- Learning notes ------------------------------------------------------------------------------------

def learning_notes_load(*, council: Council, rng: Random) -> None:
    """A monitoring form on most upheld responses, recorded after the practitioner was told and
    later shared with the learning team (seed 004)."""
    calendar, today = council.calendar, council.today
    stages = (
        Stage.objects.filter(number__in=[1, 2], status=StageStatus.RESPONDED, outcome__in=UPHELD)
        .select_related("complaint", "responded_by").prefetch_related("complaint__themes")
        .order_by("responded_on", "pk")
    )
    for stage in stages:
        if rng.random() >= NOTE_SHARE[stage.number]:
            continue
        # The manager talks it through with the practitioner, then fills in the form.
        told = calendar.add_working_days(stage.responded_on, rng.randint(1, 6))
        recorded = calendar.add_working_days(told, rng.randint(0, 2))
        if recorded > today:
            continue
        themes = sorted(stage.complaint.themes.all(), key=lambda theme: theme.name)
        causes = [words.ROOT_CAUSE_BY_THEME.get(theme.name, RootCause.OTHER) for theme in themes]
        cause = rng.choice(causes) if causes else RootCause.OTHER
        text = rng.choice(words.LEARNING.get(cause, words.LEARNING[RootCause.COMMUNICATION]))
        actor = stage.responded_by or council.users["manager"]
        note = learning_note_record(
            complaint=stage.complaint, stage=stage, what_was_learned=text, practitioner_told_on=told,
            themes=themes, root_cause=cause, actor=actor, today=recorded,
        )
        shared = calendar.add_working_days(recorded, rng.randint(3, 15))
        if shared <= today and rng.random() < 0.9:
            learning_note_update(
                note=note, what_was_learned=text, practitioner_told_on=told, shared_with_learning_team_on=shared,
                themes=themes, root_cause=cause, actor=actor, today=shared,
            )


# -- Learning meetings -----------------------------------------------------------------------------------

def _third_thursday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 14)


def _month_before(day: date) -> tuple[date, date]:
    end = day.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def learning_meetings_load(*, council: Council, years: list[DemoYear], rng: Random) -> None:
    """One meeting a month, on the third Thursday (or the next working day), since the demo began."""
    calendar, today = council.calendar, council.today
    lead, director = council.users["learning"], council.users["reader"]
    chair = f"{lead.get_full_name()}, Principal Social Worker"
    approver = f"{director.get_full_name()}, Director of Children's Services"
    # The first meeting looks back at the demo's first month.
    month = _month_end(years[0].start, 1) + timedelta(days=1)
    while True:
        thursday = _third_thursday(month.year, month.month)
        held = working_day_in(calendar, thursday, start=thursday, end=thursday + timedelta(days=7))
        if held > today:
            break
        start, end = _month_before(month)
        upheld = list(
            Complaint.objects.filter(stages__responded_on__range=(start, end), stages__outcome__in=UPHELD)
            .distinct().prefetch_related("themes").order_by("reference")
        )
        themes: dict[str, int] = {}
        for complaint in upheld:
            for theme in complaint.themes.all():
                themes[theme.name] = themes.get(theme.name, 0) + 1
        top = sorted(themes, key=lambda name: (-themes[name], name))[:2]
        if upheld:
            answered = f"{len(upheld)} upheld or partially upheld, mostly about " \
                       f"{' and '.join(name.lower() for name in top)}"
        else:
            answered = "none upheld"
        inputs = (
            f"Complaints answered in {end:%B %Y}: {answered}. IRO challenge and dispute resolution "
            "themes; findings of the month's practice learning audits; feedback from the Children in "
            "Care Council."
        )
        meeting = learning_meeting_record(
            held_on=held, chair=chair, attendees=words.MEETING_ATTENDEES, inputs=inputs,
            key_priority=words.MEETING_PRIORITIES.get(top[0], words.MEETING_PRIORITY_GENERAL) if top
            else words.MEETING_PRIORITY_GENERAL,
            complaints=upheld, actor=lead, today=held,
        )
        approved = calendar.add_working_days(held, rng.randint(2, 6))
        if approved <= today:
            learning_meeting_approve(meeting=meeting, approved_by=approver, approved_on=approved, actor=lead,
                                     today=approved)
        month = (month.replace(day=1) + timedelta(days=32)).replace(day=1)


# -- Action plans -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActionSpec:
    """One action of a plan: what, who, the intended outcome, when, and how it goes."""

    task: str
    owner: str
    outcome: str
    target_month: int | None  # months after the plan starts that it should be done by; None: on-going
    done_in_quarter: int | None  # the quarterly update that reports it complete; None: not (yet)
    theme: str = ""  # complaints with this theme prompted it
    start_text: str = ""
    dropped: bool = False
    owned_by: str = ""  # the demo sign-in (username) who owns it as a member of staff, if any


PROCESS = ActionSpec(
    "Refresh how complaints are logged, allocated and answered, with a checklist of what must happen "
    "within the ten working days (for example, a call to the complainant in the first three).",
    "Head of Quality Assurance; Complaints and Information Manager",
    "More Stage 1 responses on time, and delays seen early by senior managers.", 4, 2, "Delay", owned_by="manager")
OVERSIGHT = ActionSpec(
    "Review complaints and compliments with the senior leadership team every quarter: themes, "
    "learning, disproportionality and overdue actions.",
    "Assistant Director, Children's Social Care",
    "Managers oversee complaints, and learning is acted on across the service.", 3, 1)
PRACTICE_WEEK = ActionSpec(
    "Give every practice week a 'learning from complaints' session for all social care staff and managers.",
    "Principal Social Worker", "Learning from complaints becomes everyone's business, with evidence of how "
    "practice changed.", 8, 3, "Attitude or behaviour of staff", owned_by="learning")
COMPLIMENTS = ActionSpec(
    "Remind all managers to pass compliments to the complaints team and keep a log of those sent.",
    "All Heads of Service and Team Managers",
    "Good practice is recognised, and the figures show the compliments actually received.", None, None,
    start_text="From April")
RECORDING = ActionSpec(
    "Make case recording standards a standing item at team meetings and part of every practitioner's "
    "appraisal.", "Heads of Service", "Fewer complaints about inaccurate or missing records.", 6, 3,
    "Inaccurate information")
LETTERS = ActionSpec(
    "Write to families whenever their social worker changes or a significant decision is made, saying "
    "why and what happens next.", "Heads of Service, Family Support and Children in Care",
    "Fewer complaints about poor communication.", 5, 2, "Lack of communication")
DATA_PROTECTION = ActionSpec(
    "Data protection refresher for all case-holding staff, and managers' checks on what assessments and "
    "plans share before they go out.", "Information Governance Lead",
    "Information shared is relevant, proportionate and lawful.", 6, 2, "Confidentiality or data protection")
MOMO = ActionSpec(
    "Relaunch the Mind Of My Own app so children and young people can give feedback and complain directly.",
    "Participation Manager", "More children and young people raise concerns themselves.", 9, 4)
SHORT_BREAKS = ActionSpec(
    "Review the Disabled Children team's caseloads to make room for short breaks assessments.",
    "Head of Service, Children with Disabilities", "Short breaks assessments completed within timescale.",
    6, None, "Delay")
INVESTIGATORS = ActionSpec(
    "Widen the pool of independent Stage 2 investigators so one can be appointed within five working days.",
    "Complaints and Information Manager", "Stage 2 investigations start sooner and finish within 25 working "
    "days more often.", 7, 3, owned_by="manager")
CODE = ActionSpec(
    "Prepare the corporate complaints process for the Ombudsman's Complaint Handling Code from 1 April 2026: "
    "acknowledgement in five working days and the new Stage 2 timescales.",
    "Complaints and Information Manager", "The council meets the Code from the day it applies.", 11, 4,
    owned_by="manager")
FINANCE = ActionSpec(
    "Publish clear guidance on allowances and payments for foster carers, special guardians and care "
    "leavers.", "Head of Service, Children in Care", "Fewer complaints about late or missing payments.", 5,
    None, "Financial issues")
PATHWAY = ActionSpec(
    "Check every care leaver has an up-to-date pathway plan and a named personal adviser.",
    "Head of Service, Care Leavers", "Care leavers know who to turn to, and plans reflect their needs.", 4, 2,
    "Leaving care support")
TRAINING = ActionSpec(
    "Repeat the training on purposeful, planned visits, and on explaining to families why we are involved.",
    "Practice Development Manager", "Families understand the purpose of each intervention.", 10, None,
    "Standard of service", dropped=True)

# One plan per financial year. In the later years the overdue ones are still open: the finance
# guidance in the second year, short breaks and the finance guidance again in the current one.
PLANS: tuple[tuple[ActionSpec, ...], ...] = (
    (PROCESS, OVERSIGHT, PRACTICE_WEEK, COMPLIMENTS, RECORDING, LETTERS, DATA_PROTECTION),
    (OVERSIGHT, COMPLIMENTS, INVESTIGATORS, CODE, FINANCE, MOMO, TRAINING, PATHWAY),
    (PROCESS, OVERSIGHT, COMPLIMENTS, SHORT_BREAKS, FINANCE, LETTERS, PRACTICE_WEEK),
)
LEAFLET = ActionSpec(
    "Rewrite the complaints leaflet and standard letters so they explain the statutory timescales and "
    "what happens if the council cannot meet them, as the Ombudsman recommended.",
    "Complaints and Information Manager", "Complainants know what to expect and are told of any delay.",
    3, None, owned_by="manager")
PLAN_TITLE = "Complaints and Compliments Action Plan"


def _month_end(start: date, months: int) -> date:
    first = date(start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, 1)
    return first - timedelta(days=1)


def action_plans_load(*, council: Council, years: list[DemoYear], rng: Random,
                      ombudsman: dict[str, OmbudsmanCase]) -> None:
    """One plan per financial year, written by the learning lead at its start."""
    lead = council.users["learning"]
    used: set[int] = set()
    for year, specs in zip(years, PLANS, strict=False):
        plan = action_plan_create(title=PLAN_TITLE, period_label=year.label, starts_on=year.start,
                                  ends_on=year.ends_on, actor=lead)
        for spec in specs:
            _action(council=council, rng=rng, plan=plan, spec=spec, used=used)
        leaflet = ombudsman.get("leaflet")
        if leaflet is not None and year.start <= leaflet.final_decision_on <= year.ends_on:
            # Done in the quarter the revised leaflet is published, about two and a half months on.
            published = leaflet.final_decision_on + timedelta(days=75)
            quarter = ((published.year - plan.starts_on.year) * 12 + published.month - plan.starts_on.month) // 3 + 1
            _action(council=council, rng=rng, plan=plan, used=used, ombudsman_case=leaflet,
                    spec=replace(LEAFLET, done_in_quarter=quarter if quarter <= 4 else None),
                    starts_on=leaflet.final_decision_on)


def _prompted_by(spec: ActionSpec, plan: ActionPlan, used: set[int], rng: Random) -> list[Complaint]:
    """Up to two upheld complaints with the action's theme from the year before the plan or its
    first months (in the demo's first year, only those)."""
    if not spec.theme:
        return []
    found = list(
        Complaint.objects.filter(themes__name=spec.theme, stages__outcome__in=UPHELD,
                                 received_on__gte=plan.starts_on - timedelta(days=365),
                                 received_on__lt=plan.starts_on + timedelta(days=120))
        .exclude(pk__in=used).distinct().order_by("reference")
    )
    chosen = rng.sample(found, min(len(found), 2))
    used.update(complaint.pk for complaint in chosen)
    return chosen


def _action(*, council: Council, rng: Random, plan: ActionPlan, spec: ActionSpec, used: set[int],
            ombudsman_case: OmbudsmanCase | None = None, starts_on: date | None = None) -> Action:
    calendar, today, lead = council.calendar, council.today, council.users["learning"]
    starts = starts_on or plan.starts_on
    target = _month_end(starts, spec.target_month) if spec.target_month else None
    action = action_add(
        plan=plan, task=spec.task, owner=spec.owner, intended_outcome=spec.outcome,
        start_by=None if spec.start_text else starts,
        start_by_text=f"{spec.start_text} {starts:%Y}" if spec.start_text else "",
        target_on=target, target_text="" if target else "On-going",
        complaints=_prompted_by(spec, plan, used, rng), ombudsman_cases=[ombudsman_case] if ombudsman_case else [],
        actor=lead,
    )
    if spec.owned_by:
        action = action_assign_owner(action=action, owned_by=council.users[spec.owned_by], actor=lead)
    # An update after each quarter of the plan, written in the first weeks of the next.
    for quarter in range(1, 5):
        quarter_end = _month_end(plan.starts_on, 3 * quarter)
        written = calendar.add_working_days(quarter_end, rng.randint(6, 12))
        if written > today:
            break
        if quarter_end < starts:
            continue
        if spec.done_in_quarter == quarter:
            completed = working_day_in(calendar, quarter_end - timedelta(days=rng.randint(5, 40)),
                                       start=starts, end=quarter_end)
            action_update_record(action=action, written_on=written, text=words.ACTION_UPDATES["complete"],
                                 status_after=ActionStatus.COMPLETE, completed_on=max(completed, starts),
                                 actor=lead, today=written)
            break
        if spec.dropped and quarter == 3:
            action_update_record(action=action, written_on=written, text=words.ACTION_UPDATES["dropped"],
                                 status_after=ActionStatus.DROPPED, actor=lead, today=written)
            break
        if target is None:
            text = words.ACTION_UPDATES["ongoing"]
        elif target is not None and written > target:
            text = words.ACTION_UPDATES["delayed"]
        else:
            text = rng.choice(words.ACTION_UPDATES["in_progress"])
        action_update_record(action=action, written_on=written, text=text, status_after=ActionStatus.IN_PROGRESS,
                             actor=lead, today=written)
    return action
