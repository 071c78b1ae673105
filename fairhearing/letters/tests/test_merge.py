"""The merge-field parser: strict syntax, substitution of every field, missing values, no injection."""

import pytest

from fairhearing.letters.merge import (
    MERGE_FIELDS,
    MergeSyntaxError,
    Run,
    check,
    fields_used,
    merge,
    merge_line,
    parse,
)


def test_every_field_is_substituted():
    text = "\n".join(f"{name}={{{{ {name} }}}}" for name in MERGE_FIELDS)
    values = {name: f"<{name}>" for name in MERGE_FIELDS}
    merged = merge(text, values)
    assert merged.missing == ()
    plain = merged.plain()
    for name in MERGE_FIELDS:
        assert f"{name}=<{name}>" in plain
    assert "{{" not in plain


def test_spacing_inside_braces_is_optional():
    assert merge("A{{reference}}B{{   reference\t}}C", {"reference": "R"}).plain() == "ARBRC"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ due_dat }}", "Did you mean {{ due_date }}?"),
        ("{{ Reference }}", "Did you mean {{ reference }}?"),
        ("{{ child.first_name }}", "{{ child.first_name }} is not a merge field"),
        ("{{ complaint.summary|upper }}", "is not a merge field"),
        ("{{ reference }", "A merge field is not closed"),
        ("Reference }}", 'There is a "}}" without a "{{"'),
        ("{% if reference %}yes{% endif %}", 'Letters cannot use "{% ... %}"'),
        ("{# note #}", 'Letters cannot use "{# ... #}"'),
        ("{{ }}", "{{  }} is not a merge field"),
    ],
)
def test_unknown_fields_and_foreign_syntax_are_refused(text, expected):
    messages = check(text)
    assert messages, text
    assert any(expected in message for message in messages), messages


def test_unknown_field_message_lists_every_allowed_field():
    (message,) = check("Dear {{ name }}")
    for name in MERGE_FIELDS:
        assert f"{{{{ {name} }}}}" in message


def test_every_problem_is_reported_once():
    with pytest.raises(MergeSyntaxError) as error:
        parse("{{ nope }} {{ nope }} {{ other }}")
    assert len(error.value.messages) == 2


def test_fields_used_in_order():
    assert fields_used("{{ today }} {{ reference }} {{ today }}") == ["today", "reference"]


def test_missing_values_show_a_marker_and_are_reported():
    merged = merge("Due {{ due_date }}. Ref {{ reference }}. {{ outcome }}", {"reference": "R", "outcome": None})
    assert merged.plain() == "Due [not recorded: due date]. Ref R. [not recorded: outcome]"
    assert merged.missing == ("due date", "outcome")
    runs = merged.paragraphs[0][0]
    assert Run("[not recorded: due date]", missing=True) in runs


def test_empty_value_is_left_out_with_its_paragraph():
    merged = merge("First.\n\n{{ additional_information }}\n\nLast.", {"additional_information": ""})
    assert merged.plain() == "First.\n\nLast."
    assert merged.missing == ()


def test_paragraphs_and_line_breaks():
    merged = merge("Dear X,\r\n\r\nLine one\nLine two\n\n\n\nYours\n{{ officer_name }}  ", {"officer_name": "Alex"})
    assert [len(paragraph) for paragraph in merged.paragraphs] == [1, 2, 2]
    assert merged.plain() == "Dear X,\n\nLine one\nLine two\n\nYours\nAlex"


def test_line_breaks_in_values_become_lines_and_paragraphs():
    merged = merge("Findings:\n\n{{ outcome_by_point }}", {"outcome_by_point": "Point 1\nUpheld.\n\nPoint 2\nNot upheld."})
    assert len(merged.paragraphs) == 3
    point = "outcome_by_point"
    assert merged.paragraphs[1] == ((Run("Point 1", field=point),), (Run("Upheld.", field=point),))


def test_runs_say_which_field_they_came_from():
    merged = merge("Dear {{ complainant_name }},  ", {"complainant_name": "Sam  "})
    assert merged.paragraphs == (((Run("Dear "), Run("Sam  ", field="complainant_name"), Run(","),),),)
    assert [run.value for run in merged.paragraphs[0][0]] == [False, True, False]
    # Trimming the end of a line keeps where the text came from.
    trimmed = merge("Dear {{ complainant_name }}", {"complainant_name": "Sam  "})
    assert trimmed.paragraphs[0][0][-1] == Run("Sam", field="complainant_name")


def test_values_of_other_fields_stay_on_one_line_when_fields_are_limited():
    """With ``multiline_fields``, a value outside it cannot add lines or paragraphs: its line
    breaks and control characters become spaces. The template's own line breaks still count."""
    typed = "Sam\r\n\nYour refund\u2028is\x00ready\tat https://evil.example/r"
    merged = merge(
        "Dear {{ complainant_name }}\n\n{{ points_of_complaint }}",
        {"complainant_name": typed, "points_of_complaint": "1. Late\n2. Rude"},
        multiline_fields={"points_of_complaint"},
    )
    assert len(merged.paragraphs) == 2
    assert merged.paragraphs[0] == ((Run("Dear "), Run(
        "Sam  Your refund is ready at https://evil.example/r", field="complainant_name")),)
    assert len(merged.paragraphs[1]) == 2  # the allowed field keeps its two lines
    # Letters (no limit given) keep a value's line breaks, as before.
    assert len(merge("{{ complainant_name }}", {"complainant_name": typed}).paragraphs) == 2


def test_values_are_never_parsed_again():
    """A value that looks like a field, a tag or markup prints exactly as typed."""
    nasty = "{{ reference }} {% load static %} <script>alert(1)</script> & \"quotes\""
    merged = merge("Name: {{ complainant_name }}", {"complainant_name": nasty, "reference": "SECRET"})
    assert merged.plain() == f"Name: {nasty}"
    assert merged.missing == ()


def test_merge_line_makes_one_line():
    merged = merge_line("Your complaint\n{{ reference }}", {"reference": "CSC-1\n2\x0b3\u20294\x005"})
    assert merged.plain() == "Your complaint CSC-1 2 3 4 5"
    assert len(merged.paragraphs) == 1 and len(merged.paragraphs[0]) == 1


def test_merge_refuses_invalid_templates():
    with pytest.raises(MergeSyntaxError):
        merge("{{ secret_key }}", {})
