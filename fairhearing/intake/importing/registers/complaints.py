"""The rules of a complaints register row: the order of events, and what the stage services need.

A row that passes these checks is one the writer (importing/writer.py) can replay through the
stage services without a refusal: every precondition a service would check on the day of an event
(a stage answered before it is taken further, an extension to a working day within the
procedure's maximum, a procedure in use) is checked here first, so the complaints officer sees it
in the preview with its row and column, rather than as an import stopped halfway through.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType

from fairhearing.cases.choices import ProcedureKind
from fairhearing.cases.models import Complaint, Procedure
from fairhearing.core.dates import long_date
from fairhearing.stages.choices import ClockStart
from fairhearing.stages.models import StageRule
from fairhearing.workingdays.selectors import calendar_get

from ...models import ImportedRecord
from ..columns import RegisterKind
from ..problems import Problem
from ..rows import ComplaintRow, RegisterSpec, RowChecker
from ._common import Add

# Order of events: each date may not be before the ones listed for it (when both are given).
_NOT_BEFORE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("stage_1_responded", ("received",)),
    ("withdrawn", ("received",)),
    ("stage_2_requested", ("stage_1_responded", "received")),
    ("stage_2_statement_agreed", ("stage_2_requested",)),
    ("stage_2_responded", ("stage_2_statement_agreed", "stage_2_requested")),
    ("stage_3_requested", ("stage_2_responded", "stage_2_requested")),
    ("stage_3_panel", ("stage_3_requested",)),
    ("stage_3_responded", ("stage_3_panel", "stage_3_requested")),
)
# An extended due date may lie ahead for a complaint still open; every other date has happened.
# (Its order is checked against the due date it extends: see ComplaintRules._stages.)
_MAY_BE_FUTURE = {"stage_1_extended"}
_STAGE_DATES = {
    2: ("stage_2_statement_agreed", "stage_2_responded", "stage_2_outcome"),
    3: ("stage_3_panel", "stage_3_responded", "stage_3_outcome"),
}
# The events of the stages, in the order they happen: a withdrawal comes after all of them.
_STAGE_EVENTS = ("stage_1_responded", "stage_2_requested", "stage_2_statement_agreed", "stage_2_responded",
                 "stage_3_requested", "stage_3_panel", "stage_3_responded")
_RESPONSES = ("stage_1_responded", "stage_2_responded", "stage_3_responded")


class ComplaintRules:
    """The rules between a complaint's cells, with what they need from the database read once."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.calendar = calendar_get()
        # The procedure the writer uses for each kind (the first in use), and its stages' rules.
        self.procedures: dict[str, Procedure] = {}
        for procedure in Procedure.objects.filter(is_active=True).order_by("pk"):
            self.procedures.setdefault(procedure.kind, procedure)
        self.stage_rules: dict[tuple[int, int], StageRule] = {
            (rule.procedure_id, rule.number): rule
            for rule in StageRule.objects.filter(procedure__in=list(self.procedures.values()))
        }
        # A complaint entered by hand keeps its reference, so a register may not reuse it; one an
        # earlier import made is simply skipped as already imported.
        imported = {
            reference.casefold() for reference in ImportedRecord.objects.filter(
                content_type=ContentType.objects.get_for_model(Complaint)).values_list("reference", flat=True)
        }
        self.entered_by_hand = {
            reference.casefold() for reference in Complaint.objects.values_list("reference", flat=True)
        } - imported

    def __call__(self, number: int, values: dict[str, Any], checker: RowChecker) -> list[Problem]:
        problems: list[Problem] = []

        def add(name: str, message: str) -> None:
            problems.append(Problem(number, checker.header_for(name), message))

        if values["reference"].casefold() in self.entered_by_hand:
            add("reference", f"{values['reference']} is the reference of a complaint entered in Fair Hearing "
                "(not imported); change the reference in the file")
        self._order(values, checker, add)
        self._completeness(values, checker, add)
        procedure = self.procedures.get(values["procedure"])
        if procedure is None:
            add("procedure", f"no {ProcedureKind(values['procedure']).label.lower()} is in use in Fair Hearing")
        elif procedure.kind == ProcedureKind.ELSEWHERE:
            for name in ("stage_1_responded", "stage_1_extended", "stage_2_requested", "stage_3_requested"):
                if values.get(name):
                    add(name, "is filled in, but a complaint routed to another process has no stages")
            for name in ("withdrawn", "learning"):
                if values.get(name):
                    add(name, "is filled in, but a complaint routed to another process is closed the day it "
                        "is received")
        else:
            self._stages(procedure, values, checker, add)
        problems.extend(_child_age_rules(number, values, checker))
        return problems

    def _order(self, values: dict, checker: RowChecker, add: Add) -> None:
        for name, value in values.items():
            if isinstance(value, date) and name not in _MAY_BE_FUTURE and value > self.today:
                add(name, f"{long_date(value)} is in the future")
        for name, earlier_names in _NOT_BEFORE:
            value = values.get(name)
            if value is None:
                continue
            for earlier_name in earlier_names:
                earlier = values.get(earlier_name)
                if earlier is not None:
                    if value < earlier:
                        add(name, f"{long_date(value)} is before {checker.header_for(earlier_name)} ({long_date(earlier)})")
                    break  # the nearest earlier event given is the one that matters
        withdrawn = values.get("withdrawn")
        events = [name for name in _STAGE_EVENTS if values.get(name) is not None]
        if withdrawn is not None and events:
            latest = max(events, key=lambda name: values[name])
            if withdrawn < values[latest]:
                add("withdrawn", f"{long_date(withdrawn)} is before {checker.header_for(latest)} "
                    f"({long_date(values[latest])}); a withdrawal ends the complaint, so it comes last")

    def _completeness(self, values: dict, checker: RowChecker, add: Add) -> None:
        for stage in (1, 2, 3):
            responded, outcome = values.get(f"stage_{stage}_responded"), values.get(f"stage_{stage}_outcome")
            if responded and not outcome:
                add(f"stage_{stage}_outcome", f"is blank; a stage that was responded to needs its outcome "
                    f"({checker.header_for(f'stage_{stage}_responded')} is {long_date(responded)})")
            if outcome and not responded:
                add(f"stage_{stage}_responded", "is blank; an outcome is given, so give the date of the response")
        for stage, later in _STAGE_DATES.items():
            requested = f"stage_{stage}_requested"
            if values.get(requested) is None:
                for name in later:
                    if values.get(name):
                        add(requested, f"is blank; {checker.header_for(name)} is filled in, so give the date "
                            f"Stage {stage} was asked for")
                        break
        # The services escalate only an answered stage.
        for stage in (2, 3):
            requested = values.get(f"stage_{stage}_requested")
            if requested is not None and values.get(f"stage_{stage - 1}_responded") is None:
                add(f"stage_{stage}_requested", f"{long_date(requested)} is given, but Stage {stage - 1} has no "
                    "response date; a stage is taken further only once it has been answered")
        # The council responds to the panel's report, which follows the meeting.
        if values.get("stage_3_responded") and values.get("stage_3_panel") is None:
            add("stage_3_panel", f"is blank; {checker.header_for('stage_3_responded')} is filled in, so give the "
                "date the review panel met")
        # Remedies are offered in a response.
        if not any(values.get(name) for name in _RESPONSES):
            for name in ("remedies", "payment_amount"):
                if values.get(name):
                    add(name, "is filled in, but no stage has a response date; remedies are offered in a response")

    def _stages(self, procedure: Procedure, values: dict, checker: RowChecker, add: Add) -> None:
        for stage in (2, 3):
            if values.get(f"stage_{stage}_requested") and (procedure.pk, stage) not in self.stage_rules:
                add(f"stage_{stage}_requested", f"is filled in, but the {procedure.name} has no Stage {stage}")
        two = self.stage_rules.get((procedure.pk, 2))
        if values.get("stage_2_statement_agreed") and two is not None and two.clock_starts != ClockStart.STATEMENT_AGREED:
            add("stage_2_statement_agreed", f"is filled in, but under the {procedure.name} Stage 2 has no statement "
                "of complaint (it counts from the acknowledgement of the request)")
        extended = values.get("stage_1_extended")
        one = self.stage_rules.get((procedure.pk, 1))
        if extended is None or one is None:
            return
        # The writer starts Stage 1 on the day received (a corporate complaint is acknowledged then).
        received, calendar = values["received"], self.calendar
        due = calendar.add_working_days(received, one.response_days)
        if not calendar.is_working_day(extended):
            add("stage_1_extended", f"{long_date(extended)} is not a working day "
                f"({calendar.reason_not_working(extended)}); a due date is a working day")
        elif extended <= due:
            add("stage_1_extended", f"{long_date(extended)} is not after the Stage 1 due date ({long_date(due)}); "
                "an extension moves the due date later")
        elif calendar.working_days_between(received, extended) > one.max_response_days:
            latest = calendar.add_working_days(received, one.max_response_days)
            add("stage_1_extended", f"{long_date(extended)} is more than {one.max_response_days} working days "
                f"after {checker.header_for('received')}; under the {procedure.name} the latest is {long_date(latest)}")


def _child_age_rules(number: int, values: dict, checker: RowChecker) -> list[Problem]:
    born, age, received = values.get("child_date_of_birth"), values.get("child_age"), values["received"]
    if born is None:
        return []
    if born > received:
        return [Problem(number, checker.header_for("child_date_of_birth"),
                        f"{long_date(born)} is after the complaint was received ({long_date(received)})")]
    if age is None:
        return []
    actual = received.year - born.year - ((received.month, received.day) < (born.month, born.day))
    if actual != age:
        return [Problem(number, checker.header_for("child_age"),
                        f"{age} does not match {checker.header_for('child_date_of_birth')}: the child was "
                        f"{actual} when the complaint was received")]
    return []


SPEC = RegisterSpec(kind=RegisterKind.COMPLAINTS, row_type=ComplaintRow, key="reference", make_rules=ComplaintRules)
