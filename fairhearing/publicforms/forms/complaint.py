"""The complaint forms' pages, adult and young person's: who you are, the child, what happened,
what you would like, an advocate, how to contact you, and files."""

import re
from datetime import date
from typing import Any

from django import forms

from fairhearing.people.choices import Relationship

from ..choices import AdvocateWish, ContactMethod
from ..services import OUTCOME_MAX, TEXT_MAX
from .base import (
    ADULT,
    NAMES_ADULT,
    NAMES_YOUNG,
    YOUNG,
    PublicDateField,
    PublicForm,
    Wording,
    name_field,
    radios,
    text_field,
)

_PHONE = re.compile(r"^\+?[\d\s().-]+$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")


# Complaints: who you are ---------------------------------------------------------------------------

ADULT_RELATIONSHIPS = [
    (Relationship.CHILD, "I am the child or young person the complaint is about"),
    (Relationship.PARENT, "A parent"),
    (Relationship.PARENTAL_RESPONSIBILITY, "Someone else with parental responsibility, like a legal guardian"),
    (Relationship.FAMILY, "Another family member, like a grandparent, aunt or uncle"),
    (Relationship.FOSTER_CARER, "A foster carer"),
    (Relationship.SPECIAL_GUARDIAN, "A special guardian"),
    (Relationship.ADOPTER, "An adopter or prospective adopter"),
    (Relationship.ADVOCATE, "An advocate, complaining for a child or young person"),
    (Relationship.PROFESSIONAL, "A professional, like a teacher, nurse or youth worker"),
    (Relationship.OTHER, "Someone else"),
]
YOUNG_RELATIONSHIPS = [
    (Relationship.CHILD, "It is about me"),
    (Relationship.FAMILY, "It is about my brother, sister or someone else in my family"),
    (Relationship.OTHER, "It is about a friend or someone else"),
]


class RelationshipForm(PublicForm):
    relationship = radios(ADULT_RELATIONSHIPS)
    WORDING = {
        ADULT: {"relationship": Wording(
            "Who are you?", short="Who you are",
            hint="If you are complaining for a child or young person, choose how you know them.",
            required="Select who you are")},
        YOUNG: {"relationship": Wording(
            "Is this about you or someone else?", short="Who it is about",
            required="Choose if this is about you or someone else")},
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.version == YOUNG:
            self.fields["relationship"].choices = YOUNG_RELATIONSHIPS


class RelationshipDetailForm(PublicForm):
    relationship_detail = text_field(max_length=200)
    WORDING = {
        ADULT: {"relationship_detail": Wording(
            "How do you know the child or young person?", short="How you know them",
            hint="For example, a family friend or neighbour. The complaints team will decide whether you "
                 "can make this complaint for them, and will ask what they think.",
            required="Enter how you know the child or young person",
            too_long="How you know them must be 200 characters or fewer")},
        YOUNG: {"relationship_detail": Wording(
            "How do you know them?", short="How you know them", hint="For example, they are my friend.",
            required="Tell us how you know them", too_long="Please use 200 characters or fewer")},
    }


class NameForm(PublicForm):
    first_name = name_field(autocomplete="given-name")
    last_name = name_field(autocomplete="family-name", required=False)
    TITLE = {ADULT: "What is your name?"}
    WORDING = {
        ADULT: {
            "first_name": Wording("First name", short="First name", required="Enter your first name",
                                  invalid=NAMES_ADULT.format("First name"),
                                  too_long="First name must be 100 characters or fewer"),
            "last_name": Wording("Last name", short="Last name", required="Enter your last name",
                                 invalid=NAMES_ADULT.format("Last name"),
                                 too_long="Last name must be 100 characters or fewer"),
        },
        YOUNG: {
            "first_name": Wording("First name", short="First name", required="Tell us your first name",
                                  invalid=NAMES_YOUNG, too_long="Please use 100 characters or fewer"),
            "last_name": Wording("Last name (optional)", short="Last name", invalid=NAMES_YOUNG,
                                 too_long="Please use 100 characters or fewer"),
        },
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Adults give their full name; a child may give just a first name.
        self.fields["last_name"].required = self.version == ADULT


def _check_birth_date(value: date | None, *, today: date, name: str) -> date | None:
    if value and value > today:
        raise forms.ValidationError(f"{name} must be in the past")
    if value and value.year < 1900:
        raise forms.ValidationError(f"{name} must be 1 January 1900 or later")
    return value


class OwnBirthDateForm(PublicForm):
    """The child or young person's own date of birth, when they complain themselves."""

    child_date_of_birth = PublicDateField()
    WORDING = {
        ADULT: {"child_date_of_birth": Wording(
            "What is your date of birth? (optional)", short="Date of birth",
            hint="For example, 27 3 2010. It helps us find the right records.")},
        YOUNG: {"child_date_of_birth": Wording(
            "What is your date of birth? (optional)", short="Date of birth",
            hint="For example, 27 3 2013. It helps us find the right records. You do not have to tell us.")},
    }

    def clean_child_date_of_birth(self) -> date | None:
        return _check_birth_date(self.cleaned_data.get("child_date_of_birth"), today=self.today, name="Date of birth")


class ChildForm(PublicForm):
    """The child or young person someone else complains about."""

    child_first_name = name_field()
    child_last_name = name_field(required=False)
    child_date_of_birth = PublicDateField()
    TITLE = {ADULT: "Which child or young person is your complaint about?", YOUNG: "Who is it about?"}
    INTRO = {ADULT: "If it is about more than one child, tell us about the others when you say what happened."}
    WORDING = {
        ADULT: {
            "child_first_name": Wording("Their first name", short="Child's first name",
                                        required="Enter the child or young person's first name",
                                        invalid=NAMES_ADULT.format("Their first name"),
                                        too_long="Their first name must be 100 characters or fewer"),
            "child_last_name": Wording("Their last name (optional)", short="Child's last name",
                                       invalid=NAMES_ADULT.format("Their last name"),
                                       too_long="Their last name must be 100 characters or fewer"),
            "child_date_of_birth": Wording("Their date of birth (optional)", short="Date of birth",
                                           hint="For example, 27 3 2012."),
        },
        YOUNG: {
            "child_first_name": Wording("Their first name", short="Their first name",
                                        required="Tell us their first name", invalid=NAMES_YOUNG,
                                        too_long="Please use 100 characters or fewer"),
            "child_last_name": Wording("Their last name (optional)", short="Their last name", invalid=NAMES_YOUNG,
                                       too_long="Please use 100 characters or fewer"),
            "child_date_of_birth": Wording("Their date of birth (optional)", short="Date of birth",
                                           hint="For example, 27 3 2012. Leave this out if you do not know."),
        },
    }

    def clean_child_date_of_birth(self) -> date | None:
        return _check_birth_date(self.cleaned_data.get("child_date_of_birth"), today=self.today, name="Date of birth")


# Complaints: what happened ---------------------------------------------------------------------------

class WhatHappenedForm(PublicForm):
    what_happened = text_field(max_length=TEXT_MAX, rows=10)
    WORDING = {
        ADULT: {"what_happened": Wording(
            "What happened?", short="What happened",
            hint="Tell us what went wrong, when it happened and who was involved, if you know. You can send "
                 "documents or photos later in the form.",
            required="Enter what happened", too_long=f"What happened must be {TEXT_MAX:,} characters or fewer")},
        YOUNG: {"what_happened": Wording(
            "What has happened?", short="What happened",
            hint="Tell us in your own words. You can write as much or as little as you like.",
            required="Tell us what has happened", too_long=f"That is too long. Please use {TEXT_MAX:,} characters or fewer")},
    }


class OutcomeForm(PublicForm):
    desired_outcome = text_field(max_length=OUTCOME_MAX, rows=6)
    WORDING = {
        ADULT: {"desired_outcome": Wording(
            "What would you like to happen?", short="What you would like to happen",
            hint="For example, an apology, an explanation, a decision looked at again, or something put right.",
            required="Enter what you would like to happen",
            too_long=f"What you would like to happen must be {OUTCOME_MAX:,} characters or fewer")},
        YOUNG: {"desired_outcome": Wording(
            "What would you like to happen now?", short="What you would like to happen",
            hint="For example, someone to say sorry, or something to change.",
            required="Tell us what you would like to happen",
            too_long=f"That is too long. Please use {OUTCOME_MAX:,} characters or fewer")},
    }


ADVOCATE_CHOICES = {
    ADULT: [(AdvocateWish.YES, "Yes"), (AdvocateWish.NO, "No"), (AdvocateWish.NOT_SURE, "Not sure")],
    YOUNG: [(AdvocateWish.YES, "Yes, please"), (AdvocateWish.NO, "No, thank you"),
            (AdvocateWish.NOT_SURE, "I am not sure")],
}


class AdvocateForm(PublicForm):
    """The offer of an advocate, which every child or young person who complains must be made
    (s26A Children Act 1989)."""

    wants_advocate = radios(ADVOCATE_CHOICES[ADULT])

    def wording(self) -> dict[str, Wording]:
        about_self = self.answers.get("relationship") == Relationship.CHILD
        if self.version == YOUNG:
            return {"wants_advocate": Wording(
                "Would you like an advocate to help you?" if about_self else "Would they like an advocate to help them?",
                short="Advocate",
                hint="An advocate is someone who helps you say what you want. They are on your side and they do not "
                     "work for the people you are complaining about. It is free.",
                required="Choose yes, no or not sure")}
        return {"wants_advocate": Wording(
            "Would you like help from an advocate?" if about_self
            else "Would the child or young person like help from an advocate?",
            short="Advocate",
            hint="An advocate is someone independent who helps a child or young person say what they think and "
                 "want. It is free. Every child or young person who makes a complaint can have one.",
            required="Select yes if you would like an advocate, or no, or not sure" if about_self
            else "Select yes if they would like an advocate, or no, or not sure")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wants_advocate"].choices = ADVOCATE_CHOICES[YOUNG if self.version == YOUNG else ADULT]


class ContactMethodForm(PublicForm):
    contact_method = radios([(ContactMethod.EMAIL, "Email"), (ContactMethod.TELEPHONE, "Phone"),
                              (ContactMethod.LETTER, "Post")])
    WORDING = {
        ADULT: {"contact_method": Wording("How would you like us to contact you?", short="Contact by",
                                          required="Select how you would like us to contact you")},
        YOUNG: {"contact_method": Wording("How should we get in touch with you?", short="Get in touch by",
                                          required="Choose how we should get in touch with you")},
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.version == YOUNG:
            self.fields["contact_method"].choices = [
                (ContactMethod.EMAIL, "Email"), (ContactMethod.TELEPHONE, "Phone call"),
                (ContactMethod.LETTER, "A letter in the post")]


def phone_number(value: str, message: str) -> str:
    digits = re.sub(r"\D", "", value)
    if value and (not _PHONE.match(value) or not 10 <= len(digits) <= 15):
        raise forms.ValidationError(message)
    return value


def postcode(value: str, message: str) -> str:
    value = " ".join(value.upper().split())
    if value and not _POSTCODE.match(value):
        raise forms.ValidationError(message)
    if value and " " not in value:
        value = f"{value[:-3]} {value[-3:]}"
    return value


class ContactDetailsForm(PublicForm):
    """The detail for the way they chose is required; the others are optional."""

    email = forms.EmailField(max_length=254, required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
    telephone = text_field(max_length=40, autocomplete="tel", required=False, width="govuk-input--width-20")
    address = text_field(max_length=500, rows=3, autocomplete="street-address", required=False)
    postcode = text_field(max_length=10, autocomplete="postal-code", required=False, width="govuk-input--width-10")
    TITLE = {ADULT: "Your contact details", YOUNG: "How can we reach you?"}
    INTRO = {ADULT: "We will only use these to contact you about your complaint.",
             YOUNG: "We will only use these to talk to you about your complaint."}
    NEEDED = {ContactMethod.EMAIL: ("email",), ContactMethod.TELEPHONE: ("telephone",),
              ContactMethod.LETTER: ("address", "postcode")}
    WORDING = {
        ADULT: {
            "email": Wording("Email address", short="Email", required="Enter your email address",
                             invalid="Enter an email address in the correct format, like name@example.com",
                             too_long="Email address must be 254 characters or fewer"),
            "telephone": Wording("Phone number", short="Phone",
                                 hint="For international numbers include the country code.",
                                 required="Enter your phone number",
                                 invalid="Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192",
                                 too_long="Phone number must be 40 characters or fewer"),
            "address": Wording("Address", short="Address", hint="Leave out the postcode: it has its own box.",
                               required="Enter your address", too_long="Address must be 500 characters or fewer"),
            "postcode": Wording("Postcode", short="Postcode", required="Enter your postcode",
                                invalid="Enter a full UK postcode, like AA3 1AB",
                                too_long="Enter a full UK postcode, like AA3 1AB"),
        },
        YOUNG: {
            "email": Wording("Email address", short="Email", required="Tell us your email address",
                             invalid="Check your email address. It should look like name@example.com",
                             too_long="Please use 254 characters or fewer"),
            "telephone": Wording("Phone number", short="Phone", required="Tell us your phone number",
                                 invalid="Check your phone number. It should look like 07700 900 982",
                                 too_long="Please use 40 characters or fewer"),
            "address": Wording("Address", short="Address", hint="Leave out the postcode: it has its own box.",
                               required="Tell us your address", too_long="Please use 500 characters or fewer"),
            "postcode": Wording("Postcode", short="Postcode", required="Tell us your postcode",
                                invalid="Check your postcode. It should look like AA3 1AB",
                                too_long="Check your postcode. It should look like AA3 1AB"),
        },
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        needed = self.NEEDED.get(self.answers.get("contact_method"), ())
        for name in ("email", "telephone", "address", "postcode"):
            field = self.fields[name]
            field.required = name in needed
            if not field.required:
                field.label = f"{field.label} (optional)"

    def clean_telephone(self) -> str:
        return phone_number(self.cleaned_data.get("telephone", ""), self.fields["telephone"].error_messages["invalid"])

    def clean_postcode(self) -> str:
        return postcode(self.cleaned_data.get("postcode", ""), self.fields["postcode"].error_messages["invalid"])


class DocumentsForm(PublicForm):
    """One file at a time; the files already uploaded are listed above the box."""

    file = forms.FileField(required=False, widget=forms.FileInput, error_messages={
        "empty": "The selected file is empty", "invalid": "The selected file could not be read. Try again",
        "missing": "The selected file could not be read. Try again"})
    WORDING = {
        ADULT: {"file": Wording("Upload a file", short="Documents and photos")},
        YOUNG: {"file": Wording("Choose a file", short="Pictures and files")},
    }

    def raw(self) -> dict[str, str]:
        return {}  # the files themselves are kept as the draft's attachments

    def answers_given(self) -> dict[str, Any]:
        return {}

    def summary(self) -> list[tuple[str, str]]:
        return []  # the view lists the files
