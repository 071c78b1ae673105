"""Seed 003 1.7: Stage 1 response times, and responses on time."""

from decimal import Decimal

import pytest

from fairhearing.reports.tables import percentage

from ..builders import (
    column_keys,
    printed,
)
from .world import table

pytestmark = pytest.mark.django_db


def test_stage_one_response_times(world):
    """1.7: within 10 working days 24 | 27, 11-20 days 28 | 31, over 20 days 27 | 29, with
    30.3% | 31%, 35.4% | 36%, 34.1% | 33%.

    The seed's three buckets add up to all 79 (and 87) complaints, 19 (and 13) of which were
    withdrawn without a response: a withdrawn complaint has no response time. Under our
    definition (responses sent in the period, by the working days they took) the response-time
    table and the outcomes table cannot both be the seed's. We keep the outcomes, and the seed's
    two first buckets; its "over 20 days" rows are then 27 - 19 = 8 and 29 - 13 = 16 answers
    (reading the withdrawn complaints as counted there, which the seed does not say).

    The seed's own percentages under our rounding (one decimal, half up): 24/79 is 30.4% (the
    seed prints 30.3%, truncated), 28/79 is 35.4%, 27/79 is 34.2% (seed 34.1%); 27/87 is 31.0%,
    31/87 is 35.6% and 29/87 is 33.3% (whole numbers 31%, 36%, 33% in the seed). Its "65.8% ...
    within 20 working days" is (24 + 28)/79.
    """
    assert [percentage(n, 79) for n in (24, 28, 27, 24 + 28)] == [
        Decimal("30.4"), Decimal("35.4"), Decimal("34.2"), Decimal("65.8")]
    assert [percentage(n, 87) for n in (27, 31, 29)] == [Decimal("31.0"), Decimal("35.6"), Decimal("33.3")]
    report = world["report"]
    times = table(report, "response_times", "stage_1_response_times")
    assert column_keys(times) == ["fy2021", "fy2021_percent", "fy2020", "fy2020_percent"]
    assert printed(times) == {
        "Within 10 working days": ("24", "40.0%", "27", "36.5%"),
        "11 to 20 working days": ("28", "46.7%", "31", "41.9%"),
        "Over 20 working days": ("8", "13.3%", "16", "21.6%"),
        "Total responses": ("60", "100.0%", "74", "100.0%"),
    }
    # Chosen: Stage 2 adjudications took 30 and 45 working days in 2021-22 (both after agreed
    # extensions); in 2020-21, 20, 24, 30, 40 and 70.
    assert printed(table(report, "response_times", "stage_2_response_times")) == {
        "Within 25 working days": ("0", "0.0%", "2", "40.0%"),
        "26 to 65 working days": ("2", "100.0%", "2", "40.0%"),
        "Over 65 working days": ("0", "0.0%", "1", "20.0%"),
        "Total responses": ("2", "100.0%", "5", "100.0%"),
    }


def test_responses_on_time(world):
    """Chosen ("response times are not being consistently met"): Stage 1 answers within 10
    working days, or within an agreed extension, are on time; 7 (and 5) complaints withdrawn
    after their due date without an answer count as due and late. Of the three Stage 2
    investigations still open, two had their statements agreed in February 2022 and were due on
    21 and 31 March: not answered by then, they count as due and late (the third has no statement
    agreed, so no due date)."""
    report = world["report"]
    assert printed(table(report, "response_times", "on_time")) == {
        "Acknowledgement": ("79", "79", "100.0%", "87", "87", "100.0%"),
        "Stage 1 response": ("67", "40", "59.7%", "79", "47", "59.5%"),
        "Stage 2 response": ("4", "2", "50.0%", "5", "3", "60.0%"),
        "Stage 3: council's response to the panel": ("0", "0", "N/A", "1", "1", "100.0%"),
    }
    assert report.section("response_times").paragraphs == [
        "Of the Stage 1 responses due in 2021-22, 59.7% were sent on time (counting agreed extensions)."
    ]
