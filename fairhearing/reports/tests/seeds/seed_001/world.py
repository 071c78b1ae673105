"""Seed 001's world: its figures, the choices made where it gives no record-level detail,
and the plans that build the records (see the package docstring)."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from fairhearing.cases.kind_choices import ComplimentSource, MemberKind

from ..builders import (
    NOT_UPHELD,
    PARTLY,
    UPHELD,
    AdrPlan,
    ComplaintPlan,
    Council,
    EnquiryPlan,
    complaint_build,
    compliment_build,
    concerns_build,
    enquiries_build,
    expand,
    interleave,
    iro_disputes_build,
)

D = date
TODAY = D(2019, 7, 31)
PERIOD_COLUMNS = ["fy2018", "fy2017", "change", "change_percent"]

ALIASES = {
    "CFAT": "Children and Families Assessment Team CFAT",
    "Child Protection/LADO": "Child Protection / LADO",
    "Prevention & Support Service": "Prevention & Support Services",
}


def team(name: str) -> str:
    return ALIASES.get(name, name)


# The seed's "Upheld Complaints" table: volume and upheld count, 2017-18 then 2018-19.
UPHELD_BY_TEAM = {
    "Adoption": (6, 5, 3, 2),
    "Aftercare": (0, 0, 1, 1),
    "Child Protection / LADO": (4, 0, 3, 1),
    "Children and Families Assessment Team CFAT": (7, 2, 5, 2),
    "Children Looked After": (4, 2, 0, 0),
    "Disabled Children": (3, 0, 2, 1),
    "Family Support Team 1": (4, 2, 4, 1),
    "Family Support Team 2": (1, 0, 2, 2),
    "Family Support Team 3": (2, 0, 1, 0),
    "Family Support Team 4": (10, 3, 2, 0),
    "Family Support Team 6": (2, 2, 1, 1),
    "Fostering": (1, 0, 1, 1),
    "MASH": (1, 1, 2, 0),
    "Oaktree": (0, 0, 2, 2),
    "Permanence/Court Work": (0, 0, 1, 1),
    "Prevention & Support Services": (2, 1, 0, 0),
    "Through Care 1": (3, 2, 2, 1),
    "Through Care 2": (1, 0, 2, 1),
    "Unaccompanied Asylum Seekers": (1, 0, 0, 0),
}
# 2017-18's team volumes add up to 52 for 48 closed complaints: four complaints were about two
# teams (counted under each). One of them was upheld.
SHARED_2017 = [
    (("Adoption", "Children and Families Assessment Team CFAT"), True),
    (("Family Support Team 4", "Child Protection / LADO"), False),
    (("Family Support Team 3", "Disabled Children"), False),
    (("Through Care 2", "Family Support Team 2"), False),
]

MP_BY_TEAM = [("Family Support Team 4", 3), ("Fostering", 1), ("Disabled Children", 1), ("Finance", 1),
              ("Through Care 3", 1), ("Family Support Team 3", 1), ("Permanence/Court Work", 1),
              ("Adoption", 1), ("Family Support Team 5", 1)]
MEP_BY_TEAM = [("CFAT", 3), ("Family Support Team 3", 3), ("Through Care 2", 3), ("Family Support Team 4", 2),
               ("Family Support Team 5", 2), ("Disabled Children", 1), ("Family Placement Service", 1),
               ("Family Support Team 1", 1), ("Family Support Team 2", 1), ("Through Care 1", 1)]
MEMBERS_BY_TEAM = [("Child Protection/LADO", 6), ("CFAT", 5), ("Fostering", 3), ("Family Support Team 3", 2),
                   ("Family Support Team 6", 1), ("Aftercare", 1), ("Commissioning", 1),
                   ("Family Placement Service", 1), ("Family Support Team 4", 1), ("Family Support Team 2", 1),
                   ("Family Support Team 5", 1), ("Finance", 1), ("Other", 1), ("Permanence/Court Work", 1),
                   ("Through Care 2", 1), ("Through Care 3", 1)]

COMPLIMENTS_2018 = [("Fostering", 6), ("CFAT", 4), ("Prevention & Support Service", 4), ("Adoption", 2),
                    ("Safeguarding", 2), ("Through Care 1", 2), ("Family Support Team 4", 2), ("Permanence", 1),
                    ("Children in Public Care", 1), ("MASH", 1), ("Aftercare", 1)]
# Chosen: the seed gives only 2018-19 by team.
COMPLIMENTS_2017 = [("Fostering", 7), ("CFAT", 5), ("Adoption", 4), ("Prevention & Support Service", 3),
                    ("Through Care 1", 3), ("MASH", 2), ("Family Support Team 4", 2), ("Safeguarding", 2),
                    ("Aftercare", 1), ("Permanence", 1), ("Children in Public Care", 1)]
SOURCES_2018 = [(ComplimentSource.PARENT_FAMILY, 12), (ComplimentSource.CHILD, 2), (ComplimentSource.CARER, 2),
                (ComplimentSource.PROFESSIONAL_INTERNAL, 4), (ComplimentSource.PROFESSIONAL_EXTERNAL, 6)]
SOURCES_2017 = [(ComplimentSource.PARENT_FAMILY, 15), (ComplimentSource.CHILD, 3), (ComplimentSource.CARER, 2),
                (ComplimentSource.PROFESSIONAL_INTERNAL, 4), (ComplimentSource.PROFESSIONAL_EXTERNAL, 7)]


def decisions(year: int, shared: Sequence[tuple[tuple[str, ...], bool]] = ()) -> list[tuple[tuple[str, ...], bool]]:
    """The seed's team table for one year as one (teams, upheld) per Stage 1 decision."""
    left = {name: list(row[0:2] if year == 2017 else row[2:4]) for name, row in UPHELD_BY_TEAM.items()}
    for teams, upheld in shared:
        for name in teams:
            left[name][0] -= 1
            left[name][1] -= upheld
    upheld = [((name,), True) for name, (_volume, up) in left.items() for _ in range(up)]
    not_upheld = [((name,), False) for name, (volume, up) in left.items() for _ in range(volume - up)]
    ups = [d for d in shared if d[1]] + upheld
    return interleave(ups, [d for d in shared if not d[1]] + not_upheld)


def outcomes(upheld_flags: Sequence[bool]) -> list[str]:
    """Upheld decisions alternate between upheld and partly upheld, the first fully upheld."""
    out, count = [], 0
    for flag in upheld_flags:
        if flag:
            out.append(UPHELD if count % 2 == 0 else PARTLY)
            count += 1
        else:
            out.append(NOT_UPHELD)
    return out


SHORT = [7, 9, 10, 5, 8, 6, 10, 4, 9, 8]  # answered within 10 working days, so on time


def schedule(*, over_20: Sequence[int], late: Sequence[int], extended: Sequence[tuple[int, int]],
             short: int) -> list[tuple[int, int | None]]:
    """(working days taken, due date extended to) per response, the slowest first so every
    response (and the closing 21 working days later) stays inside its year."""
    return ([(wd, None) for wd in over_20] + [(wd, None) for wd in late] + list(extended)
            + [(SHORT[i % len(SHORT)], None) for i in range(short)])


def plans_2017(c: Council) -> list[ComplaintPlan]:
    """Complaints answered in 2017-18 (chosen timings; teams and upheld from the seed)."""
    decided = decisions(2017, SHARED_2017)
    assert len(decided) == 48 and sum(u for _t, u in decided) == 19
    results = outcomes([u for _t, u in decided])
    # 2 received in March 2017 and answered on the 10th working day, in April 2017.
    timing = [(D(2017, 3, 20), 10, None), (D(2017, 3, 21), 10, None)]
    # 44 received and answered (and closed) in the year: 38 of the 46 due in the year on time.
    main = schedule(over_20=[23, 26, 22], late=[12, 15, 13, 18, 11],
                    extended=[(14, 15), (20, 20), (16, 20), (12, 15), (19, 20), (13, 15), (17, 20), (15, 15)],
                    short=28)
    timing += [(day, wd, ext) for day, (wd, ext) in zip(c.spread(D(2017, 4, 10), D(2018, 1, 15), 44), main,
                                                          strict=True)]
    # 2 received 19 and 20 March 2018, answered in 5 working days: due in April, closed in April.
    timing += [(D(2018, 3, 19), 5, None), (D(2018, 3, 20), 5, None)]
    plans = []
    adr_left, saving_left = 6, 4
    for index, ((teams, _upheld), outcome, (received, wd, ext)) in enumerate(zip(decided, results, timing,
                                                                                 strict=True)):
        adr = None
        # Chosen: six complaints settled by ADR after an answer they were unhappy with.
        if 2 <= index < 46 and outcome == NOT_UPHELD and adr_left and index % 3 == 0:
            adr = AdrPlan(saving=Decimal("1800") if saving_left else None)
            adr_left, saving_left = adr_left - 1, max(0, saving_left - 1)
        plans.append(ComplaintPlan(received_on=received, teams=teams, outcome=outcome, working_days=wd,
                                   extended_to=ext, adr=adr))
    assert adr_left == 0
    plans += [
        ComplaintPlan(received_on=D(2017, 7, 3), teams=("Family Support Team 1",), withdrawn_after=3),
        ComplaintPlan(received_on=D(2017, 12, 4), teams=("Adoption",), withdrawn_after=5),
    ]
    return plans


def plans_2018(c: Council) -> list[ComplaintPlan]:
    """Complaints received in 2018-19 (chosen timings; teams and upheld from the seed)."""
    decided = decisions(2018)
    # One upheld decision recorded with no team: see test_upheld_by_team.
    decided.insert(3, ((), True))
    assert len(decided) == 35 and sum(u for _t, u in decided) == 18
    results = outcomes([u for _t, u in decided])
    first = schedule(over_20=[24, 21], late=[13, 16],
                     extended=[(15, 15), (20, 20), (12, 15), (18, 20), (14, 15), (11, 15), (19, 20)], short=19)
    timing = list(zip(c.spread(D(2018, 4, 9), D(2019, 1, 10), 30), first, strict=True))
    # The last 5 are answered in March 2019 and closed in April, after the window for Stage 2.
    timing += [(D(2019, 3, 1), (8, None)), (D(2019, 3, 4), (9, None)), (D(2019, 3, 5), (10, None)),
               (D(2019, 3, 6), (7, None)), (D(2019, 3, 8), (6, None))]
    # The one ADR case: a Stage 1 answer the complainant wanted to take to Stage 2, settled by ADR.
    adr_index = next(i for i in range(11, 30) if results[i] == NOT_UPHELD)
    plans = []
    for index, ((teams, _upheld), outcome, (received, (wd, ext))) in enumerate(zip(decided, results, timing,
                                                                                   strict=True)):
        plans.append(ComplaintPlan(
            received_on=received, teams=teams, outcome=outcome, working_days=wd, extended_to=ext,
            adr=AdrPlan(saving=Decimal("1800")) if index == adr_index else None,
            # Chosen: two complaints began as initial feedback a week earlier.
            concern_received_on=D.fromordinal(received.toordinal() - 7) if index in (6, 20) else None,
        ))
    plans += [
        ComplaintPlan(received_on=D(2018, 6, 11), teams=("Family Support Team 4",), withdrawn_after=3),
        # Withdrawn after its due date without an answer: due in the year and late.
        ComplaintPlan(received_on=D(2018, 9, 3), teams=("Children and Families Assessment Team CFAT",),
                      withdrawn_after=14),
        ComplaintPlan(received_on=D(2018, 11, 12), teams=("MASH",), withdrawn_after=4),
        # Received 25 March 2019, due and answered in April 2019.
        ComplaintPlan(received_on=D(2019, 3, 25), teams=("Family Support Team 5",), outcome=NOT_UPHELD,
                      working_days=9),
    ]
    return plans


def enquiry_plans(kinds: Sequence[tuple[str, Sequence[tuple[str, int]]]], *, late_every: int,
                  late_from: int) -> list[EnquiryPlan]:
    """Enquiries by kind and team; every ``late_every``-th (from ``late_from``) answered late."""
    rows = [(kind, team(name)) for kind, by_team in kinds for name in expand(by_team)]
    return [EnquiryPlan(team=name, member_kind=kind,
                        answered_after=13 if i % late_every == late_from else SHORT[i % len(SHORT)])
            for i, (kind, name) in enumerate(rows)]


def build_world(c: Council) -> None:
    for number, plan in enumerate(plans_2017(c) + plans_2018(c)):
        complaint_build(c, plan, number=number)
    # Initial feedback: 33 in 2017-18; 62 in 2018-19, two of them the concerns that became complaints.
    concerns_build(c, dates=c.spread(D(2017, 4, 4), D(2018, 3, 23), 33), teams=["Family Support Team 4", "MASH"])
    concerns_build(c, dates=c.spread(D(2018, 4, 3), D(2019, 3, 22), 60),
                   teams=["Family Support Team 3", "Children and Families Assessment Team CFAT", "Fostering"])
    enquiries_build(c, plans=enquiry_plans([(MemberKind.MP, MP_BY_TEAM), (MemberKind.MEP, MEP_BY_TEAM),
                                            (MemberKind.COUNCILLOR, MEMBERS_BY_TEAM)], late_every=7, late_from=3),
                    dates=c.spread(D(2018, 4, 5), D(2019, 3, 8), 57))
    # Chosen: 2017-18's 71 enquiries (15 MP, 22 MEP, 34 councillors), 11 answered late.
    teams_2017 = [("Family Support Team 4", 5), ("CFAT", 4), ("Fostering", 3), ("Child Protection/LADO", 3)]
    enquiries_build(c, plans=enquiry_plans(
        [(MemberKind.MP, teams_2017[:3] + [("Adoption", 3)]),
         (MemberKind.MEP, teams_2017 + [("Through Care 1", 7)]),
         (MemberKind.COUNCILLOR, teams_2017 + [("Family Support Team 3", 19)])],
        late_every=6, late_from=5), dates=c.spread(D(2017, 4, 5), D(2018, 3, 2), 71))
    for year, by_team, sources in ((2018, COMPLIMENTS_2018, SOURCES_2018), (2017, COMPLIMENTS_2017, SOURCES_2017)):
        names, who = expand(by_team), expand(sources)
        for day, name, source in zip(c.spread(D(year, 4, 16), D(year + 1, 3, 14), len(names)), names, who,
                                     strict=True):
            compliment_build(c, received_on=day, team=team(name), source=source)
    iro_disputes_build(c, dates=c.spread(D(2018, 5, 1), D(2019, 3, 15), 13),
                       teams=["Children Looked After", "Through Care 1"])


def table(report, section: str, key: str):  # noqa: ANN001, ANN201
    return report.section(section).table(key)
