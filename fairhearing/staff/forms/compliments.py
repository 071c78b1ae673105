"""Forms of the compliments pages, and what the three lists of records kept besides complaints
(compliments, Members' enquiries, initial feedback) share: the filter panel's team and dates, and
the small fields every one of their forms uses.

Forms check what a person can put right on the page (a missing or impossible date, an empty box);
the business rules stay in the kind services, whose refusals the views show in the same error
summary with what was typed kept. Logging a compliment is one short page, the commonest answers
first, so it takes under a minute.
"""

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from fairhearing.accounts.models import Team
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.cases.models import Compliment
from fairhearing.core.dates import long_date
from fairhearing.core.forms import GovukDateField

from .intake import OptionalDateField

# The officer types someone else's details: the browser must not offer the officer's own.
OFF = {"autocomplete": "off"}


def choose(what: str) -> dict[str, str]:
    return {"invalid_choice": f"Choose {what} from the list"}


def date_hint(today: date, extra: str = "") -> str:
    return f"For example, {today.day} {today.month} {today.year}.{' ' + extra if extra else ''}"


def date_field(label: str, *, today: date, required: bool = True, hint: str = "") -> GovukDateField:
    """A GOV.UK three-box date with today's date as the example (optional ones say so)."""
    if required:
        return GovukDateField(label=label, help_text=date_hint(today, hint))
    return OptionalDateField(label=label, help_text=date_hint(today, hint))


def text_field(label: str, *, message: str = "", hint: str = "", rows: int = 0, max_length: int | None = None,
               attrs: dict[str, str] | None = None) -> forms.CharField:
    """A text box (or an area of ``rows`` rows); required when ``message`` (its error when empty) is given."""
    widget = forms.Textarea(attrs={"rows": rows, **(attrs or {})}) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(
        label=label, required=bool(message), help_text=hint, widget=widget, max_length=max_length,
        error_messages={"required": message, "max_length": f"{label.removesuffix(' (optional)')} must be "
                                                           f"{max_length} characters or fewer"},
    )


def radios(label: str, choices: Any, message: str, *, hint: str = "", required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, help_text=hint, required=required,
        error_messages={"required": message, "invalid_choice": message},
    )


def team_field(label: str, message: str, *, current: Team | None = None) -> forms.ModelChoiceField:
    """Teams in use, plus the record's own team if it has since been retired."""
    rule = Q(is_active=True) | Q(pk=current.pk) if current is not None else Q(is_active=True)
    return forms.ModelChoiceField(
        label=label, queryset=Team.objects.filter(rule), empty_label="Select a team",
        error_messages={"required": message, "invalid_choice": message},
    )


def name_fields(who: str) -> dict[str, forms.CharField]:
    """First and last name boxes for someone who may be left unnamed."""
    return {
        "first_name": text_field(f"{who}: first name (optional)", max_length=100, attrs=OFF),
        "last_name": text_field(f"{who}: last name (optional)", max_length=100, attrs=OFF),
    }


class RecordFilterForm(forms.Form):
    """The filter panel of a list of records. Bound to the query string; a filter that fails
    validation is left out (with a message) and the others still apply."""

    team = forms.ChoiceField(label="Team", required=False, error_messages=choose("a team"))
    received_from = GovukDateField(label="Received from", required=False, help_text="For example, 4 1 2022")
    received_to = GovukDateField(label="Received to", required=False, help_text="For example, 31 3 2022")

    def __init__(self, data: Any, *, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        self.fields["team"].choices = [
            ("", "Any team"), *[(str(pk), name) for pk, name in Team.objects.values_list("pk", "name")],
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", "Received to must be the same as or after received from")
        return cleaned

    def apply(self, queryset: QuerySet) -> QuerySet:
        """The records that pass every filter that could be read."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("team"):
            queryset = queryset.filter(team_id=int(data["team"]))
        if data.get("received_from"):
            queryset = queryset.filter(received_on__gte=data["received_from"])
        if data.get("received_to"):
            queryset = queryset.filter(received_on__lte=data["received_to"])
        return self.apply_own(queryset, data)

    def apply_own(self, queryset: QuerySet, data: dict[str, Any]) -> QuerySet:
        """A kind's own filters (source, status...)."""
        return queryset

    def describe(self) -> list[str]:
        """The filters in use, in words ("Team: Fostering")."""
        self.is_valid()
        parts = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, "", [], ()):
                continue
            if isinstance(value, date):
                shown = long_date(value)
            else:
                labels = dict(getattr(field, "choices", ()))
                values = value if isinstance(value, list | tuple) else [value]
                shown = ", ".join(str(labels.get(item, item)) for item in values)
            parts.append(f"{field.label}: {shown}")
        return parts


QUOTABLE, TO_PREPARE, NO_CONSENT = "yes", "to_prepare", "no"
QUOTE_CHOICES = [
    ("", "Any"),
    (QUOTABLE, "Yes: consent given and quotation prepared"),
    (TO_PREPARE, "Consent given, quotation still to prepare"),
    (NO_CONSENT, "No consent to quote"),
]


class ComplimentFilterForm(RecordFilterForm):
    source = forms.ChoiceField(label="From", required=False, choices=[("", "Anyone"), *ComplimentSource.choices],
                               error_messages=choose("who gave the compliment"))
    quote = forms.ChoiceField(label="May be quoted in reports", required=False, choices=QUOTE_CHOICES,
                              widget=forms.RadioSelect, error_messages=choose("whether it may be quoted"))

    def apply_own(self, queryset: QuerySet, data: dict[str, Any]) -> QuerySet:
        if data.get("source"):
            queryset = queryset.filter(source=data["source"])
        quote = data.get("quote")
        if quote == QUOTABLE:
            queryset = queryset.quotable()
        elif quote == TO_PREPARE:
            queryset = queryset.filter(consent_to_quote=True, quotation="")
        elif quote == NO_CONSENT:
            queryset = queryset.filter(consent_to_quote=False)
        return queryset


class ComplimentForm(forms.Form):
    """Logging a compliment (and, with the date shared, changing one). The commonest fields first."""

    received_on = GovukDateField(label="Date received")
    team = forms.ModelChoiceField(queryset=Team.objects.none())
    source = radios("Who gave the compliment?", ComplimentSource.choices, "Select who gave the compliment")
    words = text_field("What did they say?", message="Enter what they said", rows=4,
                       hint="As they said it. Names are taken out before it can be quoted.")
    consent_to_quote = forms.BooleanField(
        label="They agreed to be quoted in reports, with names taken out", required=False,
    )
    channel = radios("How did it arrive?", Channel.choices, "Select how the compliment arrived")
    about = text_field("Who or what is it about? (optional)", max_length=200, hint="For example, social worker.")

    def __init__(self, *args: Any, today: date, compliment: Compliment | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.compliment = compliment
        self.fields["received_on"].help_text = date_hint(today)
        self.fields["team"] = team_field("Team or service area", "Select the team or service area",
                                         current=compliment.team if compliment else None)
        if compliment is None:
            self.fields["received_on"].initial = today
        else:
            self.fields["shared_with_team_on"] = date_field("Date shared with the team", today=today,
                                                            required=False)
        if compliment is None or compliment.person_id is None:
            names = name_fields("Name of the person who gave it")
            self.fields["person_first_name"] = names["first_name"]
            self.fields["person_last_name"] = names["last_name"]
            self.fields["person_first_name"].help_text = "If they gave it. Leave empty if they did not."

    def record_fields(self) -> dict[str, Any]:
        """The answers the compliment services take, without the person's name."""
        return {name: value for name, value in self.cleaned_data.items() if not name.startswith("person_")}

    def person_name(self) -> tuple[str, str]:
        return self.cleaned_data.get("person_first_name", ""), self.cleaned_data.get("person_last_name", "")


class QuotationForm(forms.Form):
    """The quotation as the officer confirms it, and other names the suggestion should take out."""

    quotation = text_field(
        "Quotation", message="Enter the quotation, with names replaced by X", rows=6,
        hint="Check every name has become X, including the names of staff and other children.",
    )
    other_names = text_field(
        "Other names to take out (optional)", max_length=500, attrs=OFF,
        hint="For example, the social worker's name. Separate names with commas, then choose "
             "‘Suggest the quotation again’.",
    )

    def extra_names(self) -> list[str]:
        text = self.cleaned_data.get("other_names", "") if hasattr(self, "cleaned_data") else ""
        return [name.strip() for name in text.split(",") if name.strip()]


class SharedForm(forms.Form):
    shared_with_team_on = GovukDateField(label="Date shared with the team")

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shared_with_team_on"].help_text = date_hint(today)
