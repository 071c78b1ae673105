"""Forms of the "Log a complaint" page, in the order an officer takes a telephone call.

The page is several small forms (how it arrived, the complainant, one per child, the complaint,
the duplicate check) posted together; ``ComplaintLogForms`` holds them, checks what spans more
than one (a statutory complaint needs a child; the problem cannot postdate the complaint) and turns
them into the service's ``ComplaintLogInput``. Hints double as the telephone script ("Ask: ...").
"""

import re
from datetime import date
from typing import Any

from django import forms

from fairhearing.accounts.models import Team, User
from fairhearing.cases.choices import Channel, ChildConsent, EligibilityBasis, ProcedureKind
from fairhearing.cases.intake import (
    ChildInput,
    ComplainantInput,
    ComplaintLogInput,
    MonitoringInput,
    assignable_officers,
    complaint_is_late,
)
from fairhearing.cases.models import Procedure, Theme
from fairhearing.core.forms import GovukDateField
from fairhearing.people import choices as people

MAX_CHILDREN = 6
POINT_BOXES = 6
_PHONE = re.compile(r"^\+?[\d\s().-]+$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")
NOT_ASKED = ("", "Not asked")
# The officer types someone else's details: the browser must not offer the officer's own.
_OFF = {"autocomplete": "off"}


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class OptionalDateField(GovukDateField):
    """A three-box date that may be left blank: '(optional)' in its legend, not in its errors."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        super().__init__(label=label, required=False, **kwargs)
        self.name_in_errors, self.label = label, f"{label} (optional)"

    def compress(self, data_list: list[str]) -> date | None:
        shown, self.label = self.label, self.name_in_errors
        try:
            return super().compress(data_list)
        finally:
            self.label = shown


def _not_in_future(value: date | None, *, today: date, message: str) -> date | None:
    if value and value > today:
        raise forms.ValidationError(message)
    return value


class ReceiptForm(forms.Form):
    """How and when the complaint arrived. The date received starts every clock."""

    channel = forms.ChoiceField(
        label="How did the complaint arrive?", choices=Channel.choices, widget=forms.RadioSelect,
        error_messages=_required("Select how the complaint arrived"),
    )
    received_on = GovukDateField(
        label="Date received",
        help_text="For example, 27 3 2026. Letters and emails count from the day they arrived, "
        "not the day they were opened.",
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["received_on"].initial = today

    def clean_received_on(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("received_on"), today=self.today,
                              message="Date received must be today or in the past")


class ComplainantForm(forms.Form):
    """The person complaining and how they want to be contacted."""

    first_name = forms.CharField(label="First name", max_length=100, widget=forms.TextInput(_OFF),
                                 error_messages=_required("Enter the complainant's first name"))
    last_name = forms.CharField(label="Last name (optional)", max_length=100, required=False,
                                widget=forms.TextInput(_OFF))
    relationship = forms.ChoiceField(
        label="Relationship to the child", choices=[("", "Select a relationship"), *people.Relationship.choices],
        help_text="Ask: what is your relationship to the child?",
        error_messages=_required("Select the complainant's relationship to the child"),
    )
    email = forms.EmailField(
        label="Email address", required=False, max_length=254,
        widget=forms.EmailInput({**_OFF, "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    telephone = forms.CharField(label="Telephone number", required=False, max_length=40,
                                widget=forms.TextInput({**_OFF, "type": "tel"}))
    address = forms.CharField(label="Address", required=False, widget=forms.Textarea({**_OFF, "rows": 3}),
                              help_text="Leave out the postcode: it has its own box.")
    postcode = forms.CharField(label="Postcode", required=False, max_length=10, widget=forms.TextInput(_OFF))
    contact_preference = forms.ChoiceField(
        label="How would they like us to contact them?", choices=people.ContactPreference.choices,
        widget=forms.RadioSelect, initial=people.ContactPreference.EMAIL,
        help_text="Ask: how would you like us to get in touch?",
        error_messages=_required("Select how they would like to be contacted"),
    )

    def clean_telephone(self) -> str:
        number = self.cleaned_data["telephone"].strip()
        digits = re.sub(r"\D", "", number)
        if number and (not _PHONE.match(number) or not 10 <= len(digits) <= 15):
            raise forms.ValidationError(
                "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
            )
        return number

    def clean_postcode(self) -> str:
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if postcode and not _POSTCODE.match(postcode):
            raise forms.ValidationError("Enter a real postcode, like AA3 1AB")
        return postcode

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needed = {
            people.ContactPreference.EMAIL: ("email", "an email address"),
            people.ContactPreference.TELEPHONE: ("telephone", "a telephone number"),
            people.ContactPreference.TEXT: ("telephone", "a telephone number"),
            people.ContactPreference.LETTER: ("address", "an address"),
        }.get(data.get("contact_preference"))
        if needed and needed[0] not in self.errors and not data.get(needed[0]):
            self.add_error(needed[0], f"Enter {needed[1]}, or choose another way to contact them")
        return data

    def as_input(self) -> ComplainantInput:
        return ComplainantInput(**self.cleaned_data)


class ChildForm(forms.Form):
    """One child the complaint is about, with optional equality monitoring. A block left blank is
    ignored (the form is ``empty_permitted``)."""

    first_name = forms.CharField(label="First name", max_length=100, widget=forms.TextInput(_OFF),
                                 error_messages=_required("Enter the child's first name"))
    last_name = forms.CharField(label="Last name (optional)", max_length=100, required=False,
                                widget=forms.TextInput(_OFF))
    date_of_birth = OptionalDateField(label="Date of birth", help_text="For example, 31 8 2012.")
    legal_status = forms.ChoiceField(
        label="Legal status", required=False,
        choices=[("", "Other or not known"), *(c for c in people.LegalStatus.choices if c[0] != people.LegalStatus.OTHER)],
        help_text="Ask: is the child in care, on a plan, or a care leaver?",
    )
    case_system_id = forms.CharField(
        label="Case system ID (optional)", required=False, max_length=50,
        help_text="The child's ID in the social care case system, for reference only.",
    )
    gender = forms.ChoiceField(label="Gender", required=False, choices=[NOT_ASKED, *people.Gender.choices])
    ethnicity = forms.ChoiceField(label="Ethnicity", required=False, choices=[NOT_ASKED, *people.Ethnicity.choices])
    disability = forms.ChoiceField(label="Disability", required=False, choices=[NOT_ASKED, *people.Disability.choices])
    religion = forms.ChoiceField(label="Religion", required=False, choices=[NOT_ASKED, *people.Religion.choices])
    prefer_not_to_say = forms.BooleanField(label="They prefer not to say", required=False)

    MONITORING = ("gender", "ethnicity", "disability", "religion")

    def __init__(self, *args: Any, number: int, today: date, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"child-{number}")
        super().__init__(*args, empty_permitted=True, use_required_attribute=False, **kwargs)
        self.number = number
        self.today = today

    @property
    def is_used(self) -> bool:
        """Anything typed or chosen in this child's boxes."""
        return self.is_bound and self.has_changed()

    def clean_date_of_birth(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("date_of_birth"), today=self.today,
                              message="Date of birth must be today or in the past")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("prefer_not_to_say") and any(data.get(name) for name in self.MONITORING):
            self.add_error("prefer_not_to_say",
                           "Either tick 'They prefer not to say' or give their answers, not both")
        return data

    def as_input(self) -> ChildInput:
        data = self.cleaned_data
        monitoring = None
        if data["prefer_not_to_say"]:
            monitoring = MonitoringInput.declined()
        elif any(data[name] for name in self.MONITORING):
            defaults = MonitoringInput()
            monitoring = MonitoringInput(**{name: data[name] or getattr(defaults, name) for name in self.MONITORING})
        return ChildInput(
            first_name=data["first_name"], last_name=data["last_name"], date_of_birth=data["date_of_birth"],
            legal_status=data["legal_status"] or people.LegalStatus.OTHER, case_system_id=data["case_system_id"],
            monitoring=monitoring,
        )


class DetailsForm(forms.Form):
    """What the complaint is about, which procedure it goes to and who holds it."""

    summary = forms.CharField(
        label="What is the complaint about?", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ask: what has happened, and what would you like to happen now?",
        error_messages=_required("Enter what the complaint is about"),
    )
    grounds_arose_on = OptionalDateField(
        label="Date the problem happened",
        help_text="Ask: when did this happen? Leave blank if they are not sure. More than a year "
        "before the date received makes it a late complaint: it can still be accepted, but someone "
        "must decide.",
    )
    procedure = forms.ModelChoiceField(
        label="Which procedure does it go to?", widget=forms.RadioSelect,
        queryset=Procedure.objects.filter(is_active=True).order_by("kind", "name"),
        error_messages=_required("Select the procedure the complaint goes to"),
    )
    routing_reason = forms.CharField(
        label="Why this procedure?", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: 'about services to a child in need (Children Act 1989, Part 3)'.",
        error_messages=_required("Enter why the complaint goes to this procedure"),
    )
    eligibility_basis = forms.ChoiceField(
        label="Who may complain: on what basis?", choices=EligibilityBasis.choices, widget=forms.RadioSelect,
        help_text="For the children's statutory procedure. Someone with 'sufficient interest' needs a "
        "decision later.",
        error_messages=_required("Select the basis on which they may complain"),
    )
    child_consent = forms.ChoiceField(
        label="Does the child agree to the complaint?", choices=ChildConsent.choices, widget=forms.RadioSelect,
        help_text="Ask, if they complain for a child: does the child know, and do they agree?",
        error_messages=_required("Select whether the child agrees to the complaint"),
    )
    teams = forms.ModelMultipleChoiceField(
        label="Teams the complaint is about (optional)", required=False, queryset=Team.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes (optional)", required=False, queryset=Theme.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.",
    )
    assigned_to = forms.ModelChoiceField(
        label="Who will handle it?", required=False, queryset=User.objects.none(),
        empty_label="Not allocated yet",
    )

    def __init__(self, *args: Any, user: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        points = {
            f"point_{n}": forms.CharField(label=f"Point {n}", required=False,
                                          widget=forms.Textarea(attrs={"rows": 2}))
            for n in range(1, POINT_BOXES + 1)
        }
        # The points go after the summary, in the page's order.
        ordered = list(self.fields.items())
        self.fields = dict([ordered[0], *points.items(), *ordered[1:]])
        self.fields["assigned_to"].queryset = assignable_officers(user)
        if user.is_authenticated:
            self.fields["assigned_to"].initial = user.pk

    @property
    def point_fields(self) -> list[forms.BoundField]:
        return [self[f"point_{n}"] for n in range(1, POINT_BOXES + 1)]

    def points(self) -> list[str]:
        return [text for n in range(1, POINT_BOXES + 1) if (text := self.cleaned_data.get(f"point_{n}", "").strip())]

    def clean_grounds_arose_on(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("grounds_arose_on"), today=self.today,
                              message="Date the problem happened must be today or in the past")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        procedure = data.get("procedure")
        if procedure and procedure.has_stages and not self.points():
            self.add_error("point_1", "Enter at least one point of complaint")
        return data


class DuplicateCheckForm(forms.Form):
    """The officer's confirmation that a complaint with likely duplicates is new. The fingerprint
    ties the tick to the matches that were shown."""

    duplicates_checked = forms.BooleanField(label="I have checked: this is a new complaint", required=False)
    duplicates_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def confirms(self, fingerprint: str) -> bool:
        data = self.cleaned_data
        return bool(data.get("duplicates_checked")) and data.get("duplicates_fingerprint") == fingerprint


class ComplaintLogForms:
    """Every form on the page, in page order, validated and read together."""

    def __init__(self, data: Any = None, *, user: Any, today: date, child_count: int = 1,
                 initial: dict[str, Any] | None = None) -> None:
        initial = initial or {}
        self.today = today
        self.receipt = ReceiptForm(data, today=today, initial=initial.get("receipt"))
        self.complainant = ComplainantForm(data, prefix="complainant", initial=initial.get("complainant"))
        self.children = [
            ChildForm(data, number=n, today=today, initial=initial.get(f"child-{n}"))
            for n in range(1, child_count + 1)
        ]
        self.details = DetailsForm(data, user=user, today=today, initial=initial.get("details"))
        self.duplicate_check = DuplicateCheckForm(data)
        self.page_errors: list[str] = []

    @property
    def forms(self) -> list[forms.Form]:
        return [self.receipt, self.complainant, *self.children, self.details, self.duplicate_check]

    @property
    def child_count(self) -> int:
        return len(self.children)

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.forms])  # a list: validate every form
        grounds = self.details.cleaned_data.get("grounds_arose_on")
        received = self.receipt.cleaned_data.get("received_on")
        if grounds and received and grounds > received:
            self.details.add_error("grounds_arose_on",
                                   "Date the problem happened must be the same as or before the date received")
            valid = False
        procedure = self.details.cleaned_data.get("procedure")
        if procedure and procedure.kind == ProcedureKind.CHILDREN_STATUTORY and not self.used_children:
            self.children[0].add_error(
                "first_name", "Enter the child's first name: a statutory complaint is always about a child"
            )
            valid = False
        return valid and not self.page_errors

    @property
    def used_children(self) -> list[ChildForm]:
        return [child for child in self.children if child.is_used]

    @property
    def has_errors(self) -> bool:
        return bool(self.page_errors) or any(form.is_bound and form.errors for form in self.forms)

    def error_links(self) -> list[dict[str, str]]:
        """The GOV.UK error summary: errors not tied to a field as text, then each field's first
        error linking to it, in the order of the page."""
        links = [{"text": message, "href": ""} for message in self.page_errors]
        for form in self.forms:
            if not form.is_bound:
                continue
            label = f"Child {form.number}: " if isinstance(form, ChildForm) and self.child_count > 1 else ""
            links += [{"text": f"{label}{error}", "href": ""} for error in form.non_field_errors()]
            links += [
                {"text": f"{label}{field.errors[0]}", "href": f"#{field.auto_id}"}
                for field in form if field.errors
            ]
        return links

    @property
    def is_late(self) -> bool:
        """Made more than a year after the problem: warned about now, decided later (reg 9)."""
        received = getattr(self.receipt, "cleaned_data", {}).get("received_on")
        grounds = getattr(self.details, "cleaned_data", {}).get("grounds_arose_on")
        return bool(received and grounds) and complaint_is_late(received_on=received, grounds_arose_on=grounds)

    def as_input(self) -> ComplaintLogInput:
        """The service's input, from valid forms."""
        data = {**self.receipt.cleaned_data, **self.details.cleaned_data}
        copied = ("received_on", "channel", "procedure", "routing_reason", "summary", "grounds_arose_on",
                  "eligibility_basis", "child_consent", "assigned_to")
        return ComplaintLogInput(
            **{name: data[name] for name in copied},
            complainant=self.complainant.as_input(),
            children=[child.as_input() for child in self.used_children],
            points=self.details.points(), teams=list(data["teams"]), themes=list(data["themes"]),
        )

    def kept(self, *, user: Any, child_count: int) -> "ComplaintLogForms":
        """The same answers in fresh, unvalidated forms, e.g. after 'Add another child': nothing
        typed is lost and no errors are shown for a page the user has not finished."""
        sections = {"receipt": self.receipt, "complainant": self.complainant, "details": self.details}
        sections |= {f"child-{child.number}": child for child in self.children}
        initial = {key: {name: form[name].value() for name in form.fields} for key, form in sections.items()}
        return ComplaintLogForms(user=user, today=self.today, child_count=child_count, initial=initial)
