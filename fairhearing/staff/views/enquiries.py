"""Members' enquiries: the list, logging one, the enquiry's page with its due date and timeline,
changing it, recording the response (on time or late), and linking the complaint it became.

The response is due the local target's working days after receipt (cases/kinds/targets.py), stored
when the enquiry is logged. Access as for every record besides complaints (cases/kinds/access.py):
404 for an enquiry the user may not see, 403 for a change their role may not make.
"""

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.services import audit_record_view
from fairhearing.cases.access import complaints_closed_to
from fairhearing.cases.kind_choices import TargetKind
from fairhearing.cases.kinds.access import (
    enquiries_visible_to,
    user_may_change_records,
)
from fairhearing.cases.kinds.enquiries import (
    enquiry_link_complaint,
    enquiry_log,
    enquiry_person_add,
    enquiry_respond,
    enquiry_update,
)
from fairhearing.cases.kinds.targets import target_days
from fairhearing.cases.models import Enquiry
from fairhearing.cases.selectors import complaint_get_for_user, complaints_visible_to
from fairhearing.core import clock
from fairhearing.core.dates import long_date
from fairhearing.core.errors import DomainError

from ..forms.enquiries import (
    OVERDUE,
    EnquiryFilterForm,
    EnquiryForm,
    LinkComplaintForm,
    RespondForm,
    enquiries_with_status,
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


def user_may_list_enquiries(user: Any) -> bool:
    return may_list(enquiries_visible_to(user))


def overdue_figure(*, user: Any, today: date) -> dict[str, Any] | None:
    """The dashboard's number of unanswered enquiries past their due date, linking to exactly
    those in the list; None for a user who sees no enquiries."""
    visible = enquiries_visible_to(user)
    return overdue_figure_for(visible, enquiries_with_status(visible, OVERDUE, today=today), label="Members' enquiries overdue",
                              list_url=reverse("staff:enquiry_list") + f"?status={OVERDUE}")


def _enquiry(request: HttpRequest, reference: str, *, change: bool = False) -> Enquiry:
    """The enquiry if the user may see it (else 404) and, for ``change``, change it (else 403)."""
    visible = enquiries_visible_to(request.user).select_related("team", "on_behalf_of", "child", "complaint",
                                                                "created_by")
    return record_for_request(request, visible, reference, change=change)


def _detail_url(enquiry: Enquiry) -> str:
    return reverse("staff:enquiry_detail", args=[enquiry.reference])


def _context(enquiry: Enquiry | None, title: str, *, submit: str = "Save", intro: str = "",
             facts: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    if enquiry is None:
        caption, back_url, back_text = "Members' enquiries", reverse("staff:enquiry_list"), "Back to Members' enquiries"
    else:
        caption, back_url = f"Member's enquiry {enquiry.reference}", _detail_url(enquiry)
        back_text = f"Back to enquiry {enquiry.reference}"
    return {"title": title, "caption": caption, "back_url": back_url, "back_text": back_text,
            "submit_label": submit, "intro": intro, "facts": facts or []}


def _facts(enquiry: Enquiry) -> list[tuple[str, str]]:
    return [
        ("Received", long_date(enquiry.received_on)),
        ("From", f"{enquiry.get_member_kind_display()}: {enquiry.member_name}"),
        ("Response due", f"{long_date(enquiry.response_due_on)} ({enquiry.response_days} working days)"),
    ]


@login_required
@require_GET
def enquiry_list(request: HttpRequest) -> HttpResponse:
    """The enquiries the user may see, filtered and 50 to a page, newest first."""
    visible = enquiries_visible_to(request.user)
    if not may_list(visible):
        raise PermissionDenied
    form = EnquiryFilterForm(request.GET, today=clock.today())
    context = record_list_context(request, visible.select_related("team").order_by("-received_on", "-id"),
                                  form=form)
    context["may_log"] = user_may_change_records(request.user)
    return render(request, "staff/enquiries/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def enquiry_new(request: HttpRequest) -> HttpResponse:
    """Log a Member's enquiry. The page says the response target its due date will be counted with."""
    if not user_may_change_records(request.user):
        raise PermissionDenied
    today = clock.today()
    form = EnquiryForm(posted(request), today=today)
    days = target_days(TargetKind.ENQUIRY_RESPONSE)

    def perform() -> Enquiry:
        first, last = form.person_name()
        return enquiry_log(**form.record_fields(), on_behalf_of_first_name=first, on_behalf_of_last_name=last,
                           actor=request.user, today=today)

    return record_form_page(
        request, form=form, perform=perform,
        done=lambda made: (f"Member's enquiry {made.reference} logged: response due "
                           f"{long_date(made.response_due_on)}", _detail_url(made)),
        context=_context(None, "Log a Member's enquiry", submit="Save the enquiry",
                         facts=[("Response target", f"{days} working days after the date received")]),
    )


def enquiry_history(user: Any, enquiry: Enquiry) -> list[Any]:
    """The enquiry's audit events, newest first, with nothing about a complaint closed to the
    reader: an event linking such a complaint, or removing the link to one, names it in its
    summary and is left out; an event that moved the link off one shows that side blank. Two
    queries, whatever the number of events."""
    events = record_timeline(enquiry)
    linked = {pk for event in events if event.verb == "enquiry.complaint_linked"
              for pk in event.changes.get("complaint", []) if pk}
    closed = set(complaints_closed_to(user).filter(pk__in=linked).values_list("pk", flat=True)) if linked else set()
    shown = []
    for event in events:
        if event.verb == "enquiry.complaint_linked" and closed:
            before, after = event.changes.get("complaint", [None, None])
            if (after or before) in closed:  # the complaint its summary names
                continue
            # For this page only: the event itself is never saved again.
            event.changes = {**event.changes, "complaint": [None if before in closed else before, after]}
        shown.append(event)
    return shown


@login_required
@require_GET
def enquiry_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One enquiry: every field, the due date and how it stands, the actions allowed, the timeline."""
    enquiry = _enquiry(request, reference)
    audit_record_view(user=request.user, subject=enquiry)
    today = clock.today()
    complaint_visible = bool(enquiry.complaint_id) and complaints_visible_to(request.user).filter(
        pk=enquiry.complaint_id).exists()
    return render(request, "staff/enquiries/detail.html", {
        "enquiry": enquiry,
        "may_change": user_may_change_records(request.user),
        "due": deadline(due_on=enquiry.response_due_on, start=enquiry.received_on, days=enquiry.response_days,
                        today=today) if enquiry.is_open else None,
        "complaint_visible": complaint_visible,
        "events": enquiry_history(request.user, enquiry),
    })


@login_required
@require_http_methods(["GET", "POST"])
def enquiry_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Correct an enquiry. A new date received moves the due date, with the target stored on it."""
    enquiry = _enquiry(request, reference, change=True)
    today = clock.today()
    initial = {name: getattr(enquiry, name) for name in (
        "received_on", "member_kind", "member_name", "summary", "responded_on")}
    initial["team"] = enquiry.team_id
    form = EnquiryForm(posted(request), today=today, enquiry=enquiry, initial=initial)

    def perform() -> None:
        enquiry_update(enquiry=enquiry, actor=request.user, today=today, **form.record_fields())
        first, last = form.person_name()
        if first or last:
            enquiry_person_add(enquiry=enquiry, first_name=first, last_name=last, actor=request.user, today=today)

    return record_form_page(
        request, form=form, perform=perform,
        done=lambda _: (f"Member's enquiry {enquiry.reference} changed", _detail_url(enquiry)),
        context=_context(enquiry, "Change the enquiry"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def enquiry_respond_page(request: HttpRequest, reference: str) -> HttpResponse:
    """Record the date the council answered the Member; the banner says whether it was on time."""
    enquiry = _enquiry(request, reference, change=True)
    context = _context(enquiry, "Record the response", facts=_facts(enquiry), submit="Save the response")
    if enquiry.responded_on is not None:
        return not_possible(request, context=context, title="Record the response",
                            reason=f"This enquiry was already answered on {long_date(enquiry.responded_on)}. "
                                   "Change the details if the date was wrong.")
    today = clock.today()
    form = RespondForm(posted(request), today=today)

    def done(answered: Enquiry) -> tuple[str, str]:
        timing = "on time" if answered.answered_on_time else "late"
        return f"Response recorded: answered {timing} (due {long_date(answered.response_due_on)})", _detail_url(answered)

    return record_form_page(
        request, form=form, done=done, context=context,
        perform=lambda: enquiry_respond(enquiry=enquiry, responded_on=form.cleaned_data["responded_on"],
                                        actor=request.user, today=today),
    )


@login_required
@require_http_methods(["GET", "POST"])
def enquiry_link(request: HttpRequest, reference: str) -> HttpResponse:
    """Link the complaint the enquiry became, by its reference (only a complaint the user can
    see), or remove a link made in error."""
    enquiry = _enquiry(request, reference, change=True)
    context = _context(enquiry, "Link to a complaint", submit="Link the complaint", facts=_facts(enquiry),
                       intro="If the enquiry became a complaint, enter the complaint's reference. "
                             "Both timelines will show the link.")
    context.update(enquiry=enquiry, body_template="staff/enquiries/_link.html",
                   after_template="staff/enquiries/_unlink.html")
    done = _detail_url(enquiry)
    if request.method == "POST" and "remove" in request.POST:
        # The remove button takes no answers: a form without fields carries any refusal.
        return record_form_page(
            request, form=Form(request.POST), context={**context, "link_form": LinkComplaintForm()},
            perform=lambda: enquiry_link_complaint(enquiry=enquiry, complaint=None, actor=request.user),
            done=lambda _: ("Link to the complaint removed", done),
        )
    form = LinkComplaintForm(posted(request))

    def perform() -> Enquiry:
        try:
            complaint = complaint_get_for_user(user=request.user, reference=form.cleaned_data["complaint_reference"])
        except Http404 as error:
            raise DomainError("There is no complaint with that reference that you can see. "
                              "Check the reference.") from error
        return enquiry_link_complaint(enquiry=enquiry, complaint=complaint, actor=request.user)

    return record_form_page(
        request, form=form, perform=perform, context={**context, "link_form": form}, error_field="complaint_reference",
        done=lambda linked: (f"Linked to complaint {linked.complaint.reference}", done),
    )
