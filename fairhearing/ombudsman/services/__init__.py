"""Recording Ombudsman cases: the enquiry, its details, the decision, the recommendations and the
council's compliance with them.

Every function takes the acting user, validates, saves and writes an audit event in one
transaction. The event's subject is always the Ombudsman case, so the case's timeline is its
events. Summaries name references, dates and labels, never a person or a child, and never the
case summary or a recommendation's text (either may name a child).
"""

from .cases import (
    ombudsman_case_assign,
    ombudsman_case_create,
    ombudsman_case_link_complaint,
    ombudsman_case_record_draft_decision,
    ombudsman_case_update,
)
from .decisions import ombudsman_case_record_decision, ombudsman_case_record_historic_decision
from .recommendations import (
    recommendation_add,
    recommendation_complete,
    recommendation_evidence_download_record,
    recommendation_evidence_upload,
    recommendation_record_not_complied,
)

__all__ = [
    "ombudsman_case_assign",
    "ombudsman_case_create",
    "ombudsman_case_link_complaint",
    "ombudsman_case_record_decision",
    "ombudsman_case_record_draft_decision",
    "ombudsman_case_record_historic_decision",
    "ombudsman_case_update",
    "recommendation_add",
    "recommendation_complete",
    "recommendation_evidence_download_record",
    "recommendation_evidence_upload",
    "recommendation_record_not_complied",
]
