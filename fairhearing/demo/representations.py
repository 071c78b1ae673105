"""Compliments and Members' enquiries of the demo council, through the kind services.

Compliments: about 20 a year (seed 001: 26; seed 003: 22 then 16), spread over the teams and the
people who give them, half of them from professionals as in seed 003. Most givers agree to be
quoted, and for those the officer prepares the quotation the way the service suggests it: the
words with every recorded name (and the member of staff's) replaced by "X".

Members' enquiries: about 50 a year (seed 003: 69 then 56), mostly from councillors, most
answered within the local target (seed 003: 71.5% on time), a few written shortly before the
constituent made a formal complaint and linked to it.
"""

from datetime import date, timedelta
from random import Random
from typing import Any

from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource, MemberKind
from fairhearing.cases.kinds.compliments import (
    compliment_create,
    compliment_quotation_prepare,
    compliment_quotation_suggest,
)
from fairhearing.cases.kinds.enquiries import (
    enquiry_create,
    enquiry_link_complaint,
    enquiry_respond,
)
from fairhearing.cases.models import Complaint
from fairhearing.people.choices import ContactPreference
from fairhearing.people.models import Person
from fairhearing.people.services import person_create

from . import record_texts as words
from . import scenarios as sc
from .history import Council
from .names import NameBook
from .people import weighted
from .years import DemoYear, per_year, spread, working_day_in

COMPLIMENTS_PER_YEAR = (22, 18)
# Teams thanked most often in seed 001 (Fostering, the assessment team, early help), then the rest.
COMPLIMENT_TEAMS = {
    "Fostering": 6, "Children and Families Assessment Team": 4, "Prevention and Support Services": 4,
    "Adoption": 2, "Leaving Care": 2, "Family Support Team 4": 2, "Children Looked After": 2,
    "Disabled Children": 2, "Child Protection / LADO": 1, "MASH": 1, "Permanence / Court Work": 1,
    "Family Support Team 1": 1, "Family Support Team 2": 1, "Family Support Team 3": 1,
    "Family Support Team 5": 1, "Family Support Team 6": 1,
}
COMPLIMENT_SOURCES = {
    ComplimentSource.PARENT_FAMILY: 30, ComplimentSource.PROFESSIONAL_EXTERNAL: 28,
    ComplimentSource.PROFESSIONAL_INTERNAL: 17, ComplimentSource.CARER: 12,
    ComplimentSource.CHILD: 10, ComplimentSource.OTHER: 3,
}
COMPLIMENT_CHANNELS = {Channel.EMAIL: 12, Channel.LETTER: 3, Channel.ONLINE_FORM: 3,
                       Channel.TELEPHONE: 1, Channel.IN_PERSON: 1}
CONSENT_TO_QUOTE = 0.65

ENQUIRIES_PER_YEAR = (54, 47)
# Every enquiry is from an MP or a councillor. The UK's MEPs left office when the UK left the
# European Union on 31 January 2020, so no enquiry from an MEP can arrive in the demo's years;
# the choice stays for councils entering older records (seed 001's 2018-19 had 18).
MEMBER_KINDS = {MemberKind.MP: 3, MemberKind.COUNCILLOR: 7}
ON_TIME = 0.8  # seed 003: 71.5% answered within the target; the demo council does a little better
LINKED_TO_COMPLAINT = 0.1
# Open today: one just arrived, and one past its due date (working days ago, as the caseload is).
LIVE_ENQUIRIES = (2, 16)


def contact_create(*, rng: Random, names: NameBook, actor: Any, first_name: str | None = None) -> Person:
    """A member of the public (a constituent, a parent who gave thanks), with fictional details."""
    first = first_name or names.adult_first_name()
    last = names.surname()
    address, postcode = names.address()
    return person_create(
        first_name=first, last_name=last, email=names.email(first, last), telephone=names.telephone(),
        address=address, postcode=postcode, actor=actor,
        contact_preference=weighted(rng, {ContactPreference.EMAIL: 6, ContactPreference.TELEPHONE: 3,
                                          ContactPreference.LETTER: 1}),
    )


# -- Compliments -----------------------------------------------------------------------------------

def compliments_load(*, council: Council, years: list[DemoYear], rng: Random) -> None:
    """About 20 compliments a year, each logged on the day it arrived and shared with the team."""
    names = NameBook(rng)
    for year, count in zip(years, per_year(years, COMPLIMENTS_PER_YEAR), strict=True):
        for received in spread(rng, council.calendar, year.start, year.end, count):
            _compliment(council=council, rng=rng, names=names, received=received)


def _compliment(*, council: Council, rng: Random, names: NameBook, received: date) -> None:
    officer, calendar = council.users["officer"], council.calendar
    source = weighted(rng, COMPLIMENT_SOURCES)
    about, template, teams = rng.choice(words.COMPLIMENTS[source])
    # A compliment about a particular service goes to a team that provides it.
    team = weighted(rng, {name: COMPLIMENT_TEAMS.get(name, 1) for name in teams} if teams else COMPLIMENT_TEAMS)
    worker, child = rng.choice(words.STAFF_FIRST_NAMES), names.child_first_name()
    person, giver = None, ""
    if source in (ComplimentSource.PARENT_FAMILY, ComplimentSource.CARER, ComplimentSource.CHILD):
        person = contact_create(rng=rng, names=names, actor=officer,
                                first_name=child if source == ComplimentSource.CHILD else None)
        giver = person.first_name
    channel = weighted(rng, {Channel.APP: 3, Channel.EMAIL: 1} if source == ComplimentSource.CHILD
                       else COMPLIMENT_CHANNELS)
    shared = calendar.add_working_days(received, rng.randint(1, 4))
    if shared > council.today or rng.random() < 0.15:
        shared = None
    consent = rng.random() < CONSENT_TO_QUOTE
    compliment = compliment_create(
        received_on=received, team=council.teams[team], source=source,
        words=template.format(worker=worker, child=child, giver=giver), channel=channel, about=about,
        person=person, consent_to_quote=consent, shared_with_team_on=shared, actor=officer,
        today=shared or received,
    )
    # Quotations are prepared for those who agreed, and for a few still being asked.
    if consent or rng.random() < 0.2:
        staff = [worker, child]
        quotation = compliment_quotation_suggest(compliment=compliment, extra_names=staff)
        compliment_quotation_prepare(compliment=compliment, quotation=quotation, actor=officer,
                                     extra_names=staff)


# -- Members' enquiries ------------------------------------------------------------------------------

def enquiries_load(*, council: Council, years: list[DemoYear], rng: Random) -> None:
    """Members' enquiries through the years, each answered (or not yet) on its own day."""
    names = NameBook(rng)
    for year, count in zip(years, per_year(years, ENQUIRIES_PER_YEAR), strict=True):
        complaints = list(
            Complaint.objects.filter(received_on__gte=year.start + timedelta(days=14),
                                     received_on__lte=year.end,
                                     procedure__code__in=[sc.STATUTORY, sc.CORPORATE])
            .order_by("received_on", "pk")
        )
        linked = rng.sample(complaints, min(len(complaints), round(count * LINKED_TO_COMPLAINT)))
        live = []
        if year.end == council.today:
            live = [sc.working_days_before(council.calendar, council.today, ago) for ago in LIVE_ENQUIRIES]
            live = [day for day in live if day >= year.start]
        plan: list[tuple[date, Complaint | None, bool]] = [
            (working_day_in(council.calendar, complaint.received_on - timedelta(days=rng.randint(3, 14)),
                            start=year.start, end=complaint.received_on), complaint, False)
            for complaint in linked
        ]
        plan += [(day, None, True) for day in live]
        plan += [(day, None, False)
                 for day in spread(rng, council.calendar, year.start, year.end, count - len(plan))]
        for received, complaint, unanswered in sorted(plan, key=lambda entry: entry[0]):
            _enquiry(council=council, rng=rng, names=names, received=received, complaint=complaint,
                     unanswered=unanswered)


def _enquiry(*, council: Council, rng: Random, names: NameBook, received: date, complaint: Complaint | None,
             unanswered: bool) -> None:
    actor = council.users[weighted(rng, {"officer": 3, "manager": 1})]
    kind = weighted(rng, MEMBER_KINDS)
    details: dict[str, Any] = {}
    if complaint is not None:
        # The Member wrote for the constituent who then complained, about the same team.
        team = complaint.teams.order_by("name").first()
        details["on_behalf_of"] = complaint.complainants.get(is_primary=True).person
        named = complaint.children.select_related("child").order_by("pk").first()
        if named is not None:
            details["child"] = named.child
        summary = words.ENQUIRY_BEFORE_COMPLAINT
    else:
        team = council.teams[weighted(rng, council.team_weights)]
        if rng.random() < 0.6:
            details["on_behalf_of"] = contact_create(rng=rng, names=names, actor=actor)
        summary = rng.choice(words.ENQUIRY_SUMMARIES.get(team.name, []) + words.ENQUIRY_GENERAL)
    enquiry = enquiry_create(
        received_on=received, member_kind=kind, member_name=rng.choice(words.MEMBERS[kind]), team=team,
        summary=summary, actor=actor, today=received, **details,
    )
    if complaint is not None:
        enquiry_link_complaint(enquiry=enquiry, complaint=complaint, actor=actor)
    days = rng.randint(2, enquiry.response_days) if rng.random() < ON_TIME else \
        rng.randint(enquiry.response_days + 1, enquiry.response_days + 12)
    answered = council.calendar.add_working_days(received, days)
    if unanswered or answered > council.today:
        return
    enquiry_respond(enquiry=enquiry, responded_on=answered, actor=actor, today=answered)
