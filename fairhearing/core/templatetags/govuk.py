"""Template helpers for GOV.UK Frontend markup: Django form fields, dates, navigation."""

from datetime import date, datetime

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from fairhearing.core.context_processors import council_brand as _council_brand
from fairhearing.core.dates import long_date, long_date_with_day

register = template.Library()

# GOV.UK class for each kind of control, and the modifier added when the field has an error.
_CONTROL_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "password": (
        "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "govuk-input--error",
    ),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
    "hidden": ("", ""),
}
DATE_PARTS = ("day", "month", "year")


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def govuk_date(value: date | datetime | None) -> str:
    """'4 January 2022'; aware datetimes are shown in UK time; empty for None."""
    value = _as_date(value)
    return long_date(value) if value else ""


@register.filter
def govuk_date_day(value: date | datetime | None) -> str:
    """'Tuesday 4 January 2022'."""
    value = _as_date(value)
    return long_date_with_day(value) if value else ""


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    """'4 January 2022 at 3:15pm' in UK time, with 'midday' and 'midnight' as GOV.UK writes them."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    if (value.hour, value.minute) == (0, 0):
        time = "midnight"
    elif (value.hour, value.minute) == (12, 0):
        time = "midday"
    else:
        time = f"{value.hour % 12 or 12}:{value.minute:02d}{'am' if value.hour < 12 else 'pm'}"
    return f"{long_date(value.date())} at {time}"


@register.filter
def govuk_number(value: object) -> str:
    """A whole number as GOV.UK writes it: 10,000 (commas from 1,000 up)."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return "" if value is None else str(value)


@register.filter
def field_label(name: str) -> str:
    """'due_on' -> 'Due on', for field names recorded in audit changes."""
    return str(name).replace("_", " ").strip().capitalize()


@register.filter
def change_value(value: object) -> object:
    """A value from an audit change as people read it: ISO dates ("2022-01-18", as stored in the
    JSON) become "18 January 2022", True/False become Yes/No, empty becomes "(blank)"."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and len(value) == 10:
        try:
            return long_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value


@register.filter
def widget_kind(field: BoundField) -> str:
    """Which GOV.UK pattern renders this field: input, password, textarea, select, file,
    checkbox (one box), checkboxes, radios, date (three boxes) or hidden."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.MultiWidget) and getattr(widget, "widgets_names", None) == [
        f"_{part}" for part in DATE_PARTS
    ]:
        return "date"
    kinds = [
        (forms.CheckboxSelectMultiple, "checkboxes"),  # a RadioSelect subclass: test it first
        (forms.RadioSelect, "radios"),
        (forms.CheckboxInput, "checkbox"),
        (forms.Select, "select"),
        (forms.Textarea, "textarea"),
        (forms.PasswordInput, "password"),
        (forms.FileInput, "file"),
    ]
    return next((kind for cls, kind in kinds if isinstance(widget, cls)), "input")


@register.simple_tag(name="field_describedby")
def describedby(field: BoundField, error: str = "") -> str:
    """The ids of the field's hint and error message, as includes/hint_and_error.html gives them."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors or error:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def govuk_control(field: BoundField, classes: str = "", error: str = "") -> SafeString:
    """The field's own widget with GOV.UK classes and aria-describedby added.

    ``classes`` adds more, e.g. "govuk-input--width-10"; ``error`` (a message the template shows
    instead of the field's own) marks the control as in error. Autofocus is dropped: GOV.UK
    advises against it because it skips what is above the field for screen reader users.
    """
    base, error_class = _CONTROL_CLASSES.get(widget_kind(field), _CONTROL_CLASSES["input"])
    wanted = [field.field.widget.attrs.get("class", ""), base, classes]
    if field.errors or error:
        wanted.append(error_class)
    attrs: dict[str, object] = {"autofocus": False}
    css = " ".join(part for part in wanted if part)
    if css:
        attrs["class"] = css
    if field.errors or error:
        attrs["aria-invalid"] = "true"
    if ids := describedby(field, error):
        attrs["aria-describedby"] = ids
    if widget_kind(field) == "password":
        attrs.update(spellcheck="false", autocapitalize="none")
    return field.as_widget(attrs=attrs)


@register.filter
def add_class(field: BoundField, classes: str) -> SafeString:
    """Render a field's widget with extra classes: {{ form.name|add_class:"govuk-input" }}."""
    existing = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {classes}".strip()})


@register.simple_tag
def date_parts(field: BoundField) -> dict[str, str]:
    """Day, month and year for a three-box date field, from the submitted or initial value."""
    value = field.value()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            value = None
    value = _as_date(value)
    if isinstance(value, date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    if isinstance(value, list | tuple) and len(value) == len(DATE_PARTS):
        return {part: "" if bit is None else str(bit) for part, bit in zip(DATE_PARTS, value, strict=True)}
    return dict.fromkeys(DATE_PARTS, "")


@register.simple_tag(takes_context=True)
def nav_current(context: template.Context, href: str, exact: bool = False) -> str:
    """aria-current for a navigation link: 'page' on that page, 'true' below it, else ''."""
    request = context.get("request")
    if request is None or not href:
        return ""
    if request.path == href:
        return "page"
    if not exact and href != "/" and request.path.startswith(href):
        return "true"
    return ""


@register.simple_tag
def council_brand() -> dict[str, str]:
    """The council's branding for pages rendered without context processors (500, CSRF)."""
    return _council_brand()


@register.simple_tag
def nonce_attr(nonce: object) -> SafeString:
    """' nonce="…"' when a CSP nonce is set, nothing otherwise."""
    return format_html(' nonce="{}"', nonce) if nonce else SafeString("")
