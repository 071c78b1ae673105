"""The plan of the demo (pure, no database) and the loader's refusals."""

from collections import Counter
from datetime import date
from random import Random

import pytest
from django.core.management import CommandError, call_command

from fairhearing.cases.tests.factories import make_complaint
from fairhearing.demo import scenarios as sc
from fairhearing.demo.outcomes import point_outcomes
from fairhearing.stages.choices import Outcome
from fairhearing.stages.services._common import derive_outcome
from fairhearing.workingdays.calendar import WorkingDayCalendar

CALENDAR = WorkingDayCalendar({date(2026, 4, 3): "Good Friday", date(2026, 4, 6): "Easter Monday"})


@pytest.mark.parametrize(
    ("today", "end"),
    [(date(2026, 3, 31), date(2025, 3, 31)), (date(2026, 4, 1), date(2026, 3, 31)),
     (date(2026, 11, 22), date(2026, 3, 31)), (date(2027, 1, 5), date(2026, 3, 31))],
)
def test_financial_year_end_is_the_last_31_march_before_today(today, end):
    assert sc.financial_year_end(today) == end


@pytest.mark.parametrize("today", [date(2026, 4, 1), date(2026, 11, 22), date(2027, 3, 30)])
def test_plan_covers_two_full_years_and_a_live_caseload(today):
    plans = sc.scenarios_plan(rng=Random(1), today=today, calendar=CALENDAR)
    end = sc.financial_year_end(today)
    assert plans == sorted(plans, key=lambda p: p.received_on)
    assert all(plan.received_on <= today for plan in plans)
    in_years = [p for p in plans if date(end.year - 2, 3, 31) < p.received_on <= end and not p.live]
    assert len(in_years) == sum(sc.YEAR_SIZES)
    assert sum(p.live for p in plans) == len(sc.LIVE)
    fates = Counter(p.fate for p in in_years)
    assert fates[sc.STAGE3] == 4 and fates[sc.ROUTED] == 10


def test_plan_is_the_same_every_time():
    def plan() -> list[tuple]:
        return [(p.received_on, p.procedure, p.fate, sorted(p.choices.items()))
                for p in sc.scenarios_plan(rng=Random("x"), today=date(2026, 11, 22), calendar=CALENDAR)]

    assert plan() == plan()


def test_outcomes_are_dealt_in_the_intended_proportions():
    plans = [sc.Scenario(received_on=date(2026, 1, 1), procedure=sc.STATUTORY, fate=sc.STAGE1)
             for _ in range(50)]
    sc._deal(Random(3), plans, "s1_outcome", {"a": 30, "b": 32, "c": 38})
    assert Counter(p.choices["s1_outcome"] for p in plans) == {"a": 15, "b": 16, "c": 19}


@pytest.mark.parametrize("outcome", Outcome.values)
@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_point_findings_add_up_to_the_intended_outcome(outcome, count):
    for seed in range(30):
        assert derive_outcome(point_outcomes(Random(seed), outcome, count)) == outcome


@pytest.mark.django_db
def test_refuses_to_mix_demo_data_into_someone_elses_complaints():
    make_complaint()
    with pytest.raises(CommandError, match="not the demo council's"):
        call_command("load_demo_council")


@pytest.mark.django_db
def test_refuses_to_run_in_production(settings):
    settings.ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="FAIRHEARING_ENV=production"):
        call_command("load_demo_council")
