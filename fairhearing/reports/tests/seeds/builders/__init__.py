"""Building a council's year of records for the seed tests, through the services people use.

Every record is made by the service a user's action calls (complaint_create, stage_respond,
complaint_withdraw, enquiry_create, ...), so due dates, stored working days, statuses and audit
events are exactly what production writes. A plan says what happened to a record in working days
("answered 14 working days after receipt, after extending the due date to 20"); the builder turns
that into dates with the real calendar and calls the services in order.

The helpers at the end print a report table as a reader sees it, so a test can compare a whole
table with a seed's printed one.
"""

from .complaints import (
    NOT_UPHELD,
    PARTLY,
    UPHELD,
    AdrPlan,
    ComplaintPlan,
    StageThreePlan,
    StageTwoPlan,
    complaint_build,
    findings,
)
from .council import Council, expand, interleave
from .representations import (
    EnquiryPlan,
    RecommendationPlan,
    compliment_build,
    concerns_build,
    enquiries_build,
    iro_disputes_build,
    ombudsman_build,
)
from .tables import column_keys, printed

__all__ = [
    "NOT_UPHELD",
    "PARTLY",
    "UPHELD",
    "AdrPlan",
    "ComplaintPlan",
    "Council",
    "EnquiryPlan",
    "RecommendationPlan",
    "StageThreePlan",
    "StageTwoPlan",
    "column_keys",
    "complaint_build",
    "compliment_build",
    "concerns_build",
    "enquiries_build",
    "expand",
    "findings",
    "interleave",
    "iro_disputes_build",
    "ombudsman_build",
    "printed",
]
