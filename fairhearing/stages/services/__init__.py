"""The lifecycle of a complaint's stages. Every write goes through one of these functions, each
taking the acting user and writing an audit event in the same transaction."""

from ._common import PointFinding, RemedyInput
from .endings import complaint_close, complaint_reopen, complaint_withdraw
from .escalation import stage_request_next
from .pauses import stage_pause, stage_resume
from .recalculate import stages_recalculate_for_calendar_change
from .responses import stage_extend, stage_one_start, stage_respond
from .stage_three import (
    stage_three_convene_panel,
    stage_three_council_respond,
    stage_three_panel_met,
    stage_three_report_received,
)
from .stage_two import (
    stage_acknowledge_request,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)

__all__ = [
    "PointFinding",
    "RemedyInput",
    "complaint_close",
    "complaint_reopen",
    "complaint_withdraw",
    "stage_acknowledge_request",
    "stage_extend",
    "stage_one_start",
    "stage_pause",
    "stage_request_next",
    "stage_respond",
    "stage_resume",
    "stage_three_convene_panel",
    "stage_three_council_respond",
    "stage_three_panel_met",
    "stage_three_report_received",
    "stage_two_adjudicate",
    "stage_two_agree_statement",
    "stage_two_appoint",
    "stages_recalculate_for_calendar_change",
]
