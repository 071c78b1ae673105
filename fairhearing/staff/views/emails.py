"""Emails: the complaints manager edits the wording of each email the system sends and looks after
the outbox (what is waiting, what failed, and trying a failed email again).

Only the complaints manager and superusers; everyone else gets 403. No page shows an email's
address or text: the outbox lists which email, who it was to by role, the reference of the record
it is about, the attempts and the last error, which is what is needed to put a failure right.

Editing wording takes the letter templates' approach: ``?wording=default`` loads the catalogue's
default wording into the form, and "Preview" shows the typed wording merged with example values
without saving it. Each save is audited with the text before and after.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fairhearing.audit.selectors import audit_timeline
from fairhearing.core.errors import DomainError
from fairhearing.notifications.catalogue import SUBJECT_SAFE_FIELDS, EmailKind
from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.models import OutboxMessage
from fairhearing.notifications.selectors import (
    email_wording_get,
    email_wording_list,
    outbox_counts,
    outbox_error_explained,
    outbox_messages,
    outbox_waiting_after_failure_count,
    user_may_manage_emails,
)
from fairhearing.notifications.services import (
    email_render,
    email_template_update,
    outbox_message_retry,
)

from ..forms.emails import OUTBOX_VIEWS, EmailTemplateForm, OutboxFilterForm
from .compliments import _page, _page_links

OUTBOX_PAGE_SIZE = 25


def _require_manager(request: HttpRequest) -> None:
    if not user_may_manage_emails(request.user):
        raise PermissionDenied


@login_required
@require_GET
def email_template_list(request: HttpRequest) -> HttpResponse:
    """Every email the system sends, who gets it, and its subject line now."""
    _require_manager(request)
    return render(request, "staff/emails/template_list.html", {"wordings": email_wording_list()})


def _merge_fields(kind: EmailKind) -> list[dict[str, Any]]:
    return [
        {"name": field.name, "description": field.description, "subject_safe": field.name in SUBJECT_SAFE_FIELDS}
        for field in kind.merge_fields.values()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def email_template_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Change an email's subject line and wording, previewing it with example values first if
    wished; ``?wording=default`` loads the default wording (nothing is saved until saved)."""
    _require_manager(request)
    wording = email_wording_get(key=key)
    if wording is None:
        raise Http404("No such email")
    kind = wording.kind
    using_default = previewing_unsaved = False
    preview = None
    if request.method == "POST":
        form = EmailTemplateForm(request.POST, key=key)
        if form.is_valid():
            data = form.cleaned_data
            if request.POST.get("action") == "preview":
                preview = email_render(kind=kind, subject=data["subject"], body=data["body"], values=kind.example_values)
                previewing_unsaved = True
            else:
                try:
                    changed = email_template_update(
                        key=key, subject=data["subject"], body=data["body"], actor=request.user,
                        expected_version=data["version"] or None,
                    )
                except DomainError as error:
                    form.add_error(None, error.message)
                else:
                    if changed:
                        messages.success(request, f"Wording of ‘{kind.name}’ saved")
                    else:
                        messages.info(request, f"Wording of ‘{kind.name}’ not changed: it was the same")
                    return redirect("staff:email_template_list")
    else:
        subject, body = wording.subject, wording.body
        if request.GET.get("wording") == "default":
            subject, body, using_default = kind.subject, kind.body, True
        form = EmailTemplateForm(initial={"subject": subject, "body": body, "version": wording.version}, key=key)
        preview = email_render(kind=kind, subject=subject, body=body, values=kind.example_values)
    history = (
        list(audit_timeline(subject=wording.template).order_by("-occurred_at", "-id")[:20])
        if wording.template else []
    )
    context = {
        "kind": kind,
        "wording": wording,
        "form": form,
        "preview": preview,
        "previewing_unsaved": previewing_unsaved,
        "using_default": using_default,
        "merge_fields": _merge_fields(kind),
        "history": history,
    }
    return render(request, "staff/emails/template_edit.html", context)


@login_required
@require_GET
def email_outbox(request: HttpRequest) -> HttpResponse:
    """How many emails are waiting, being sent, sent and failed, and a list of one of them
    (failed by default) with a "Try again" button on each failed one."""
    _require_manager(request)
    status = OutboxFilterForm(request.GET).chosen()
    paginator = Paginator(outbox_messages(status=status), OUTBOX_PAGE_SIZE)
    page, page_message = _page(paginator, request.GET.get("page"))
    rows = [
        {"message": message, "error": outbox_error_explained(message.last_error),
         "reference": getattr(message.about, "reference", "")}
        for message in page.object_list
    ]
    counts = outbox_counts()
    context = {
        "retrying": outbox_waiting_after_failure_count(),
        "status": status,
        "status_label": dict(OUTBOX_VIEWS)[status],
        "views": [(value, label, counts[value]) for value, label in OUTBOX_VIEWS],
        "rows": rows,
        "page": page,
        "page_links": _page_links(request, page),
        "page_message": page_message,
        "failed": status == OutboxStatus.FAILED,
    }
    return render(request, "staff/emails/outbox.html", context)


@login_required
@require_POST
def email_outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a failed email back in the queue; the worker sends it on its next run."""
    _require_manager(request)
    message = get_object_or_404(OutboxMessage, pk=pk)
    try:
        outbox_message_retry(message=message, actor=request.user)
    except DomainError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, f"‘{message.name}’ email queued to be sent again")
    return redirect("staff:email_outbox")
