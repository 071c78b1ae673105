"""What the step rules know about one complaint, loaded once per request: its stages, the stage
rules of its procedure, the working-day calendar and today."""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from fairhearing.cases.models import Complaint
from fairhearing.stages.models import Stage, StageRule
from fairhearing.workingdays.calendar import WorkingDayCalendar


@dataclass
class CaseState:
    """What the step rules need to know about one complaint, loaded once per request."""

    complaint: Complaint
    stages: list[Stage]  # by number, with panel_members prefetched
    rules: dict[int, StageRule]
    calendar: WorkingDayCalendar
    today: date

    @cached_property
    def open_stage(self) -> Stage | None:
        return next((stage for stage in self.stages if stage.is_open), None)

    @property
    def latest_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def stage(self, number: int) -> Stage | None:
        return next((stage for stage in self.stages if stage.number == number), None)

    @cached_property
    def points(self) -> list:
        return list(self.complaint.points.all())

    def extension_limit(self) -> date | None:
        """The latest due date the open stage may be extended to (its rule's maximum)."""
        stage, rule = self.open_stage, self.rules.get(getattr(self.open_stage, "number", 0))
        if stage is None or rule is None or stage.clock_started_on is None:
            return None
        return self.calendar.add_working_days(
            stage.clock_started_on, rule.max_response_days + stage.paused_working_days
        )

    @property
    def numbers(self) -> dict[str, int | str]:
        """Stage numbers for step labels: the open (or last) stage, and the one after it."""
        current = self.open_stage or self.latest_stage
        number = current.number if current else 1
        return {"stage": number, "next": number + 1}


def case_state_load(complaint: Complaint, *, today: date, calendar: WorkingDayCalendar,
                    stages: list[Stage] | None = None) -> CaseState:
    """The state of a complaint for the step rules (2 queries, or 1 when the stages are given)."""
    if stages is None:
        stages = list(complaint.stages.prefetch_related("panel_members").order_by("number"))
    rules = {rule.number: rule for rule in StageRule.objects.filter(procedure_id=complaint.procedure_id)}
    return CaseState(complaint=complaint, stages=stages, rules=rules, calendar=calendar, today=today)

