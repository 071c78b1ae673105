"""The public pages: no sign-in, GOV.UK's one-question-per-page pattern with a check answers page.

For each form (complaint, young person's complaint, compliment): a start page, the question pages,
check your answers, and the confirmation with the person's reference and what happens next.

- Answers are kept in the session as they are given (see flows.Wizard); nothing personal goes in
  an address. A question page can only be reached once the pages before it are answered.
- Each page has a back link; "Change" on the check answers page returns there once the answer is
  saved (or to the next page that needs an answer, if a change makes one necessary).
- A robot that fills in the honeypot gets a page saying the form could not be sent; nothing is
  stored and the files it uploaded are removed.
- Sending is throttled per client address (throttle.py); a person over the limit is told to try
  again later, and their answers stay in their session.
"""

import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.cases.attachments import ALLOWED_TYPES_TEXT, AttachmentRefused
from fairhearing.core import clock
from fairhearing.core.errors import DomainError

from .flows import FLOWS, Flow, Step, Wizard
from .forms.base import PublicForm
from .selectors import complaint_timescales
from .services import (
    TooManySubmissions,
    draft_discard,
    draft_file_add,
    draft_file_remove,
    draft_files,
    online_submission_create,
    too_many_files_message,
)
from .throttle import request_key
from .uploads import file_was_too_large, public_post

logger = logging.getLogger(__name__)


def _flow(flow_slug: str) -> Flow:
    flow = FLOWS.get(flow_slug)
    if flow is None:  # pragma: no cover - the URLs name only known flows
        raise Http404("No such form.")
    return flow


def _url(flow: Flow, page: str, step: Step | None = None) -> str:
    if step is not None:
        return reverse(flow.url_name("step"), kwargs={"step": step.slug})
    return reverse(flow.url_name(page))


def _context(flow: Flow, **extra: Any) -> dict[str, Any]:
    """What every public page needs: the flow, its start page (the header links there) and the
    council's contact details."""
    return {
        "flow": flow,
        "public_home_url": _url(flow, "start"),
        "contact_email": settings.COMPLAINTS_CONTACT_EMAIL,
        "advocacy_contact": settings.PUBLIC_FORMS_ADVOCACY_CONTACT,
        "file_max_mb": settings.PUBLIC_FORMS_FILE_MAX_MB,
        "max_files": settings.PUBLIC_FORMS_MAX_FILES,
        **extra,
    }


def _sent_key(flow: Flow) -> str:
    return f"publicforms.{flow.slug}.sent"


def _not_sent(request: HttpRequest, flow: Flow, wizard: Wizard) -> HttpResponse:
    """The honeypot was filled in: keep nothing, say only that the form could not be sent."""
    draft_discard(draft=wizard.draft)
    wizard.clear()
    logger.info("Public %s form: the hidden box was filled in; nothing was kept", flow.slug)
    return render(request, "publicforms/not_sent.html", _context(flow))


@require_GET
def start(request: HttpRequest, flow_slug: str) -> HttpResponse:
    """The start page: what the form is for, who can use it, what happens, and a start button."""
    flow = _flow(flow_slug)
    return render(request, f"publicforms/start_{flow.slug}.html", _context(
        flow, first_url=_url(flow, "step", flow.steps[0]), timescales=complaint_timescales(),
    ))


@public_post
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, flow_slug: str, step: str) -> HttpResponse:
    """One question page. A valid answer is kept and the person goes on; a wrong one comes back
    with the GOV.UK error summary and what they typed."""
    flow = _flow(flow_slug)
    current = flow.step(step)
    if current is None:
        raise Http404("No such question.")
    wizard = Wizard(flow, request, today=clock.today())
    progress = wizard.progress(until=current)
    if progress.next_step is not current:
        # An earlier page needs an answer first, or this page does not apply to their answers.
        return redirect(_url(flow, "step", progress.next_step) if progress.next_step else _url(flow, "check"))
    previous = wizard.previous(current)
    back_url = _url(flow, "check") if wizard.checking else (
        _url(flow, "step", previous) if previous else _url(flow, "start"))

    if current.is_files:
        return _documents(request, flow, wizard, current, progress.answers, back_url)

    if request.method == "POST":
        form = wizard.form_for(current, progress.answers, request.POST)
        if form.caught():
            return _not_sent(request, flow, wizard)
        if form.is_valid():
            wizard.store(current, form.raw())
            return redirect(_after(flow, wizard, current))
    else:
        # A page visited again shows what was typed, without errors until it is sent again.
        form = wizard.form_for(current, progress.answers, initial=wizard.stored(current))
    return render(request, "publicforms/step.html", _context(flow, step=current, form=form, back_url=back_url))


def _after(flow: Flow, wizard: Wizard, current: Step) -> str:
    """Where to go after a page: back to check answers (or the next page that needs an answer)
    when changing an answer from there, otherwise the next page."""
    if wizard.checking:
        progress = wizard.progress()
        return _url(flow, "step", progress.next_step) if progress.next_step else _url(flow, "check")
    following = wizard.following(current)
    return _url(flow, "step", following) if following else _url(flow, "check")


def _documents(request: HttpRequest, flow: Flow, wizard: Wizard, current: Step, answers: dict[str, Any],
               back_url: str) -> HttpResponse:
    """The files page: upload one file at a time (up to the limit), remove one, or continue."""
    form = wizard.form_for(current, answers)
    if request.method == "POST":
        form = wizard.form_for(current, answers, request.POST, request.FILES)
        if form.caught():
            return _not_sent(request, flow, wizard)
        if "remove" in request.POST:
            draft_file_remove(draft=wizard.draft, attachment_id=request.POST.get("remove"))
            return redirect(_url(flow, "step", current))
        uploaded = request.FILES.get("file")
        action = request.POST.get("action", "continue")
        if file_was_too_large(request):
            form.add_error("file", f"The selected file must be smaller than {settings.PUBLIC_FORMS_FILE_MAX_MB} MB")
        elif form.is_valid() and uploaded is not None:
            try:
                draft_file_add(draft=wizard.draft_token(), uploaded_file=uploaded, client_key=request_key(request))
            except AttachmentRefused as refusal:
                form.add_error("file", refusal.message)
            else:
                if action == "upload":
                    return redirect(_url(flow, "step", current))
        elif form.is_valid() and action == "upload":
            form.add_error("file", "Select a file to upload")
        if not form.errors:
            wizard.store(current, {})
            return redirect(_after(flow, wizard, current))
    files = draft_files(wizard.draft)
    return render(request, "publicforms/documents.html", _context(
        flow, step=current, form=form, back_url=back_url, files=files,
        room_for_more=len(files) < settings.PUBLIC_FORMS_MAX_FILES, allowed_types=ALLOWED_TYPES_TEXT,
        too_many=too_many_files_message(),
    ))


def _summary(flow: Flow, wizard: Wizard, done: list[tuple[Step, PublicForm]]) -> list[dict[str, str]]:
    """The check answers rows: what was asked, the answer, and the page to change it on."""
    rows = []
    for step_, form in done:
        url = _url(flow, "step", step_)
        if step_.is_files:
            names = [item.original_name for item in draft_files(wizard.draft)]
            label = form.wording()["file"].short
            rows.append({"key": label, "value": "\n".join(names) or "None", "url": url, "hidden": label.lower()})
            continue
        for key, value in form.summary():
            rows.append({"key": key, "value": value, "url": url, "hidden": key.lower()})
    return rows


@public_post
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, flow_slug: str) -> HttpResponse:
    """Check your answers, then send: the submission is made, the acknowledgement queued, and the
    person sees their reference."""
    flow = _flow(flow_slug)
    wizard = Wizard(flow, request, today=clock.today())
    progress = wizard.progress()
    if progress.next_step is not None:
        return redirect(_url(flow, "step", progress.next_step))
    wizard.start_checking()
    problem = ""
    status = 200
    if request.method == "POST":
        honeypot = PublicForm(request.POST, today=wizard.today)
        if honeypot.caught():
            return _not_sent(request, flow, wizard)
        try:
            submission = online_submission_create(
                answers=wizard.submission_answers(progress.answers), client_key=request_key(request),
                draft=wizard.draft,
            )
        except TooManySubmissions as refusal:
            logger.info("Public %s form: refused by the throttle (%s)", flow.slug, refusal.limit.words)
            response = render(request, "publicforms/too_many.html",
                              _context(flow, limit=refusal.limit, check_url=_url(flow, "check")), status=429)
            response["Retry-After"] = "3600"
            return response
        except DomainError as error:
            problem, status = error.message, 400
        else:
            wizard.clear()
            request.session[_sent_key(flow)] = {
                "reference": submission.reference,
                "acknowledge_by": submission.acknowledge_by.isoformat() if submission.acknowledge_by else "",
                "emailed": submission.acknowledgement_queued,
                "is_child": submission.is_from_child,
                "advocate": submission.wants_advocate,
            }
            return redirect(_url(flow, "sent"))
    previous = progress.applicable[-1] if progress.applicable else None
    return render(request, "publicforms/check_answers.html", _context(
        flow, rows=_summary(flow, wizard, progress.done), has_errors=bool(problem),
        problem_links=[{"text": problem, "href": ""}] if problem else [],
        back_url=_url(flow, "step", previous) if previous else _url(flow, "start"),
        form=PublicForm(today=wizard.today),
    ), status=status)


@require_GET
def sent(request: HttpRequest, flow_slug: str) -> HttpResponse:
    """The confirmation: the reference, and what happens next and when."""
    flow = _flow(flow_slug)
    done = request.session.get(_sent_key(flow))
    if not isinstance(done, dict) or not done.get("reference"):
        return redirect(_url(flow, "start"))
    acknowledge_by = date.fromisoformat(done["acknowledge_by"]) if done.get("acknowledge_by") else None
    return render(request, f"publicforms/sent_{flow.slug}.html", _context(
        flow, reference=done["reference"], acknowledge_by=acknowledge_by, emailed=done.get("emailed"),
        is_child=done.get("is_child"), advocate=done.get("advocate"), timescales=complaint_timescales(),
    ))
