"""The words of the demo: points of complaint, reasons and findings, written as officers write them.

No names appear in any of it: points and summaries speak of "the social worker" and "the child",
as the annual reports' quotations do, so the demo shows the habit the real records need.
"""

from random import Random

# Points of complaint by theme (the seeded Theme names). Unknown themes fall back to GENERAL.
POINTS: dict[str, list[str]] = {
    "Standard of service": [
        "The child in need plan was not reviewed on time and actions agreed at the last meeting were not followed up.",
        "Home visits were cancelled at short notice on several occasions without a replacement date.",
        "The support promised after the assessment was never put in place.",
    ],
    "Lack of communication": [
        "Calls and emails to the social worker went unanswered for several weeks.",
        "The family was not told that the allocated social worker had changed.",
        "The outcome of the strategy meeting was not shared with the family.",
        "Messages left with the duty desk were not passed on.",
    ],
    "Disputing a decision": [
        "The decision to end the family support package was made without consulting the family.",
        "The family disagrees with the decision to step the case up to a child protection plan.",
        "The request for a change of social worker was refused without reasons.",
    ],
    "Inaccurate information": [
        "The assessment records the wrong school and the wrong family members living at home.",
        "The conference report contains statements the family says were never made.",
        "Historic concerns about a previous partner were recorded as current.",
    ],
    "Attitude or behaviour of staff": [
        "The social worker was dismissive and spoke over the parent during the home visit.",
        "A member of staff made remarks about the family's circumstances that were felt to be judgemental.",
        "The parent felt threatened by how the possibility of court proceedings was raised.",
    ],
    "Financial issues": [
        "The fostering allowance was paid late for three months running.",
        "Travel costs for family time were not reimbursed as agreed.",
        "The young person's savings were not transferred when the placement ended.",
    ],
    "Delay": [
        "The assessment took far longer than the timescale the family were given.",
        "The referral for therapeutic support has been waiting for months with no update.",
        "The review of the special guardianship support plan is overdue.",
    ],
    "Contact arrangements": [
        "Family time was cancelled twice without notice and not rearranged.",
        "Letterbox contact letters were not passed on to the birth family.",
        "The contact venue is too far for the family to reach by public transport.",
    ],
    "Assessment": [
        "The assessment did not take account of the views of the child's father.",
        "The parenting assessment relied on a single short observation.",
        "The carer's assessment was completed without a home visit.",
    ],
    "Placement": [
        "The child was moved to a new placement with less than a day's notice.",
        "Siblings were placed apart although the care plan said they would live together.",
        "The placement is a long way from the child's school and friends.",
    ],
    "Confidentiality or data protection": [
        "A letter containing personal information was sent to an old address.",
        "The other parent was given details of the family's new address.",
    ],
    "Leaving care support": [
        "The pathway plan has not been updated since the young person turned eighteen.",
        "The setting-up-home allowance was not paid when the tenancy started.",
        "The personal adviser changed three times in a year without explanation.",
    ],
}
GENERAL = [
    "The service did not do what it said it would do.",
    "The family was not kept informed of what was happening.",
]

WHO = {
    "child": "A young person", "parent": "A parent", "family": "A grandparent",
    "parental_responsibility": "A relative with parental responsibility",
    "foster_carer": "A foster carer", "special_guardian": "A special guardian",
    "adopter": "An adoptive parent", "advocate": "An advocate, on behalf of a young person,",
    "professional": "A professional", "other": "A family friend",
}

ROUTING = {
    "children-statutory": [
        "About how Children's Services carried out its functions under Part 3 of the Children Act 1989 "
        "for a child, made by an eligible person: statutory procedure (s26(3)).",
        "Concerns the social care service to a looked after child or child in need: statutory procedure.",
    ],
    "corporate": [
        "About the council's handling of a request and its staff's conduct, not about a Part 3 function: "
        "corporate procedure.",
        "About an early help service that is not a social services function: corporate procedure.",
    ],
    "safeguarding": [
        "Raises a concern about a child's safety: passed to MASH under safeguarding procedures, not the "
        "complaints procedure.",
    ],
    "other-route": [
        "About a school's handling of an education, health and care plan: SEND route and the school's "
        "own complaints procedure.",
        "About the findings of the family court: a matter for the court, not the complaints procedure.",
    ],
}

FINDINGS = {
    "upheld": [
        "The records confirm what the complainant describes and the service standard was not met.",
        "There is no record that this was done, and the team manager accepts it should have been.",
    ],
    "partially_upheld": [
        "Some of what happened fell short, but the decision itself was reasonable.",
        "Communication should have been better; the plan was appropriate.",
    ],
    "not_upheld": [
        "The records show the family was informed and the decision followed procedure.",
        "The action taken was proportionate and in line with the child's plan.",
    ],
}

EXTENSION_REASONS = [
    "The complaint is complex and records from two teams need to be reviewed.",
    "The young person has asked for an advocate, who needs time to meet them.",
    "The responding manager needs to speak to staff who are on leave.",
]
STAGE_TWO_EXTENSION_REASONS = [
    "The Investigating Officer needs to interview staff who have left the council.",
    "The complaint has eight points and the records span three years.",
]
PAUSE_NOTES = {
    "awaiting_advocate": "Waiting for an advocate to be allocated to the young person.",
    "awaiting_complainant": "Waiting for the complainant to confirm what they want to achieve.",
    "police_investigation": "Police investigation into a related matter: reg 8 applies.",
    "court_proceedings": "Care proceedings under way on the same matters: reg 8 applies.",
}
WITHDRAWAL_REASONS = [
    "The complainant says the new social worker has sorted the matter out.",
    "The complainant no longer wishes to pursue the complaint.",
    "Resolved after a meeting with the team manager.",
]
LATE_ACCEPTED_REASONS = [
    "The complainant was in hospital for much of the year; the matters can still be investigated fairly.",
    "The young person only recently saw their file; records are available to investigate.",
]
LATE_REFUSED_REASONS = [
    "The events were more than three years ago, the staff involved have left and the records are "
    "incomplete, so a fair investigation is no longer possible. The complainant is told of the Ombudsman.",
]
SUFFICIENT_INTEREST_ACCEPTED = [
    "The grandparent cares for the children several days a week and the child's views were sought.",
    "A long-standing family friend closely involved in the child's care; the child supports the complaint.",
]
SUFFICIENT_INTEREST_REFUSED = [
    "A neighbour with no involvement in the child's care: no sufficient interest in the child's welfare. "
    "Concerns passed to the team as information.",
]
LATE_REQUEST_ACCEPTED = "The complainant was waiting for a copy of the records; accepted."
LATE_REQUEST_REFUSED = (
    "Asked for four months after the response with no reason for the delay; the service has since "
    "put things right. Refused, and the complainant is told they may go to the Ombudsman."
)
REOPEN_REASON = "The complainant asked to continue after speaking to their advocate."
INFORMAL_RESOLUTION = "Resolved by telephone with the team manager within two days."
ADR_RESOLUTION = "Resolved at a meeting with the Head of Service instead of a Stage 2 investigation."
DEPARTURE_REASONS = (
    "The council accepts two of the panel's three recommendations. It does not accept that the "
    "placement decision should be revisited, because the child's current carers are meeting their needs."
)


def pick(rng: Random, options: list[str]) -> str:
    return rng.choice(options)


def points_for(rng: Random, themes: list[str], count: int) -> list[str]:
    """``count`` different points of complaint, drawn from the complaint's themes in turn."""
    points: list[str] = []
    pools = [list(POINTS.get(theme, GENERAL)) for theme in themes] or [list(GENERAL)]
    for pool in pools:
        rng.shuffle(pool)
    while len(points) < count and any(pools):
        for pool in pools:
            if pool and len(points) < count:
                text = pool.pop()
                if text not in points:
                    points.append(text)
    return points


def summary_for(relationship: str, themes: list[str], team: str, first_point: str) -> str:
    """One or two sentences: who complains, about what, and the main concern."""
    who = WHO.get(relationship, "A member of the public")
    about = " and ".join(theme.lower() for theme in themes) or "the service"
    return f"{who} complains about {about} involving {team}. Main concern: {first_point}"
