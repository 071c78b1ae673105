"""The compliment form's pages: who you are, who it is for, what you would like to say, whether it
may be quoted, and a name and email address for a thank-you."""

from typing import Any

from django import forms

from fairhearing.cases.kind_choices import ComplimentSource

from ..services import TEXT_MAX
from .base import ADULT, NAMES_ADULT, PublicForm, Wording, name_field, radios, text_field

# Compliments ---------------------------------------------------------------------------------------

COMPLIMENT_SOURCES = [
    (ComplimentSource.PARENT_FAMILY, "A parent or family member"),
    (ComplimentSource.CHILD, "A child or young person"),
    (ComplimentSource.CARER, "A carer, like a foster carer"),
    (ComplimentSource.PROFESSIONAL_INTERNAL, "A professional working for the council"),
    (ComplimentSource.PROFESSIONAL_EXTERNAL, "A professional from another organisation"),
    (ComplimentSource.OTHER, "Someone else"),
]


class ComplimentSourceForm(PublicForm):
    source = radios(COMPLIMENT_SOURCES)
    WORDING = {ADULT: {"source": Wording("Who are you?", short="Who you are", required="Select who you are")}}


class ComplimentAboutForm(PublicForm):
    about = text_field(max_length=200, required=False)
    WORDING = {ADULT: {"about": Wording(
        "Who would you like to compliment? (optional)", short="Who it is for",
        hint="For example, the name of a social worker, a team or a service.",
        too_long="Who you would like to compliment must be 200 characters or fewer")}}


class ComplimentWordsForm(PublicForm):
    words = text_field(max_length=TEXT_MAX, rows=8)
    WORDING = {ADULT: {"words": Wording(
        "What would you like to tell us?", short="What you said",
        hint="Tell us what went well and the difference it made.",
        required="Enter what you would like to tell us",
        too_long=f"What you would like to tell us must be {TEXT_MAX:,} characters or fewer")}}


SHARE_YES, SHARE_NO = "yes", "no"


class ComplimentConsentForm(PublicForm):
    consent_to_share = radios([(SHARE_YES, "Yes, you can quote me in reports, with names taken out"),
                                (SHARE_NO, "No, only pass it on to the people involved")])
    WORDING = {ADULT: {"consent_to_share": Wording(
        "Can we share what you said?", short="Can be quoted in reports",
        hint="We will pass your words on to the people you are complimenting and their manager. With your "
             "permission, we may also quote them in our reports, with all names taken out.",
        required="Select yes if we can quote what you said in our reports")}}

    def answers_given(self) -> dict[str, Any]:
        return {"consent_to_share": self.cleaned_data["consent_to_share"] == SHARE_YES}


class ComplimentContactForm(PublicForm):
    first_name = name_field(autocomplete="given-name", required=False)
    last_name = name_field(autocomplete="family-name", required=False)
    email = forms.EmailField(max_length=254, required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
    TITLE = {ADULT: "Would you like us to say thank you?"}
    INTRO = {ADULT: "If you give us your email address, we will email you to say thank you. You do not have to "
                    "give your name or email address."}
    WORDING = {ADULT: {
        "first_name": Wording("First name (optional)", short="First name", invalid=NAMES_ADULT.format("First name"),
                              too_long="First name must be 100 characters or fewer"),
        "last_name": Wording("Last name (optional)", short="Last name", invalid=NAMES_ADULT.format("Last name"),
                             too_long="Last name must be 100 characters or fewer"),
        "email": Wording("Email address (optional)", short="Email",
                         invalid="Enter an email address in the correct format, like name@example.com",
                         too_long="Email address must be 254 characters or fewer"),
    }}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("email") and not data.get("first_name") and "first_name" not in self.errors:
            self.add_error("first_name", "Enter your first name, so we know who to thank, or leave out your email address")
        return data
