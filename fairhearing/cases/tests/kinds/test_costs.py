"""Costs: what each must be linked to, correcting one (the same rules, one event listing the
changes, nothing written when nothing changed), removal with a reason, and totals per financial
year."""

import datetime
from decimal import Decimal

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.kind_choices import CostKind
from fairhearing.cases.kinds.costs import (
    cost_create,
    cost_delete,
    cost_update,
    costs_totals_by_year,
    financial_year_of,
)
from fairhearing.cases.models import Cost
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError

from .conftest import LATER, D, audited_anywhere
from .factories import CostFactory, make_cost

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(actor):
    """A complaint received 4 January 2022 whose Stage 1 is over and Stage 2 is under way."""
    complaint = make_complaint(actor=actor)
    complaint.stages.create(number=1, requested_on=D(2022, 1, 4), status="responded", closed_on=D(2022, 1, 18))
    complaint.stages.create(number=2, requested_on=D(2022, 2, 1))
    return complaint


def stage(complaint, number):
    return complaint.stages.get(number=number)


def test_investigator_fee_on_stage_two_is_recorded_on_both_timelines(actor, complaint):
    cost = cost_create(kind=CostKind.INVESTIGATOR_FEE, amount=Decimal("1800.00"), incurred_on=D(2022, 3, 31),
                       complaint=complaint, stage=stage(complaint, 2), description="Invoice 123", actor=actor,
                       today=LATER)
    assert list(complaint.costs.all()) == [cost]
    assert list(stage(complaint, 2).costs.all()) == [cost]
    assert AuditEvent.objects.for_subject(cost).get(verb="cost.created").summary == (
        "Independent investigator cost of £1,800.00 recorded, incurred 31 March 2022")
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.cost_recorded").exists()


def test_publicity_needs_no_complaint(actor):
    assert make_cost(actor=actor).complaint is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": CostKind.INVESTIGATOR_FEE}, "must name the Stage 2 or Stage 3"),
        ({"kind": CostKind.INDEPENDENT_PERSON_FEE, "stage": 1}, "must name the Stage 2 or Stage 3"),
        ({"kind": CostKind.PANEL_FEE, "stage": 2}, "only belong to Stage 3"),
        ({"kind": CostKind.PAYMENT, "complaint": None}, "payment to a complainant must name the complaint"),
        ({"kind": CostKind.PUBLICITY, "complaint": None, "stage": 2}, "Choose the complaint the stage belongs to"),
        ({"kind": CostKind.INVESTIGATOR_FEE, "stage": "other"}, "not part of complaint"),
        ({"amount": Decimal("0")}, "must be more than £0"),
        ({"amount": Decimal("-5")}, "must be more than £0"),
        ({"amount": None}, "Enter the amount"),
        ({"amount": "ten pounds"}, "amount in pounds"),
        ({"amount": Decimal("10.001")}, "two decimal places"),
        ({"kind": "lunch"}, "what the money was spent on"),
        ({"incurred_on": D(2022, 1, 3)}, "cannot be before the complaint was received"),
        ({"incurred_on": D(2024, 1, 2)}, "cannot be in the future"),
    ],
)
def test_cost_refuses_bad_input_and_saves_nothing(actor, complaint, overrides, message):
    other = make_complaint(actor=actor)
    other.stages.create(number=2, requested_on=D(2022, 2, 1))
    arguments = dict(kind=CostKind.PAYMENT, amount=Decimal("250.00"), incurred_on=D(2022, 2, 1),
                     complaint=complaint, actor=actor, today=LATER)
    arguments.update(overrides)
    if isinstance(arguments.get("stage"), int):
        arguments["stage"] = stage(complaint, arguments["stage"])
    elif arguments.get("stage") == "other":
        arguments["stage"] = stage(other, 2)
    with pytest.raises(DomainError, match=message):
        cost_create(**arguments)
    assert not Cost.objects.exists()
    assert not AuditEvent.objects.filter(verb="cost.created").exists()


def test_delete_needs_a_reason_and_keeps_what_it_was_in_the_audit(actor, complaint):
    cost = make_cost(actor=actor, kind=CostKind.PAYMENT, amount=Decimal("300"), complaint=complaint,
                     incurred_on=D(2022, 2, 1), today=LATER)
    with pytest.raises(DomainError, match="why the cost is being removed"):
        cost_delete(cost=cost, reason=" ", actor=actor)
    assert Cost.objects.filter(pk=cost.pk).exists()
    cost_delete(cost=cost, reason="Entered twice", actor=actor)
    assert not Cost.objects.exists()
    event = AuditEvent.objects.get(verb="cost.deleted")
    assert (event.subject_id, event.data["amount"], event.data["reason"]) == (cost.pk, "300.00", "Entered twice")
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.cost_removed").exists()


@pytest.mark.parametrize(
    ("day", "year"),
    [(D(2022, 3, 31), 2021), (D(2022, 4, 1), 2022), (D(2023, 3, 31), 2022), (D(2023, 4, 1), 2023)],
)
def test_financial_year_starts_on_1_april(day, year):
    assert financial_year_of(day) == year


def test_totals_by_financial_year_and_kind_in_one_query(django_assert_num_queries):
    CostFactory(kind=CostKind.PUBLICITY, amount=Decimal("99.99"), incurred_on=D(2022, 3, 31))  # 2021-22
    CostFactory(kind=CostKind.PUBLICITY, amount=Decimal("100.00"), incurred_on=D(2022, 4, 1))  # 2022-23
    CostFactory(kind=CostKind.PUBLICITY, amount=Decimal("50.50"), incurred_on=D(2023, 3, 31))  # 2022-23
    CostFactory(kind=CostKind.PAYMENT, amount=Decimal("250.00"), incurred_on=D(2022, 12, 1))  # 2022-23
    CostFactory(kind=CostKind.INVESTIGATOR_FEE, amount=Decimal("1800.00"), incurred_on=D(2023, 4, 1))  # 2023-24
    CostFactory(kind=CostKind.OTHER, amount=Decimal("5.00"), incurred_on=D(2024, 4, 1))  # 2024-25: outside

    with django_assert_num_queries(1):
        years = costs_totals_by_year(first_year=2021, last_year=2023)

    assert [(y.year, y.label, y.starts_on, y.ends_on) for y in years] == [
        (2021, "2021-22", D(2021, 4, 1), D(2022, 3, 31)),
        (2022, "2022-23", D(2022, 4, 1), D(2023, 3, 31)),
        (2023, "2023-24", D(2023, 4, 1), D(2024, 3, 31)),
    ]
    first, second, third = years
    assert first.by_kind[CostKind.PUBLICITY] == Decimal("99.99") and first.total == Decimal("99.99")
    assert second.by_kind[CostKind.PUBLICITY] == Decimal("150.50")
    assert second.by_kind[CostKind.PAYMENT] == Decimal("250.00")
    assert second.by_kind[CostKind.INVESTIGATOR_FEE] == Decimal("0.00")
    assert second.total == Decimal("400.50")
    assert third.by_kind[CostKind.INVESTIGATOR_FEE] == Decimal("1800.00") and third.total == Decimal("1800.00")
    assert set(third.by_kind) == set(CostKind.values)


def test_a_year_with_no_costs_is_all_zero_and_bad_ranges_are_refused():
    (only,) = costs_totals_by_year(first_year=2030, last_year=2030)
    assert only.total == Decimal("0.00")
    with pytest.raises(DomainError, match="first year"):
        costs_totals_by_year(first_year=2023, last_year=2022)


# Correcting a cost -------------------------------------------------------------------------------

@pytest.fixture
def fee(actor, complaint):
    """£1,800 for the Stage 2 investigator, invoiced 1 March 2022."""
    return make_cost(actor=actor, kind=CostKind.INVESTIGATOR_FEE, amount=Decimal("1800.00"), complaint=complaint,
                     stage=stage(complaint, 2), incurred_on=D(2022, 3, 1), description="Invoice 123", today=LATER)


def stored(cost):
    cost.refresh_from_db()
    return (cost.kind, cost.amount, cost.incurred_on, cost.complaint_id, cost.stage_id, cost.description)


def test_update_changes_the_fields_given_and_writes_one_event_with_before_and_after(actor, complaint, fee):
    complaint.stages.filter(number=2).update(status="responded", closed_on=D(2022, 4, 29))
    complaint.stages.create(number=3, requested_on=D(2022, 5, 2))
    updated = cost_update(cost=fee, actor=actor, kind=CostKind.PANEL_FEE, amount="2000.5",
                          stage=stage(complaint, 3), incurred_on=D(2022, 5, 31), description="  Invoice 124 ",
                          complaint=complaint, today=LATER)
    assert stored(updated) == (CostKind.PANEL_FEE, Decimal("2000.50"), D(2022, 5, 31), complaint.pk,
                               stage(complaint, 3).pk, "Invoice 124")
    event = AuditEvent.objects.for_subject(fee).get(verb="cost.updated")
    assert event.summary == "Review panel cost of £2,000.50 changed: what it was spent on, amount, date, stage, description"
    assert event.changes == {
        "kind": ["investigator_fee", "panel_fee"],
        "amount": ["1800.00", "2000.50"],
        "incurred_on": ["2022-03-01", "2022-05-31"],
        "stage": [2, 3],
        "description": ["(changed)", "(changed)"],
    }
    assert event.actor == actor
    # The complaint did not change, so its own timeline is left alone.
    assert not AuditEvent.objects.for_subject(complaint).filter(verb__in=["complaint.cost_removed"]).exists()


def test_an_edited_description_is_recorded_as_changed_and_its_old_text_is_in_no_audit_event(actor, complaint, fee):
    cost_update(cost=fee, actor=actor, description="Interpreter for Ellie Ward's visit", today=LATER)
    cost_update(cost=fee, actor=actor, description="Interpreter for a visit", today=LATER)
    assert stored(fee)[5] == "Interpreter for a visit"
    events = AuditEvent.objects.for_subject(fee).filter(verb="cost.updated")
    assert [event.changes for event in events] == [{"description": ["(changed)", "(changed)"]}] * 2
    assert not audited_anywhere("Ellie Ward")
    assert not audited_anywhere("Interpreter for")


def test_fields_not_given_are_left_as_they_are(actor, complaint, fee):
    cost_update(cost=fee, actor=actor, amount=Decimal("1750"), today=LATER)
    assert stored(fee) == (CostKind.INVESTIGATOR_FEE, Decimal("1750.00"), D(2022, 3, 1), complaint.pk,
                           stage(complaint, 2).pk, "Invoice 123")
    assert AuditEvent.objects.for_subject(fee).get(verb="cost.updated").changes == {"amount": ["1800.00", "1750.00"]}


@pytest.mark.parametrize(
    "same",
    [
        {},
        {"amount": Decimal("1800")},  # the same money, written differently
        {"amount": "1800.00", "kind": CostKind.INVESTIGATOR_FEE, "incurred_on": D(2022, 3, 1),
         "description": " Invoice 123 "},
    ],
)
def test_an_update_that_changes_nothing_writes_nothing(actor, complaint, fee, same):
    before = AuditEvent.objects.count()
    cost_update(cost=fee, actor=actor, complaint=complaint, stage=stage(complaint, 2), today=LATER, **same)
    assert AuditEvent.objects.count() == before
    assert stored(fee)[1] == Decimal("1800.00")


def test_moving_a_cost_to_another_complaint_is_written_on_both_complaints(actor, complaint, fee):
    other = make_complaint(actor=actor)
    other.stages.create(number=2, requested_on=D(2022, 2, 1))
    cost_update(cost=fee, actor=actor, complaint=other, stage=stage(other, 2), today=LATER)
    assert stored(fee)[3:5] == (other.pk, stage(other, 2).pk)
    event = AuditEvent.objects.for_subject(fee).get(verb="cost.updated")
    assert event.changes == {"complaint": [complaint.reference, other.reference], "stage": [2, 2]}
    assert AuditEvent.objects.for_subject(complaint).get(verb="complaint.cost_removed").summary == (
        "Independent investigator cost of £1,800.00 moved to another complaint")
    assert AuditEvent.objects.for_subject(other).get(verb="complaint.cost_recorded").summary == (
        "Independent investigator cost of £1,800.00 moved to this complaint")


def test_a_cost_taken_off_its_complaint_is_written_on_that_complaint(actor, complaint):
    cost = make_cost(actor=actor, kind=CostKind.PAYMENT, complaint=complaint, incurred_on=D(2022, 2, 1), today=LATER)
    cost_update(cost=cost, actor=actor, kind=CostKind.OTHER, complaint=None, today=LATER)
    assert stored(cost)[3] is None
    assert AuditEvent.objects.for_subject(cost).get(verb="cost.updated").changes == {
        "kind": ["payment", "other"], "complaint": [complaint.reference, None]}
    assert AuditEvent.objects.for_subject(complaint).filter(verb="complaint.cost_removed").count() == 1


@pytest.mark.parametrize(
    ("changes", "code", "message"),
    [
        ({"kind": "lunch"}, "kind", "Choose what the money was spent on."),
        ({"amount": Decimal("0")}, "amount", "The amount must be more than £0."),
        ({"amount": Decimal("-1")}, "amount", "The amount must be more than £0."),
        ({"amount": None}, "amount", "Enter the amount, in pounds."),
        ({"amount": "ten pounds"}, "amount", "Enter the amount as an amount in pounds, like 1800.00."),
        ({"amount": Decimal("10.001")}, "amount", "The amount can have at most two decimal places (pence)."),
        ({"incurred_on": None}, "incurred_on", "Enter the date of the cost."),
        ({"incurred_on": LATER + datetime.timedelta(days=1)}, "incurred_on",
         "The date of the cost cannot be in the future."),
        ({"incurred_on": D(2022, 1, 3)}, "incurred_on",
         "The date of the cost cannot be before the complaint was received (4 January 2022)."),
        ({"stage": None}, "stage", "A fee for an independent investigator must name the Stage 2 or Stage 3 it was for."),
        ({"stage": 1}, "stage", "A fee for an independent investigator must name the Stage 2 or Stage 3 it was for."),
        ({"kind": CostKind.INDEPENDENT_PERSON_FEE, "stage": None}, "stage",
         "A fee for an independent person must name the Stage 2 or Stage 3 it was for."),
        ({"kind": CostKind.PANEL_FEE}, "stage", "A review panel fee can only belong to Stage 3."),
        ({"complaint": None}, "complaint", "Choose the complaint the stage belongs to."),
        ({"kind": CostKind.PAYMENT, "stage": None, "complaint": None}, "complaint",
         "A payment to a complainant must name the complaint it was for."),
        ({"complaint": "other"}, "stage", "That stage is not part of complaint"),
    ],
)
def test_update_refuses_bad_input_with_the_field_it_is_about_and_saves_nothing(actor, complaint, fee, changes, code,
                                                                                message):
    other = make_complaint(actor=actor)
    if changes.get("complaint") == "other":
        changes = {**changes, "complaint": other}
    if isinstance(changes.get("stage"), int):
        changes = {**changes, "stage": stage(complaint, changes["stage"])}
    before, events = stored(fee), AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        cost_update(cost=fee, actor=actor, today=LATER, **changes)
    assert refused.value.message.startswith(message) and refused.value.code == code
    assert stored(fee) == before
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("incurred_on", [D(2022, 1, 4), LATER])
def test_a_cost_may_be_moved_to_the_day_the_complaint_arrived_or_to_today(actor, fee, incurred_on):
    cost_update(cost=fee, actor=actor, incurred_on=incurred_on, today=LATER)
    assert stored(fee)[2] == incurred_on


def test_recording_a_cost_names_the_field_a_refusal_is_about(actor, complaint):
    with pytest.raises(DomainError) as refused:
        cost_create(kind=CostKind.PAYMENT, amount=Decimal("5"), incurred_on=D(2022, 2, 1), actor=actor, today=LATER)
    assert refused.value.code == "complaint"
