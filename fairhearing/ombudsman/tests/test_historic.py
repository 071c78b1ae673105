"""The historic categories: the reporting convention for current decisions, and the Python function
and the SQL expression giving the same answer for every case the database can hold."""

import datetime
import itertools

import pytest
from django.db.models import Count

from fairhearing.ombudsman.choices import (
    ClosingReason,
    DecisionLabel,
    HistoricCategory,
    OmbudsmanPhase,
)
from fairhearing.ombudsman.models import OmbudsmanCase
from fairhearing.ombudsman.rules import (
    HISTORIC_MAP,
    historic_category_expression,
    historic_category_for,
)
from fairhearing.ombudsman.selectors import ombudsman_cases_with_historic_category

from .factories import RECEIVED, OmbudsmanCaseFactory

pytestmark = pytest.mark.django_db
D = datetime.date
CLOSED = DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES


def case_with(decision="", closing_reason="", fault=None, injustice=None, remedy=False, historic="",
              reference="21 000 001", report=False) -> OmbudsmanCase:
    """An unsaved case, decided if it has a decision or a historic category (as the database needs)."""
    decided = bool(decision or historic)
    return OmbudsmanCase(
        lgsco_reference=reference, received_on=RECEIVED, decision=decision, closing_reason=closing_reason,
        fault=fault, injustice=injustice, remedy_already_provided=remedy, public_interest_report=report,
        historic_category=historic, phase=OmbudsmanPhase.DECIDED if decided else OmbudsmanPhase.INVESTIGATION,
        final_decision_on=D(2022, 6, 1) if decided else None,
    )


# The convention, row by row (rules.py explains why). Each row is checked in Python and in SQL.
EXPECTED = [
    (dict(decision="upheld", fault=True, injustice=True), "maladministration_injustice"),
    (dict(decision="upheld", fault=True, injustice=False), "maladministration_no_injustice"),
    (dict(decision="upheld", fault=True, injustice=None), "maladministration_no_injustice"),
    (dict(decision="upheld", remedy=True), "local_settlement"),
    (dict(decision="upheld", fault=True, injustice=True, remedy=True), "local_settlement"),
    (dict(decision="upheld", fault=True, injustice=False, remedy=True), "local_settlement"),
    (dict(decision="not_upheld", fault=False), "no_maladministration"),
    (dict(decision="not_upheld"), "no_maladministration"),
    (dict(decision=CLOSED, closing_reason="out_of_jurisdiction"), "outside_jurisdiction"),
    (dict(decision=CLOSED, closing_reason="discretion"), "discretion"),
    (dict(decision=CLOSED, closing_reason="late"), "closed_after_initial_enquiries"),
    (dict(decision=CLOSED, closing_reason="court"), "closed_after_initial_enquiries"),
    (dict(decision=CLOSED, closing_reason="injustice_not_significant"), "closed_after_initial_enquiries"),
    (dict(decision=CLOSED, closing_reason="could_not_add"), "closed_after_initial_enquiries"),
    (dict(decision=CLOSED, closing_reason="other"), "closed_after_initial_enquiries"),
    (dict(decision="referred_back"), "premature"),
    (dict(decision="incomplete_invalid"), "discontinued"),
    (dict(decision="advice_given"), "closed_after_initial_enquiries"),
    # A stored historic category wins over anything derived.
    (dict(historic="maladministration_injustice"), "maladministration_injustice"),
    (dict(decision="not_upheld", historic="local_settlement"), "local_settlement"),
    # Undecided: no category yet.
    (dict(), None),
]


@pytest.mark.parametrize(("fields", "expected"), EXPECTED)
def test_the_convention_in_python_and_in_sql(fields, expected):
    case = case_with(**fields)
    assert historic_category_for(case) == expected
    case.save()
    assert ombudsman_cases_with_historic_category().get(pk=case.pk).historic_category_reported == expected


def every_case_the_database_can_hold() -> list[OmbudsmanCase]:
    """Every decision, reason for closing (only with "closed after initial enquiries", as the
    database insists), fault, injustice, remedy and report flag, and stored historic category."""
    decisions_and_reasons = [("", "")] + [
        (decision, reason)
        for decision in DecisionLabel.values
        for reason in ([""] + ClosingReason.values if decision == CLOSED else [""])
    ]
    combinations = itertools.product(
        decisions_and_reasons, (None, False, True), (None, False, True), (False, True), (False, True),
        [""] + HistoricCategory.values,
    )
    return [
        case_with(decision=decision, closing_reason=reason, fault=fault, injustice=injustice, remedy=remedy,
                  report=report, historic=historic, reference=f"{number // 1000000:02d} {number // 1000 % 1000:03d} "
                                                              f"{number % 1000:03d}")
        for number, ((decision, reason), fault, injustice, remedy, report, historic) in enumerate(combinations)
    ]


def test_python_and_sql_agree_for_every_combination():
    cases = every_case_the_database_can_hold()
    OmbudsmanCase.objects.bulk_create(cases, batch_size=500)
    in_python = {case.lgsco_reference: historic_category_for(case) for case in cases}
    in_sql = dict(ombudsman_cases_with_historic_category().values_list("lgsco_reference",
                                                                       "historic_category_reported"))
    assert len(in_sql) == len(cases) == 14 * 3 * 3 * 2 * 2 * 10
    assert in_sql == in_python
    # Not a vacuous agreement: every category, and "none yet", actually comes out.
    assert set(in_python.values()) == {*HistoricCategory.values, None}


def test_every_decision_label_has_a_historic_category():
    covered = {value for mapping in HISTORIC_MAP for field, value in mapping.when if field == "decision"}
    assert covered == set(DecisionLabel.values)
    assert all(mapping.why for mapping in HISTORIC_MAP)


def test_a_report_can_count_cases_per_category_in_one_query(django_assert_num_queries):
    OmbudsmanCaseFactory(phase="decided", final_decision_on=D(2022, 6, 1), decision="upheld", fault=True,
                         injustice=True)
    OmbudsmanCaseFactory(phase="decided", final_decision_on=D(2022, 6, 1), decision="upheld", fault=True,
                         injustice=False)
    OmbudsmanCaseFactory(phase="decided", final_decision_on=D(2022, 6, 1), decision="upheld", fault=True,
                         injustice=True, remedy_already_provided=True)
    OmbudsmanCaseFactory(phase="decided", received_on=D(2021, 1, 4), final_decision_on=D(2021, 6, 1),
                         historic_category="maladministration_injustice")
    OmbudsmanCaseFactory(phase="decided", final_decision_on=D(2022, 6, 1), decision="referred_back")
    OmbudsmanCaseFactory()  # undecided
    with django_assert_num_queries(1):
        counts = {
            row["category"]: row["cases"]
            for row in OmbudsmanCase.objects.values(category=historic_category_expression())
            .annotate(cases=Count("id")).order_by()
        }
    assert counts == {"maladministration_injustice": 2, "maladministration_no_injustice": 1,
                      "local_settlement": 1, "premature": 1, None: 1}
