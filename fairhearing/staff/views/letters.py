"""Letters: the complaints team edits the templates; on a complaint, a letter is chosen, previewed
and then filed as a Word document and a PDF.

Templates: only the complaints team (manager, officers) and superusers; everyone else gets 403.
Letters on a complaint: the complaint is fetched with ``complaint_get_for_user`` first (404 if the
user may not see it), then Action.LETTER is required (403). Every kind of letter is offered
whatever the case's state: a letter sent again, or early, is sometimes right, so instead of hiding
kinds the preview warns about every detail the case does not have yet.

Creating a letter takes two posts: the choice goes to the preview, and the preview's button posts
the same choice (in hidden fields, never in the URL) with the template's version, so a template
changed in between is noticed. A GET of either address goes back to the choice.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fairhearing.audit.services import audit_record_view
from fairhearing.cases.models import Complaint
from fairhearing.cases.permissions import Action, complaint_actions
from fairhearing.cases.selectors import complaint_get_for_user
from fairhearing.core import clock
from fairhearing.core.errors import DomainError
from fairhearing.letters.choices import (
    AUDIENCE_HINTS,
    KIND_HINTS,
    Audience,
    LetterKind,
    letter_title,
)
from fairhearing.letters.compose import letter_compose
from fairhearing.letters.defaults import default_template
from fairhearing.letters.merge import MERGE_FIELDS
from fairhearing.letters.models import LetterTemplate
from fairhearing.letters.selectors import (
    letter_template_history,
    letter_template_table,
    user_may_edit_letter_templates,
)
from fairhearing.letters.services import letter_create, letter_template_update

from ..forms.letters import LetterChoiceForm, LetterTemplateForm


def _require_template_editor(request: HttpRequest) -> None:
    if not user_may_edit_letter_templates(request.user):
        raise PermissionDenied


@login_required
@require_GET
def letter_template_list(request: HttpRequest) -> HttpResponse:
    """Every letter with its standard and child-friendly templates."""
    _require_template_editor(request)
    return render(request, "staff/letters/template_list.html", {"rows": letter_template_table()})


@login_required
@require_http_methods(["GET", "POST"])
def letter_template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a template's subject and wording; ``?wording=default`` loads the default wording
    into the form (nothing is saved until the user saves)."""
    _require_template_editor(request)
    template = get_object_or_404(LetterTemplate.objects.select_related("updated_by"), pk=pk)
    using_default = False
    if request.method == "POST":
        form = LetterTemplateForm(request.POST)
        if form.is_valid():
            try:
                changed = letter_template_update(
                    template=template, subject=form.cleaned_data["subject"], body=form.cleaned_data["body"],
                    actor=request.user, expected_updated_at=form.cleaned_data["version"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                if changed:
                    messages.success(request, f"{template.title} template saved")
                else:
                    messages.info(request, f"{template.title} template not changed: the wording was the same")
                return redirect("staff:letter_template_list")
    else:
        subject, body = template.subject, template.body
        if request.GET.get("wording") == "default":
            subject, body = default_template(template.kind, template.audience)
            using_default = True
        form = LetterTemplateForm(initial={"subject": subject, "body": body, "version": template.updated_at.isoformat()})
    context = {
        "template": template,
        "form": form,
        "merge_fields": MERGE_FIELDS.values(),
        "history": letter_template_history(template=template),
        "using_default": using_default,
    }
    return render(request, "staff/letters/template_edit.html", context)


def _complaint_for_letters(request: HttpRequest, reference: str) -> Complaint:
    """The complaint (404 if the user may not see it); 403 without Action.LETTER."""
    complaint = complaint_get_for_user(user=request.user, reference=reference)
    if Action.LETTER not in complaint_actions(user=request.user, complaint=complaint):
        raise PermissionDenied
    return complaint


def _choice_page(request: HttpRequest, complaint: Complaint, form: LetterChoiceForm) -> HttpResponse:
    context = {
        "complaint": complaint,
        "form": form,
        "kinds": [(kind.value, kind.label, KIND_HINTS[kind]) for kind in LetterKind],
        "audiences": [(audience.value, audience.label, AUDIENCE_HINTS[audience]) for audience in Audience],
        "may_edit_templates": user_may_edit_letter_templates(request.user),
    }
    return render(request, "staff/letters/letter_new.html", context)


@login_required
@require_GET
def letter_new(request: HttpRequest, reference: str) -> HttpResponse:
    """Choose which letter to create, for whom, and anything to add."""
    complaint = _complaint_for_letters(request, reference)
    return _choice_page(request, complaint, LetterChoiceForm(initial={"audience": Audience.STANDARD}))


@login_required
@require_http_methods(["GET", "POST"])
def letter_preview(request: HttpRequest, reference: str) -> HttpResponse:
    """The merged letter as it will be filed, with warnings about anything not recorded."""
    complaint = _complaint_for_letters(request, reference)
    if request.method == "GET":
        return redirect("staff:letter_new", reference=complaint.reference)
    form = LetterChoiceForm(request.POST)
    if not form.is_valid():
        return _choice_page(request, complaint, form)
    data = form.cleaned_data
    template = get_object_or_404(LetterTemplate, kind=data["kind"], audience=data["audience"])
    letter = letter_compose(
        template=template, complaint=complaint, actor=request.user,
        additional_information=data["additional_information"], today=clock.today(),
    )
    # The preview shows the complainant's name and address: a view of the case, so it is logged.
    audit_record_view(user=request.user, subject=complaint)
    context: dict[str, Any] = {
        "complaint": complaint,
        "letter": letter,
        "choice": {**data, "template_version": template.updated_at.isoformat()},
        "may_edit_templates": user_may_edit_letter_templates(request.user),
        "template": template,
    }
    return render(request, "staff/letters/letter_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def letter_create_page(request: HttpRequest, reference: str) -> HttpResponse:
    """Render the previewed letter to Word and PDF and file both on the case."""
    complaint = _complaint_for_letters(request, reference)
    if request.method == "GET":
        return redirect("staff:letter_new", reference=complaint.reference)
    form = LetterChoiceForm(request.POST)
    if not form.is_valid():
        return _choice_page(request, complaint, form)
    data = form.cleaned_data
    try:
        letter_create(
            complaint=complaint, kind=data["kind"], audience=data["audience"], actor=request.user,
            additional_information=data["additional_information"],
            expected_template_updated_at=data["template_version"],
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _choice_page(request, complaint, form)
    messages.success(request, f"{letter_title(data['kind'], data['audience'])} created and filed on the case")
    return redirect(reverse("staff:complaint_detail", args=[complaint.reference]) + "#letters")
