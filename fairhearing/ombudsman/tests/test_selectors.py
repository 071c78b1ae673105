"""The reads behind the staff pages: the filtered list of cases with its counts, the dashboard's
figures, a case's recommendations with their evidence, and finding one evidence file on a case."""

import datetime

import pytest
from django.core.files.base import ContentFile

from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.ombudsman.choices import (
    ClosingReason,
    Compliance,
    DecisionLabel,
    HistoricCategory,
    OmbudsmanPhase,
)
from fairhearing.ombudsman.models import OmbudsmanCase, RecommendationEvidence
from fairhearing.ombudsman.selectors import (
    DECISION_HISTORIC,
    DECISION_NONE,
    OmbudsmanCaseFilters,
    RecommendationCounts,
    RecommendationsDue,
    ombudsman_case_recommendations,
    ombudsman_cases_filtered,
    recommendation_counts,
    recommendation_evidence_on_case,
)

from .factories import OmbudsmanCaseFactory, RecommendationFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2022, 7, 1)  # a Friday
SOON = D(2022, 7, 8)  # five working days on


def listed(filters: OmbudsmanCaseFilters, today: datetime.date = TODAY) -> list[OmbudsmanCase]:
    return list(ombudsman_cases_filtered(cases=OmbudsmanCase.objects.all(), filters=filters, today=today,
                                         soon_until=SOON))


def decided(**fields) -> OmbudsmanCase:  # noqa: ANN003
    return OmbudsmanCaseFactory(phase=OmbudsmanPhase.DECIDED, final_decision_on=D(2022, 6, 1), **fields)


class TestFilters:
    def test_no_filters_lists_every_case_newest_first(self):
        older = OmbudsmanCaseFactory(received_on=D(2022, 1, 4))
        newer = OmbudsmanCaseFactory(received_on=D(2022, 3, 1))
        assert listed(OmbudsmanCaseFilters()) == [newer, older]

    def test_by_phase(self):
        enquiry = OmbudsmanCaseFactory()
        investigation = OmbudsmanCaseFactory(phase=OmbudsmanPhase.INVESTIGATION)
        OmbudsmanCaseFactory(phase=OmbudsmanPhase.ASSESSMENT)
        found = listed(OmbudsmanCaseFilters(phases=(OmbudsmanPhase.ENQUIRY, OmbudsmanPhase.INVESTIGATION)))
        assert set(found) == {enquiry, investigation}

    def test_by_decision_label_none_yet_or_historic(self):
        upheld = decided(decision=DecisionLabel.UPHELD, fault=True, injustice=True)
        closed = decided(decision=DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES, closing_reason=ClosingReason.LATE)
        historic = decided(historic_category=HistoricCategory.PREMATURE)
        open_case = OmbudsmanCaseFactory()
        assert listed(OmbudsmanCaseFilters(decision=DecisionLabel.UPHELD)) == [upheld]
        assert listed(OmbudsmanCaseFilters(decision=DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES)) == [closed]
        assert listed(OmbudsmanCaseFilters(decision=DECISION_NONE)) == [open_case]
        assert listed(OmbudsmanCaseFilters(decision=DECISION_HISTORIC)) == [historic]

    @pytest.mark.parametrize(
        ("received_on", "shown"),
        [(D(2022, 3, 31), False), (D(2022, 4, 1), True), (D(2022, 4, 30), True), (D(2022, 5, 1), False)],
    )
    def test_received_from_and_to_include_both_days(self, received_on, shown):
        case = OmbudsmanCaseFactory(received_on=received_on)
        found = listed(OmbudsmanCaseFilters(received_from=D(2022, 4, 1), received_to=D(2022, 4, 30)))
        assert found == ([case] if shown else [])

    @pytest.mark.parametrize(
        ("due_on", "overdue", "due_soon"),
        [
            (D(2022, 6, 30), True, False),  # due yesterday
            (TODAY, False, True),  # due today: not overdue until tomorrow
            (SOON, False, True),  # the last day of "soon"
            (D(2022, 7, 9), False, False),
        ],
    )
    def test_by_recommendations_overdue_or_due_soon(self, due_on, overdue, due_soon):
        case = RecommendationFactory(due_on=due_on).case
        assert listed(OmbudsmanCaseFilters(recommendations=RecommendationsDue.OVERDUE)) == ([case] if overdue else [])
        assert listed(OmbudsmanCaseFilters(recommendations=RecommendationsDue.DUE_SOON)) == (
            [case] if due_soon else [])

    def test_completed_recommendations_do_not_make_a_case_overdue(self):
        RecommendationFactory(due_on=D(2022, 6, 1), completed_on=D(2022, 6, 20), compliance=Compliance.COMPLIED_LATE)
        assert listed(OmbudsmanCaseFilters(recommendations=RecommendationsDue.OVERDUE)) == []

    def test_only_within_the_cases_given(self):
        hidden, shown = OmbudsmanCaseFactory(), OmbudsmanCaseFactory()
        found = ombudsman_cases_filtered(cases=OmbudsmanCase.objects.exclude(pk=hidden.pk),
                                         filters=OmbudsmanCaseFilters(), today=TODAY, soon_until=SOON)
        assert list(found) == [shown]


class TestCountsOnEachCase:
    def test_outstanding_and_late_recommendations_are_counted_per_case(self):
        case = OmbudsmanCaseFactory()
        RecommendationFactory(case=case, due_on=D(2022, 6, 30))
        RecommendationFactory(case=case, due_on=D(2022, 6, 1), compliance=Compliance.NOT_COMPLIED)
        RecommendationFactory(case=case, due_on=TODAY)
        RecommendationFactory(case=case, due_on=D(2022, 5, 1), completed_on=D(2022, 5, 1),
                              compliance=Compliance.COMPLIED)
        other = OmbudsmanCaseFactory()
        by_case = {found: found for found in listed(OmbudsmanCaseFilters())}
        assert (by_case[case].recommendations_outstanding, by_case[case].recommendations_late) == (3, 2)
        assert (by_case[other].recommendations_outstanding, by_case[other].recommendations_late) == (0, 0)

    def test_query_count_does_not_grow_with_cases(self, django_assert_num_queries):
        complaint = make_complaint(actor=officer())
        for _ in range(3):
            case = OmbudsmanCaseFactory()
            case.complaints.add(complaint)
            RecommendationFactory(case=case)
        with django_assert_num_queries(2):  # the cases with their counts and team; the complaints
            rows = listed(OmbudsmanCaseFilters())
            assert [[c.reference for c in row.complaints.all()] for row in rows] == [[complaint.reference]] * 3


class TestDashboardCounts:
    @pytest.mark.parametrize(
        ("due_on", "expected"),
        [
            (D(2022, 6, 30), RecommendationCounts(overdue=1, due_soon=0)),
            (TODAY, RecommendationCounts(overdue=0, due_soon=1)),
            (SOON, RecommendationCounts(overdue=0, due_soon=1)),
            (D(2022, 7, 9), RecommendationCounts(overdue=0, due_soon=0)),
        ],
    )
    def test_each_boundary(self, due_on, expected):
        RecommendationFactory(due_on=due_on)
        assert recommendation_counts(cases=OmbudsmanCase.objects.all(), today=TODAY, soon_until=SOON) == expected

    def test_counts_recommendations_not_cases_and_only_on_the_cases_given(self, django_assert_num_queries):
        case = OmbudsmanCaseFactory()
        RecommendationFactory(case=case, due_on=D(2022, 6, 1))
        RecommendationFactory(case=case, due_on=D(2022, 6, 2), compliance=Compliance.NOT_COMPLIED)
        RecommendationFactory(case=case, due_on=D(2022, 6, 3), completed_on=D(2022, 6, 3),
                              compliance=Compliance.COMPLIED)
        hidden = RecommendationFactory(due_on=D(2022, 6, 1)).case
        with django_assert_num_queries(1):
            counts = recommendation_counts(cases=OmbudsmanCase.objects.exclude(pk=hidden.pk), today=TODAY,
                                           soon_until=SOON)
        assert counts == RecommendationCounts(overdue=2, due_soon=0)


def _evidence(recommendation, title: str) -> RecommendationEvidence:
    return RecommendationEvidence.objects.create(
        recommendation=recommendation, title=title, file=ContentFile(b"%PDF-1.4\n", name="e.pdf"),
        original_name="e.pdf", content_type="application/pdf", size=9,
    )


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


class TestRecommendationsWithEvidence:
    def test_in_number_order_with_their_evidence_in_two_queries(self, django_assert_num_queries):
        case = OmbudsmanCaseFactory()
        second = RecommendationFactory(case=case, number=2)
        first = RecommendationFactory(case=case, number=1)
        _evidence(first, "Apology letter")
        _evidence(first, "Posted receipt")
        with django_assert_num_queries(2):
            found = list(ombudsman_case_recommendations(case))
            titles = [[evidence.title for evidence in recommendation.evidence.all()] for recommendation in found]
        assert found == [first, second]
        assert sorted(titles[0]) == ["Apology letter", "Posted receipt"] and titles[1] == []

    def test_evidence_is_found_only_on_its_own_case(self):
        recommendation = RecommendationFactory()
        evidence = _evidence(recommendation, "Apology letter")
        assert recommendation_evidence_on_case(case=recommendation.case, pk=evidence.pk) == evidence
        assert recommendation_evidence_on_case(case=OmbudsmanCaseFactory(), pk=evidence.pk) is None
        assert recommendation_evidence_on_case(case=recommendation.case, pk=evidence.pk + 1) is None
