"""What arrived through the public forms in the demo council's last ten working days.

Six forms, sent through the same services the public pages use, so each has its reference, its
acknowledgement due date, its audit event and, when the person gave an email address, its
acknowledgement (or thank-you) queued in the outbox, as would really have happened. The complaints
team has dealt with two of them: one logged as a complaint, one closed as a duplicate. The other
four wait in the "Received online" queue: two complaints from adults (the oldest already past its
acknowledgement date, so the dashboard has something to say), a young person's complaint and a
compliment.

Nothing here is random: the people, words and times are fixed, and the days are counted back in
working days from the demo's today, so the rest of the demo (drawn from its own seeded generators)
is exactly as it would be without them.
"""

import struct
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from fairhearing.accounts.models import User
from fairhearing.cases.choices import Channel, ChildConsent, EligibilityBasis
from fairhearing.cases.intake import ChildInput, ComplainantInput, ComplaintLogInput
from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.cases.services import complaint_acknowledge
from fairhearing.core import clock
from fairhearing.people.choices import LegalStatus, Relationship
from fairhearing.publicforms.choices import AdvocateWish, CloseReason, ContactMethod, FormVersion
from fairhearing.publicforms.models import OnlineSubmission
from fairhearing.publicforms.selectors import complaint_timescales
from fairhearing.publicforms.services import (
    ComplaintAnswers,
    ComplimentAnswers,
    draft_file_add,
    online_submission_close,
    online_submission_create,
    online_submission_log_complaint,
    submission_received_on,
)
from fairhearing.publicforms.throttle import address_key
from fairhearing.stages.services import stage_one_start
from fairhearing.workingdays.calendar import WorkingDayCalendar

from . import scenarios as sc
from . import texts
from .history import Council

# How far back the forms reach, in working days before the demo's today.
WINDOW = 10


@dataclass(frozen=True)
class Sent:
    """One form as it was sent: when (working days before today, and the time), from where, with
    what answers, and the file attached to it, if any."""

    key: str
    days_ago: int
    at: time
    address: str  # an RFC 5737 documentation address: the throttle counts forms per address
    answers: ComplaintAnswers | ComplimentAnswers
    file_name: str = ""


def _years_before(today: date, years: int, month: int, day: int) -> date:
    return date(today.year - years, month, day)


def _forms(*, today: date, acknowledgement_days: int) -> list[Sent]:
    """The six forms. The telephone-only complaint arrived one working day more than the
    acknowledgement target ago, so it is overdue for acknowledgement whatever day the demo loads;
    it is also the oldest waiting, so the queue (and the accessibility crawl, which follows the
    first link) opens a complaint, with its "Log as a complaint" page, first."""
    foster_carer = ComplaintAnswers(
        form_version=FormVersion.ADULT, relationship=Relationship.FOSTER_CARER,
        first_name="Siobhan", last_name="Cloudberry",
        child_first_name="Kai", child_last_name="Moonpenny",
        child_date_of_birth=_years_before(today, 11, 6, 3),
        what_happened=(
            "Kai has lived with us for two years. His contact with his brother was cancelled twice "
            "this month with less than an hour's notice, and the second time nobody told us until we "
            "were already at the family centre. Kai was very upset. I have attached the letter we "
            "were given about the contact arrangements, which says it should be every fortnight."
        ),
        desired_outcome=(
            "Contact to go ahead as the plan says, and to be told in good time if it really has to "
            "change, so we can prepare Kai."
        ),
        wants_advocate=AdvocateWish.NOT_SURE, contact_method=ContactMethod.EMAIL,
        email="siobhan.cloudberry@example.org", telephone="07700 900731",
    )
    return [
        Sent(
            key="logged", days_ago=9, at=time(9, 12), address="192.0.2.14",
            answers=ComplaintAnswers(
                form_version=FormVersion.ADULT, relationship=Relationship.PARENT,
                first_name="Bernadette", last_name="Puddingstone",
                child_first_name="Reggie", child_last_name="Puddingstone",
                child_date_of_birth=_years_before(today, 9, 3, 14),
                what_happened=(
                    "Reggie's child in need review was moved to a different day and nobody told us. "
                    "When I rang the duty line to ask what was happening I was promised a call back "
                    "three times, and no one called."
                ),
                desired_outcome="An apology, a new date for the review, and one person I can call.",
                wants_advocate=AdvocateWish.NO, contact_method=ContactMethod.EMAIL,
                email="bernadette.puddingstone@example.org", telephone="07700 900412",
                address="27 Custard Yard\nDemo Borough", postcode="DB4 7HT",
            ),
        ),
        Sent(
            key="compliment", days_ago=3, at=time(12, 40), address="192.0.2.57",
            answers=ComplimentAnswers(
                source=ComplimentSource.PARENT_FAMILY, about="Our family support worker, Family Support Team 5",
                words=(
                    "Our family support worker always did what she said she would, and she listened to "
                    "the children as well as to us. Things at home are so much calmer now. Thank you."
                ),
                consent_to_share=True, first_name="Farah", last_name="Lavenderby",
                email="farah.lavenderby@example.com",
            ),
        ),
        Sent(
            key="telephone", days_ago=acknowledgement_days + 1, at=time(19, 48), address="192.0.2.101",
            answers=ComplaintAnswers(
                form_version=FormVersion.ADULT, relationship=Relationship.FAMILY,
                first_name="Gareth", last_name="Kettlewhistle",
                child_first_name="Poppy", child_last_name="Kettlewhistle",
                child_date_of_birth=_years_before(today, 6, 9, 22),
                what_happened=(
                    "I am Poppy's grandad and she stays with us most weekends. Her social worker has "
                    "changed three times since the summer and each new one asks us the same questions. "
                    "We were not invited to the last meeting about her even though we look after her."
                ),
                desired_outcome="To be kept informed and invited to meetings about Poppy.",
                wants_advocate=AdvocateWish.NOT_SURE, contact_method=ContactMethod.TELEPHONE,
                telephone="07700 900538",
            ),
        ),
        Sent(key="foster_carer", days_ago=3, at=time(21, 5), address="192.0.2.163", answers=foster_carer,
             file_name="letter about contact.png"),
        # The same form sent again from a phone the next working day, before the first's email was read.
        Sent(key="duplicate", days_ago=2, at=time(7, 55), address="192.0.2.188", answers=foster_carer),
        Sent(
            key="young_person", days_ago=1, at=time(16, 20), address="192.0.2.209",
            answers=ComplaintAnswers(
                form_version=FormVersion.YOUNG_PERSON, relationship=Relationship.CHILD,
                first_name="Skye", last_name="Marzipan",
                child_date_of_birth=_years_before(today, 16, 1, 30),
                what_happened=(
                    "I asked to see my pathway plan and nobody has shown it to me. My personal adviser "
                    "keeps saying next week."
                ),
                desired_outcome="To see my plan and talk about it with someone who listens.",
                wants_advocate=AdvocateWish.YES, contact_method=ContactMethod.EMAIL,
                email="skye.marzipan@example.com",
            ),
        ),
    ]


# How the complaints officer logged the first complaint, the working day after it arrived.
LOGGED_POINTS = [
    "The family was not told that the child in need review had been moved to another day.",
    "Three promised call-backs from the duty line did not happen.",
]
LOGGED_TEAM = "Family Support Team 2"
LOGGED_THEMES = ["Lack of communication", "Standard of service"]


def online_forms_load(*, council: Council) -> list[OnlineSubmission]:
    """Receive the six forms on the days they were sent, then log one and close the duplicate."""
    timescales = complaint_timescales()
    forms = _forms(today=council.today, acknowledgement_days=timescales.acknowledgement_days)
    days = _working_days_before(council.today, council.calendar,
                                max(WINDOW, max(form.days_ago for form in forms)))
    zone = ZoneInfo(settings.TIME_ZONE)
    sent = sorted(forms, key=lambda form: (days[form.days_ago - 1], form.at))
    received: dict[str, OnlineSubmission] = {}
    for form in sent:
        moment = datetime.combine(days[form.days_ago - 1], form.at, tzinfo=zone)
        client_key = address_key(form.address)
        draft = ""
        if form.file_name:
            draft = f"demo-council-{form.key}"
            # Uploaded "now" as far as the drafts' clean-up can tell (uploaded_at is the real
            # time), so a demo loaded for a day in the future does not remove it as abandoned.
            draft_file_add(draft=draft, client_key=client_key, now=clock.now(),
                           uploaded_file=SimpleUploadedFile(form.file_name, tiny_png(), content_type="image/png"))
        received[form.key] = online_submission_create(answers=form.answers, client_key=client_key, draft=draft,
                                                      now=moment)
    officer = council.users["officer"]
    logged_on = council.calendar.add_working_days(submission_received_on(received["logged"]), 1)
    _log_complaint(received["logged"], council=council, actor=officer, day=logged_on)
    online_submission_close(
        submission=received["duplicate"], reason=CloseReason.DUPLICATE, actor=officer,
        note=f"The same form sent twice; {received['foster_carer'].reference} is the one kept.",
    )
    return [received[form.key] for form in sent]


def _log_complaint(submission: OnlineSubmission, *, council: Council, actor: User, day: date) -> None:
    """Log it as the officer would from the Log a complaint page, then acknowledge it and start
    Stage 1 the same day."""
    data = ComplaintLogInput(
        received_on=submission_received_on(submission), channel=Channel.ONLINE_FORM,
        procedure=council.procedures[sc.STATUTORY],
        routing_reason=texts.ROUTING[sc.STATUTORY][1],
        summary=(f"What happened:\n{submission.what_happened}\n\n"
                 f"What they would like to happen:\n{submission.desired_outcome}"),
        complainant=ComplainantInput(
            first_name=submission.first_name, last_name=submission.last_name, relationship=submission.relationship,
            email=submission.email, telephone=submission.telephone, address=submission.address,
            postcode=submission.postcode, contact_preference=submission.contact_method,
        ),
        children=[ChildInput(
            first_name=submission.child_first_name, last_name=submission.child_last_name,
            date_of_birth=submission.child_date_of_birth, legal_status=LegalStatus.CHILD_IN_NEED,
            case_system_id="LL604217",
        )],
        points=LOGGED_POINTS,
        teams=[council.teams[LOGGED_TEAM]],
        themes=[council.themes[name] for name in LOGGED_THEMES],
        grounds_arose_on=submission_received_on(submission) - timedelta(days=21),
        eligibility_basis=EligibilityBasis.PARENT,
        child_consent=ChildConsent.NOT_NEEDED,
        assigned_to=actor,
    )
    complaint = online_submission_log_complaint(submission=submission, data=data, actor=actor, today=day)
    complaint_acknowledge(complaint=complaint, acknowledged_on=day, actor=actor, today=day)
    stage_one_start(complaint=complaint, actor=actor, today=day, calendar=council.calendar)


def _working_days_before(today: date, calendar: WorkingDayCalendar, count: int) -> list[date]:
    """The ``count`` working days before ``today``, latest first (today itself is not one)."""
    days: list[date] = []
    day = today
    while len(days) < count:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            days.append(day)
    return days


def tiny_png() -> bytes:
    """A valid 8 by 8 pixel light grey PNG, made here so the demo ships no binary file."""
    width = height = 8
    rows = b"".join(b"\x00" + b"\xe0\xe0\xe0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
