"""The Records hub: one page linking to every kind of record besides complaints that the user
may see (compliments, enquiries, initial feedback, ADR, IRO disputes, costs, Ombudsman cases,
learning, and a child's or family's records), and, for the complaints manager, importing a
register. The header has one "Records" link to it rather than one link per kind.

Each feature adds one ``HubSection`` to ``HUB_SECTIONS``: a title, the include that lists its
links, and who may see it. The hub shows only the sections the user may see; a user who may see
none is refused (and the header does not offer the link).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fairhearing.cases.kinds.costs import user_may_view_costs
from fairhearing.cases.kinds.resolutions import user_may_view_resolutions
from fairhearing.notifications.selectors import user_may_manage_emails
from fairhearing.ombudsman.access import user_may_view_ombudsman_cases
from fairhearing.publicforms.selectors import user_may_handle_online_submissions

from .compliments import user_may_list_compliments
from .concerns import user_may_list_concerns
from .enquiries import user_may_list_enquiries
from .imports import user_may_import
from .learning import user_may_view_learning
from .people import user_may_view_linked_records


@dataclass(frozen=True)
class HubSection:
    """One kind of record on the hub."""

    title: str
    template: str  # an include (no context of its own beyond the request) listing the section's links
    may_view: Callable[[Any], bool]


# Each feature adds its section here, in the order they appear on the page.
HUB_SECTIONS: list[HubSection] = [
    HubSection("Received online", "staff/records/_online.html", user_may_handle_online_submissions),
    HubSection("Children and families", "staff/records/_people.html", user_may_view_linked_records),
    HubSection("Compliments", "staff/records/_compliments.html", user_may_list_compliments),
    HubSection("Members' enquiries", "staff/records/_enquiries.html", user_may_list_enquiries),
    HubSection("Initial feedback", "staff/records/_concerns.html", user_may_list_concerns),
    HubSection("ADR and IRO dispute resolution", "staff/records/_resolutions.html", user_may_view_resolutions),
    HubSection("Costs", "staff/records/_costs.html", user_may_view_costs),
    HubSection("Ombudsman cases", "staff/records/_ombudsman.html", user_may_view_ombudsman_cases),
    HubSection("Learning", "staff/records/_learning.html", user_may_view_learning),
    HubSection("Emails", "staff/records/_emails.html", user_may_manage_emails),
    HubSection("Importing", "staff/records/_imports.html", user_may_import),
]


def hub_sections_for(user: Any) -> list[HubSection]:
    return [section for section in HUB_SECTIONS if section.may_view(user)]


def user_may_view_records(user: Any) -> bool:
    return bool(user and user.is_authenticated and hub_sections_for(user))


@login_required
def records_hub(request: HttpRequest) -> HttpResponse:
    sections = hub_sections_for(request.user)
    if not sections:
        raise PermissionDenied
    return render(request, "staff/records/hub.html", {"sections": sections})
