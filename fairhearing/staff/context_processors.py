"""Template context for the staff navigation: show only the links a user may follow."""

from django.http import HttpRequest

from fairhearing.cases.intake import user_may_log_complaints
from fairhearing.cases.selectors import user_may_list_complaints
from fairhearing.letters.selectors import user_may_edit_letter_templates
from fairhearing.reports.permissions import user_may_view_reports

from .views.records import user_may_view_records


def navigation(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"can_list_complaints": False, "can_log_complaints": False, "can_edit_letter_templates": False,
                "can_view_reports": False, "can_view_records": False}
    return {
        "can_list_complaints": user_may_list_complaints(user),
        "can_log_complaints": user_may_log_complaints(user),
        "can_edit_letter_templates": user_may_edit_letter_templates(user),
        "can_view_reports": user_may_view_reports(user),
        "can_view_records": user_may_view_records(user),
    }
