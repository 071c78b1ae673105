"""Every URL, as every role: allowed or refused, exactly as the access matrix below says.

The URL patterns are read from the project's resolver, so a page added anywhere is checked here or
fails ``test_every_url_is_in_the_access_matrix`` until someone decides who may open it. Each row of
``MATRIX`` gives one expected outcome per column (``COLUMNS``) for GET and, for URLs that take a
form, for a POST with no data. Codes:

    A  allowed: 200, or a redirect within the same area that is not the sign-in page; for a
       lifecycle step also 409, which the step pages answer only once the role is allowed, when the
       case's state does not allow the step today (the roles, not the state, are checked here)
    4  404: the user may not know the complaint exists (a guessed reference reveals nothing)
    3  403: the user can see the complaint (or the area) but their role may not do this
    L  anonymous: redirected to sign in
    M  405: the method is not accepted at all

Every request runs in a transaction that is rolled back, so a POST that succeeds (a restriction
with nobody else named restricts the case to the poster) cannot change what the next role sees.
"""

import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.models import Document, DocumentKind
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.cases.tests.kinds.factories import (
    make_adr,
    make_compliment,
    make_concern,
    make_cost,
    make_enquiry,
    make_iro_dispute,
)
from fairhearing.intake.importing import progress as import_progress
from fairhearing.intake.models import ColumnMapping
from fairhearing.learning.tests.factories import (
    ActionFactory,
    LearningMeetingFactory,
    LearningNoteFactory,
)
from fairhearing.letters.models import LetterTemplate
from fairhearing.notifications.choices import OutboxStatus
from fairhearing.notifications.tests.factories import OutboxMessageFactory
from fairhearing.ombudsman.models import RecommendationEvidence
from fairhearing.ombudsman.tests.factories import add_recommendation, make_case
from fairhearing.publicforms.models import SubmissionAttachment
from fairhearing.publicforms.tests.factories import make_submission
from fairhearing.stages.services import (
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_two_agree_statement,
    stage_two_appoint,
)
from fairhearing.stages.tests.conftest import LATER, D, findings

pytestmark = pytest.mark.django_db

# One column per kind of user. "responder" manages the case's team; "investigator" is appointed
# Investigating Officer on the case's open Stage 2.
COLUMNS = (
    "complaints_manager", "complaints_officer", "senior_manager", "responder", "responder_other_team",
    "investigator", "investigator_not_appointed", "learning_lead", "report_reader", "administrator",
    "anonymous",
)


@dataclass
class World:
    """The case everyone tries to open (team A, Stage 2 open, an Investigating Officer appointed),
    a case of team B for mismatched-object checks, a user per column, and values for URL arguments."""

    case: Any
    other_case: Any
    users: dict[str, Any]
    objects: dict[str, Any] = field(default_factory=dict)  # things on the case, and "other_" ones on team B's


def _document(complaint, user):  # noqa: ANN001, ANN202
    # Made directly: these tests are about who may reach the file, not about uploading it.
    content = b"%PDF-1.4\n%test\n"
    return Document.objects.create(
        complaint=complaint, kind=DocumentKind.EVIDENCE, title="Letter from the parent",
        file=ContentFile(content, name="letter.pdf"), original_name="letter.pdf",
        content_type="application/pdf", size=len(content), uploaded_by=user,
    )


def build_world() -> World:
    team_a, team_b = TeamFactory(name="Family Support Team 1"), TeamFactory(name="Fostering")
    roles = {
        "complaints_manager": Role.COMPLAINTS_MANAGER, "complaints_officer": Role.COMPLAINTS_OFFICER,
        "senior_manager": Role.SENIOR_MANAGER, "responder": Role.RESPONDING_MANAGER,
        "responder_other_team": Role.RESPONDING_MANAGER, "investigator": Role.INVESTIGATOR,
        "investigator_not_appointed": Role.INVESTIGATOR, "learning_lead": Role.LEARNING_LEAD,
        "report_reader": Role.REPORT_READER, "administrator": Role.ADMINISTRATOR,
    }
    users: dict[str, Any] = {column: UserFactory(username=column, roles=[role]) for column, role in roles.items()}
    users["anonymous"] = None
    users["administrator"].is_staff = True
    users["administrator"].save()
    users["responder"].teams.add(team_a)
    users["responder_other_team"].teams.add(team_b)
    officer = users["complaints_officer"]
    case = make_complaint(actor=officer, teams=[team_a])
    stage = stage_one_start(complaint=case, actor=officer, today=LATER)
    stage_respond(stage=stage, responded_on=D(2022, 1, 18), findings=findings("not_upheld", "upheld"),
                  actor=officer, today=LATER)
    stage = stage_request_next(complaint=case, requested_on=D(2022, 2, 15), actor=officer, today=LATER)
    stage_two_agree_statement(stage=stage, agreed_on=D(2022, 3, 1), actor=officer, today=LATER)
    stage_two_appoint(stage=stage, investigating_officer=users["investigator"],
                      independent_person=UserFactory(username="independent", roles=[Role.INVESTIGATOR]),
                      appointed_on=D(2022, 3, 2), actor=officer, today=LATER)
    other_case = make_complaint(actor=officer, teams=[team_b])
    objects = {"document": _document(case, officer), "other_document": _document(other_case, officer)}
    objects["letter_template"] = LetterTemplate.objects.order_by("pk").first()  # seeded by a migration
    # The child and the complainant on the case, for the linked records pages (no "other_" ones:
    # those pages take no complaint reference, so there is no other case's address to mix them into).
    objects["child"] = case.children.get().child
    objects["person"] = case.complainants.get().person
    # Learning: a note on the case as a whole (so its Stage 1 response may still be given one), a
    # meeting, and an action in a plan; no "other_" ones, as their addresses take no reference.
    objects["learning_note"] = LearningNoteFactory(stage=None, complaint=case, recorded_on=D(2022, 2, 1))
    objects["learning_meeting"] = LearningMeetingFactory()
    objects["action"] = ActionFactory()
    objects["action_plan"] = objects["action"].plan
    # A compliment, a Member's enquiry and initial feedback about team A, found by their references;
    # no "other_" ones, as their addresses take no complaint reference.
    objects["compliment"] = make_compliment(actor=officer, team=team_a)
    objects["enquiry"] = make_enquiry(actor=officer, team=team_a)
    objects["concern"] = make_concern(actor=officer, team=team_a)
    # An Ombudsman case about the case, with an overdue recommendation and an evidence file; no
    # "other_" ones (test_ombudsman.py checks another case's are 404 under this case's address).
    objects["ombudsman_case"] = make_case(actor=officer, complaints=[case], team=team_a, today=LATER)
    objects["recommendation"] = add_recommendation(objects["ombudsman_case"], actor=officer, due_on=D(2022, 2, 1))
    objects["evidence"] = RecommendationEvidence.objects.create(
        recommendation=objects["recommendation"], title="Apology letter", original_name="apology.pdf",
        file=ContentFile(b"%PDF-1.4\n%test\n", name="apology.pdf"), content_type="application/pdf", size=15,
    )
    # ADR offered on the case, an IRO dispute and a payment on the case; no "other_" ones, as their
    # addresses take no complaint reference (ADR and IRO disputes by their own, costs by id).
    objects["adr"] = make_adr(actor=officer, complaint=case, offered_on=D(2022, 2, 1), today=LATER)
    objects["iro_dispute"] = make_iro_dispute(actor=officer, team=team_a, today=LATER)
    objects["cost"] = make_cost(actor=officer, complaint=case, kind="payment", incurred_on=D(2022, 2, 1), today=LATER)
    # Emails are addressed by their catalogue key; a failed message is there to be tried again.
    objects["email"] = SimpleNamespace(pk="complaint_acknowledgement")
    objects["outbox_message"] = OutboxMessageFactory(status=OutboxStatus.FAILED, attempts=6)
    # A complaint received online and not yet logged, with a file; addressed by its reference (and the
    # file by its random id). No "other_" ones: the addresses take no complaint reference.
    objects["online_submission"] = make_submission()
    objects["online_attachment"] = SubmissionAttachment.objects.create(
        submission=objects["online_submission"], file=ContentFile(b"%PDF-1.4\n%test\n", name="letter.pdf"),
        original_name="letter.pdf", content_type="application/pdf", size=15,
    )
    # A saved column mapping (by id) and an import the complaints manager has running (by its token).
    objects["column_mapping"] = ColumnMapping.objects.create(
        kind="complaints", signature="0" * 64, mapping=[["Ref", "Reference"]], saved_by=users["complaints_manager"])
    objects["import_progress"] = SimpleNamespace(pk=import_progress.begin(
        token=uuid.uuid4().hex, user_id=users["complaints_manager"].pk, kind="complaints").token)
    return World(case=case, other_case=other_case, users=users, objects=objects)


# Patterns left out of the walk, each with the reason. Matched on the route's start or the URL name.
SKIPPED_PREFIXES = {
    "admin/": "Django's admin checks is_staff and model permissions itself; "
              "the administrator tests in test_access.py check who may do what there",
    settings.STATIC_URL.lstrip("/"): "static assets (CSS, JavaScript, fonts) are public by design "
                                     "and hold no personal data",
    "complain/": "the public complaint forms need no sign-in; publicforms/tests/test_public_urls.py "
                 "opens every public URL anonymously and as each role",
    "compliment/": "the public compliment form needs no sign-in; publicforms/tests/test_public_urls.py "
                   "opens every public URL anonymously and as each role",
}
SKIPPED_NAMES = {
    "login": "the sign-in page must be open to everyone; its lockout is tested in accounts",
    "logout": "signing out ends the session the other checks run in; it accepts POST only",
}


@dataclass(frozen=True)
class Row:
    """Expected outcomes, one code per column. ``post`` is None for pages that take no form."""

    get: str
    post: str | None = None
    # URL arguments other than the complaint's reference: argument name -> key in World.objects
    args: dict[str, str] = field(default_factory=dict)

    def codes(self, method: str) -> dict[str, str]:
        text = (self.get if method == "get" else self.post or "").replace(" ", "")
        assert len(text) == len(COLUMNS), f"{text!r} needs one code per column: {COLUMNS}"
        return dict(zip(COLUMNS, text, strict=True))


# Common rows (columns as in COLUMNS, grouped: team | senior | responders | investigators | others | anonymous)
CASE_READERS = "AA A A4 A4 444 L"  # Action.VIEW: whoever can see the complaint
CASEWORK = "AA 3 34 34 444 L"  # the complaints team's actions (EDIT, START_STAGE, RESTRICT, ...)
SENIOR_ONLY = "33 A 34 34 444 L"  # ADJUDICATE, COUNCIL_RESPOND
TEAM_ONLY = "AA 3 33 33 333 L"  # complaints team pages not about one complaint
REPORT_READERS = "AA A 33 33 AA3 L"  # reports.permissions: the team and senior managers (internal),
#                                      the learning lead and report readers (published only)
KIND_LIST = "AA A AA 33 333 L"  # kinds/access.py: lists of enquiries and initial feedback
KIND_READERS = "AA A A4 44 444 L"  # one enquiry or concern of the case's team
KIND_CHANGE = "AA 3 34 44 444 L"  # changing it: the complaints team
KIND_CHANGE_SEEN_BY_LEARNING = "AA 3 34 44 344 L"  # changing a compliment, which the learning lead sees
LEARNING_NOTES_WRITE = "AA 3 A4 33 A33 L"  # learning.access: record and change learning notes
LEARNING_READERS = "AA A 33 33 A33 L"  # see learning meetings and action plans
LEARNING_CHANGERS = "A3 3 33 33 A33 L"  # change them: the complaints manager and the learning lead
OMBUDSMAN_READERS = "AA A 44 44 A44 L"  # ombudsman.access: one case (404 to roles that see none)
OMBUDSMAN_CHANGE = "AA 3 44 44 344 L"  # changing it: the complaints team
RECORDS_LIST = "AA A 33 33 333 L"  # kinds/access.py: lists of ADR, IRO disputes and costs
RECORDS_READERS = "AA A 44 44 444 L"  # one of them (404 to roles that see none)
RECORDS_CHANGE = "AA 3 44 44 444 L"  # changing it: the complaints team

# Columns: complaints manager, officer | senior manager | responding manager of the case's team,
# of another team | investigator appointed to the case, not appointed | learning lead, report
# reader, administrator | anonymous.
MATRIX: dict[str, Row] = {
    # Home and lists
    "staff:home":                       Row(get="AA A AA AA AAA L"),
    "staff:complaint_list":             Row(get="AA A AA AA 333 L", post="AA A AA AA 333 L"),  # POST: search
    "staff:complaint_export_csv":       Row(get="AA A AA AA 333 L"),
    "staff:complaint_export_xlsx":      Row(get="AA A AA AA 333 L"),
    # Logging a complaint (cases.intake.user_may_log_complaints)
    "staff:complaint_new":              Row(get=TEAM_ONLY, post=TEAM_ONLY),
    # Importing a register (staff/views/imports.py): the complaints manager only. With no file
    # waiting, the preview, names and confirm pages go back to the upload page (allowed)
    "staff:import_register":            Row(get="A3 3 33 33 333 L", post="A3 3 33 33 333 L"),
    "staff:import_preview":             Row(get="A3 3 33 33 333 L"),
    "staff:import_names":               Row(get="A3 3 33 33 333 L", post="A3 3 33 33 333 L"),
    "staff:import_confirm":             Row(get="A3 3 33 33 333 L", post="A3 3 33 33 333 L"),
    "staff:import_mapping":             Row(get="A3 3 33 33 333 L", post="A3 3 33 33 333 L"),
    "staff:import_progress":            Row(get="A3 3 33 33 333 L", args={"token": "import_progress"}),
    "staff:import_mapping_list":        Row(get="A3 3 33 33 333 L"),
    "staff:import_mapping_delete":      Row(get="A3 3 33 33 333 L", post="A3 3 33 33 333 L",
                                            args={"pk": "column_mapping"}),
    # The complaint page
    "staff:complaint_detail":           Row(get=CASE_READERS),
    # Documents and notes: Action.UPLOAD and Action.NOTE go with Action.VIEW for every role
    "staff:complaint_documents":        Row(get=CASE_READERS),
    "staff:document_upload":            Row(get=CASE_READERS, post=CASE_READERS),
    "staff:document_download":          Row(get=CASE_READERS, args={"pk": "document"}),
    "staff:note_add":                   Row(get=CASE_READERS, post=CASE_READERS),
    # Letters: templates are the complaints team's; a letter on a case needs Action.LETTER
    "staff:letter_template_list":       Row(get=TEAM_ONLY),
    "staff:letter_template_edit":       Row(get=TEAM_ONLY, post=TEAM_ONLY, args={"pk": "letter_template"}),
    "staff:letter_new":                 Row(get=CASEWORK),
    "staff:letter_preview":             Row(get=CASEWORK, post=CASEWORK),
    "staff:letter_create":              Row(get=CASEWORK, post=CASEWORK),
    # Emails (staff/views/emails.py): the wording and the outbox are the complaints manager's;
    # trying a failed email again takes a POST only
    "staff:email_template_list":        Row(get="A3 3 33 33 333 L"),
    "staff:email_template_edit":        Row(get="A3 3 33 33 333 L", post="A3 3 33 33 333 L", args={"key": "email"}),
    "staff:email_outbox":               Row(get="A3 3 33 33 333 L"),
    "staff:email_outbox_retry":         Row(get="MM M MM MM MMM L", post="A3 3 33 33 333 L",
                                            args={"pk": "outbox_message"}),
    # Reports: with no options given, the report and its downloads go back to the form (allowed);
    # the written parts (executive summary, conclusion) are the complaints team's
    "staff:reports":                    Row(get=REPORT_READERS),
    "staff:report":                     Row(get=REPORT_READERS),
    "staff:report_download":            Row(get=REPORT_READERS),
    "staff:report_text_executive_summary": Row(get=TEAM_ONLY, post=TEAM_ONLY),
    "staff:report_text_conclusion":     Row(get=TEAM_ONLY, post=TEAM_ONLY),
    # The Records hub (staff/views/records.py): shows the kinds of record the user may see, and is
    # refused to those who may see none
    "staff:records":                    Row(get="AA A AA 33 A33 L"),
    # Linked records (staff/views/people.py): the search for anyone whose role sees some kind of record;
    # a child's or person's page only if the user may see a record about them (the world's child and
    # complainant are on team A's case), else 404; investigators, report readers and administrators 403
    "staff:people_search":              Row(get="AA A AA 33 A33 L", post="AA A AA 33 A33 L"),
    "staff:child_records":              Row(get="AA A A4 33 433 L", args={"pk": "child"}),
    "staff:person_records":             Row(get="AA A A4 33 433 L", args={"pk": "person"}),
    # Compliments, Members' enquiries and initial feedback (cases/kinds/access.py): the complaints
    # team change them; senior managers (and for compliments the learning lead) see every one, and
    # responding managers their own teams'; a record the user may not see is 404, a change 403.
    # A responding manager records how their team resolved initial feedback.
    "staff:compliment_list":            Row(get="AA A AA 33 A33 L"),
    "staff:compliment_new":             Row(get=TEAM_ONLY, post=TEAM_ONLY),
    "staff:compliment_detail":          Row(get="AA A A4 44 A44 L", args={"reference": "compliment"}),
    "staff:compliment_edit":            Row(get=KIND_CHANGE_SEEN_BY_LEARNING, post=KIND_CHANGE_SEEN_BY_LEARNING,
                                            args={"reference": "compliment"}),
    "staff:compliment_quotation":       Row(get=KIND_CHANGE_SEEN_BY_LEARNING, post=KIND_CHANGE_SEEN_BY_LEARNING,
                                            args={"reference": "compliment"}),
    "staff:compliment_shared":          Row(get=KIND_CHANGE_SEEN_BY_LEARNING, post=KIND_CHANGE_SEEN_BY_LEARNING,
                                            args={"reference": "compliment"}),
    "staff:enquiry_list":               Row(get=KIND_LIST),
    "staff:enquiry_new":                Row(get=TEAM_ONLY, post=TEAM_ONLY),
    "staff:enquiry_detail":             Row(get=KIND_READERS, args={"reference": "enquiry"}),
    "staff:enquiry_edit":               Row(get=KIND_CHANGE, post=KIND_CHANGE, args={"reference": "enquiry"}),
    "staff:enquiry_respond":            Row(get=KIND_CHANGE, post=KIND_CHANGE, args={"reference": "enquiry"}),
    "staff:enquiry_link":               Row(get=KIND_CHANGE, post=KIND_CHANGE, args={"reference": "enquiry"}),
    "staff:concern_list":               Row(get=KIND_LIST),
    "staff:concern_new":                Row(get=TEAM_ONLY, post=TEAM_ONLY),
    "staff:concern_detail":             Row(get=KIND_READERS, args={"reference": "concern"}),
    "staff:concern_edit":               Row(get=KIND_CHANGE, post=KIND_CHANGE, args={"reference": "concern"}),
    "staff:concern_send":               Row(get=KIND_CHANGE, post=KIND_CHANGE, args={"reference": "concern"}),
    "staff:concern_resolve":            Row(get="AA 3 A4 44 444 L", post="AA 3 A4 44 444 L",
                                            args={"reference": "concern"}),
    "staff:concern_close":              Row(get=KIND_CHANGE, post=KIND_CHANGE, args={"reference": "concern"}),
    "staff:concern_convert":            Row(get=KIND_CHANGE, post=KIND_CHANGE, args={"reference": "concern"}),
    # Learning (learning.access): notes are seen by the complaints team, senior managers and the
    # learning lead, and by responding managers on their teams' complaints; all of them but senior
    # managers record and change notes (the learning lead without seeing the complaint itself).
    # Meetings and action plans are seen by the team, senior managers and the learning lead, and
    # changed by the complaints manager and the learning lead.
    "staff:learning_note_new":          Row(get=LEARNING_NOTES_WRITE, post=LEARNING_NOTES_WRITE),
    "staff:learning_note_list":         Row(get="AA A AA 33 A33 L"),
    "staff:learning_note_detail":       Row(get="AA A A4 33 A33 L", args={"pk": "learning_note"}),
    "staff:learning_note_edit":         Row(get=LEARNING_NOTES_WRITE, post=LEARNING_NOTES_WRITE,
                                            args={"pk": "learning_note"}),
    "staff:learning_meeting_list":      Row(get=LEARNING_READERS),
    "staff:learning_meeting_new":       Row(get=LEARNING_CHANGERS, post=LEARNING_CHANGERS),
    "staff:learning_meeting_detail":    Row(get=LEARNING_READERS, args={"pk": "learning_meeting"}),
    "staff:learning_meeting_edit":      Row(get=LEARNING_CHANGERS, post=LEARNING_CHANGERS,
                                            args={"pk": "learning_meeting"}),
    "staff:learning_meeting_approve":   Row(get=LEARNING_CHANGERS, post=LEARNING_CHANGERS,
                                            args={"pk": "learning_meeting"}),
    "staff:action_plan_list":           Row(get=LEARNING_READERS),
    "staff:action_plan_new":            Row(get=LEARNING_CHANGERS, post=LEARNING_CHANGERS),
    "staff:action_plan_detail":         Row(get=LEARNING_READERS, args={"pk": "action_plan"}),
    "staff:action_plan_edit":           Row(get=LEARNING_CHANGERS, post=LEARNING_CHANGERS, args={"pk": "action_plan"}),
    "staff:action_new":                 Row(get=LEARNING_CHANGERS, post=LEARNING_CHANGERS, args={"pk": "action_plan"}),
    "staff:action_list":                Row(get=LEARNING_READERS),
    "staff:action_detail":              Row(get=LEARNING_READERS, args={"pk": "action"}),
    "staff:action_edit":                Row(get=LEARNING_CHANGERS, post=LEARNING_CHANGERS, args={"pk": "action"}),
    "staff:action_update":              Row(get=LEARNING_CHANGERS, post=LEARNING_CHANGERS, args={"pk": "action"}),
    "staff:action_link":                Row(get=LEARNING_CHANGERS, post=LEARNING_CHANGERS, args={"pk": "action"}),
    # Ombudsman cases (ombudsman.access): the complaints team see and change every case, senior
    # managers and the learning lead see them; other roles are refused the list and get 404 for a case.
    "staff:ombudsman_case_list":        Row(get="AA A 33 33 A33 L"),
    "staff:ombudsman_case_new":         Row(get=TEAM_ONLY, post=TEAM_ONLY),
    "staff:ombudsman_case_detail":      Row(get=OMBUDSMAN_READERS, args={"pk": "ombudsman_case"}),
    "staff:ombudsman_case_edit":        Row(get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE, args={"pk": "ombudsman_case"}),
    "staff:ombudsman_case_assign":      Row(get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE, args={"pk": "ombudsman_case"}),
    "staff:ombudsman_case_link_complaint": Row(get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE,
                                               args={"pk": "ombudsman_case"}),
    "staff:ombudsman_case_draft_decision": Row(get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE,
                                               args={"pk": "ombudsman_case"}),
    "staff:ombudsman_case_decision":    Row(get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE, args={"pk": "ombudsman_case"}),
    "staff:ombudsman_case_historic_decision": Row(get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE,
                                                  args={"pk": "ombudsman_case"}),
    "staff:ombudsman_recommendation_add": Row(get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE,
                                              args={"pk": "ombudsman_case"}),
    "staff:ombudsman_recommendation_complied": Row(get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE,
                                                   args={"pk": "ombudsman_case", "recommendation_pk": "recommendation"}),
    "staff:ombudsman_recommendation_not_complied": Row(
        get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE, args={"pk": "ombudsman_case", "recommendation_pk": "recommendation"}),
    "staff:ombudsman_evidence_upload":  Row(get=OMBUDSMAN_CHANGE, post=OMBUDSMAN_CHANGE,
                                            args={"pk": "ombudsman_case", "recommendation_pk": "recommendation"}),
    "staff:ombudsman_evidence_download": Row(get=OMBUDSMAN_READERS, args={"pk": "ombudsman_case", "evidence_pk": "evidence"}),
    # ADR, IRO disputes and costs (cases/kinds/access.py): the complaints team and senior managers
    # see them, the complaints team records and changes them
    "staff:adr_list":                   Row(get=RECORDS_LIST),
    "staff:adr_new":                    Row(get=TEAM_ONLY, post=TEAM_ONLY),
    "staff:adr_detail":                 Row(get=RECORDS_READERS, args={"adr_reference": "adr"}),
    "staff:adr_edit":                   Row(get=RECORDS_CHANGE, post=RECORDS_CHANGE, args={"adr_reference": "adr"}),
    "staff:iro_dispute_list":           Row(get=RECORDS_LIST),
    "staff:iro_dispute_new":            Row(get=TEAM_ONLY, post=TEAM_ONLY),
    "staff:iro_dispute_detail":         Row(get=RECORDS_READERS, args={"iro_reference": "iro_dispute"}),
    "staff:iro_dispute_edit":           Row(get=RECORDS_CHANGE, post=RECORDS_CHANGE,
                                            args={"iro_reference": "iro_dispute"}),
    "staff:cost_list":                  Row(get=RECORDS_LIST),
    "staff:cost_new":                   Row(get=TEAM_ONLY, post=TEAM_ONLY),
    "staff:cost_detail":                Row(get=RECORDS_READERS, args={"pk": "cost"}),
    "staff:cost_edit":                  Row(get=RECORDS_CHANGE, post=RECORDS_CHANGE, args={"pk": "cost"}),
    "staff:cost_delete":                Row(get=RECORDS_CHANGE, post=RECORDS_CHANGE, args={"pk": "cost"}),
    # Received online (publicforms.selectors): the complaints team only, whatever the submission is
    # about; logging the world's complaint as a compliment is a 409 (allowed: the role may)
    "staff:online_list":                Row(get=TEAM_ONLY),
    "staff:online_detail":              Row(get=TEAM_ONLY, args={"submission_reference": "online_submission"}),
    "staff:online_file_download":       Row(get=TEAM_ONLY, args={"submission_reference": "online_submission",
                                                                 "pk": "online_attachment"}),
    "staff:online_log_complaint":       Row(get=TEAM_ONLY, post=TEAM_ONLY, args={"submission_reference": "online_submission"}),
    "staff:online_log_compliment":      Row(get=TEAM_ONLY, post=TEAM_ONLY, args={"submission_reference": "online_submission"}),
    "staff:online_close":               Row(get=TEAM_ONLY, post=TEAM_ONLY, args={"submission_reference": "online_submission"}),
    # Access (cases.access): seeing the page needs RESTRICT or VIEW_LOG, changing it RESTRICT
    "staff:complaint_access":           Row(get=CASEWORK),
    "staff:complaint_access_restrict":  Row(get=CASEWORK, post=CASEWORK),
    "staff:complaint_access_lift":      Row(get=CASEWORK, post=CASEWORK),
    "staff:complaint_access_exclude":   Row(get=CASEWORK, post=CASEWORK),
    "staff:complaint_access_include":   Row(get=CASEWORK, post=CASEWORK),
    # Lifecycle steps (staff/steps.py), by the Action each needs. The world's case is at Stage 2,
    # so a responding manager may not respond (they answer Stage 1 only).
    "staff:step_acknowledge":           Row(get=CASEWORK, post=CASEWORK),
    "staff:step_late_decision":         Row(get=CASEWORK, post=CASEWORK),
    "staff:step_sufficient_interest":   Row(get=CASEWORK, post=CASEWORK),
    "staff:step_child_consent":         Row(get=CASEWORK, post=CASEWORK),
    "staff:step_advocacy":              Row(get=CASEWORK, post=CASEWORK),
    "staff:step_add_point":             Row(get=CASEWORK, post=CASEWORK),
    "staff:step_details":               Row(get=CASEWORK, post=CASEWORK),
    "staff:step_start_stage_one":       Row(get=CASEWORK, post=CASEWORK),
    "staff:step_statement_agreed":      Row(get=CASEWORK, post=CASEWORK),
    "staff:step_acknowledge_request":   Row(get=CASEWORK, post=CASEWORK),
    "staff:step_appoint":               Row(get=CASEWORK, post=CASEWORK),
    "staff:step_extend":                Row(get=CASEWORK, post=CASEWORK),
    "staff:step_pause":                 Row(get=CASEWORK, post=CASEWORK),
    "staff:step_resume":                Row(get=CASEWORK, post=CASEWORK),
    "staff:step_respond":               Row(get="AA A 34 34 444 L", post="AA A 34 34 444 L"),
    "staff:step_adjudicate":            Row(get=SENIOR_ONLY, post=SENIOR_ONLY),
    "staff:step_request_next_stage":    Row(get=CASEWORK, post=CASEWORK),
    "staff:step_convene_panel":         Row(get=CASEWORK, post=CASEWORK),
    "staff:step_panel_met":             Row(get=CASEWORK, post=CASEWORK),
    "staff:step_report_received":       Row(get=CASEWORK, post=CASEWORK),
    "staff:step_council_response":      Row(get=SENIOR_ONLY, post=SENIOR_ONLY),
    "staff:step_close":                 Row(get=CASEWORK, post=CASEWORK),
    "staff:step_withdraw":              Row(get=CASEWORK, post=CASEWORK),
    "staff:step_reopen":                Row(get=CASEWORK, post=CASEWORK),
}


# Walking the resolver ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    name: str | None  # namespaced, e.g. "staff:complaint_detail"
    route: str
    kwargs: tuple[str, ...]


def _kwarg_names(pattern) -> list[str]:  # noqa: ANN001
    converters = getattr(pattern.pattern, "converters", None)
    if converters is not None:
        return list(converters)
    return list(pattern.pattern.regex.groupindex)


def walk(resolver=None, prefix: str = "", namespace: str = "", kwargs: tuple[str, ...] = ()):  # noqa: ANN001
    """Every URL pattern in the project, with its full route, namespaced name and URL arguments."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        names = kwargs + tuple(_kwarg_names(pattern))
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from walk(pattern, route, inner, names)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield Route(name=name, route=route, kwargs=names)


def skip_reason(route: Route) -> str | None:
    for start, reason in SKIPPED_PREFIXES.items():
        if route.route.startswith(start):
            return reason
    return SKIPPED_NAMES.get(route.name or "")


def checked_routes() -> list[Route]:
    return [route for route in walk() if skip_reason(route) is None]


def test_every_url_is_in_the_access_matrix():
    routes = checked_routes()
    unnamed = sorted(route.route for route in routes if not route.name)
    assert not unnamed, f"Give these URLs a name so the access matrix can check them: {unnamed}"
    missing = sorted({route.name for route in routes} - set(MATRIX))
    assert not missing, f"Add the new URL to the access matrix in {__name__}: {missing}"
    stale = sorted(set(MATRIX) - {route.name for route in routes})
    assert not stale, f"These matrix rows name URLs that no longer exist: {stale}"


def test_the_walk_finds_nested_and_namespaced_urls():
    names = {route.name for route in walk()}
    assert {"staff:complaint_detail", "staff:complaint_access", "login", "admin:index"} <= names
    assert skip_reason(next(route for route in walk() if route.name == "admin:index"))


# Checking one URL -------------------------------------------------------------------------------

def _describe(code: str) -> str:
    return {"A": "allowed", "4": "404", "3": "403", "L": "redirect to sign in", "M": "405"}[code]


def _outcome(response, url_name: str) -> str:
    """The code a response amounts to (see the module docstring), or what it actually was."""
    status = response.status_code
    if status in (301, 302, 303):
        target = urlparse(response["Location"]).path
        if target.startswith(resolve_url(settings.LOGIN_URL)):
            return "L"
        try:
            match = resolve(target)
        except Resolver404:
            return f"redirect off the site map to {target}"
        area = url_name.split(":")[0] if ":" in url_name else ""
        return "A" if match.namespace == area else f"redirect to another area ({match.view_name})"
    if status == 500 and getattr(response, "exc_info", None):
        return f"500 ({response.exc_info[0].__name__}: {response.exc_info[1]})"
    return {200: "A", 409: "A", 404: "4", 403: "3", 405: "M"}.get(status, str(status))


def url_for(name: str, world, prefix: str = "") -> str:  # noqa: ANN001
    """The URL with the world's case and objects; prefix "other_" takes the objects from team B's case
    (the reference stays the case's own, as someone editing the address bar would leave it)."""
    route = next(route for route in walk() if route.name == name)
    args = MATRIX[name].args if name in MATRIX else {}
    values = {"reference": world.case.reference}
    # A record with a reference (a compliment, an enquiry) is addressed by it, anything else by its id.
    values.update({kwarg: getattr(world.objects[prefix + key], "reference" if kwarg.endswith("reference") else "pk")
                   for kwarg, key in args.items()})
    missing = [kwarg for kwarg in route.kwargs if kwarg not in values]
    assert not missing, f"{name}: say in its MATRIX row which object fills {missing} (Row.args)"
    try:
        return reverse(name, kwargs={kwarg: values[kwarg] for kwarg in route.kwargs})
    except NoReverseMatch as error:  # pragma: no cover - a message beats a stack trace
        pytest.fail(f"{name}: {error}")


def mismatches(client, world, name: str, row: Row, url: str | None = None) -> list[str]:  # noqa: ANN001
    url = url or url_for(name, world)
    client.raise_request_exception = False  # a crash is reported as a mismatch, with the others
    found = []
    for method in ("get", "post") if row.post else ("get",):
        for column, expected in row.codes(method).items():
            client.logout()
            if world.users.get(column) is not None:
                client.force_login(world.users[column])
            with transaction.atomic():
                response = getattr(client, method)(url)
                transaction.set_rollback(True)
            got = _outcome(response, name)
            if got != expected:
                found.append(f"{name} {method.upper()} as {column}: expected {_describe(expected)}, got {got}")
    return found


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_is_allowed_or_refused_as_the_matrix_says(client, name):
    if name not in {route.name for route in checked_routes()}:
        pytest.skip("no such URL")  # reported as stale by test_every_url_is_in_the_access_matrix
    problems = mismatches(client, build_world(), name, MATRIX[name])
    assert not problems, "\n".join(problems)


def test_guessing_another_teams_case_gets_404_on_every_complaint_url(client):
    """A responding manager of team B who types in team A's reference learns nothing, whatever the
    page: every URL that takes a complaint reference answers 404, to GET and to POST."""
    world = build_world()
    client.force_login(world.users["responder_other_team"])
    routes = [route for route in checked_routes() if "reference" in route.kwargs and route.name in MATRIX]
    assert len(routes) >= 2
    wrong = []
    for route in routes:
        url = url_for(route.name, world)
        # POST only where the page takes a form: elsewhere the answer is 405 whatever the reference.
        for method in ("get", "post") if MATRIX[route.name].post else ("get",):
            with transaction.atomic():
                status = getattr(client, method)(url).status_code
                transaction.set_rollback(True)
            if status != 404:
                wrong.append(f"{method.upper()} {url}: {status}")
    assert not wrong, wrong


def test_objects_of_another_case_are_404_through_this_cases_address(client):
    """A document (or any object with an id in the URL) of team B's case, asked for under the
    address of a case the user can see, is a 404: the view must check the object belongs to it."""
    world = build_world()
    with_objects = [name for name, row in MATRIX.items() if name in world_names() and row.args
                    and all(f"other_{key}" in world.objects for key in row.args.values())]
    assert with_objects
    wrong = []
    for column in ("responder", "complaints_officer"):  # sees only case A; sees both cases
        client.force_login(world.users[column])
        for name in with_objects:
            url = url_for(name, world, prefix="other_")
            for method in ("get", "post") if MATRIX[name].post else ("get",):
                with transaction.atomic():
                    status = getattr(client, method)(url).status_code
                    transaction.set_rollback(True)
                if status != 404:
                    wrong.append(f"{name} {method.upper()} as {column}: {status}")
    assert not wrong, wrong


def world_names() -> set[str]:
    return {route.name for route in checked_routes()}
