"""Teams and themes: a complaint about two teams (or with two themes) counts once under each and
once in the total; Stage 1 decisions by team with the share upheld."""

import pytest

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.cases.models import Theme
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.stages.choices import Outcome

from .factories import D, build, respond, stage_one, table

pytestmark = pytest.mark.django_db


def rows(t, column):
    index = t.column_index(column)
    return {row.label: row.cells[index].display for row in t.rows}


def test_a_complaint_about_two_teams_counts_once_for_each_and_once_in_the_total():
    fostering, disabled = TeamFactory(name="Fostering"), TeamFactory(name="Children with Disabilities")
    make_complaint(received_on=D(2022, 1, 4), teams=[fostering, disabled])
    make_complaint(received_on=D(2022, 1, 5), teams=[fostering])
    make_complaint(received_on=D(2022, 1, 6), teams=[])
    make_complaint(received_on=D(2021, 1, 6), teams=[TeamFactory(name="Leaving Care")])  # 2020-21 only
    make_complaint(received_on=D(2022, 4, 1), teams=[TeamFactory(name="Adoption")])  # after the period
    received = table(build("fy2021"), "teams", "received_by_team")
    assert rows(received, "fy2021") == {
        "Children with Disabilities": "1", "Fostering": "2", "Leaving Care": "0", "No team recorded": "1",
        "All complaints received": "3",
    }
    assert received.value("total", "fy2020") == 1
    assert received.row(str(fostering.pk)).label == "Fostering"  # keyed by the team's id
    assert received.suppressible


def test_stage_1_decisions_by_team_with_the_upheld_count_in_brackets():
    fostering, disabled = TeamFactory(name="Fostering"), TeamFactory(name="Children with Disabilities")
    for outcome, teams in ((Outcome.UPHELD, [fostering, disabled]), (Outcome.PARTIALLY_UPHELD, [fostering]),
                           (Outcome.NOT_UPHELD, [fostering])):
        respond(stage_one(make_complaint(received_on=D(2022, 3, 1), teams=teams)), D(2022, 3, 15), outcome)
    # Answered after the period: not a decision of 2021-22.
    respond(stage_one(make_complaint(received_on=D(2022, 3, 30), teams=[disabled])), D(2022, 4, 1))
    decided = table(build("fy2021"), "teams", "upheld_by_team")
    assert [c.key for c in decided.columns] == ["fy2021_volume", "fy2021_upheld", "fy2020_volume", "fy2020_upheld"]
    assert rows(decided, "fy2021_volume") == {"Children with Disabilities": "1", "Fostering": "3",
                                              "All Stage 1 responses": "3"}
    assert rows(decided, "fy2021_upheld") == {"Children with Disabilities": "100.0% (1)", "Fostering": "66.7% (2)",
                                              "All Stage 1 responses": "66.7% (2)"}
    assert rows(decided, "fy2020_upheld")["All Stage 1 responses"] == "N/A"


def test_the_published_team_tables_hide_small_numbers():
    fostering, disabled = TeamFactory(name="Fostering"), TeamFactory(name="Children with Disabilities")
    for day in range(3, 8):
        make_complaint(received_on=D(2022, 1, day), teams=[fostering])
    make_complaint(received_on=D(2022, 1, 10), teams=[disabled])
    for day in range(11, 18):
        make_complaint(received_on=D(2022, 1, day), teams=[TeamFactory(name="Adoption")])
    received = table(build("fy2021", comparisons=0, published=True), "teams", "received_by_team")
    assert rows(received, "fy2021") == {"Adoption": "7", "Children with Disabilities": "<5", "Fostering": "*",
                                        "All complaints received": "13"}


def test_themes_count_each_complaint_once_per_theme_most_common_first():
    # The list of themes is seeded by a migration, so these may exist already.
    communication = Theme.objects.get_or_create(name="Communication")[0]
    delay = Theme.objects.get_or_create(name="Delay")[0]
    assessment = Theme.objects.get_or_create(name="Assessment")[0]
    make_complaint(received_on=D(2022, 1, 4), themes=[communication, delay])
    make_complaint(received_on=D(2022, 1, 5), themes=[communication])
    make_complaint(received_on=D(2022, 1, 6), themes=[assessment])
    make_complaint(received_on=D(2022, 1, 7))
    make_complaint(received_on=D(2021, 1, 7), themes=[delay])
    themes = table(build("fy2021"), "themes", "themes")
    assert [(row.label, row.cells[0].value, row.cells[1].value) for row in themes.rows] == [
        ("Communication", 2, 0), ("Assessment", 1, 0), ("Delay", 1, 1), ("No theme recorded", 1, 0),
    ]
    assert not any(row.is_total for row in themes.rows)  # themes add up to more than the complaints
