"""Template context for the staff navigation: show only the links a user may follow."""

from django.http import HttpRequest

from fairhearing.cases.selectors import user_may_list_complaints


def navigation(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    return {"can_list_complaints": bool(user and user.is_authenticated and user_may_list_complaints(user))}
