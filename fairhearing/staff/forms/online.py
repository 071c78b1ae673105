"""Forms of the "Received online" pages: the queue's filters, logging a submission as a complaint
(the Log a complaint page's forms, filled in from the submission) or as a compliment, and closing
it without logging."""

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from fairhearing.cases.choices import Channel, ChildConsent
from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.people.choices import Relationship
from fairhearing.publicforms.choices import CloseReason, SubmissionKind, SubmissionStatus
from fairhearing.publicforms.models import OnlineSubmission
from fairhearing.publicforms.services import CLOSE_NOTE_MAX, submission_received_on

from .compliments import OFF, radios, team_field, text_field
from .intake import ComplaintLogForms

ANY = "any"


class OnlineFilterForm(forms.Form):
    """The queue's filters, from the query string. With no status chosen, the queue shows what is
    waiting (new); a filter that cannot be read is left out with a message."""

    status = forms.ChoiceField(label="Status", required=False, widget=forms.RadioSelect,
                               error_messages={"invalid_choice": "Choose a status from the list"})
    kind = forms.ChoiceField(label="Kind", required=False, widget=forms.RadioSelect,
                             choices=[("", "Complaints and compliments"), *SubmissionKind.choices],
                             error_messages={"invalid_choice": "Choose complaints or compliments from the list"})

    def __init__(self, data: Any, *, counts: dict[str, int], today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        self.fields["status"].choices = [
            *((value, f"{label} ({counts.get(value, 0)})") for value, label in SubmissionStatus.choices),
            (ANY, f"Any status ({sum(counts.values())})"),
        ]

    def chosen_status(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("status") or SubmissionStatus.NEW

    def apply(self, queryset: QuerySet) -> QuerySet:
        status = self.chosen_status()
        if status != ANY:
            queryset = queryset.filter(status=status)
        if self.cleaned_data.get("kind"):
            queryset = queryset.filter(kind=self.cleaned_data["kind"])
        # What is waiting, oldest first (its acknowledgement is due soonest); the rest newest first.
        ordering = ("received_at", "id") if status == SubmissionStatus.NEW else ("-received_at", "-id")
        return queryset.order_by(*ordering)

    def describe(self) -> list[str]:
        status = self.chosen_status()
        parts = [f"Status: {dict(SubmissionStatus.choices).get(status, 'Any status')}"]
        if self.cleaned_data.get("kind"):
            parts.append(f"Kind: {SubmissionKind(self.cleaned_data['kind']).label}")
        return parts


# In their own right or for the child: whose consent the complaint needs, as a first suggestion.
_OWN_RIGHT = {Relationship.CHILD, Relationship.PARENT, Relationship.PARENTAL_RESPONSIBILITY,
              Relationship.FOSTER_CARER, Relationship.SPECIAL_GUARDIAN, Relationship.ADOPTER}


def complaint_initial(submission: OnlineSubmission) -> dict[str, dict[str, Any]]:
    """The Log a complaint page's boxes, filled in from what the person told us."""
    if submission.is_from_child:
        child = {"first_name": submission.first_name, "last_name": submission.last_name}
    else:
        child = {"first_name": submission.child_first_name, "last_name": submission.child_last_name}
    child["date_of_birth"] = submission.child_date_of_birth
    summary = (f"What happened:\n{submission.what_happened}\n\n"
               f"What they would like to happen:\n{submission.desired_outcome}")
    return {
        "complainant": {
            "first_name": submission.first_name, "last_name": submission.last_name,
            "relationship": submission.relationship, "email": submission.email,
            "telephone": submission.telephone, "address": submission.address, "postcode": submission.postcode,
            "contact_preference": submission.contact_method,
        },
        "child-1": child,
        "details": {
            "summary": summary,
            "child_consent": ChildConsent.NOT_NEEDED if submission.relationship in _OWN_RIGHT else ChildConsent.PENDING,
        },
    }


def with_receipt(data: QueryDict, submission: OnlineSubmission) -> QueryDict:
    """The posted page with how and when it arrived filled in from the submission: those are facts
    of the submission, not the officer's to change."""
    data = data.copy()
    received = submission_received_on(submission)
    data["channel"] = Channel.ONLINE_FORM
    data["received_on_day"], data["received_on_month"], data["received_on_year"] = (
        str(received.day), str(received.month), str(received.year))
    return data


def complaint_forms(submission: OnlineSubmission, *, user: Any, today: date, data: QueryDict | None = None,
                    child_count: int = 1) -> ComplaintLogForms:
    """The Log a complaint page's forms for a submission: filled in from it, or as posted."""
    if data is None:
        return ComplaintLogForms(user=user, today=today, initial=complaint_initial(submission))
    return ComplaintLogForms(with_receipt(data, submission), user=user, today=today, child_count=child_count)


class LogComplimentForm(forms.Form):
    """Logging an online compliment: the team is the officer's choice; the rest is filled in from
    the submission and may be corrected."""

    source = radios("Who gave the compliment?", ComplimentSource.choices, "Select who gave the compliment")
    words = text_field("What did they say?", message="Enter what they said", rows=6,
                       hint="As they said it. Names are taken out before it can be quoted.")
    about = text_field("Who or what is it about? (optional)", max_length=200,
                       hint="As they told us. For example, social worker.")
    consent_to_quote = forms.BooleanField(
        label="They agreed to be quoted in reports, with names taken out", required=False,
    )
    person_first_name = text_field("Name of the person who gave it: first name (optional)", max_length=100, attrs=OFF)
    person_last_name = text_field("Name of the person who gave it: last name (optional)", max_length=100, attrs=OFF)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = team_field("Team or service area", "Select the team or service area")
        self.fields = {"team": team, **self.fields}

    @classmethod
    def initial_for(cls, submission: OnlineSubmission) -> dict[str, Any]:
        return {
            "source": submission.compliment_source, "words": submission.compliment_words,
            "about": submission.compliment_about, "consent_to_quote": submission.consent_to_share,
            "person_first_name": submission.first_name, "person_last_name": submission.last_name,
        }


class CloseForm(forms.Form):
    """Why a submission is closed without logging: the reason, and a note (required for "another
    reason")."""

    reason = radios("Why is it being closed without logging?", CloseReason.choices,
                    "Select why it is being closed")
    note = text_field("Note (optional)", rows=3, max_length=CLOSE_NOTE_MAX,
                      hint="For example, the reference it duplicates. Required for another reason.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("reason") == CloseReason.OTHER and not (data.get("note") or "").strip():
            self.add_error("note", "Enter why it is being closed")
        return data
