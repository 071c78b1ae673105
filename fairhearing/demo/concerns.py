"""Initial feedback (concerns) of the demo council, and the few that became formal complaints.

Seed 001 counts initial feedback beside complaints (33, then 62 in a year): a concern sent to the
service to put right quickly, monitored by the complaints team. Here about 35 to 45 a year are
logged, sent to the team the same or the next working day, and mostly resolved within the local
target; a few are closed when the family does not reply, and the latest are still open.

A few a year could not be put right, and the family asked for a formal complaint. Those are
logged and sent to the service here like the rest, then handed back to the loader as stories
(:class:`ConvertedConcernStory`), which it tells among the complaints' stories on the day the
family asked: the concern becomes a complaint through the conversion service, and from there the
complaint goes through Stage 1 like any other. All concerns are logged before the complaints'
stories run, so their references run in date order.

They are about the early help service (Prevention and Support Services), which is not a social
services function under Part 3 of the Children Act 1989, so the complaint is routed to the
corporate procedure, where no eligibility decision is needed.
"""

from datetime import date
from random import Random

from fairhearing.cases.choices import Channel
from fairhearing.cases.details import complaint_details_update
from fairhearing.cases.kinds.concern_conversion import concern_convert_to_complaint
from fairhearing.cases.kinds.concerns import (
    concern_close,
    concern_create,
    concern_resolve,
    concern_send_to_service,
)
from fairhearing.cases.models import Complaint, Concern
from fairhearing.people.choices import Relationship

from . import record_texts as words
from . import scenarios as sc
from . import texts
from .history import Council
from .names import NameBook
from .people import Family, family_create, weighted
from .representations import contact_create
from .story import Story
from .years import demo_years, per_year, spread

CONCERNS_PER_YEAR = (36, 44)
CONVERTED_PER_YEAR = 3
CONVERTED_TEAM = "Prevention and Support Services"
CONCERN_CHANNELS = {Channel.EMAIL: 8, Channel.TELEPHONE: 7, Channel.ONLINE_FORM: 3,
                    Channel.IN_PERSON: 1, Channel.LETTER: 1}
# Working days from being sent to the service to the family asking for a formal complaint.
CONVERT_AFTER = (6, 12)
# Open today, working days ago: one within the target, one the service has not answered in time.
LIVE_CONCERNS = (3, 14)


class ConvertedConcernStory(Story):
    """A concern the service could not put right, made a formal complaint on the day the family
    asked; from then on, an ordinary complaint's story."""

    def __init__(self, council: Council, scenario: sc.Scenario, seed: str, *, concern: Concern,
                 family: Family) -> None:
        super().__init__(council, scenario, seed)
        self.concern = concern
        self.from_concern = family

    def _intake(self) -> Complaint:
        self.statutory = False
        self.family = self.from_concern
        self.team = self.concern.team.name
        received = self.scenario.received_on
        themes = self._themes()
        points = texts.points_for(self.rng, [theme.name for theme in themes], weighted(self.rng, {1: 2, 2: 1}))
        complaint = concern_convert_to_complaint(
            concern=self.concern, actor=self.handler, procedure=self.council.procedures[sc.CORPORATE],
            routing_reason=texts.ROUTING[sc.CORPORATE][1], points=points, received_on=received,
            relationship=self.family.relationship, today=received,
        )
        # The conversion copies the concern; the officer then adds the themes and takes it on.
        return complaint_details_update(
            complaint=complaint, teams=[self.concern.team], themes=themes, assigned_to=self.handler,
            summary=complaint.summary, routing_reason=complaint.routing_reason, actor=self.handler,
        )


def concerns_log(*, council: Council, seed: str) -> list[ConvertedConcernStory]:
    """Log the demo's initial feedback; return the stories of the concerns that became complaints."""
    rng = Random(f"{seed}:concerns")
    names = NameBook(rng)
    years = demo_years(council.today)
    stories: list[ConvertedConcernStory] = []
    # Only a concern old enough to have been converted by today can be one that was.
    latest = sc.working_days_before(council.calendar, council.today, CONVERT_AFTER[1] + 2)
    for year, count in zip(years, per_year(years, CONCERNS_PER_YEAR), strict=True):
        live = []
        if year.end == council.today:
            live = [sc.working_days_before(council.calendar, council.today, ago) for ago in LIVE_CONCERNS]
            live = [day for day in live if day >= year.start]
        days = sorted(spread(rng, council.calendar, year.start, year.end, count - len(live)) + live)
        candidates = [index for index, day in enumerate(days) if day <= latest]
        converting = set(rng.sample(candidates, min(len(candidates), year.scaled(CONVERTED_PER_YEAR))))
        for index, received in enumerate(days):
            if index in converting:
                stories.append(_to_convert(council=council, rng=rng, names=names, received=received,
                                           seed=f"{seed}:concern-complaint:{len(stories)}"))
            else:
                _concern(council=council, rng=rng, names=names, received=received,
                         left_open=received in live)
    return stories


def _sent_on(council: Council, rng: Random, received: date) -> date:
    sent = council.calendar.add_working_days(received, rng.choice([0, 0, 1]))
    return received if sent > council.today else sent


def _concern(*, council: Council, rng: Random, names: NameBook, received: date, left_open: bool) -> None:
    officer, calendar, today = council.users["officer"], council.calendar, council.today
    team = council.teams[weighted(rng, council.team_weights)]
    concern = concern_create(
        received_on=received, channel=weighted(rng, CONCERN_CHANNELS), team=team,
        summary=rng.choice(words.CONCERN_SUMMARIES.get(team.name, []) + words.CONCERN_GENERAL), actor=officer,
        today=received,
        person=contact_create(rng=rng, names=names, actor=officer),
    )
    sent = _sent_on(council, rng, received)
    concern = concern_send_to_service(concern=concern, sent_on=sent, actor=officer, today=sent)
    if left_open:
        return
    if rng.random() < 0.1:
        closed = calendar.add_working_days(sent, rng.randint(12, 20))
        if closed <= today:
            concern_close(concern=concern, closed_on=closed, reason=words.CONCERN_CLOSED, actor=officer,
                          today=closed)
        return
    # Most are put right within the target (10 working days); about one in eight takes longer.
    days = rng.randint(1, concern.response_days) if rng.random() < 0.88 else \
        rng.randint(concern.response_days + 1, concern.response_days + 6)
    resolved = calendar.add_working_days(sent, days)
    if resolved <= today:
        concern_resolve(concern=concern, resolved_on=resolved, outcome=rng.choice(words.CONCERN_RESOLUTIONS),
                        actor=officer, today=resolved)


def _to_convert(*, council: Council, rng: Random, names: NameBook, received: date,
                seed: str) -> ConvertedConcernStory:
    """Log and send a concern that the family will ask to make a formal complaint."""
    officer = council.users["officer"]
    family = family_create(rng=rng, names=names, team=CONVERTED_TEAM, statutory=False, on=received,
                           actor=officer, relationship=Relationship.PARENT)
    concern = concern_create(
        received_on=received, channel=weighted(rng, CONCERN_CHANNELS), team=council.teams[CONVERTED_TEAM],
        summary=rng.choice(words.CONCERN_CONVERTED), person=family.complainant, child=family.children[0],
        actor=officer, today=received,
    )
    sent = _sent_on(council, rng, received)
    concern = concern_send_to_service(concern=concern, sent_on=sent, actor=officer, today=sent)
    asked = council.calendar.add_working_days(sent, rng.randint(*CONVERT_AFTER))
    scenario = sc.Scenario(received_on=asked, procedure=sc.CORPORATE, fate=sc.STAGE1)
    return ConvertedConcernStory(council, scenario, seed, concern=concern, family=family)
