"""Seed 003 1.1: the Ombudsman's decisions over three years."""

import pytest

from ..builders import (
    column_keys,
    printed,
)
from .world import table

pytestmark = pytest.mark.django_db


def test_ombudsman_three_years_in_the_historic_categories(world):
    """Table 1.1: Apr 21-Mar 22 | Apr 20-Mar 21 | Apr 19-Mar 20, as printed in the seed.

    Maladministration (no injustice) 1 | - | -; Maladministration & injustice 1 | 2 | 2; no
    maladministration after investigation - | 1 | 2; outside jurisdiction 1 | - | -; investigation
    discontinued 1 | - | -; premature/informal enquiries - | 2 | 1; closed after initial enquiries
    - | 1 | 1; total 4 | 6 | 6. 2021-22 and 2020-21 are recorded in the Ombudsman's current labels
    and mapped; 2019-20 is recorded in the historic categories directly.

    The seed's text calls the 2021-22 case with injustice both "maladministration with injustice"
    and "the one Ombudsman Investigation that was partially upheld"; the Ombudsman has no
    "partially upheld" decision, so it is upheld with fault and injustice here. Its £300 goodwill
    payment is a recommendation (and not in the seed's expenditure table, which shows no payments).
    """
    report = world["report"]
    historic = table(report, "ombudsman", "ombudsman_historic")
    assert column_keys(historic) == ["fy2021", "fy2020", "fy2019"]
    assert printed(historic) == {
        "Maladministration and injustice": ("1", "2", "2"),
        "Maladministration, no injustice": ("1", "0", "0"),
        "No maladministration after investigation": ("0", "1", "2"),
        "Ombudsman discretion": ("0", "0", "0"),
        "Investigation with local settlement": ("0", "0", "0"),
        "Outside jurisdiction": ("1", "0", "0"),
        "Investigation discontinued": ("1", "0", "0"),
        "Premature or informal enquiries": ("0", "2", "1"),
        "Closed after initial enquiries": ("0", "1", "1"),
        "Total": ("4", "6", "6"),
    }
    # "a decrease in the number of Ombudsman enquiries which dropped to four enquiries compared to
    # the six enquiries in 2020-21": each case was received and decided in the same year.
    assert printed(table(report, "ombudsman", "ombudsman_received")) == {"Enquiries received": ("4", "6", "6")}
    assert printed(table(report, "ombudsman", "ombudsman_recommendations")) == {  # chosen
        "Recommendations due": ("3", "2", "0"),
        "Done by the due date": ("3", "2", "0"),
        "Not complied with": ("0", "0", "0"),
    }
    assert report.section("ombudsman").paragraphs == [
        "The Ombudsman told the council of 4 enquiries in 2021-22 and upheld 2 complaints in decisions made "
        "in the period."
    ]


def test_ombudsman_decisions_in_current_labels(world):
    """The same decisions in the Ombudsman's current labels, for the two years recorded in them."""
    decisions = printed(table(world["report"], "ombudsman", "ombudsman_decisions"))
    assert {label: cells[:2] for label, cells in decisions.items()} == {
        "Upheld: fault found, or the council offered a suitable remedy early": ("2", "2"),
        "Not upheld: no fault": ("0", "1"),
        "Closed after initial enquiries": ("1", "1"),
        "Referred back for local resolution (premature)": ("0", "2"),
        "Advice given": ("0", "0"),
        "Incomplete or invalid": ("1", "0"),
        "Recorded in the historic categories only": ("0", "0"),
        "Total": ("4", "6"),
    }


def test_ombudsman_decisions_total_counts_decisions_recorded_in_the_historic_categories(world):
    """The current-label table's total for 2019-20 should be the six decisions made that year, not 0."""
    decisions = table(world["report"], "ombudsman", "ombudsman_decisions")
    assert decisions.value("historic_only", "fy2019") == 6
    assert decisions.value("total", "fy2019") == 6
