"""What happens to each demo complaint: its procedure, its fate and when it arrived.

Two full financial years (1 April to 31 March, ending on the last 31 March before today) get a
fixed mix of fates shuffled over random dates, shaped like the seed reports: most complaints end
at Stage 1, about one in six goes to Stage 2, a couple a year to a review panel, one in seven is
withdrawn, and a few are routed elsewhere or not accepted. On top of those, a live caseload is
laid out in working days back from today, so the staff list always has complaints awaiting
acknowledgement, due soon, overdue, paused, and at Stages 2 and 3.

A scenario is only a plan. The story (``story.py``) carries it out through the services and stops
at today: whatever would happen after today has not happened yet, so those complaints are open.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any

from fairhearing.workingdays.calendar import WorkingDayCalendar

from .outcomes import OUTCOMES_ENDING, OUTCOMES_ESCALATING, OUTCOMES_LATER_STAGE

STATUTORY = "children-statutory"
CORPORATE = "corporate"
SAFEGUARDING = "safeguarding"
OTHER_ROUTE = "other-route"

# Fates: how far a complaint goes and how it ends.
ROUTED = "routed"                      # sent to another process, closed as routed elsewhere
RESOLVED_EARLY = "resolved_early"      # resolved informally before Stage 1
WITHDRAWN_EARLY = "withdrawn_early"    # withdrawn before Stage 1 began
LATE_REFUSED = "late_refused"          # made after the time limit and not accepted (reg 9)
INELIGIBLE = "ineligible"              # no sufficient interest in the child (reg 12)
STAGE1 = "stage1"                      # answered at Stage 1, not taken further
STAGE1_ADR = "stage1_adr"              # answered, then resolved by a meeting instead of Stage 2
STAGE1_WITHDRAWN = "stage1_withdrawn"  # withdrawn during Stage 1
REOPENED = "reopened"                  # withdrawn during Stage 1, reopened, answered
STAGE2_REFUSED = "stage2_refused"      # asked for Stage 2 late; refused with reasons
STAGE2 = "stage2"                      # investigated and adjudicated at Stage 2
STAGE2_WITHDRAWN = "stage2_withdrawn"  # withdrawn during the Stage 2 investigation
STAGE3 = "stage3"                      # through the review panel to the council's response
# Fates whose complainant asks for more after the Stage 1 answer.
ESCALATING = (STAGE1_ADR, STAGE2_REFUSED, STAGE2, STAGE2_WITHDRAWN, STAGE3)

# The mix for one financial year of about 90 complaints.
YEAR_DECK: list[tuple[str, str, int]] = [
    (STATUTORY, STAGE1, 36), (STATUTORY, STAGE1_ADR, 2), (STATUTORY, STAGE1_WITHDRAWN, 8),
    (STATUTORY, WITHDRAWN_EARLY, 2), (STATUTORY, RESOLVED_EARLY, 3), (STATUTORY, LATE_REFUSED, 1),
    (STATUTORY, INELIGIBLE, 1), (STATUTORY, REOPENED, 1), (STATUTORY, STAGE2_REFUSED, 1),
    (STATUTORY, STAGE2, 10), (STATUTORY, STAGE2_WITHDRAWN, 1), (STATUTORY, STAGE3, 2),
    (CORPORATE, STAGE1, 11), (CORPORATE, STAGE1_WITHDRAWN, 2), (CORPORATE, STAGE2, 2),
    (CORPORATE, RESOLVED_EARLY, 1),
    (SAFEGUARDING, ROUTED, 3), (OTHER_ROUTE, ROUTED, 2),
]
YEAR_SIZES = (87, 93)  # the earlier year, then the later: a small rise, as reports like to discuss
LATE_ACCEPTED_PER_YEAR = 2

# Channels, most common first (seed 003, 1.9: email, then online, telephone, app, letter).
CHANNELS = {"email": 44, "online_form": 27, "telephone": 16, "letter": 4, "app": 3,
            "advocate": 4, "in_person": 2}


@dataclass
class Scenario:
    """One complaint to create: when, under which procedure, and how it ends.

    ``choices`` fixes any of the story's named random choices (a timing, an outcome, a flag);
    the live caseload uses it to place each complaint exactly where it should be today.
    """

    received_on: date
    procedure: str
    fate: str
    choices: dict[str, Any] = field(default_factory=dict)
    live: bool = False


def financial_year_end(today: date) -> date:
    """The last 31 March strictly before ``today``."""
    end = date(today.year, 3, 31)
    return end if today > end else date(today.year - 1, 3, 31)


def working_days_before(calendar: WorkingDayCalendar, day: date, count: int) -> date:
    """The working day ``count`` working days before ``day`` (``day`` itself when count is 0)."""
    while count:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            count -= 1
    return day


def scenarios_plan(*, rng: Random, today: date, calendar: WorkingDayCalendar) -> list[Scenario]:
    """Every scenario of the demo, in the order the complaints arrived."""
    year_end = financial_year_end(today)
    first_start = date(year_end.year - 2, 4, 1)
    second_start = date(year_end.year - 1, 4, 1)
    plans = _year(rng, first_start, second_start - timedelta(days=1), YEAR_SIZES[0], calendar)
    plans += _year(rng, second_start, year_end, YEAR_SIZES[1], calendar)
    # The current year up to the live caseload, at the same rate, so its list has no gap.
    live_start = working_days_before(calendar, today, LIVE_SPAN)
    current_days = (live_start - year_end).days - 1
    if current_days > 0:
        size = round(YEAR_SIZES[1] * current_days / 365)
        plans += _year(rng, year_end + timedelta(days=1), live_start - timedelta(days=1), size, calendar)
    plans += live_caseload(today=today, calendar=calendar)
    return sorted(plans, key=lambda plan: plan.received_on)


def _year(rng: Random, start: date, end: date, size: int,
          calendar: WorkingDayCalendar) -> list[Scenario]:
    deck = [(procedure, fate) for procedure, fate, count in YEAR_DECK for _ in range(count)]
    extra = size - len(deck)
    if extra < -10:
        # Part of a year: a fair sample of a whole year's mix.
        deck = rng.sample(deck, size)
    elif extra < 0:
        # Plain Stage 1 answers absorb a small difference between the deck and the year's size.
        for _ in range(-extra):
            deck.remove((STATUTORY, STAGE1))
    else:
        deck += [(STATUTORY, STAGE1)] * extra
    rng.shuffle(deck)
    span = (end - start).days
    plans = []
    for procedure, fate in deck:
        received = start + timedelta(days=rng.randint(0, span))
        # Letters and telephone calls arrive on working days; emails and forms at any time.
        if rng.random() < 0.8:
            while not calendar.is_working_day(received) and received < end:
                received += timedelta(days=1)
        plans.append(Scenario(received_on=received, procedure=procedure, fate=fate))
    candidates = [p for p in plans if p.procedure == STATUTORY and p.fate in (STAGE1, STAGE2)]
    late = min(len(candidates), round(LATE_ACCEPTED_PER_YEAR * size / 90))
    for plan in rng.sample(candidates, late):
        plan.choices["late"] = True
    # Outcomes are dealt, not drawn, so each year's mix is the intended one.
    _deal(rng, [p for p in plans if p.fate in (STAGE1, REOPENED)], "s1_outcome", OUTCOMES_ENDING)
    _deal(rng, [p for p in plans if p.fate in ESCALATING], "s1_outcome", OUTCOMES_ESCALATING)
    _deal(rng, [p for p in plans if p.fate in (STAGE2, STAGE3)], "s2_outcome", OUTCOMES_LATER_STAGE)
    return plans


def _deal(rng: Random, plans: list[Scenario], key: str, weights: dict[str, int]) -> None:
    """Give ``plans`` values of ``key`` in the proportions of ``weights`` (largest remainder)."""
    total = sum(weights.values())
    exact = {value: len(plans) * weight / total for value, weight in weights.items()}
    counts = {value: int(share) for value, share in exact.items()}
    by_remainder = sorted(exact, key=lambda value: exact[value] - counts[value], reverse=True)
    for value in by_remainder[: len(plans) - sum(counts.values())]:
        counts[value] += 1
    values = [value for value, count in counts.items() for _ in range(count)]
    rng.shuffle(values)
    for plan, value in zip(plans, values, strict=True):
        plan.choices[key] = value


# The live caseload: (working days ago, procedure, fate, fixed choices). Offsets are in working
# days from receipt (Stage 1 clock) or from the step before, as the story reads them.
LIVE: list[tuple[int, str, str, dict[str, Any]]] = [
    # Just arrived, not yet acknowledged.
    (0, STATUTORY, STAGE1, {"ack": 2, "channel": "online_form"}),
    (1, CORPORATE, STAGE1, {"ack": 3}),
    (1, STATUTORY, STAGE1, {"ack": 2, "team": "Family Support Team 4"}),
    # Acknowledgement overdue (3 working days): Stage 1 running without it.
    (5, STATUTORY, STAGE1, {"ack": 7, "s1_respond": 10}),
    # Stage 1 in progress: due soon, due tomorrow, overdue, well overdue.
    (2, STATUTORY, STAGE1, {"ack": 1, "s1_respond": 9, "team": "Family Support Team 4"}),
    (8, STATUTORY, STAGE1, {"ack": 2, "s1_respond": 10, "s1_timing": "on_time"}),
    (9, STATUTORY, STAGE1, {"ack": 2, "s1_respond": 10, "s1_timing": "on_time",
                            "team": "Family Support Team 4"}),
    (14, STATUTORY, STAGE1, {"ack": 3, "s1_respond": 18, "s1_timing": "late",
                             "team": "Family Support Team 4"}),
    (23, STATUTORY, STAGE1, {"ack": 2, "s1_respond": 30, "s1_timing": "late"}),
    # Extended to 20 working days, due in a few days.
    (16, STATUTORY, STAGE1, {"ack": 2, "s1_timing": "extended", "s1_extend_at": 8,
                             "s1_respond": 19}),
    # Paused: waiting for an advocate; and a police investigation (reg 8).
    (12, STATUTORY, STAGE1, {"ack": 1, "s1_pause": True, "s1_pause_at": 5, "s1_pause_for": 40,
                             "s1_pause_reason": "awaiting_advocate", "relationship": "child",
                             "team": "Children Looked After"}),
    (30, STATUTORY, STAGE1, {"ack": 2, "s1_pause": True, "s1_pause_at": 3, "s1_pause_for": 60,
                             "s1_pause_reason": "police_investigation",
                             "team": "Child Protection / LADO"}),
    # Corporate Stage 1 counting from the acknowledgement.
    (9, CORPORATE, STAGE1, {"ack": 2, "s1_respond": 10, "s1_timing": "on_time"}),
    # Decisions awaited before Stage 1 can start.
    (6, STATUTORY, STAGE1, {"ack": 2, "late": True, "late_decide": 10}),
    (4, STATUTORY, STAGE1, {"ack": 1, "relationship": "family", "si_decide": 6}),
    # Answered, within the 20 working days to ask for Stage 2.
    (21, STATUTORY, STAGE1, {"ack": 2, "s1_respond": 9, "s1_timing": "on_time",
                             "s1_outcome": "partially_upheld"}),
    # Stage 2: waiting for the agreed statement; investigating; overdue.
    (30, STATUTORY, STAGE2, {"ack": 2, "s1_respond": 10, "s1_timing": "on_time",
                             "s2_request": 4, "s2_statement": 25}),
    (48, STATUTORY, STAGE2, {"ack": 2, "s1_respond": 10, "s1_timing": "on_time", "s2_request": 5,
                             "s2_statement": 15, "s2_timing": "on_time", "s2_respond": 24}),
    (75, STATUTORY, STAGE2, {"ack": 2, "s1_respond": 10, "s1_timing": "on_time", "s2_request": 5,
                             "s2_statement": 5, "s2_timing": "late", "s2_respond": 70}),
    # Stage 3: the review panel has been asked for and convened. About a child in care, so the
    # six-month overview always has a Stage 2 about a child in care concluded in its period.
    (78, STATUTORY, STAGE3, {"ack": 2, "s1_respond": 10, "s1_timing": "on_time", "s2_request": 4,
                             "s2_statement": 6, "s2_timing": "on_time", "s2_respond": 22,
                             "s3_request": 8, "s3_meet": 40, "team": "Children Looked After"}),
    # Recently closed, so the current year is not only open cases.
    (3, SAFEGUARDING, ROUTED, {"ack": 1, "route_close": 1}),
    (15, STATUTORY, STAGE1_WITHDRAWN, {"ack": 2, "withdraw_at": 6}),
]


# The live caseload's complaints are placed exactly, so nothing random may move them: a parent
# complains (no sufficient-interest decision to wait for), with no pause or late request unless
# the scenario says so.
LIVE_DEFAULTS: dict[str, Any] = {"relationship": "parent", "s1_pause": False, "s2_late": False}
# Working days back from today to the oldest live complaint, and a margin before it.
LIVE_SPAN = max(ago for ago, *_ in LIVE) + 5


def live_caseload(*, today: date, calendar: WorkingDayCalendar) -> list[Scenario]:
    """The open and recent complaints, placed in working days back from today."""
    return [
        Scenario(received_on=working_days_before(calendar, today, ago), procedure=procedure,
                 fate=fate, choices={**LIVE_DEFAULTS, **choices}, live=True)
        for ago, procedure, fate, choices in LIVE
    ]
