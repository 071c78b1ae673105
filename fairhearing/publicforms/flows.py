"""The three public forms as sequences of pages, and where a person is in one.

A ``Flow`` lists its pages (``Step``) in order; some pages only apply given earlier answers (how
someone else knows the child only when they chose "someone else"; the child's details only when
the person is not the child). ``Wizard`` keeps what was typed on each page in the session
(server-side: the browser holds only the session's id), never in the address; it works out the
answers so far by checking each page in turn, so a page whose answer no longer fits (the contact
details after the contact method changed) is asked again before the form can be sent.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest

from fairhearing.people.choices import Relationship

from .choices import FormVersion, SubmissionKind
from .forms.base import PublicForm
from .forms.complaint import (
    AdvocateForm,
    ChildForm,
    ContactDetailsForm,
    ContactMethodForm,
    DocumentsForm,
    NameForm,
    OutcomeForm,
    OwnBirthDateForm,
    RelationshipDetailForm,
    RelationshipForm,
    WhatHappenedForm,
)
from .forms.compliment import (
    ComplimentAboutForm,
    ComplimentConsentForm,
    ComplimentContactForm,
    ComplimentSourceForm,
    ComplimentWordsForm,
)
from .services import ComplaintAnswers, ComplimentAnswers


def _always(answers: dict[str, Any]) -> bool:
    return True


def _about_self(answers: dict[str, Any]) -> bool:
    return answers.get("relationship") == Relationship.CHILD


def _about_someone_else(answers: dict[str, Any]) -> bool:
    return answers.get("relationship") != Relationship.CHILD


def _someone_else(answers: dict[str, Any]) -> bool:
    return answers.get("relationship") == Relationship.OTHER


@dataclass(frozen=True)
class Step:
    """One page: its address (``slug``), its form, and when it applies."""

    slug: str
    form: type[PublicForm]
    applies: Callable[[dict[str, Any]], bool] = _always

    @property
    def is_files(self) -> bool:
        return self.form is DocumentsForm


@dataclass(frozen=True)
class Flow:
    """One public form."""

    slug: str  # names its URLs (``publicforms:<slug>_step``) and its place in the session
    kind: str
    version: str
    steps: tuple[Step, ...]
    noun: str  # "complaint", "compliment": used in headings and buttons
    send_label: str
    check_title: str

    def step(self, slug: str) -> Step | None:
        return next((step for step in self.steps if step.slug == slug), None)

    def url_name(self, page: str) -> str:
        return f"publicforms:{self.slug}_{page}"


def _complaint_steps() -> tuple[Step, ...]:
    return (
        Step("who-you-are", RelationshipForm),
        Step("how-you-know-them", RelationshipDetailForm, _someone_else),
        Step("your-name", NameForm),
        Step("your-date-of-birth", OwnBirthDateForm, _about_self),
        Step("the-child", ChildForm, _about_someone_else),
        Step("what-happened", WhatHappenedForm),
        Step("what-you-would-like", OutcomeForm),
        Step("advocate", AdvocateForm),
        Step("contact-method", ContactMethodForm),
        Step("contact-details", ContactDetailsForm),
        Step("documents", DocumentsForm),
    )


COMPLAINT = Flow(
    slug="complaint", kind=SubmissionKind.COMPLAINT, version=FormVersion.ADULT, steps=_complaint_steps(),
    noun="complaint", send_label="Send complaint", check_title="Check your answers before sending your complaint",
)
YOUNG_PERSON = Flow(
    slug="young_person", kind=SubmissionKind.COMPLAINT, version=FormVersion.YOUNG_PERSON, steps=_complaint_steps(),
    noun="complaint", send_label="Send my complaint", check_title="Check what you have told us",
)
COMPLIMENT = Flow(
    slug="compliment", kind=SubmissionKind.COMPLIMENT, version=FormVersion.ADULT,
    steps=(
        Step("who-you-are", ComplimentSourceForm),
        Step("who-it-is-for", ComplimentAboutForm),
        Step("what-you-would-like-to-say", ComplimentWordsForm),
        Step("sharing", ComplimentConsentForm),
        Step("your-details", ComplimentContactForm),
    ),
    noun="compliment", send_label="Send compliment", check_title="Check your answers before sending your compliment",
)
FLOWS = {flow.slug: flow for flow in (COMPLAINT, YOUNG_PERSON, COMPLIMENT)}


@dataclass
class Progress:
    """The answers of the pages done so far, in order, and the first page still to do (None when
    every page that applies is done)."""

    answers: dict[str, Any]
    done: list[tuple[Step, PublicForm]]
    next_step: Step | None
    # The pages that apply (given the answers so far), in order, up to and including next_step.
    applicable: list[Step]


class Wizard:
    """A person's way through one flow, kept in their session under ``publicforms.<flow slug>``."""

    def __init__(self, flow: Flow, request: HttpRequest, *, today: date) -> None:
        self.flow = flow
        self.request = request
        self.today = today
        self.key = f"publicforms.{flow.slug}"
        state = request.session.get(self.key)
        self.state: dict[str, Any] = state if isinstance(state, dict) else {}
        self.state.setdefault("steps", {})
        self.state.setdefault("draft", "")
        self.state.setdefault("checking", False)

    # What is kept ---------------------------------------------------------------------------------

    def _save(self) -> None:
        self.request.session[self.key] = self.state
        self.request.session.modified = True

    def stored(self, step: Step) -> dict[str, str] | None:
        return self.state["steps"].get(step.slug)

    def store(self, step: Step, raw: dict[str, str]) -> None:
        self.state["steps"][step.slug] = raw
        self._save()

    @property
    def checking(self) -> bool:
        """Whether the person has reached the check answers page: a page changed from there goes
        back to it (or to the next page that needs an answer)."""
        return bool(self.state["checking"])

    def start_checking(self) -> None:
        if not self.state["checking"]:
            self.state["checking"] = True
            self._save()

    @property
    def draft(self) -> str:
        return self.state["draft"]

    def draft_token(self) -> str:
        """The random token the files uploaded with this form are kept under (made on first use)."""
        if not self.state["draft"]:
            self.state["draft"] = secrets.token_urlsafe(32)
            self._save()
        return self.state["draft"]

    def clear(self) -> None:
        self.request.session.pop(self.key, None)
        self.request.session.modified = True

    # Working out where the person is --------------------------------------------------------------

    def form_for(self, step: Step, answers: dict[str, Any], data: Any = None, files: Any = None, *,
                 initial: dict[str, str] | None = None) -> PublicForm:
        """The page's form: bound to ``data`` if given, else unbound showing ``initial`` (what was
        kept for the page, as typed)."""
        form = step.form(data, files, version=self.flow.version, answers=answers, today=self.today)
        if data is None and initial:
            form.initial = form.initial_from_raw(initial)
        return form

    def progress(self, *, until: Step | None = None) -> Progress:
        """Check each applicable page in turn, stopping at the first with no valid answer (or at
        ``until``, if it is reached first)."""
        answers: dict[str, Any] = {}
        done: list[tuple[Step, PublicForm]] = []
        applicable: list[Step] = []
        for step in self.flow.steps:
            if not step.applies(answers):
                continue
            applicable.append(step)
            if step is until:
                return Progress(answers, done, step, applicable)
            raw = self.stored(step)
            form = self.form_for(step, answers, raw if raw is not None else None)
            if raw is None or not form.is_valid():
                return Progress(answers, done, step, applicable)
            answers.update(form.answers_given())
            done.append((step, form))
        return Progress(answers, done, None, applicable)

    def previous(self, step: Step) -> Step | None:
        """The page before ``step`` for the back link (None for the first page)."""
        applicable = self.progress(until=step).applicable
        index = applicable.index(step) if step in applicable else len(applicable)
        return applicable[index - 1] if index > 0 else None

    def following(self, step: Step) -> Step | None:
        """The next page after ``step`` given the answers now kept, or None after the last."""
        answers: dict[str, Any] = {}
        seen = False
        for candidate in self.flow.steps:
            if not candidate.applies(answers):
                continue
            if seen:
                return candidate
            if candidate is step:
                seen = True
            raw = self.stored(candidate)
            if raw is not None:
                form = self.form_for(candidate, answers, raw)
                if form.is_valid():
                    answers.update(form.answers_given())
        return None

    # Turning the answers into a submission --------------------------------------------------------

    def complaint_answers(self, answers: dict[str, Any]) -> ComplaintAnswers:
        is_child = answers.get("relationship") == Relationship.CHILD
        return ComplaintAnswers(
            form_version=self.flow.version,
            relationship=answers["relationship"],
            relationship_detail=answers.get("relationship_detail", "") if answers["relationship"] == Relationship.OTHER
            else "",
            first_name=answers["first_name"], last_name=answers.get("last_name", ""),
            child_first_name="" if is_child else answers.get("child_first_name", ""),
            child_last_name="" if is_child else answers.get("child_last_name", ""),
            child_date_of_birth=answers.get("child_date_of_birth"),
            what_happened=answers["what_happened"], desired_outcome=answers["desired_outcome"],
            wants_advocate=answers["wants_advocate"], contact_method=answers["contact_method"],
            email=answers.get("email", ""), telephone=answers.get("telephone", ""),
            address=answers.get("address", ""), postcode=answers.get("postcode", ""),
        )

    def compliment_answers(self, answers: dict[str, Any]) -> ComplimentAnswers:
        return ComplimentAnswers(
            source=answers["source"], about=answers.get("about", ""), words=answers["words"],
            consent_to_share=answers["consent_to_share"], first_name=answers.get("first_name", ""),
            last_name=answers.get("last_name", ""), email=answers.get("email", ""),
        )

    def submission_answers(self, answers: dict[str, Any]) -> ComplaintAnswers | ComplimentAnswers:
        if self.flow.kind == SubmissionKind.COMPLAINT:
            return self.complaint_answers(answers)
        return self.compliment_answers(answers)
