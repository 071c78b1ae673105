"""Every write about online submissions: receiving a form from the public (with its files and
acknowledgement email) and the files of a form still being filled in (receiving.py), and the
complaints team's decisions on it: log it as a complaint, log it as a compliment, or close it
without logging (staff_actions.py).

Audit events name the kind of form, counts and references, never what the person wrote or who
they are: the answers stay in the submission itself, which only the complaints team can open.
"""

from .receiving import (
    OUTCOME_MAX,
    TEXT_MAX,
    ComplaintAnswers,
    ComplimentAnswers,
    TooManySubmissions,
    draft_discard,
    draft_file_add,
    draft_file_remove,
    draft_files,
    draft_files_prune,
    online_submission_create,
    too_many_files_message,
)
from .staff_actions import (
    CLOSE_NOTE_MAX,
    online_submission_close,
    online_submission_log_complaint,
    online_submission_log_compliment,
    submission_attachment_download_record,
    submission_received_on,
)

__all__ = [
    "CLOSE_NOTE_MAX",
    "OUTCOME_MAX",
    "TEXT_MAX",
    "ComplaintAnswers",
    "ComplimentAnswers",
    "TooManySubmissions",
    "draft_discard",
    "draft_file_add",
    "draft_file_remove",
    "draft_files",
    "draft_files_prune",
    "online_submission_close",
    "online_submission_create",
    "online_submission_log_complaint",
    "online_submission_log_compliment",
    "submission_attachment_download_record",
    "submission_received_on",
    "too_many_files_message",
]
