"""Seed 003 1.2: the totals table, and the key figures."""

import pytest

from ..builders import (
    column_keys,
    printed,
)
from .data import PERIOD_COLUMNS
from .world import table

pytestmark = pytest.mark.django_db


def test_totals_table(world):
    """Table 1.2: Enquiries 74 | 76, Stage 1 79 | 87, Stage 1 escalated to Stage 2 7 | 6, Stage 3
    review panel 0 | 1.

    - The seed's "Enquiries" are our initial feedback (see the module docstring). Its text says
      enquiries fell "(2.6%) ... (74) compared to 2019-20 (76)": the table has 76 for 2020-21; our
      -2.6% is 2 of 76.
    - Its text calls the fall from 87 to 79 complaints "a 10% decrease" (twice). 8 of 87 is 9.2%
      (we print -9.2%); 10% would be 8 of 79, the change as a share of the later year.
    - "The increase of one investigation remains below 9% of the total number of Stage 1
      complaints": 7 of 79 is 8.9%.
    - Closed and withdrawn are chosen: every complaint closes in its year except the three Stage 2
      investigations still open; withdrawn includes the two withdrawn at Stage 2 (21 = 19 + 2).
    """
    report = world["report"]
    totals = table(report, "volumes", "complaint_totals")
    assert column_keys(totals) == PERIOD_COLUMNS
    assert printed(totals) == {
        "Complaints received": ("79", "87", "-8", "-9.2%"),
        "Stage 1 complaints": ("79", "87", "-8", "-9.2%"),
        "Escalated to Stage 2": ("7", "6", "+1", "+16.7%"),
        "Escalated to Stage 3 (review panel)": ("0", "1", "-1", "-100.0%"),
        "Complaints closed": ("76", "87", "-11", "-12.6%"),
        "Complaints withdrawn": ("21", "14", "+7", "+50.0%"),
    }
    assert printed(table(report, "volumes", "escalation_rates")) == {
        "Stage 1 to Stage 2": ("8.9%", "6.9%"),
        "Stage 2 to Stage 3": ("0.0%", "16.7%"),
    }
    assert report.section("volumes").paragraphs == [
        "79 complaints were received in 2021-22; 79 began at Stage 1, 7 went to Stage 2 and 0 to a Stage 3 "
        "review panel."
    ]
    other = table(report, "representations", "other_resolution")
    assert printed(other) == {
        "Initial feedback received": ("74", "76", "-2", "-2.6%"),
        "Initial feedback that became a complaint": ("0", "0", "0", "N/A"),
        # The six Stage 2 requests settled at meetings; 2020-21's two are chosen.
        "ADR or mediation offered": ("6", "2", "+4", "+200.0%"),
        "ADR that resolved the complaint": ("6", "2", "+4", "+200.0%"),
        "IRO dispute resolution cases": ("0", "0", "0", "N/A"),
    }
    assert printed(table(report, "representations", "representations")) == {
        "Complaints": ("79", "87", "-8", "-9.2%"),
        "Initial feedback": ("74", "76", "-2", "-2.6%"),
        "Enquiries from MPs, MEPs and councillors": ("56", "69", "-13", "-18.8%"),
        "Compliments": ("16", "22", "-6", "-27.3%"),
        "Total representations": ("225", "254", "-29", "-11.4%"),
    }


def test_key_figures(world):
    """The executive summary's key figures, read from the tables above."""
    assert printed(table(world["report"], "executive_summary", "key_figures")) == {
        "Representations received": ("225", "254", "-29", "-11.4%"),
        "Complaints received": ("79", "87", "-8", "-9.2%"),
        "Escalated to Stage 2": ("7", "6", "+1", "+16.7%"),
        "Escalated to Stage 3": ("0", "1", "-1", "-100.0%"),
        "Stage 1 complaints upheld or partially upheld": ("58.3%", "45.9%", "", ""),
        "Stage 1 responses on time": ("59.7%", "59.5%", "", ""),
        "Compliments received": ("16", "22", "-6", "-27.3%"),
        "Enquiries from MPs, MEPs and councillors": ("56", "69", "-13", "-18.8%"),
        "Ombudsman enquiries": ("4", "6", "-2", "-33.3%"),
    }
