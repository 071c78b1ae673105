"""Merge fields: the fixed set of {{ name }} placeholders a letter template may use, and a strict
parser that substitutes them.

Templates are edited by the complaints team, so their text is data, never code: it is not given
to Django's template engine (no tags, filters or attribute look-ups, so no template injection).
The parser understands exactly one thing, ``{{ name }}`` with ``name`` from :data:`MERGE_FIELDS`;
anything else that looks like template syntax is refused when the template is saved.

Emails (fairhearing.notifications) use the same parser with their own set of fields: every function
takes keyword-only ``fields`` (the allowed fields, letters' by default) and, where it words an
error, ``noun`` ("Letters" by default).

Merging produces runs of plain text. Renderers escape them for their format (HTML autoescaping,
XML in Word), and a value is never parsed again, so a name such as "{{ reference }}" typed into a
record prints as typed. Each run says which field it came from (``Run.field``; empty for the
template's own text), so a renderer can treat values differently from the wording around them: an
email never turns a value into a link. ``merge(..., multiline_fields=...)`` limits which values may
break lines: any other value's line breaks and control characters become spaces, so text typed
into a public form cannot add lines or paragraphs to an email. A field with no value on the case prints as a visible
"[not recorded: due date]" marker and is reported, so the preview can warn before anything is filed.
"""

import difflib
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class MergeField:
    """One placeholder: its name in templates, a short label for markers, and what it holds."""

    name: str
    label: str
    description: str


MERGE_FIELDS: dict[str, MergeField] = {
    field.name: field
    for field in (
        MergeField("reference", "reference", "The complaint's reference, for example CSC-2026-0042."),
        MergeField("complainant_name", "complainant's name", "Full name of the main complainant (the person letters go to)."),
        MergeField("complainant_first_name", "complainant's first name", "First name of the main complainant."),
        MergeField("child_first_name", "child's first name", "First name of the child the complaint is about (two or more are joined with \"and\")."),
        MergeField("received_date", "date received", "The date the complaint was received."),
        MergeField("acknowledgement_due_date", "acknowledgement due date", "The date the complaint is due to be acknowledged."),
        MergeField("points_of_complaint", "points of complaint", "The numbered points of complaint, one to a line."),
        MergeField("stage", "stage", "The stage the letter is about, for example Stage 1."),
        MergeField("requested_date", "date the stage was asked for", "When the complainant asked for the stage (Stage 1: when the complaint was received)."),
        MergeField("due_date", "due date", "When the stage's response is due, after any extension."),
        MergeField("previous_due_date", "previous due date", "The due date before the latest extension."),
        MergeField("new_due_date", "new due date", "The due date after the latest extension."),
        MergeField("extension_reason", "reason for the extension", "Why the latest extension was needed."),
        MergeField("response_date", "response date", "The date of the stage's response (or adjudication, or the council's response)."),
        MergeField("outcome", "outcome", "The stage's overall outcome in lower case, for example partially upheld."),
        MergeField("outcome_by_point", "outcome for each point", "Each point of complaint with its outcome and finding at this stage."),
        MergeField("remedies", "remedies", "What the council will do to put things right, one to a line."),
        MergeField("escalation_deadline", "last date to ask for the next stage", "The last day the complainant has to ask for the next stage."),
        MergeField("investigating_officer_name", "Investigating Officer's name", "The Stage 2 Investigating Officer."),
        MergeField("independent_person_name", "Independent Person's name", "The Stage 2 Independent Person."),
        MergeField("responder_name", "name of who gave the response", "Who recorded the stage's response, adjudication or the council's response."),
        MergeField("panel_meeting_due_date", "date the panel must meet by", "The last day the Stage 3 review panel may meet."),
        MergeField("panel_met_date", "date the panel met", "The date the review panel met."),
        MergeField("panel_report_date", "date of the panel's report", "The date the council received the panel's report."),
        MergeField("panel_recommendations_response", "council's answer to the recommendations", "Whether the council accepts the panel's recommendations, with its reasons if not."),
        MergeField("additional_information", "additional information", "Anything typed in when the letter is created; left out if nothing is typed."),
        MergeField("officer_name", "officer's name", "The complaints officer who holds the case (or whoever creates the letter, if nobody holds it)."),
        MergeField("council_name", "council's name", "The council's name."),
        MergeField("service_name", "service name", "The name of the complaints service."),
        MergeField("today", "today's date", "The date the letter is created."),
    )
}

_NAME = re.compile(r"[a-z_]+")
# Template syntax we do not support: say so rather than print it in a letter.
_FOREIGN_SYNTAX = (("{%", "%}"), ("{#", "#}"))


class MergeSyntaxError(ValueError):
    """The text uses a placeholder that is not a merge field, or unsupported template syntax."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Field:
    name: str


def allowed_fields_text(*, fields: Mapping[str, MergeField] = MERGE_FIELDS) -> str:
    """'{{ reference }}, {{ complainant_name }}, ...' for error messages and hints."""
    return ", ".join(f"{{{{ {name} }}}}" for name in fields)


def _unknown_field_message(raw: str, fields: Mapping[str, MergeField]) -> str:
    shown = raw.strip()
    guess = shown.lower().replace(" ", "_").replace("-", "_")
    close = [guess] if guess in fields else difflib.get_close_matches(guess, list(fields), n=1)
    suggestion = f" Did you mean {{{{ {close[0]} }}}}?" if close else ""
    return (
        f"{{{{ {shown} }}}} is not a merge field.{suggestion} "
        f"You can use: {allowed_fields_text(fields=fields)}."
    )


def parse(
    text: str, *, fields: Mapping[str, MergeField] = MERGE_FIELDS, noun: str = "Letters"
) -> list[str | Field]:
    """Split template text into literal strings and fields; raise MergeSyntaxError listing every
    problem (unknown field, unclosed braces, stray closing braces, tags or comments)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts: list[str | Field] = []
    errors: list[str] = []
    position = 0
    while True:
        start = text.find("{{", position)
        literal = text[position:] if start == -1 else text[position:start]
        if "}}" in literal:
            errors.append('There is a "}}" without a "{{" before it. Merge fields look like {{ reference }}.')
        for opening, closing in _FOREIGN_SYNTAX:
            if opening in literal or closing in literal:
                errors.append(
                    f'{noun} cannot use "{opening} ... {closing}". '
                    f"Use merge fields only, for example {{{{ reference }}}}."
                )
        if literal:
            parts.append(literal)
        if start == -1:
            break
        end = text.find("}}", start + 2)
        if end == -1:
            errors.append(
                f'A merge field is not closed: "{text[start:start + 30].strip()}". Add "}}}}" after its name.'
            )
            break
        inner = text[start + 2:end]
        name = inner.strip()
        if _NAME.fullmatch(name) and name in fields:
            parts.append(Field(name))
        else:
            errors.append(_unknown_field_message(inner, fields))
        position = end + 2
    if errors:
        raise MergeSyntaxError(list(dict.fromkeys(errors)))  # each message once, in order
    return parts


def check(text: str, *, fields: Mapping[str, MergeField] = MERGE_FIELDS, noun: str = "Letters") -> list[str]:
    """The problems with a template text, for a form; empty when it is valid."""
    try:
        parse(text, fields=fields, noun=noun)
    except MergeSyntaxError as error:
        return error.messages
    return []


def fields_used(text: str, *, fields: Mapping[str, MergeField] = MERGE_FIELDS) -> list[str]:
    """The merge fields a valid text uses, in order of first use."""
    return list(dict.fromkeys(part.name for part in parse(text, fields=fields) if isinstance(part, Field)))


@dataclass(frozen=True)
class Run:
    """A stretch of letter text; ``missing`` marks a "[not recorded: ...]" placeholder, and
    ``field`` names the merge field whose value this is ("" for the template's own text)."""

    text: str
    missing: bool = False
    field: str = ""

    @property
    def value(self) -> bool:
        """Whether the text is a merge field's value rather than the template's own wording."""
        return bool(self.field)


Line = tuple[Run, ...]
Paragraph = tuple[Line, ...]


@dataclass(frozen=True)
class MergedText:
    """Merged text as paragraphs of lines of runs, and the labels of fields with no value."""

    paragraphs: tuple[Paragraph, ...]
    missing: tuple[str, ...]

    def plain(self) -> str:
        """The text with blank lines between paragraphs, as a reader would copy it."""
        return "\n\n".join(
            "\n".join("".join(run.text for run in line) for line in paragraph)
            for paragraph in self.paragraphs
        )


def missing_marker(name: str, *, fields: Mapping[str, MergeField] = MERGE_FIELDS) -> str:
    return f"[not recorded: {fields[name].label}]"


# Control characters (Cc: tabs, line breaks, NUL ...) and Unicode's line and paragraph separators.
_BREAKING_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


def _one_line(value: str) -> str:
    """The value with every line break and other control character (including Unicode's line and
    paragraph separators) replaced by a space."""
    return "".join(" " if unicodedata.category(char) in _BREAKING_CATEGORIES else char for char in value)


def merge(
    text: str, values: Mapping[str, str | None], *, fields: Mapping[str, MergeField] = MERGE_FIELDS,
    multiline_fields: Collection[str] | None = None,
) -> MergedText:
    """Substitute values into template text. A value of None (or a field absent from ``values``)
    is "not recorded"; an empty string is deliberately empty and prints nothing.

    Blank lines separate paragraphs; a single line break (in the template or in a value) stays a
    line break within its paragraph. A paragraph left empty by an empty value disappears.

    ``multiline_fields`` names the fields whose values may break lines; None (letters) lets every
    value do so. The values of other fields are kept on one line: their line breaks and control
    characters become spaces.
    """
    lines: list[list[Run]] = [[]]
    missing: list[str] = []
    for part in parse(text, fields=fields):
        name = ""
        if isinstance(part, Field):
            name = part.name
            value = values.get(name)
            if value is None:
                lines[-1].append(Run(missing_marker(name, fields=fields), missing=True))
                missing.append(fields[name].label)
                continue
            part = value.replace("\r\n", "\n").replace("\r", "\n")
            if multiline_fields is not None and name not in multiline_fields:
                part = _one_line(part)
        for index, piece in enumerate(part.split("\n")):
            if index:
                lines.append([])
            if piece:
                lines[-1].append(Run(piece, field=name))
    paragraphs: list[Paragraph] = []
    current: list[Line] = []
    for line in lines:
        if all(not run.missing and not run.text.strip() for run in line):
            if current:
                paragraphs.append(tuple(current))
                current = []
        else:
            current.append(_trim(line))
    if current:
        paragraphs.append(tuple(current))
    return MergedText(paragraphs=tuple(paragraphs), missing=tuple(dict.fromkeys(missing)))


def _trim(line: list[Run]) -> Line:
    """Drop trailing spaces so Word and PDF lines do not end in stray whitespace."""
    runs = list(line)
    while runs and not runs[-1].missing and not runs[-1].text.strip():
        runs.pop()
    if runs and not runs[-1].missing:
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
    return tuple(runs)


def merge_line(
    text: str, values: Mapping[str, str | None], *, fields: Mapping[str, MergeField] = MERGE_FIELDS
) -> MergedText:
    """Merge a one-line text such as a subject: line breaks and control characters in the text or
    a value become spaces."""
    flat = {name: None if value is None else " ".join(_one_line(value).split()) for name, value in values.items()}
    return merge(" ".join(_one_line(text).split()), flat, fields=fields, multiline_fields=())
