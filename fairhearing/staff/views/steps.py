"""The lifecycle step pages: each step is its own GOV.UK form, and the view only asks the registry.

GET shows the form; POST checks it and calls the step's service. A role that may not take the step
gets 403 (a complaint the user cannot see at all is 404, from the selector), a state that does not
allow it gets a plain explanation with status 409 and nothing changes, and a service's refusal is
shown in the error summary with the answers kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fairhearing.audit.services import audit_record_view
from fairhearing.cases.permissions import complaint_actions
from fairhearing.cases.selectors import complaint_get_for_user
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.workingdays.selectors import calendar_get

from ..steps import STEPS_BY_NAME, case_state_load


@login_required
@require_http_methods(["GET", "POST"])
def complaint_step(request: HttpRequest, reference: str, step_name: str) -> HttpResponse:
    """Show a step's form, or take the step and return to the complaint with a success message."""
    step = STEPS_BY_NAME[step_name]
    complaint = complaint_get_for_user(user=request.user, reference=reference)
    actions = complaint_actions(user=request.user, complaint=complaint)
    today = clock.today()
    state = case_state_load(complaint, today=today, calendar=calendar_get())
    if not step.permitted(user=request.user, state=state, actions=actions):
        raise PermissionDenied
    title = step.title(state)
    context = {"complaint": complaint, "step": step, "title": title}
    refusal = step.check(state)
    if refusal is not None:
        audit_record_view(user=request.user, subject=complaint)
        return render(request, "staff/steps/not_available.html", {**context, "reason": refusal}, status=409)

    form = step.form(request.POST if request.method == "POST" else None, state=state, user=request.user)
    if request.method == "POST":
        if "add_remedy" in request.POST:
            form.keep_input_without_errors()
        elif form.is_valid():
            try:
                step.perform(state=state, form=form, actor=request.user, today=today)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, step.success.format(**state.numbers))
                return redirect("staff:complaint_detail", reference=complaint.reference)
    # Every page that shows the complaint is a view of it, including a form shown again with errors.
    audit_record_view(user=request.user, subject=complaint)
    return render(request, form.template, {**context, "form": form})
