"""The report form: which report, for which period, compared with what, in which version.

The form is sent with GET, so a report's address can be bookmarked and shared. Once chosen, a
report's address names its period by key (``period=fy2021``; periods.py lists the keys) rather
than by the boxes of the form, which keeps addresses short and stable; :func:`report_query` writes
that address and :func:`query_with_period_fields` turns it back into the form's boxes, so "Change
these options" opens the form as the report was chosen. Nothing in either is personal data.

Every message names what is wrong and how to put it right (GOV.UK error message style), and a
form sent back keeps what was typed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict

from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError
from fairhearing.core.forms import GovukDateField
from fairhearing.reports.periods import MAX_COMPARISONS, Period, PeriodKind
from fairhearing.reports.report import DEFAULT_THRESHOLD, ReportKind, ReportOptions, Scope

# Records before this are not expected; a bookmarked key for an earlier year still works.
FIRST_FINANCIAL_YEAR = 2000
MIN_THRESHOLD, MAX_THRESHOLD = 2, 10
INTERNAL, PUBLISHED = "internal", "published"
# The parameters of a report's address, in the order report_query writes them.
OPTION_PARAMETERS = ("kind", "period", "compare", "version", "threshold", "scope")

KIND_CHOICES = [
    (ReportKind.ANNUAL.value, "Annual report"),
    (ReportKind.OVERVIEW.value, "Six-month statistical overview"),
]
PERIOD_TYPE_CHOICES = [
    (PeriodKind.FINANCIAL_YEAR.value, "Financial year"),
    (PeriodKind.HALF_YEAR.value, "Half year"),
    (PeriodKind.QUARTER.value, "Quarter"),
    (PeriodKind.MONTH.value, "Month"),
    (PeriodKind.RANGE.value, "Date range"),
]
HALF_CHOICES = [("1", "April to September"), ("2", "October to March")]
QUARTER_CHOICES = [
    ("1", "Quarter 1: April to June"), ("2", "Quarter 2: July to September"),
    ("3", "Quarter 3: October to December"), ("4", "Quarter 4: January to March"),
]
MONTH_CHOICES = [(str(n), date(2000, n, 1).strftime("%B")) for n in range(1, 13)]
COMPARE_CHOICES = [("0", "None")] + [(str(n), str(n)) for n in range(1, MAX_COMPARISONS + 1)]
VERSION_CHOICES = [(INTERNAL, "Internal version"), (PUBLISHED, "Published version")]
SCOPE_CHOICES = [
    (Scope.STATUTORY.value, "Children’s statutory procedure only"),
    (Scope.ALL.value, "Statutory and corporate complaints about children’s services"),
]

# The boxes that hold each kind of period, so an error lands on the box that is wrong.
PERIOD_FIELDS = {
    PeriodKind.FINANCIAL_YEAR: ("fy_year",),
    PeriodKind.HALF_YEAR: ("h_year", "half"),
    PeriodKind.QUARTER: ("q_year", "quarter"),
    PeriodKind.MONTH: ("month", "month_year"),
    PeriodKind.RANGE: ("start", "end"),
}


def financial_year_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def _choice(label: str, choices: list[tuple[str, str]], message: str, *, widget: type = forms.Select,
            required: bool = False, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=widget, required=required, help_text=help_text,
        error_messages={"required": message, "invalid_choice": message},
    )


class ReportOptionsForm(forms.Form):
    """Which report to produce. ``user_may_see_internal`` decides whether the version is offered;
    without it the report is the published version."""

    kind = _choice(
        "Which report?", KIND_CHOICES, "Select which report to produce", widget=forms.RadioSelect, required=True,
    )
    period_type = _choice(
        "Which period?", PERIOD_TYPE_CHOICES, "Select the kind of period the report covers",
        widget=forms.RadioSelect,
        help_text="Choose one and fill in the boxes under it. Financial years, half years and quarters "
                  "start on 1 April.",
    )
    fy_year = _choice("Financial year", [], "Select the financial year")
    h_year = _choice("Financial year", [], "Select the financial year the half year is in")
    half = _choice("Half year", HALF_CHOICES, "Select which half of the year", widget=forms.RadioSelect)
    q_year = _choice("Financial year", [], "Select the financial year the quarter is in")
    quarter = _choice("Quarter", QUARTER_CHOICES, "Select which quarter")
    month = _choice("Month", MONTH_CHOICES, "Select the month")
    month_year = forms.CharField(label="Year", required=False, help_text="For example, 2022")
    start = GovukDateField(label="Start date", required=False, help_text="For example, 1 4 2021")
    end = GovukDateField(label="End date", required=False, help_text="For example, 31 3 2022")
    compare = _choice(
        "How many earlier periods to compare with?", COMPARE_CHOICES,
        f"Select how many earlier periods to compare with (0 to {MAX_COMPARISONS})",
        required=True,
        help_text="Periods of the same length just before this one, shown alongside it with the change "
                  "in number and per cent.",
    )
    version = _choice("Which version?", VERSION_CHOICES, "Select which version of the report",
                      widget=forms.RadioSelect, required=True)
    threshold = forms.CharField(
        label="Hide numbers smaller than", required=False,
        help_text=f"In tables about small groups of people, numbers from 1 up to one less than this are shown "
                  f"as, for example, “<{DEFAULT_THRESHOLD}”. Enter a number from {MIN_THRESHOLD} to "
                  f"{MAX_THRESHOLD}.",
    )
    scope = _choice("Which complaints?", SCOPE_CHOICES, "Select which complaints the report counts",
                    widget=forms.RadioSelect, required=True)

    def __init__(self, data: Any = None, *, today: date, user_may_see_internal: bool, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        self.may_see_internal = user_may_see_internal
        latest = Period.financial_year_containing(today).year
        years = [(str(y), financial_year_label(y)) for y in range(latest, FIRST_FINANCIAL_YEAR - 1, -1)]
        for name in ("fy_year", "h_year", "q_year"):
            self.fields[name].choices = years
        if not user_may_see_internal:
            del self.fields["version"]
        self.fields["month_year"].widget.attrs.update(inputmode="numeric", spellcheck="false")
        self.fields["threshold"].widget.attrs.update(inputmode="numeric", spellcheck="false")
        self.period: Period | None = None

    @classmethod
    def initial_for(cls, today: date) -> dict[str, Any]:
        """The usual choice: last complete financial year's annual report against the year before."""
        last_year = Period.financial_year_containing(today).previous()
        this_month = Period.month(today.year, today.month)
        return {
            "kind": ReportKind.ANNUAL.value, "period_type": PeriodKind.FINANCIAL_YEAR.value,
            "fy_year": str(last_year.year), "h_year": str(last_year.year), "q_year": str(last_year.year),
            "month": str(this_month.part), "month_year": str(this_month.year),
            "compare": "1", "version": INTERNAL, "threshold": str(DEFAULT_THRESHOLD),
            "scope": Scope.STATUTORY.value,
        }

    # Validation ---------------------------------------------------------------------------

    def clean_month_year(self) -> int | None:
        value = (self.cleaned_data.get("month_year") or "").strip()
        if not value:
            return None
        if not value.isdigit() or len(value) != 4:
            raise forms.ValidationError("Year must be a year in 4 numbers, like 2022")
        if int(value) < FIRST_FINANCIAL_YEAR:
            raise forms.ValidationError(f"Year must be {FIRST_FINANCIAL_YEAR} or later")
        return int(value)

    def clean_threshold(self) -> int:
        value = (self.cleaned_data.get("threshold") or "").strip()
        if not self._published():
            return DEFAULT_THRESHOLD  # the internal version hides nothing, so the box is not used
        if not value:
            raise forms.ValidationError(
                f"Enter the number below which numbers are hidden, from {MIN_THRESHOLD} to {MAX_THRESHOLD}")
        if not value.isdigit():
            raise forms.ValidationError(
                f"The number below which numbers are hidden must be a whole number, like {DEFAULT_THRESHOLD}")
        number = int(value)
        if not MIN_THRESHOLD <= number <= MAX_THRESHOLD:
            raise forms.ValidationError(
                f"The number below which numbers are hidden must be from {MIN_THRESHOLD} to {MAX_THRESHOLD}")
        return number

    def _published(self) -> bool:
        if not self.may_see_internal:
            return True
        return self.data.get("version") == PUBLISHED

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.period = self._clean_period(cleaned)
        return cleaned

    def _clean_period(self, cleaned: dict[str, Any]) -> Period | None:
        key = (self.data.get("period") or "").strip()
        if key:
            try:
                period = Period.from_key(key)
            except DomainError as error:
                self.add_error("period_type", _message(error))
                return None
            return self._check_started(period, "period_type")
        kind = cleaned.get("period_type")
        if not kind:
            if "period_type" not in self.errors:
                self.add_error("period_type", "Select the kind of period the report covers")
            return None
        names = PERIOD_FIELDS[PeriodKind(kind)]
        if any(name in self.errors for name in names):
            return None
        missing = [name for name in names if cleaned.get(name) in (None, "")]
        for name in missing:
            self.add_error(name, self.fields[name].error_messages["required"]
                           if name not in ("month_year", "start", "end") else _missing_message(name))
        if missing:
            return None
        values = [cleaned[name] for name in names]
        try:
            period = _period_of(PeriodKind(kind), values)
        except DomainError as error:
            self.add_error(names[-1], _message(error))
            return None
        return self._check_started(period, names[0])

    def _check_started(self, period: Period, field: str) -> Period | None:
        if period.start > self.today:
            self.add_error(field, f"The period must have started by today ({long_date(self.today)})")
            return None
        return period

    # Results ------------------------------------------------------------------------------

    def report_options(self) -> ReportOptions:
        """The valid choice as the report builder takes it."""
        assert self.period is not None, "call is_valid() first"
        data = self.cleaned_data
        published = not self.may_see_internal or data["version"] == PUBLISHED
        return ReportOptions(
            period=self.period, kind=ReportKind(data["kind"]), comparisons=int(data["compare"]),
            published=published, threshold=data["threshold"] if published else DEFAULT_THRESHOLD,
            scope=Scope(data["scope"]),
        )


def _message(error: DomainError) -> str:
    """A rule's message as a GOV.UK error message, which has no full stop at the end."""
    return error.message.rstrip(".")


def _missing_message(name: str) -> str:
    return {
        "month_year": "Enter the year of the month, like 2022",
        "start": "Enter the start date",
        "end": "Enter the end date",
    }[name]


def _period_of(kind: PeriodKind, values: list[Any]) -> Period:
    match kind:
        case PeriodKind.FINANCIAL_YEAR:
            return Period.financial_year(int(values[0]))
        case PeriodKind.HALF_YEAR:
            return Period.half_year(int(values[0]), int(values[1]))
        case PeriodKind.QUARTER:
            return Period.quarter(int(values[0]), int(values[1]))
        case PeriodKind.MONTH:
            return Period.month(values[1], int(values[0]))
    return Period.date_range(values[0], values[1])


# Addresses --------------------------------------------------------------------------------

def report_query(options: ReportOptions) -> str:
    """The query string of a report's address: its options, with the period as a key."""
    query = QueryDict(mutable=True)
    query["kind"] = str(options.kind)
    query["period"] = options.period.key
    query["compare"] = str(options.comparisons)
    query["version"] = PUBLISHED if options.published else INTERNAL
    if options.published:
        query["threshold"] = str(options.threshold)
    query["scope"] = str(options.scope)
    return query.urlencode(safe=".")


def query_with_period_fields(query: QueryDict) -> QueryDict:
    """A report's address as the form's boxes: the period key becomes the boxes of its kind.
    A key that is not a period is kept, so the form says what is wrong with it."""
    key = (query.get("period") or "").strip()
    if not key:
        return query
    try:
        period = Period.from_key(key)
    except DomainError:
        return query
    data = query.copy()
    del data["period"]
    data["period_type"] = str(period.kind)
    match period.kind:
        case PeriodKind.FINANCIAL_YEAR:
            data["fy_year"] = str(period.year)
        case PeriodKind.HALF_YEAR:
            data["h_year"], data["half"] = str(period.year), str(period.part)
        case PeriodKind.QUARTER:
            data["q_year"], data["quarter"] = str(period.year), str(period.part)
        case PeriodKind.MONTH:
            data["month"], data["month_year"] = str(period.part), str(period.year)
        case PeriodKind.RANGE:
            for name, day in (("start", period.start), ("end", period.end)):
                data[f"{name}_day"], data[f"{name}_month"], data[f"{name}_year"] = (
                    str(day.day), str(day.month), str(day.year))
    return data


def options_query_only(query: QueryDict) -> QueryDict:
    """Only a report's own parameters (not, for example, a download's format)."""
    kept = QueryDict(mutable=True)
    for name in OPTION_PARAMETERS:
        if name in query:
            kept[name] = query[name]
    return kept


class ReportTextForm(forms.Form):
    """The council's own text for one part of a report. Its length is checked by the service
    (``report_text_save``), which gives the message the page shows."""

    text = forms.CharField(
        label="Text", required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
        help_text="Plain text. Leave a blank line between paragraphs. Do not name anyone: the text "
                  "appears in the published version too. Save it empty to remove the text.",
    )
