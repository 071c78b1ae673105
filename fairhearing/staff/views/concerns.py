"""Initial feedback (concerns): the list, logging one, the concern's page with its due date and
timeline, changing it, sending it to the service, recording how it was resolved, closing it, and
making it a formal complaint in one step.

Access as for every record besides complaints (cases/kinds/access.py): 404 for a concern the user
may not see, 403 for a change their role may not make. A responding manager records how their own
team resolved a concern (``user_may_resolve_concern``); everything else is the complaints team's.
A step the concern's state no longer allows (sending a closed concern) is explained with 409.
"""

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.services import audit_record_view
from fairhearing.cases.kind_choices import ConcernStatus, TargetKind
from fairhearing.cases.kinds.access import (
    concerns_visible_to,
    user_may_change_records,
    user_may_resolve_concern,
)
from fairhearing.cases.kinds.concern_conversion import concern_convert_to_complaint
from fairhearing.cases.kinds.concerns import (
    concern_close,
    concern_log,
    concern_people_add,
    concern_resolve,
    concern_send_to_service,
    concern_update,
)
from fairhearing.cases.kinds.targets import target_days
from fairhearing.cases.models import Complaint, Concern
from fairhearing.cases.selectors import complaints_visible_to
from fairhearing.core import clock
from fairhearing.core.dates import long_date

from ..forms.concerns import (
    OVERDUE,
    CloseForm,
    ConcernFilterForm,
    ConcernForm,
    ConvertForm,
    ResolveForm,
    SendForm,
    concerns_with_status,
)
from .compliments import (
    deadline,
    may_list,
    not_possible,
    overdue_figure_for,
    posted,
    record_for_request,
    record_form_page,
    record_list_context,
    record_timeline,
)

_ENDED = {
    ConcernStatus.RESOLVED: "resolved", ConcernStatus.CLOSED: "closed",
    ConcernStatus.CONVERTED: "made a formal complaint",
}


def user_may_list_concerns(user: Any) -> bool:
    return may_list(concerns_visible_to(user))


def overdue_figure(*, user: Any, today: date) -> dict[str, Any] | None:
    """The dashboard's number of open concerns past their response date, linking to exactly those
    in the list; None for a user who sees no initial feedback."""
    visible = concerns_visible_to(user)
    return overdue_figure_for(visible, concerns_with_status(visible, OVERDUE, today=today), label="Initial feedback overdue",
                              list_url=reverse("staff:concern_list") + f"?status={OVERDUE}")


def _concern(request: HttpRequest, reference: str, *, change: bool = False) -> Concern:
    """The concern if the user may see it (else 404) and, for ``change``, change it (else 403)."""
    visible = concerns_visible_to(request.user).select_related("team", "person", "child", "converted_to",
                                                               "created_by")
    return record_for_request(request, visible, reference, change=change)


def _detail_url(concern: Concern) -> str:
    return reverse("staff:concern_detail", args=[concern.reference])


def _context(concern: Concern | None, title: str, *, submit: str = "Save", intro: str = "",
             with_facts: bool = True) -> dict[str, Any]:
    if concern is None:
        return {"title": title, "caption": "Initial feedback", "back_url": reverse("staff:concern_list"),
                "back_text": "Back to initial feedback", "submit_label": submit, "intro": intro, "facts": []}
    facts = [
        ("Received", long_date(concern.received_on)),
        ("Team", concern.team.name),
        ("Response due", long_date(concern.response_due_on)),
    ] if with_facts else []
    return {"title": title, "caption": f"Initial feedback {concern.reference}", "back_url": _detail_url(concern),
            "back_text": f"Back to initial feedback {concern.reference}", "submit_label": submit, "intro": intro,
            "facts": facts}


def _ended(request: HttpRequest, concern: Concern, context: dict[str, Any], action: str) -> HttpResponse | None:
    """The 409 page when the concern is no longer open, else None."""
    if concern.status == ConcernStatus.OPEN:
        return None
    return not_possible(request, context=context, title=context["title"],
                        reason=f"This concern has already been {_ENDED[concern.status]}, so it cannot be {action}.")


@login_required
@require_GET
def concern_list(request: HttpRequest) -> HttpResponse:
    """The initial feedback the user may see, filtered and 50 to a page, newest first."""
    visible = concerns_visible_to(request.user)
    if not may_list(visible):
        raise PermissionDenied
    form = ConcernFilterForm(request.GET, today=clock.today())
    context = record_list_context(request, visible.select_related("team").order_by("-received_on", "-id"),
                                  form=form)
    context["may_log"] = user_may_change_records(request.user)
    return render(request, "staff/concerns/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def concern_new(request: HttpRequest) -> HttpResponse:
    """Log initial feedback. The page says the response target its due date is counted with."""
    if not user_may_change_records(request.user):
        raise PermissionDenied
    today = clock.today()
    form = ConcernForm(posted(request), today=today)
    days = target_days(TargetKind.CONCERN_RESPONSE)
    context = _context(None, "Log initial feedback", submit="Save the initial feedback")
    context["facts"] = [("Response target", f"{days} working days after it is received, or after it is "
                                            "sent to the service")]
    return record_form_page(
        request, form=form, context=context,
        perform=lambda: concern_log(**form.record_fields(), **form.people_fields(), actor=request.user, today=today),
        done=lambda made: (f"Initial feedback {made.reference} logged: response due "
                           f"{long_date(made.response_due_on)}", _detail_url(made)),
    )


@login_required
@require_GET
def concern_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One concern: every field, its due date, the actions allowed now, and its timeline."""
    concern = _concern(request, reference)
    audit_record_view(user=request.user, subject=concern)
    today = clock.today()
    complaint_visible = bool(concern.converted_to_id) and complaints_visible_to(request.user).filter(
        pk=concern.converted_to_id).exists()
    return render(request, "staff/concerns/detail.html", {
        "concern": concern,
        "may_change": user_may_change_records(request.user),
        "may_resolve": user_may_resolve_concern(request.user, concern),
        "due": deadline(due_on=concern.response_due_on, start=concern.clock_started_on, days=concern.response_days,
                        today=today) if concern.is_open else None,
        "complaint_visible": complaint_visible,
        "events": record_timeline(concern),
    })


@login_required
@require_http_methods(["GET", "POST"])
def concern_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Correct a concern, and record who raised it or the child if it was logged without them."""
    concern = _concern(request, reference, change=True)
    today = clock.today()
    initial = {name: getattr(concern, name) for name in ("received_on", "channel", "summary")}
    initial["team"] = concern.team_id
    form = ConcernForm(posted(request), today=today, concern=concern, initial=initial)

    def perform() -> None:
        concern_update(concern=concern, actor=request.user, today=today, **form.record_fields())
        concern_people_add(concern=concern, actor=request.user, today=today, **form.people_fields())

    return record_form_page(
        request, form=form, perform=perform,
        done=lambda _: (f"Initial feedback {concern.reference} changed", _detail_url(concern)),
        context=_context(concern, "Change the initial feedback", with_facts=False),
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_send(request: HttpRequest, reference: str) -> HttpResponse:
    """Send the concern to the service: the response is due counted from that day."""
    concern = _concern(request, reference, change=True)
    context = _context(concern, "Send to the service", submit="Save")
    if refused := _ended(request, concern, context, "sent to the service"):
        return refused
    if concern.sent_to_service_on is not None:
        return not_possible(request, context=context, title=context["title"],
                            reason=f"This concern was already sent to the service on "
                                   f"{long_date(concern.sent_to_service_on)}.")
    today = clock.today()
    form = SendForm(posted(request), today=today, concern=concern)
    return record_form_page(
        request, form=form, context=context,
        perform=lambda: concern_send_to_service(concern=concern, sent_on=form.cleaned_data["sent_on"],
                                                team=form.cleaned_data["team"], actor=request.user, today=today),
        done=lambda sent: (f"Sent to the service: response due {long_date(sent.response_due_on)}",
                           _detail_url(sent)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_resolve_page(request: HttpRequest, reference: str) -> HttpResponse:
    """Record how the service resolved the concern: the complaints team, or a responding manager
    for their own team's concern."""
    concern = _concern(request, reference)
    if not user_may_resolve_concern(request.user, concern):
        raise PermissionDenied
    context = _context(concern, "Record how it was resolved", submit="Save")
    if refused := _ended(request, concern, context, "resolved"):
        return refused
    today = clock.today()
    form = ResolveForm(posted(request), today=today)
    return record_form_page(
        request, form=form, context=context,
        perform=lambda: concern_resolve(concern=concern, resolved_on=form.cleaned_data["resolved_on"],
                                        outcome=form.cleaned_data["outcome"], actor=request.user, today=today),
        done=lambda resolved: (
            "Recorded as resolved" + ("" if resolved.resolved_on <= resolved.response_due_on
                                      else f" after the due date ({long_date(resolved.response_due_on)})"),
            _detail_url(resolved)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_close_page(request: HttpRequest, reference: str) -> HttpResponse:
    """Close a concern that was neither resolved nor made a complaint, saying why."""
    concern = _concern(request, reference, change=True)
    context = _context(concern, "Close the initial feedback", submit="Close it")
    if refused := _ended(request, concern, context, "closed"):
        return refused
    today = clock.today()
    form = CloseForm(posted(request), today=today)
    return record_form_page(
        request, form=form, context=context,
        perform=lambda: concern_close(concern=concern, closed_on=form.cleaned_data["closed_on"],
                                      reason=form.cleaned_data["reason"], actor=request.user, today=today),
        done=lambda closed: ("Initial feedback closed", _detail_url(closed)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_convert(request: HttpRequest, reference: str) -> HttpResponse:
    """Make the concern a formal complaint in one step, then open the new complaint's page."""
    concern = _concern(request, reference, change=True)
    context = _context(
        concern, "Make it a formal complaint", submit="Make it a formal complaint",
        intro="The complaint is logged with this concern's channel, team, summary, the person who raised "
              "it as the complainant and the child. The concern keeps its own history, and each "
              "timeline links to the other.",
    )
    if concern.status == ConcernStatus.CONVERTED:
        return not_possible(request, context=context, title=context["title"],
                            reason=f"This concern has already been made complaint {concern.converted_to.reference}.")
    if concern.person_id is None:
        return not_possible(request, context=context, title=context["title"],
                            reason="Record who raised the concern first: choose ‘Change the details’ on its "
                                   "page and enter their name.")
    context.update(body_template="staff/concerns/_convert.html")
    context["facts"] += [("Complainant", concern.person.full_name),
                         ("Child", concern.child.full_name if concern.child else "Not recorded")]
    today = clock.today()
    form = ConvertForm(posted(request), today=today, concern=concern)

    def done(complaint: Complaint) -> tuple[str, str]:
        return (f"Complaint {complaint.reference} logged from initial feedback {concern.reference}",
                reverse("staff:complaint_detail", args=[complaint.reference]))

    return record_form_page(
        request, form=form, context=context, done=done,
        perform=lambda: concern_convert_to_complaint(concern=concern, actor=request.user, today=today,
                                                     **form.service_kwargs()),
    )
