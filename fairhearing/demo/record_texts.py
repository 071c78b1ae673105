"""The words of the demo's other records: compliments, Members' enquiries, initial feedback, IRO
disputes, Ombudsman cases and learning, written as officers and families write them.

Every name is invented. Staff, Members and Independent Reviewing Officers have deliberately
whimsical surnames, like the families in names.py, so no demo record reads as a real person's.
Summaries and texts that a report or timeline may show name no one: compliments carry names only
in the words as received, which a report never prints (it prints the quotation with names
replaced by "X").
"""

from fairhearing.cases.kind_choices import ComplimentSource, MemberKind
from fairhearing.learning.choices import RootCause

# -- Compliments --------------------------------------------------------------------------------

# First names of the staff a compliment thanks. Chosen so that none is also an everyday word,
# because the quotation service replaces a name wherever it appears as a whole word.
STAFF_FIRST_NAMES = [
    "Ffion", "Oriel", "Tobiah", "Lowenna", "Keturah", "Ysolde", "Caradoc", "Marisol", "Evander",
    "Anwen", "Dashiell", "Henrietta", "Ikenna", "Jolyon", "Saoirse", "Thaddeus",
]

# (who or what it is about, the words, the teams it fits or () for any) by who paid the
# compliment. {worker} is the member of staff, {child} a child in the family, {giver} the person
# who wrote (for a sign-off).
IN_CARE = ("Children Looked After", "Fostering", "Adoption", "Permanence / Court Work")
COMPLIMENTS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    ComplimentSource.PARENT_FAMILY: [
        ("Social worker",
         "I wanted to say thank you to {worker}. When we first met I was frightened of social "
         "services, but {worker} listened, explained everything and never judged us. {child} is "
         "doing so well now. From {giver}", ()),
        ("Family support worker",
         "{worker} has been amazing with our family. The routines {worker} helped us set up have "
         "made mornings calm for the first time in years, and {child} looks forward to every "
         "visit. Thank you. {giver}", ()),
        ("Contact supervisor",
         "Thank you to {worker} for making family time feel relaxed and normal. {child} talks "
         "about the sessions all week.", IN_CARE),
        ("Team manager",
         "I was ready to give up, but {worker} rang me back the same day, sorted out the payments "
         "and kept every promise made. Thank you for treating us like people. {giver}", ()),
        ("Short breaks worker",
         "The short breaks {worker} arranged have given us our first proper rest in two years. "
         "{child} comes home happy and full of stories.", ("Disabled Children",)),
    ],
    ComplimentSource.CHILD: [
        ("Personal adviser",
         "{worker} helped me move into my flat and sorted my setting-up-home money. I would not "
         "have managed without {worker}. Thank you!! {giver}", ("Leaving Care",)),
        ("Social worker",
         "thank you {worker} for always listening to me and for coming to my school play. you are "
         "the best social worker ever", ()),
        ("Social worker",
         "Thanks for getting the contact with my brother back on. It means everything to me. {giver}",
         IN_CARE),
    ],
    ComplimentSource.CARER: [
        ("Supervising social worker",
         "As foster carers we want to recognise {worker}'s support over a difficult few months. "
         "{worker} was always at the end of the phone and fought hard for {child}'s school place.",
         ("Fostering",)),
        ("Fostering team",
         "The training and the support group have been brilliant. We feel part of a team, and "
         "{child} has settled better than we dared hope.", ("Fostering",)),
        ("Social worker",
         "As kinship carers we were lost at the start. {worker} explained the special guardianship "
         "process step by step and made sure the support plan was right for {child}.",
         ("Permanence / Court Work",)),
    ],
    ComplimentSource.PROFESSIONAL_INTERNAL: [
        ("Social worker",
         "I want to highlight {worker}'s excellent court statement: clear, balanced and centred on "
         "the child. The judge commented on its quality.", ()),
        ("The team",
         "The assessment team turned round a complex referral in two days over a bank holiday "
         "weekend. Outstanding teamwork.", ("Children and Families Assessment Team", "MASH")),
        ("Social worker",
         "{worker}'s chronology made a very difficult case easy to follow for the legal team. A "
         "model of good recording.", ()),
    ],
    ComplimentSource.PROFESSIONAL_EXTERNAL: [
        ("Social worker",
         "From the school's Designated Safeguarding Lead: {worker} has been a model of partnership "
         "working, keeping us informed and making sure {child}'s voice was heard at every meeting.",
         ()),
        ("Social worker",
         "The health visiting team would like to thank {worker} for a thorough, sensitive piece of "
         "work and for sharing information promptly.", ()),
        ("Social worker",
         "From the children's home manager: the review was one of the best prepared this year. "
         "{worker} had clearly spent real time with {child}, and the plan reflected the child's "
         "wishes.", ("Children Looked After",)),
    ],
    ComplimentSource.OTHER: [
        ("The team",
         "A neighbour wrote to say how kindly the duty team handled a worrying call, and thanked "
         "them for letting the neighbour know it had been followed up.",
         ("MASH", "Children and Families Assessment Team")),
    ],
}

# -- Members' enquiries -------------------------------------------------------------------------

# Elected Members of the fictional Demo Borough. No MEPs: see representations.py.
MEMBERS: dict[str, list[str]] = {
    MemberKind.MP: ["Rosalind Kettlebrook MP", "Jasper Inkpenny MP"],
    MemberKind.COUNCILLOR: [
        "Cllr Augusta Mossbottle", "Cllr Desmond Crumblewood", "Cllr Priyanka Dapplegate",
        "Cllr Olumide Tinderbox", "Cllr Hattie Wimbleworth", "Cllr Fergus Hazelnutt",
        "Cllr Noreen Pennyroyal", "Cllr Idris Mistlethwaite",
    ],
}

ENQUIRY_SUMMARIES: dict[str, list[str]] = {
    "Leaving Care": [
        "Asks why a care leaver's setting-up-home allowance has not been paid.",
        "Asks what help a care leaver can have with a deposit for a tenancy.",
    ],
    "Fostering": [
        "Asks how a foster carer can challenge a change to their allowance.",
        "Asks when a constituent's fostering assessment will be completed.",
    ],
    "Adoption": ["Asks about the support available to an adoptive family after the order."],
    "Disabled Children": [
        "Asks about delays in short breaks for a disabled child.",
        "Asks when a family's request for an assessment of a disabled child will be decided.",
    ],
    "Children Looked After": [
        "Raises a constituent's concern about the distance of their child's placement from school.",
        "Asks about the arrangements for family time after a change of placement.",
    ],
    "Permanence / Court Work": ["Asks when the special guardianship support plan will be reviewed."],
    "MASH": ["Passes on a resident's worry about a child's welfare; referred to MASH and acknowledged."],
}
ENQUIRY_GENERAL = [
    "Asks, on behalf of a constituent, why the family's assessment has not been completed.",
    "A constituent says calls to the social worker have not been returned for three weeks; asks for "
    "an update.",
    "Asks about the support available to a grandparent looking after two grandchildren.",
    "Asks for an explanation of the decision to end a family's support package.",
    "Asks why a request for a change of social worker was refused.",
    "Asks what early help is available to a family struggling with a teenager's behaviour.",
]
ENQUIRY_BEFORE_COMPLAINT = (
    "Writes on behalf of a constituent unhappy with the service from the team and asks the council "
    "to look into it; the constituent has been told how to make a formal complaint."
)

# -- Initial feedback (concerns) ----------------------------------------------------------------

CONCERN_SUMMARIES: dict[str, list[str]] = {
    "Fostering": ["Foster carer waiting for mileage for school journeys to be repaid."],
    "Leaving Care": ["Young person asks why their personal adviser has not replied to messages."],
    "Disabled Children": ["Family waiting for the outcome of a request for short breaks."],
    "Prevention and Support Services": ["Parent asks for the early help plan to be reviewed sooner than planned."],
    "Children Looked After": ["Carer reports a delay in a referral to the therapy service."],
    "MASH": ["Parent unhappy with the tone of a telephone call from the duty desk."],
}
CONCERN_GENERAL = [
    "Parent unhappy that a planned home visit was cancelled without notice; wants a new date.",
    "Grandparent has not been told who the new social worker is.",
    "Parent says the minutes of the core group meeting have not been sent.",
    "Parent asks for a copy of the child in need plan.",
]
CONCERN_RESOLUTIONS = [
    "The team manager rang the parent the same day and a new visit date was agreed.",
    "The family was told in writing who the new social worker is, with contact details.",
    "The minutes were sent with an apology for the delay.",
    "The payment was made and the carer told when it would arrive.",
    "The manager apologised, explained what happened and agreed what happens next.",
]
CONCERN_CLOSED = (
    "No reply after two attempts to make contact; closed with a letter explaining how to come back "
    "to the complaints team."
)
CONCERN_CONVERTED = [
    "The early help worker cancelled three sessions without notice and the family was not told why.",
    "The family was promised a review of the early help plan that never took place.",
    "Messages to the early help team went unanswered for several weeks.",
]

# -- IRO dispute resolution ---------------------------------------------------------------------

IRO_NAMES = ["Marguerite Quincewick", "Solomon Larkholme", "Ngozi Fennelby", "Rhiannon Dapplemere"]
IRO_ISSUES = [
    "The care plan's actions for permanence have not moved on since the last review.",
    "The child's personal education plan has not been updated this term.",
    "The child's annual health assessment is overdue.",
    "Family time agreed at the review has not been put in place.",
    "Life story work promised at the last two reviews has not started.",
    "No placement stability meeting after two moves in three months.",
    "Referral for the therapeutic assessment recommended at the review has not been made.",
]
IRO_ISSUES_LEAVING_CARE = [
    "The pathway plan has not been updated since the young person's eighteenth birthday.",
    "No suitable accommodation has been identified for the young person's move at eighteen.",
]
IRO_OUTCOMES = [
    "The team manager agreed a timetable and the actions were completed within four weeks.",
    "The service manager allocated more social work time; the plan was updated.",
    "The Head of Service agreed the funding and the referral was made.",
    "The plan was updated at an early review meeting and the IRO is satisfied.",
]

# -- ADR ------------------------------------------------------------------------------------------

ADR_RESOLVED_NOTE = (
    "Met the complainant with the Head of Service after the Stage 1 response; actions agreed and "
    "confirmed in writing, so no Stage 2 investigation was needed."
)
ADR_NOT_RESOLVED_NOTE = (
    "Mediation offered when Stage 2 was asked for; the complainant asked for the independent "
    "investigation to go ahead."
)
ADR_PENDING_NOTE = "Offered a meeting with the team manager to talk through the Stage 1 response."

# -- Costs ------------------------------------------------------------------------------------------

PUBLICITY = [
    ("Reprint of the children's and young people's complaints leaflet.", "420.00"),
    ("Posters and postcards promoting the Mind Of My Own app in children's homes.", "385.00"),
    ("Easy read complaints leaflet designed with the Children in Care Council.", "650.00"),
    ("Reprint of the complaints leaflet for parents and carers.", "360.00"),
]

# -- Ombudsman --------------------------------------------------------------------------------------

OMBUDSMAN_SUMMARIES = {
    "upheld_injustice": (
        "Delay in the council's handling of the complaint at Stage 2, and the complainant was not "
        "told why or when to expect the outcome."
    ),
    "upheld_no_injustice": "Delay in completing the Stage 2 investigation and in telling the complainant why.",
    "upheld_remedied": (
        "Failings the council had already accepted at Stage 2 and put right with an apology and a "
        "payment for time and trouble."
    ),
    "not_upheld": "The complainant disputes the council's decisions about the family's support and how "
                  "they were explained.",
    "out_of_jurisdiction": (
        "About how the child's school handled an education, health and care plan, which the "
        "Ombudsman cannot look at in a complaint against the council."
    ),
    "referred_back": (
        "The complainant went to the Ombudsman after the Stage 1 response without asking for Stage 2."
    ),
    "closed": "About the council's assessment of a family's needs, already investigated at Stage 2.",
    "open": "About delays in a child's care plan and how the council answered the complaint.",
}
RECOMMENDATIONS = {
    "apology": "Apologise to the complainant for the delay and the uncertainty it caused.",
    "payment": "Pay the complainant £300 for the distress and the time and trouble caused by the delay.",
    "leaflet": (
        "Review the complaints leaflet and standard letters so they explain the statutory timescales "
        "and what the council will do if it cannot meet them."
    ),
    "training": (
        "Remind staff who handle Stage 2 complaints of the statutory timescales and of the need to "
        "tell complainants about any delay."
    ),
}
EVIDENCE = {
    "apology": "Copy of the apology letter sent to the Ombudsman.",
    "payment": "Payment made; remittance advice sent to the Ombudsman.",
    "leaflet": "Revised leaflet published and a copy sent to the Ombudsman.",
    "training": "Briefing note and attendance list from the team meetings sent to the Ombudsman.",
}

# -- Learning ----------------------------------------------------------------------------------------

ROOT_CAUSE_BY_THEME = {
    "Lack of communication": RootCause.COMMUNICATION,
    "Contact arrangements": RootCause.COMMUNICATION,
    "Standard of service": RootCause.RESOURCES,
    "Leaving care support": RootCause.RESOURCES,
    "Attitude or behaviour of staff": RootCause.STAFF_CONDUCT,
    "Disputing a decision": RootCause.DECISION_MAKING,
    "Placement": RootCause.DECISION_MAKING,
    "Inaccurate information": RootCause.RECORDING,
    "Confidentiality or data protection": RootCause.RECORDING,
    "Delay": RootCause.DELAY,
    "Assessment": RootCause.ASSESSMENT,
    "Financial issues": RootCause.POLICY,
}
LEARNING: dict[str, list[str]] = {
    RootCause.COMMUNICATION: [
        "Families must be told in writing when their social worker changes; the team now sends a "
        "letter within two working days.",
        "Calls and emails are to be returned within two working days, with cover named during leave.",
        "Changes to family time are to be explained to relatives before they happen, not after.",
    ],
    RootCause.DECISION_MAKING: [
        "A decision to end a service is explained to the family in person and confirmed in writing, "
        "with how to challenge it.",
        "Both parents are given the chance to contribute before decisions about the child are made.",
    ],
    RootCause.ASSESSMENT: [
        "Assessments must record the views of both parents and any significant adults; managers "
        "check this before signing off.",
    ],
    RootCause.DELAY: [
        "Referrals waiting for allocation are reviewed weekly by the team manager, and families are "
        "given an expected date.",
    ],
    RootCause.RECORDING: [
        "Records are checked for accuracy before reports are shared, and corrections are made within "
        "five working days of a request.",
        "Addresses are checked against the case record before any letter with personal information "
        "is sent.",
    ],
    RootCause.STAFF_CONDUCT: [
        "Reflective supervision with the practitioner on how language and tone are heard by parents.",
    ],
    RootCause.POLICY: [
        "The guidance on allowances now says payments continue while a change of placement is "
        "processed, so carers are not left out of pocket.",
    ],
    RootCause.RESOURCES: [
        "Each team has agreed cover for staff absence so that visits are not cancelled without a "
        "new date.",
        "Personal advisers' caseloads were reviewed so every care leaver has a named worker.",
    ],
}
MEETING_ATTENDEES = (
    "Principal Social Worker (chair); Complaints and Information Manager; Head of Service, Children "
    "in Care; Practice Lead for Quality Assurance; IRO Service Manager; Participation Officer; "
    "Organisational Development Business Partner"
)
MEETING_PRIORITIES = {
    "Lack of communication": (
        "Returning calls and emails within two working days: practice leads to check a sample of "
        "cases in every team."
    ),
    "Standard of service": (
        "Cancelled visits are rearranged within five working days and the family told why."
    ),
    "Attitude or behaviour of staff": (
        "Hot Topics session on respectful language and how our words are heard by families."
    ),
    "Inaccurate information": (
        "Accurate case recording: assessments read back to the family before they are finalised."
    ),
    "Delay": "Tracking referrals waiting for allocation, with families given an expected date.",
    "Contact arrangements": "Family time agreed at reviews is in place within ten working days.",
    "Financial issues": "Clear written information about allowances for carers and care leavers.",
    "Leaving care support": "Every care leaver has an up-to-date pathway plan and a named adviser.",
    "Assessment": "Assessments that hear from both parents and the wider family: practice leads to "
                  "review a sample before sign-off.",
    "Disputing a decision": "Explaining decisions to families in writing, with how to challenge them.",
    "Placement": "Placement moves planned with the child and explained to them before they happen.",
    "Confidentiality or data protection": "Checking addresses and what is shared before any letter or "
                                          "report goes out.",
}
MEETING_PRIORITY_GENERAL = "Sharing learning from upheld complaints in every team meeting this month."

# -- Action plans --------------------------------------------------------------------------------------

ACTION_UPDATES = {
    "not_started": "Not started yet: scoping agreed, work to begin next quarter.",
    "in_progress": [
        "Draft prepared and shared with team managers for comment.",
        "Pilot running in two teams; early feedback from families is positive.",
        "Sessions booked; about half of the staff have attended so far.",
        "Progress reported to the senior leadership team; on track.",
    ],
    "ongoing": "Continuing: checked at this quarter's review of complaints and compliments.",
    "delayed": "Delayed by vacancies in the team; a revised date has been agreed with the Assistant Director.",
    "complete": "Completed and in place across all teams.",
    "dropped": "Overtaken by the changes to the case management system; closed.",
}
