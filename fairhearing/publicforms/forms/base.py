"""The question pages of the public forms: one question (or one small group) per page, worded for
an adult or, in the young person's form, in plain words a 10-year-old can follow.

Every page's form is a ``PublicForm``: it carries the honeypot (a box people never see or reach,
which only robots fill in), takes its wording for the form version, and knows the answers given on
earlier pages (so the advocate question can say "you" or "they", and the contact details page
asks for the detail the person chose). Error messages follow GOV.UK's patterns and say how to put
the answer right.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator

from fairhearing.core.dates import long_date
from fairhearing.core.forms import GovukDateField

from ..choices import FormVersion

ADULT, YOUNG = FormVersion.ADULT.value, FormVersion.YOUNG_PERSON.value
HONEYPOT = "website"
NOT_GIVEN = "Not given"


@dataclass(frozen=True)
class Wording:
    """What one field says: its question, hint, the words on the check answers page (``short``),
    and its error messages."""

    label: str
    short: str = ""
    hint: str = ""
    required: str = ""
    invalid: str = ""
    too_long: str = ""


class PublicDateField(GovukDateField):
    """An optional three-box date whose question (the legend) differs from the name its error
    messages use ("Date of birth must include a month")."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(label="Date", required=False, **kwargs)
        self.name_in_errors = "Date"

    def compress(self, data_list: list[str]) -> date | None:
        question, self.label = self.label, self.name_in_errors
        try:
            return super().compress(data_list)
        finally:
            self.label = question


class PublicForm(forms.Form):
    """One page of a public form. ``version`` picks the wording; ``answers`` holds the cleaned
    answers of the pages before this one; ``today`` is the council's date."""

    # The honeypot: hidden from sight, from screen readers and from the keyboard (see
    # publicforms/_honeypot.html). A person never fills it in; a robot filling every box does.
    website = forms.CharField(required=False, max_length=500, label="Leave this box empty")

    WORDING: ClassVar[dict[str, dict[str, Wording]]] = {}
    # The page's heading when it asks more than one question.
    TITLE: ClassVar[dict[str, str]] = {}
    INTRO: ClassVar[dict[str, str]] = {}

    def __init__(self, data: Any = None, files: Any = None, *, version: str = ADULT,
                 answers: dict[str, Any] | None = None, today: date, **kwargs: Any) -> None:
        super().__init__(data, files, use_required_attribute=False, **kwargs)
        self.version = version
        self.answers = answers or {}
        self.today = today
        for name, wording in self.wording().items():
            field = self.fields[name]
            field.label = wording.label
            if isinstance(field, PublicDateField):
                field.name_in_errors = wording.short or "Date"
            field.help_text = wording.hint
            messages = {"required": wording.required, "invalid": wording.invalid, "invalid_choice": wording.required,
                        "max_length": wording.too_long}
            field.error_messages.update({key: text for key, text in messages.items() if text})

    def wording(self) -> dict[str, Wording]:
        return self.WORDING.get(self.version) or self.WORDING.get(ADULT, {})

    @property
    def title(self) -> str:
        """The page's heading: the question itself on a page with one question."""
        if self.TITLE:
            return self.TITLE.get(self.version) or self.TITLE[ADULT]
        return str(self.questions[0].label)

    @property
    def intro(self) -> str:
        return self.INTRO.get(self.version, "") if self.INTRO else ""

    @property
    def questions(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != HONEYPOT]

    @property
    def single_question(self) -> bool:
        return not self.TITLE

    def caught(self) -> bool:
        """Whether the honeypot was filled in: only a robot does that."""
        return bool(self.is_bound and str(self.data.get(HONEYPOT, "")).strip())

    def raw(self) -> dict[str, str]:
        """What was posted for this page's questions, as text, to keep in the session and bind
        again later (a date is kept as its three boxes)."""
        kept = {}
        for name, field in self.fields.items():
            if name == HONEYPOT:
                continue
            keys = ([f"{self.add_prefix(name)}{suffix}" for suffix in field.widget.widgets_names]
                    if isinstance(field.widget, forms.MultiWidget) else [self.add_prefix(name)])
            for key in keys:
                kept[key] = str(self.data.get(key, ""))
        return kept

    def initial_from_raw(self, raw: dict[str, str]) -> dict[str, Any]:
        """Initial values that show ``raw`` (as kept by :meth:`raw`) in the page's boxes."""
        initial: dict[str, Any] = {}
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.MultiWidget):
                initial[name] = [raw.get(f"{self.add_prefix(name)}{suffix}", "") for suffix in field.widget.widgets_names]
            elif self.add_prefix(name) in raw:
                initial[name] = raw[self.add_prefix(name)]
        return initial

    def answers_given(self) -> dict[str, Any]:
        """The cleaned answers of this page."""
        return {name: value for name, value in self.cleaned_data.items() if name != HONEYPOT}

    def summary(self) -> list[tuple[str, str]]:
        """The rows this page adds to the check answers page: (what was asked, the answer)."""
        rows = []
        for field in self.questions:
            wording = self.wording().get(field.name)
            value = self.cleaned_data.get(field.name)
            rows.append((wording.short if wording and wording.short else str(field.label), display(field.field, value)))
        return rows


def display(field: forms.Field, value: Any) -> str:
    """An answer as the check answers page shows it."""
    if value in (None, ""):
        return NOT_GIVEN
    if isinstance(value, date):
        return long_date(value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)


def text_field(*, max_length: int, rows: int = 0, autocomplete: str = "", required: bool = True,
               spellcheck: bool | None = None, width: str = "") -> forms.CharField:
    """A text box (or an area of ``rows`` rows). ``width`` is a GOV.UK width class, e.g.
    "govuk-input--width-10"."""
    attrs: dict[str, str] = {"class": width} if width else {}
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    if spellcheck is not None:
        attrs["spellcheck"] = "true" if spellcheck else "false"
    widget = forms.Textarea(attrs={"rows": str(rows), **attrs}) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(max_length=max_length, required=required, widget=widget, strip=True)


# What a person's name may hold besides letters (of any alphabet, with their accents): spaces,
# hyphens, apostrophes (typed straight or curly) and full stops. Nothing else, so a name cannot
# carry a web or email address (":", "/", "@"), markup ("<", ">") or a line break into the emails
# and letters it is merged into.
_NAME_MARKS = frozenset(" -'\u2019\u2018.\u2010\u2011")  # curly apostrophes; Unicode hyphens

# The messages for a name with anything else: "{}" is the field's name, as in "First name must ...".
NAMES_ADULT = "{} must only include letters, spaces, hyphens, apostrophes and full stops"
NAMES_YOUNG = "Please use only letters, spaces, dashes (-), apostrophes (') and full stops (.)"


def validate_person_name(value: str) -> None:
    """Refuse a name with anything but letters, spaces, hyphens, apostrophes and full stops. The
    field's "invalid" message (from its Wording) says so in the form's own voice."""
    if any(char not in _NAME_MARKS and unicodedata.category(char)[0] not in "LM" for char in value):
        raise ValidationError("Names must only include letters, spaces, hyphens, apostrophes and full stops",
                              code="invalid")


def name_field(*, autocomplete: str = "", required: bool = True) -> forms.CharField:
    """A box for part of a person's name: up to 100 characters, letters and the marks names use."""
    field = text_field(max_length=100, autocomplete=autocomplete, spellcheck=False, required=required)
    # The name check refuses null characters too, with the field's own words rather than Django's.
    field.validators = [validator for validator in field.validators
                        if not isinstance(validator, ProhibitNullCharactersValidator)] + [validate_person_name]
    return field


def radios(choices: Any) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
