"""Form fields shared by every page: GOV.UK's three-box date input, with GOV.UK's error wording.

Error messages follow the GOV.UK date input pattern ("Date received must include a month",
"Date received must be a real date"), naming the field so the error summary reads on its own.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

DATE_PARTS = ("day", "month", "year")


class GovukDateWidget(forms.MultiWidget):
    """Three text boxes posted as <name>_day, <name>_month and <name>_year."""

    def __init__(self, attrs: dict | None = None) -> None:
        box = {"inputmode": "numeric"}
        super().__init__({part: forms.TextInput(attrs=box) for part in DATE_PARTS}, attrs)

    def decompress(self, value: date | None) -> list[int | None]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date entered in three boxes; returns a ``datetime.date`` or None when not required."""

    widget = GovukDateWidget

    def __init__(self, *, label: str, required: bool = True, **kwargs) -> None:  # noqa: ANN003
        fields = (forms.CharField(required=False),) * 3
        super().__init__(fields=fields, require_all_fields=False, required=required, label=label, **kwargs)
        self.label = label

    def compress(self, data_list: list[str]) -> date | None:
        day, month, year = (str(part or "").strip() for part in (data_list or ["", "", ""]))
        if not (day or month or year):
            if self.required:
                raise ValidationError(f"Enter the {self.label.lower()}", code="required")
            return None
        missing = [name for name, value in zip(DATE_PARTS, (day, month, year), strict=True) if not value]
        if missing:
            raise ValidationError(f"{self.label} must include a {' and a '.join(missing)}", code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{self.label} must be a real date", code="invalid")
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"{self.label} must be a real date", code="invalid") from error

    def clean(self, value: list[str] | None) -> date | None:
        # MultiValueField's own required check gives a generic message; ours names the field.
        return self.compress(value if isinstance(value, list | tuple) else [])
