"""docs/import.md stays true: it names every column, and its example file passes the checks."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.intake.importing.columns import COMPLAINT_COLUMNS
from fairhearing.intake.importing.rows import validate_file

GUIDE = Path(settings.BASE_DIR) / "docs" / "import.md"


def test_the_guide_has_a_row_for_every_column_saying_whether_it_is_required():
    text = GUIDE.read_text()
    for column in COMPLAINT_COLUMNS:
        match = re.search(rf"^\| {re.escape(column.header)} \| (yes)? ?\|", text, re.MULTILINE)
        assert match, column.header
        assert bool(match[1]) is column.required, column.header


@pytest.mark.django_db
def test_the_guides_example_is_valid():
    for name in ("Fostering", "Leaving Care"):
        TeamFactory(name=name)
    example = GUIDE.read_text().split("```csv\n", 1)[1].split("```", 1)[0]
    result = validate_file(example.encode(), today=date(2026, 11, 22))
    assert result.is_valid, [str(problem) for problem in result.problems]
    assert [row.reference for row in result.rows] == ["CSC-2021-0001", "CSC-2021-0002", "CSC-2021-0003"]
    assert result.rows[2].received == date(2021, 4, 7)
