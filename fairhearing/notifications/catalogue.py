"""Every email Fair Hearing sends: its key, who gets it, the merge fields it may use and its default
wording.

The complaints team may change an email's wording (EmailTemplate) but not the set of emails or their
fields: code that queues an email supplies exactly the fields listed here. Wording is plain text with
``{{ field }}`` merge fields, parsed strictly by fairhearing.letters.merge (never Django's template
engine), so team-edited text cannot run code.

Subject lines are shown on lock screens, in shared inboxes and in mail-server logs, so they may use
only the fields in SUBJECT_SAFE_FIELDS (references, the council's and service's names, counts). A
child's or complainant's name can never reach a subject line: the check runs when wording is saved
and again when an email is queued.

Staff emails carry references and links, never the names of children or complainants.
"""

from dataclasses import dataclass

from fairhearing.letters.merge import MergeField

from .choices import Audience

# Every field any email may use: name, short label (for "[not recorded: ...]" markers and hints),
# and what it holds. Which email may use which field is in CATALOGUE.
EMAIL_FIELDS: dict[str, MergeField] = {
    field.name: field
    for field in (
        MergeField("reference", "reference", "The record's reference, for example CSC-2026-0042."),
        MergeField("complainant_first_name", "complainant's first name", "First name of the person who complained."),
        MergeField("first_name", "first name", "First name of the person the email is to."),
        MergeField("received_date", "date received", "The date the complaint was received, for example 4 January 2026."),
        MergeField("next_steps_date", "date we will be in touch by", "The working day by which the complaint is due to be acknowledged."),
        MergeField("contact_email", "complaints team's email address", "Where to write to the complaints team."),
        MergeField("record_kind", "kind of record", "What was allocated, in lower case: complaint, enquiry, concern and so on."),
        MergeField("due_summary", "what is due", "One line saying what is due next and when, with no names."),
        MergeField("link", "link", "A link to the page in Fair Hearing (the reader signs in to see details)."),
        MergeField("due_count", "number due soon", "How many things are due in the coming working days."),
        MergeField("overdue_count", "number overdue", "How many things are past their due date."),
        MergeField("items", "list of items", "One line per item: reference, what is due and when. References only, never names."),
        MergeField("working_days", "number of working days", "How many working days ahead the digest looks."),
        MergeField("council_name", "council's name", "The council's name."),
        MergeField("service_name", "service name", "The name of the complaints service."),
    )
}

# Fields that may appear in a subject line: nothing that names or describes a person.
SUBJECT_SAFE_FIELDS: frozenset[str] = frozenset(
    {"reference", "record_kind", "due_count", "overdue_count", "working_days", "council_name", "service_name"}
)

# Fields that code queueing an email may leave out: email_queue fills them from settings.
FILLED_FROM_SETTINGS: frozenset[str] = frozenset({"council_name", "service_name", "contact_email"})

# Invented values for the preview on the template edit page. No real person's details.
EXAMPLE_VALUES: dict[str, str] = {
    "reference": "CSC-2026-0042",
    "complainant_first_name": "Sam",
    "first_name": "Alex",
    "received_date": "5 January 2026",
    "next_steps_date": "8 January 2026",
    "contact_email": "complaints@example.gov.uk",
    "record_kind": "complaint",
    "due_summary": "Stage 1 response due 2 February 2026.",
    "link": "https://complaints.example.gov.uk/cases/CSC-2026-0042/",
    "due_count": "3",
    "overdue_count": "1",
    "items": (
        "CSC-2026-0042: Stage 1 response due 2 February 2026\n"
        "CSC-2026-0037: Stage 2 response overdue since 28 January 2026\n"
        "ENQ-2026-0011: enquiry reply due 3 February 2026"
    ),
    "working_days": "5",
    "council_name": "Demo Borough Council",
    "service_name": "Children's Services complaints",
}


@dataclass(frozen=True)
class EmailKind:
    """One email in the catalogue: what it is, who gets it, its fields and its default wording."""

    key: str
    name: str
    audience: Audience
    description: str
    fields: tuple[str, ...]
    subject: str
    body: str

    @property
    def merge_fields(self) -> dict[str, MergeField]:
        """The fields this email's wording may use, in catalogue order."""
        return {name: EMAIL_FIELDS[name] for name in self.fields}

    @property
    def subject_fields(self) -> dict[str, MergeField]:
        """The fields this email's subject line may use."""
        return {name: field for name, field in self.merge_fields.items() if name in SUBJECT_SAFE_FIELDS}

    @property
    def example_values(self) -> dict[str, str]:
        return {name: EXAMPLE_VALUES[name] for name in self.fields}


_SIGN_OFF = "{{ service_name }}\n{{ council_name }}"

_ACKNOWLEDGEMENT_FIELDS = (
    "reference", "complainant_first_name", "received_date", "council_name", "service_name",
    "contact_email", "next_steps_date",
)

CATALOGUE: dict[str, EmailKind] = {
    kind.key: kind
    for kind in (
        EmailKind(
            key="complaint_acknowledgement",
            name="Complaint received",
            audience=Audience.COMPLAINANT,
            description="Sent to an adult who complains online, as soon as the complaint is received.",
            fields=_ACKNOWLEDGEMENT_FIELDS,
            subject="We have received your complaint: {{ reference }}",
            body=f"""Dear {{{{ complainant_first_name }}}}

Thank you for contacting {{{{ council_name }}}}. We received your complaint on {{{{ received_date }}}}.

Your reference is {{{{ reference }}}}. Please quote it whenever you contact us about your complaint.

What happens next
A complaints officer will read what you have told us. We will contact you by {{{{ next_steps_date }}}} to agree the points of your complaint and explain what happens next.

If the complaint is about a child or young person, they can have an advocate to help them say what they think. Advocacy is free. Tell us if they would like one and we will arrange it.

If you have any questions, email us at {{{{ contact_email }}}}.

{_SIGN_OFF}""",
        ),
        EmailKind(
            key="complaint_acknowledgement_child",
            name="Complaint received (child or young person)",
            audience=Audience.CHILD_COMPLAINANT,
            description="Sent to a child or young person who complains online, in plain words.",
            fields=_ACKNOWLEDGEMENT_FIELDS,
            subject="We got your complaint: {{ reference }}",
            body=f"""Hi {{{{ complainant_first_name }}}}

Thank you for telling us. We got your complaint on {{{{ received_date }}}}.

Your complaint number is {{{{ reference }}}}. If you talk to us about your complaint, tell us this number.

What happens next
Someone from our complaints team will read what you told us. We will get in touch with you by {{{{ next_steps_date }}}}.

You can have an advocate
An advocate is a person who is on your side. They help you say what you think and they can come to meetings with you. They do not work for the people you are complaining about. It is free.

To get an advocate, email us at {{{{ contact_email }}}} and say you would like one. You can also ask an adult you trust, like a teacher or a carer, to tell us for you.

You will not get into trouble for complaining.

{_SIGN_OFF}""",
        ),
        EmailKind(
            key="compliment_thanks",
            name="Thank you for a compliment",
            audience=Audience.COMPLIMENT_GIVER,
            description="Sent to someone who pays a compliment online.",
            fields=("reference", "first_name", "council_name", "service_name"),
            subject="Thank you for your compliment: {{ reference }}",
            body=f"""Dear {{{{ first_name }}}}

Thank you for taking the time to tell us about something that went well. We will pass your kind words on to the people involved and to their manager.

Your reference is {{{{ reference }}}}.

{_SIGN_OFF}""",
        ),
        EmailKind(
            key="case_allocated",
            name="Record allocated to you",
            audience=Audience.STAFF,
            description="Sent to a member of staff when a record is allocated to them.",
            fields=("reference", "record_kind", "due_summary", "link", "council_name", "service_name"),
            subject="{{ reference }} has been allocated to you",
            body=f"""A {{{{ record_kind }}}} has been allocated to you.

Reference: {{{{ reference }}}}
{{{{ due_summary }}}}

Open it in Fair Hearing: {{{{ link }}}}

This email leaves out names and details. Sign in to see them.

{_SIGN_OFF}""",
        ),
        EmailKind(
            key="daily_digest",
            name="Daily summary of what is due",
            audience=Audience.STAFF,
            description="Sent each working day to staff who hold records that are due soon or overdue.",
            fields=(
                "first_name", "due_count", "overdue_count", "items", "working_days", "link",
                "council_name", "service_name",
            ),
            subject="{{ service_name }}: {{ due_count }} due soon, {{ overdue_count }} overdue",
            body=f"""Hello {{{{ first_name }}}}

This is what you hold that is overdue or due in the next {{{{ working_days }}}} working days.

Overdue: {{{{ overdue_count }}}}
Due soon: {{{{ due_count }}}}

{{{{ items }}}}

See your work in Fair Hearing: {{{{ link }}}}

{_SIGN_OFF}""",
        ),
        EmailKind(
            key="overdue_escalation",
            name="Overdue records (for the complaints manager)",
            audience=Audience.COMPLAINTS_MANAGER,
            description="Sent to complaints managers when records pass their due date.",
            fields=("overdue_count", "items", "link", "council_name", "service_name"),
            subject="{{ service_name }}: {{ overdue_count }} overdue",
            body=f"""These records are past their due date ({{{{ overdue_count }}}} in all):

{{{{ items }}}}

See them in Fair Hearing: {{{{ link }}}}

{_SIGN_OFF}""",
        ),
        EmailKind(
            key="deadline_reminder",
            name="Ombudsman recommendation and action deadlines",
            audience=Audience.STAFF,
            description="Sent to the owners of Ombudsman recommendations and action-plan actions that are due soon or overdue.",
            fields=("items", "due_count", "overdue_count", "link", "council_name", "service_name"),
            subject="{{ service_name }}: {{ due_count }} deadlines due soon, {{ overdue_count }} overdue",
            body=f"""These Ombudsman recommendations and actions are yours.

Overdue: {{{{ overdue_count }}}}
Due soon: {{{{ due_count }}}}

{{{{ items }}}}

See them in Fair Hearing: {{{{ link }}}}

{_SIGN_OFF}""",
        ),
    )
}


def email_kind(key: str) -> EmailKind | None:
    """The catalogue entry for a key, or None when there is no such email."""
    return CATALOGUE.get(key)


def email_name(key: str) -> str:
    """An email's name for pages and audit summaries; the key itself for one since removed."""
    kind = CATALOGUE.get(key)
    return kind.name if kind else key

