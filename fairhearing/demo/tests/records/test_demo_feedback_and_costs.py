"""The demo council's compliments, enquiries, concerns, ADR, IRO disputes and costs.

The demo is loaded once for the package on a fixed day (see conftest.py and common.py).
"""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import F, Sum

from fairhearing.cases.choices import ClosureReason
from fairhearing.cases.kind_choices import (
    AdrResult,
    ComplimentSource,
    ConcernStatus,
    CostKind,
    MemberKind,
)
from fairhearing.cases.kinds.compliments import compliment_known_names, quotation_contains_names
from fairhearing.cases.models import (
    AdrCase,
    Complaint,
    Compliment,
    Concern,
    Cost,
    Enquiry,
    IroDispute,
)
from fairhearing.demo import record_texts as words
from fairhearing.publicforms.models import OnlineSubmission
from fairhearing.stages.choices import StageStatus
from fairhearing.stages.models import Stage

from .common import DAY, WHOLE_YEARS, _in

pytestmark = pytest.mark.django_db


# -- Compliments and enquiries --------------------------------------------------------------------

def test_compliments_come_from_families_children_carers_and_professionals(loaded):
    sources = set(Compliment.objects.values_list("source", flat=True))
    assert {ComplimentSource.PARENT_FAMILY, ComplimentSource.CHILD, ComplimentSource.CARER,
            ComplimentSource.PROFESSIONAL_INTERNAL, ComplimentSource.PROFESSIONAL_EXTERNAL} <= sources
    assert Compliment.objects.values("team").distinct().count() >= 8


def test_quotations_have_every_name_replaced_and_only_consenting_ones_are_quoted(loaded):
    quoted = Compliment.objects.exclude(quotation="").select_related("person", "child")
    assert quoted.filter(consent_to_quote=False).exists()  # prepared while consent is being asked
    for year in WHOLE_YEARS:
        assert Compliment.objects.quotable().filter(_in(year, "received_on")).count() >= 5
    assert not Compliment.objects.filter(consent_to_quote=True, quotation="").exists()
    staff = words.STAFF_FIRST_NAMES
    with_names = 0
    for compliment in quoted:
        assert not quotation_contains_names(compliment.quotation, compliment_known_names(compliment, staff))
        if compliment.quotation != compliment.words:
            with_names += 1
            assert "X" in compliment.quotation
    assert with_names >= 10


def test_enquiries_from_mps_and_councillors_only_since_meps_left_office(loaded):
    kinds = Counter(Enquiry.objects.values_list("member_kind", flat=True))
    assert kinds[MemberKind.MEP] == 0
    assert kinds[MemberKind.COUNCILLOR] > kinds[MemberKind.MP] > 0
    members = {name for names in words.MEMBERS.values() for name in names}
    assert set(Enquiry.objects.values_list("member_name", flat=True)) <= members


def test_most_enquiries_answered_on_time_some_late_some_open(loaded):
    for year in WHOLE_YEARS:
        answered = Enquiry.objects.filter(_in(year, "received_on"), responded_on__isnull=False)
        on_time = answered.filter(responded_on__lte=F("response_due_on")).count()
        assert 0.6 <= on_time / answered.count() < 1, year.label
    open_now = Enquiry.objects.filter(responded_on__isnull=True)
    assert open_now.filter(response_due_on__lt=DAY).exists()
    assert open_now.filter(response_due_on__gte=DAY).exists()


def test_some_enquiries_came_before_the_complaint_they_are_linked_to(loaded):
    linked = Enquiry.objects.filter(complaint__isnull=False).select_related("complaint")
    assert linked.count() >= 8
    for enquiry in linked:
        assert enquiry.received_on <= enquiry.complaint.received_on
        assert enquiry.on_behalf_of.complaints.filter(complaint=enquiry.complaint).exists()


# -- Initial feedback, ADR, IRO disputes, costs ------------------------------------------------------

def test_concerns_are_mostly_resolved_some_closed_and_the_latest_open(loaded):
    statuses = Counter(Concern.objects.values_list("status", flat=True))
    assert statuses[ConcernStatus.RESOLVED] > 0.7 * Concern.objects.count()
    assert statuses[ConcernStatus.CLOSED] >= 2 and statuses[ConcernStatus.OPEN] >= 1
    assert not Concern.objects.filter(sent_to_service_on__isnull=True).exists()


def test_a_few_concerns_a_year_became_complaints_that_went_through_stage_one(loaded):
    for year in WHOLE_YEARS:
        assert 2 <= Concern.objects.filter(_in(year, "received_on"), status=ConcernStatus.CONVERTED).count() <= 4
    for concern in Concern.objects.filter(status=ConcernStatus.CONVERTED).select_related("converted_to"):
        complaint = concern.converted_to
        assert complaint.received_on == concern.converted_on > concern.sent_to_service_on
        assert complaint.themes.exists() and complaint.acknowledged_on is not None
        if complaint.received_on < DAY - timedelta(days=90):
            assert complaint.stages.get(number=1).status == StageStatus.RESPONDED
            assert complaint.closure_reason == ClosureReason.NOT_ESCALATED


def test_complaint_references_run_in_date_order_with_the_converted_ones(loaded):
    # A complaint logged from a form sent online keeps the reference the person was given, which
    # comes from the online forms' own counter.
    online = OnlineSubmission.objects.values("reference")
    assert Complaint.objects.filter(reference__in=online).count() == 1
    for year in (2024, 2025, 2026):
        dates = list(Complaint.objects.filter(reference__contains=f"-{year}-").exclude(reference__in=online)
                     .order_by("reference").values_list("received_on", flat=True))
        assert dates == sorted(dates)


def test_adr_resolved_complaints_saved_a_stage_two(loaded):
    resolved = AdrCase.objects.filter(result=AdrResult.RESOLVED).select_related("complaint")
    assert resolved.count() >= 4
    for adr in resolved:
        assert adr.saving == Decimal("1800.00") and adr.stage_number == 1
        assert adr.complaint.closure_reason == ClosureReason.RESOLVED_INFORMALLY
        assert adr.confirmed_in_writing_on == adr.complaint.closed_on
    assert AdrCase.objects.filter(result=AdrResult.NOT_RESOLVED, stage_number=2, saving__isnull=True).exists()
    assert AdrCase.objects.filter(result=AdrResult.PENDING, held_on__isnull=True).exists()


def test_iro_disputes_go_up_the_local_process_and_are_settled(loaded):
    assert IroDispute.objects.values("local_stage").distinct().count() >= 3
    assert IroDispute.objects.filter(resolved_on__isnull=False).exclude(outcome="").count() >= 25
    assert IroDispute.objects.filter(child__isnull=False).exists()


def test_every_stage_two_investigation_has_its_fees(loaded):
    investigated = Stage.objects.filter(number=2, status=StageStatus.RESPONDED, investigating_officer__isnull=False,
                                        responded_on__lte=DAY - timedelta(days=30))
    assert investigated.count() >= 20
    for stage in investigated:
        kinds = set(stage.costs.values_list("kind", flat=True))
        assert {CostKind.INVESTIGATOR_FEE, CostKind.INDEPENDENT_PERSON_FEE} <= kinds, stage.pk


def test_a_years_fees_are_like_the_seed_and_payments_and_publicity_are_there(loaded):
    fees = [CostKind.INVESTIGATOR_FEE, CostKind.INDEPENDENT_PERSON_FEE]
    for year in WHOLE_YEARS:
        in_year = Cost.objects.filter(_in(year, "incurred_on"))
        total = in_year.filter(kind__in=fees).aggregate(total=Sum("amount"))["total"]
        assert Decimal("10000") <= total <= Decimal("20000"), year.label
        assert in_year.filter(kind=CostKind.PAYMENT).exists() and in_year.filter(kind=CostKind.PUBLICITY).exists()
    assert Cost.objects.filter(kind=CostKind.PANEL_FEE).exists()
