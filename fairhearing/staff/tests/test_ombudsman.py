"""The Ombudsman (LGSCO) pages: who may open and change what, the list's filters, paging and query
count, logging and changing a case, linking complaints, the decisions, recommendations, compliance,
evidence uploads and downloads, CSRF, the complaint page's panel, the hub and the dashboard."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.access import complaint_exclude
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.cases.tests.test_attachments import EXE, PDF
from fairhearing.ombudsman.choices import (
    ClosingReason,
    Compliance,
    DecisionLabel,
    HistoricCategory,
    OmbudsmanPhase,
    RecommendationKind,
)
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation, RecommendationEvidence
from fairhearing.ombudsman.services import (
    ombudsman_case_link_complaint,
    recommendation_evidence_upload,
)
from fairhearing.ombudsman.tests.factories import (
    OmbudsmanCaseFactory,
    RecommendationFactory,
    add_recommendation,
    decide,
    make_case,
)
from fairhearing.people.tests.factories import ChildFactory, PersonFactory
from fairhearing.staff.views import ombudsman as views

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2022, 7, 1)  # a Friday; "the next 5 working days" run to Friday 8 July
LIST = reverse("staff:ombudsman_case_list")
NEW = reverse("staff:ombudsman_case_new")
HOME = reverse("staff:home")

VIEWERS = [Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER, Role.SENIOR_MANAGER, Role.LEARNING_LEAD]
CHANGERS = [Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER]
READ_ONLY = [Role.SENIOR_MANAGER, Role.LEARNING_LEAD]
NONE = [Role.RESPONDING_MANAGER, Role.INVESTIGATOR, Role.REPORT_READER, Role.ADMINISTRATOR]


@pytest.fixture(autouse=True)
def today():
    """Pin the clock the pages read (the services in set-up are given today= explicitly)."""
    with time_machine.travel(datetime.datetime(2022, 7, 1, 10, 30, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield TODAY


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


def login(client, role=None, **kwargs):  # noqa: ANN001, ANN003, ANN201
    user = UserFactory(roles=[role] if role else [], **kwargs)
    client.force_login(user)
    return user


def url(name: str, *args) -> str:  # noqa: ANN002
    return reverse(f"staff:{name}", args=args)


def date_fields(name: str, value: datetime.date | None) -> dict[str, str]:
    if value is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}


def page(response) -> str:  # noqa: ANN001
    return response.content.decode()


def field_error(response, field: str) -> str:  # noqa: ANN001
    errors = response.context["form"].errors.get(field)
    return errors[0] if errors else ""


def pdf(name: str = "apology.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def complaint():
    return make_complaint(actor=officer())


@pytest.fixture
def case(complaint):
    return make_case(actor=officer(), complaints=[complaint], team=TeamFactory(name="Fostering"),
                     received_on=D(2022, 3, 1), today=TODAY)


# Who may do what ----------------------------------------------------------------------------------

def case_pages(case, recommendation, evidence) -> dict[str, str]:  # noqa: ANN001
    """Every page about one case, and whether it takes a form (POST)."""
    return {
        url("ombudsman_case_detail", case.pk): False,
        url("ombudsman_case_edit", case.pk): True,
        url("ombudsman_case_link_complaint", case.pk): True,
        url("ombudsman_case_draft_decision", case.pk): True,
        url("ombudsman_case_decision", case.pk): True,
        url("ombudsman_case_historic_decision", case.pk): True,
        url("ombudsman_recommendation_add", case.pk): True,
        url("ombudsman_recommendation_complied", case.pk, recommendation.pk): True,
        url("ombudsman_recommendation_not_complied", case.pk, recommendation.pk): True,
        url("ombudsman_evidence_upload", case.pk, recommendation.pk): True,
        url("ombudsman_evidence_download", case.pk, evidence.pk): False,
    }


@pytest.fixture
def world(case):
    recommendation = add_recommendation(case, due_on=D(2022, 6, 1))
    evidence = recommendation_evidence_upload(recommendation=recommendation, uploaded_file=pdf(), title="Apology",
                                              actor=officer())
    return {"case": case, "recommendation": recommendation, "evidence": evidence}


@pytest.mark.parametrize("role", VIEWERS)
def test_viewers_open_the_list_and_every_case_page_they_may(client, world, role):
    login(client, role)
    assert client.get(LIST).status_code == 200
    pages = case_pages(world["case"], world["recommendation"], world["evidence"])
    for address, takes_form in pages.items():
        status = client.get(address).status_code
        if role in CHANGERS or not takes_form:
            assert status == 200, address
        else:
            assert status == 403, address
    assert (client.get(NEW).status_code == 200) == (role in CHANGERS)


@pytest.mark.parametrize("role", READ_ONLY)
def test_read_only_roles_are_refused_every_change_and_nothing_changes(client, world, role):
    login(client, role)
    case = world["case"]
    for address, takes_form in case_pages(case, world["recommendation"], world["evidence"]).items():
        if takes_form:
            assert client.post(address, {"complaint": "X"}).status_code == 403, address
    assert client.post(NEW, {"lgsco_reference": "22 000 001"}).status_code == 403
    assert OmbudsmanCase.objects.count() == 1
    assert not AuditEvent.objects.filter(actor__groups__name=role, verb__startswith="ombudsman.").exists()


@pytest.mark.parametrize("role", [*NONE, None])
def test_roles_without_ombudsman_cases_get_403_for_the_list_and_404_for_a_case(client, world, role):
    login(client, role)
    assert client.get(LIST).status_code == 403
    assert client.get(NEW).status_code == 403
    for address, takes_form in case_pages(world["case"], world["recommendation"], world["evidence"]).items():
        assert client.get(address).status_code == 404, address
        if takes_form:
            assert client.post(address).status_code == 404, address


def test_anonymous_users_are_sent_to_sign_in(client, world):
    for address in [LIST, NEW, url("ombudsman_case_detail", world["case"].pk)]:
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_case_about_a_complaint_the_user_is_kept_from_is_404_everywhere_and_not_listed(client, world, complaint):
    """The complaints team's "another team's record": an officer excluded from the complaint (say,
    it is about them) cannot learn of its Ombudsman case either."""
    user = login(client, Role.COMPLAINTS_OFFICER)
    complaint_exclude(complaint=complaint, users=[user], actor=UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    other = OmbudsmanCaseFactory()
    assert list(client.get(LIST).context["cases"]) == [other]
    for address, takes_form in case_pages(world["case"], world["recommendation"], world["evidence"]).items():
        assert client.get(address).status_code == 404, address
        if takes_form:
            assert client.post(address).status_code == 404, address


def test_another_cases_recommendation_or_evidence_is_404_under_this_cases_address(client, world):
    other = make_case(lgsco_reference="22 111 111", today=TODAY)
    recommendation = add_recommendation(other, due_on=D(2022, 6, 1))
    evidence = recommendation_evidence_upload(recommendation=recommendation, uploaded_file=pdf(), title="Letter",
                                              actor=officer())
    login(client, Role.COMPLAINTS_MANAGER)
    case = world["case"]
    for name in ("ombudsman_recommendation_complied", "ombudsman_recommendation_not_complied",
                 "ombudsman_evidence_upload"):
        assert client.get(url(name, case.pk, recommendation.pk)).status_code == 404
        assert client.post(url(name, case.pk, recommendation.pk)).status_code == 404
    assert client.get(url("ombudsman_evidence_download", case.pk, evidence.pk)).status_code == 404
    assert not AuditEvent.objects.filter(verb="ombudsman.evidence_downloaded").exists()


def test_posts_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    case = world["case"]
    posts = [NEW, url("ombudsman_case_edit", case.pk), url("ombudsman_case_decision", case.pk),
             url("ombudsman_recommendation_add", case.pk),
             url("ombudsman_evidence_upload", case.pk, world["recommendation"].pk)]
    for address in posts:
        assert client.post(address, {"summary": "x"}).status_code == 403, address
    assert OmbudsmanCase.objects.count() == 1 and Recommendation.objects.count() == 1


# The list -----------------------------------------------------------------------------------------

def listed(client, query: str = "") -> list[str]:  # noqa: ANN001
    response = client.get(LIST + query)
    assert response.status_code == 200
    return [case.lgsco_reference for case in response.context["cases"]]


@pytest.fixture
def cases():
    """Cases in each state the filters tell apart, named by their reference."""
    made = {
        "enquiry": OmbudsmanCaseFactory(lgsco_reference="21 000 001", received_on=D(2022, 3, 31)),
        "assessment": OmbudsmanCaseFactory(lgsco_reference="21 000 002", received_on=D(2022, 4, 1),
                                           phase=OmbudsmanPhase.ASSESSMENT),
        "upheld": OmbudsmanCaseFactory(lgsco_reference="21 000 003", received_on=D(2022, 4, 30),
                                       phase=OmbudsmanPhase.DECIDED, final_decision_on=D(2022, 6, 1),
                                       decision=DecisionLabel.UPHELD, fault=True, injustice=True),
        "historic": OmbudsmanCaseFactory(lgsco_reference="21 000 004", received_on=D(2022, 5, 1),
                                         phase=OmbudsmanPhase.DECIDED, final_decision_on=D(2022, 6, 1),
                                         historic_category=HistoricCategory.PREMATURE),
    }
    RecommendationFactory(case=made["upheld"], number=1, due_on=D(2022, 6, 30))  # overdue since today
    RecommendationFactory(case=made["upheld"], number=2, due_on=D(2022, 7, 8))  # last day of "soon"
    RecommendationFactory(case=made["assessment"], number=1, due_on=D(2022, 7, 11))  # after "soon"
    RecommendationFactory(case=made["enquiry"], number=1, due_on=TODAY)  # due today: soon, not overdue
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["21 000 004", "21 000 003", "21 000 002", "21 000 001"]),
        ("?phase=assessment", ["21 000 002"]),
        ("?phase=enquiry&phase=decided", ["21 000 004", "21 000 003", "21 000 001"]),
        ("?decision=upheld", ["21 000 003"]),
        ("?decision=none", ["21 000 002", "21 000 001"]),
        ("?decision=historic", ["21 000 004"]),
        ("?recommendations=overdue", ["21 000 003"]),
        ("?recommendations=due_soon", ["21 000 003", "21 000 001"]),
        ("?received_from_day=1&received_from_month=4&received_from_year=2022", ["21 000 004", "21 000 003",
                                                                                 "21 000 002"]),
        ("?received_to_day=30&received_to_month=4&received_to_year=2022", ["21 000 003", "21 000 002",
                                                                            "21 000 001"]),
        ("?received_from_day=1&received_from_month=4&received_from_year=2022"
         "&received_to_day=30&received_to_month=4&received_to_year=2022", ["21 000 003", "21 000 002"]),
    ],
)
def test_each_filter(client, cases, query, expected):
    login(client, Role.SENIOR_MANAGER)
    assert listed(client, query) == expected


def test_due_soon_runs_five_working_days_past_easter(client):
    """On Thursday 14 April 2022 the next five working days skip Good Friday and Easter Monday:
    they end on Monday 25 April, so a recommendation due that day is due soon and one due on the
    26th is not."""
    RecommendationFactory(case=OmbudsmanCaseFactory(lgsco_reference="21 000 010"), due_on=D(2022, 4, 25))
    RecommendationFactory(case=OmbudsmanCaseFactory(lgsco_reference="21 000 011"), due_on=D(2022, 4, 26))
    login(client, Role.COMPLAINTS_OFFICER)
    with time_machine.travel(datetime.datetime(2022, 4, 14, 9, 0, tzinfo=ZoneInfo("Europe/London")), tick=False):
        assert listed(client, "?recommendations=due_soon") == ["21 000 010"]
        figures = client.get(HOME).context["ombudsman_figures"]
    assert [figure["count"] for figure in figures] == [0, 1]


def test_rows_show_where_each_case_is_and_its_recommendations(client, cases, complaint):
    ombudsman_case_link_complaint(case=cases["upheld"], complaint=complaint, actor=officer())
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client.get(LIST))
    assert "4 Ombudsman cases" in html and "Every case" in html
    assert complaint.reference in html and "1 overdue" in html and "2 not yet done" in html
    assert "Premature or informal enquiries (historic category)" in html
    assert f'href="{url("ombudsman_case_detail", cases["upheld"].pk)}"' in html
    assert f'href="{NEW}"' in html


def test_read_only_roles_are_not_offered_logging(client, cases):
    login(client, Role.LEARNING_LEAD)
    assert f'href="{NEW}"' not in page(client.get(LIST))


def test_a_filter_that_cannot_be_read_is_said_and_the_rest_still_apply(client, cases):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(LIST + "?decision=fault&phase=assessment&received_from_day=31&received_from_month=2"
                                 "&received_from_year=2022")
    assert response.status_code == 200
    html = page(response)
    assert "Choose a decision from the list" in html
    assert "Received from must be a real date" in html
    assert [case.lgsco_reference for case in response.context["cases"]] == ["21 000 002"]


def test_received_to_before_from_is_refused(client, cases):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(LIST + "?received_from_day=2&received_from_month=4&received_from_year=2022"
                                 "&received_to_day=1&received_to_month=4&received_to_year=2022")
    assert "Received to must be the same as or after received from" in page(response)


def test_paging_keeps_the_filters_and_explains_a_page_that_does_not_exist(client, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for number in range(5):
        OmbudsmanCaseFactory(lgsco_reference=f"21 000 10{number}", received_on=D(2022, 1, 1 + number))
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(LIST + "?phase=enquiry&page=2")
    assert [case.lgsco_reference for case in response.context["cases"]] == ["21 000 102", "21 000 101"]
    assert response.context["page_links"]["next"] == LIST + "?phase=enquiry&page=3"
    response = client.get(LIST + "?page=9")
    assert "There is no page 9. Showing page 3 of 3." in page(response)
    assert [case.lgsco_reference for case in response.context["cases"]] == ["21 000 100"]
    assert "Page numbers are whole numbers from 1" in page(client.get(LIST + "?page=two"))


def test_list_query_count_does_not_grow_with_cases(client, django_assert_max_num_queries, complaint):
    login(client, Role.COMPLAINTS_OFFICER)

    def add(count: int) -> None:
        for _ in range(count):
            case = OmbudsmanCaseFactory(team=TeamFactory())
            case.complaints.add(complaint, make_complaint(actor=officer()))
            RecommendationFactory(case=case, number=1, due_on=D(2022, 6, 1))
            RecommendationFactory(case=case, number=2, due_on=D(2022, 8, 1))

    add(2)
    with django_assert_max_num_queries(20) as few:
        assert len(client.get(LIST + "?recommendations=overdue").context["cases"]) == 2
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(LIST + "?recommendations=overdue").context["cases"]) == 17


# Logging a case -----------------------------------------------------------------------------------

def new_case_data(**overrides) -> dict[str, str]:  # noqa: ANN003
    data = {
        "lgsco_reference": "21-012-345", "complaints": "", "team": "", "summary": "Delay at Stage 2.",
        "phase": "enquiry", **date_fields("received_on", D(2022, 3, 1)),
        **date_fields("information_requested_on", D(2022, 3, 2)), **date_fields("information_due_on", D(2022, 3, 30)),
        **date_fields("information_sent_on", None),
    }
    data.update(overrides)
    return data


def test_logging_a_case_normalises_the_reference_links_complaints_and_is_audited(client, complaint):
    user = login(client, Role.COMPLAINTS_OFFICER)
    second = make_complaint(actor=officer())
    team = TeamFactory(name="Fostering")
    response = client.post(NEW, new_case_data(complaints=f"{complaint.reference.lower()}, {second.reference}",
                                              team=str(team.pk)))
    case = OmbudsmanCase.objects.get()
    assert response.status_code == 302 and response.url == url("ombudsman_case_detail", case.pk)
    assert (case.lgsco_reference, case.received_on, case.team, case.phase) == (
        "21 012 345", D(2022, 3, 1), team, OmbudsmanPhase.ENQUIRY)
    assert (case.information_requested_on, case.information_due_on, case.information_sent_on) == (
        D(2022, 3, 2), D(2022, 3, 30), None)
    assert set(case.complaints.all()) == {complaint, second}
    event = AuditEvent.objects.for_subject(case).get(verb="ombudsman.case_created")
    assert event.actor == user
    assert "Ombudsman case 21 012 345 logged" in page(client.get(response.url))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"lgsco_reference": "21 012 34"}, "lgsco_reference", "Enter the Ombudsman's reference as 8 digits"),
        ({"lgsco_reference": ""}, "lgsco_reference", "Enter the Ombudsman's reference"),
        ({"lgsco_reference": "21 000 777"}, "lgsco_reference", "There is already an Ombudsman case with reference "
                                                               "21 000 777."),
        (date_fields("received_on", None), "received_on", "Enter the date the council was told of the enquiry"),
        (date_fields("received_on", D(2022, 7, 2)), "received_on",
         "The date the council was told of the enquiry cannot be in the future."),
        (date_fields("information_due_on", D(2022, 3, 1)), "information_due_on",
         "The date the information is due cannot be before the Ombudsman asked for it (2 March 2022)."),
        ({**date_fields("information_requested_on", None)}, "information_requested_on",
         "Enter the date the Ombudsman asked for information."),
        (date_fields("information_sent_on", D(2022, 2, 1)), "information_sent_on",
         "The date the council sent the information cannot be before the Ombudsman asked for it (2 March 2022)."),
        ({"complaints": "CSC-2099-0001"}, "complaints", "There is no complaint CSC-2099-0001 that you can see."),
        ({"phase": "decided"}, "phase", "Choose how far the Ombudsman has got"),
        ({"information_sent_on_day": "31", "information_sent_on_month": "2", "information_sent_on_year": "2022"},
         "information_sent_on", "Date the council sent the information must be a real date"),
    ],
)
def test_bad_input_is_explained_on_its_field_nothing_is_saved_and_answers_are_kept(client, changes, field, message):
    OmbudsmanCaseFactory(lgsco_reference="21 000 777")
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(NEW, new_case_data(summary="Kept summary", **changes))
    assert response.status_code == 200
    assert field_error(response, field).startswith(message)
    assert OmbudsmanCase.objects.count() == 1
    html = page(response)
    assert "There is a problem" in html and f'href="#id_{field}"' in html
    assert "Kept summary" in html


def test_a_complaint_the_officer_is_kept_from_cannot_be_linked_and_is_not_revealed(client, complaint):
    user = login(client, Role.COMPLAINTS_OFFICER)
    complaint_exclude(complaint=complaint, users=[user], actor=UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    response = client.post(NEW, new_case_data(complaints=complaint.reference))
    assert field_error(response, "complaints").startswith(f"There is no complaint {complaint.reference} that you "
                                                          "can see")
    assert not OmbudsmanCase.objects.exists()


# The case page ------------------------------------------------------------------------------------

def test_the_case_page_shows_everything_and_the_timeline_and_logs_the_view(client, world, complaint):
    user = login(client, Role.COMPLAINTS_OFFICER)
    case = world["case"]
    html = page(client.get(url("ombudsman_case_detail", case.pk)))
    assert "Ombudsman case 21 012 345" in html and "Fostering" in html and "Delay in the" not in html
    assert "Tuesday 1 March 2022" in html
    assert f'href="{url("complaint_detail", complaint.reference)}"' in html
    assert "Recommendation 1: apology" in html and "Due 1 June 2022" in html and "Overdue" in html
    assert f'href="{url("ombudsman_evidence_download", case.pk, world["evidence"].pk)}"' in html
    for name in ("ombudsman_case_edit", "ombudsman_case_link_complaint", "ombudsman_case_decision",
                 "ombudsman_case_draft_decision", "ombudsman_case_historic_decision", "ombudsman_recommendation_add"):
        assert f'href="{url(name, case.pk)}"' in html, name
    for name in ("ombudsman_recommendation_complied", "ombudsman_recommendation_not_complied",
                 "ombudsman_evidence_upload"):
        assert f'href="{url(name, case.pk, world["recommendation"].pk)}"' in html, name
    assert "Recommendation 1 added: apology, due 1 June 2022" in html  # the timeline
    assert AuditEvent.objects.for_subject(case).filter(verb="record.viewed", actor=user).exists()


def test_read_only_viewers_see_no_actions_and_complaints_they_cannot_open_are_not_links(client, world, complaint):
    login(client, Role.LEARNING_LEAD)
    case = world["case"]
    html = page(client.get(url("ombudsman_case_detail", case.pk)))
    assert f"Complaint {complaint.reference}" in html
    assert f'href="{url("complaint_detail", complaint.reference)}"' not in html
    assert "ombudsman/" + str(case.pk) + "/edit/" not in html and "/complied/" not in html and "/evidence/new/" not in html
    assert f'href="{url("ombudsman_evidence_download", case.pk, world["evidence"].pk)}"' in html


def test_not_complied_is_offered_only_after_the_due_date(client, case):
    due_today = add_recommendation(case, due_on=TODAY)
    due_yesterday = add_recommendation(case, due_on=D(2022, 6, 30))
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client.get(url("ombudsman_case_detail", case.pk)))
    assert url("ombudsman_recommendation_not_complied", case.pk, due_yesterday.pk) in html
    assert url("ombudsman_recommendation_not_complied", case.pk, due_today.pk) not in html


# Changing a case ---------------------------------------------------------------------------------

def edit_data(case, **overrides) -> dict[str, str]:  # noqa: ANN001, ANN003
    data = {
        "lgsco_reference": case.lgsco_reference, "team": str(case.team_id or ""), "summary": case.summary,
        "phase": case.phase, **date_fields("received_on", case.received_on),
        **date_fields("information_requested_on", case.information_requested_on),
        **date_fields("information_due_on", case.information_due_on),
        **date_fields("information_sent_on", case.information_sent_on),
    }
    data.update(overrides)
    return data


def test_editing_shows_the_details_and_saves_changes_with_an_audit_event(client, case):
    login(client, Role.COMPLAINTS_MANAGER)
    address = url("ombudsman_case_edit", case.pk)
    form = client.get(address).context["form"]
    assert form["lgsco_reference"].value() == "21 012 345" and form["received_on"].value() == D(2022, 3, 1)
    response = client.post(address, edit_data(case, phase="investigation",
                                              **date_fields("information_requested_on", D(2022, 4, 1))))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.phase, case.information_requested_on) == (OmbudsmanPhase.INVESTIGATION, D(2022, 4, 1))
    event = AuditEvent.objects.for_subject(case).get(verb="ombudsman.case_changed")
    assert event.summary == "Details changed: phase now investigation, date information asked for"


def test_editing_refuses_a_received_date_after_the_draft_decision(client, case):
    login(client, Role.COMPLAINTS_MANAGER)
    client.post(url("ombudsman_case_draft_decision", case.pk), date_fields("draft_decision_on", D(2022, 5, 1)))
    response = client.post(url("ombudsman_case_edit", case.pk),
                           edit_data(case, **date_fields("received_on", D(2022, 5, 2))))
    assert field_error(response, "received_on") == ("The date the council was told of the enquiry cannot be after "
                                                    "the draft decision (1 May 2022).")
    case.refresh_from_db()
    assert case.received_on == D(2022, 3, 1)


def test_a_decided_cases_form_has_no_phase_and_keeps_it_decided(client, case):
    decide(case, today=TODAY)
    login(client, Role.COMPLAINTS_MANAGER)
    address = url("ombudsman_case_edit", case.pk)
    assert "phase" not in client.get(address).context["form"].fields
    data = edit_data(case, summary="Now with more detail.")
    del data["phase"]
    assert client.post(address, data).status_code == 302
    case.refresh_from_db()
    assert (case.phase, case.summary) == (OmbudsmanPhase.DECIDED, "Now with more detail.")


def test_linking_another_complaint(client, case):
    login(client, Role.COMPLAINTS_OFFICER)
    other = make_complaint(actor=officer())
    address = url("ombudsman_case_link_complaint", case.pk)
    response = client.post(address, {"complaint": f"  {other.reference.lower()} "})
    assert response.status_code == 302 and response.url.endswith("#complaints")
    assert other in case.complaints.all()
    assert AuditEvent.objects.for_subject(case).filter(verb="ombudsman.complaint_linked").count() == 1
    response = client.post(address, {"complaint": other.reference})
    assert field_error(response, "complaint") == f"Complaint {other.reference} is already linked to this Ombudsman case."
    response = client.post(address, {"complaint": ""})
    assert field_error(response, "complaint") == "Enter the complaint’s reference"
    response = client.post(address, {"complaint": "CSC-1999-0001"})
    assert field_error(response, "complaint").startswith("There is no complaint CSC-1999-0001 that you can see")
    assert case.complaints.count() == 2


# Decisions ---------------------------------------------------------------------------------------

def test_the_draft_decision_date(client, case):
    login(client, Role.COMPLAINTS_OFFICER)
    address = url("ombudsman_case_draft_decision", case.pk)
    response = client.post(address, date_fields("draft_decision_on", D(2022, 7, 2)))
    assert field_error(response, "draft_decision_on") == "The date of the draft decision cannot be in the future."
    response = client.post(address, date_fields("draft_decision_on", D(2022, 2, 28)))
    assert field_error(response, "draft_decision_on") == ("The date of the draft decision cannot be before the "
                                                          "council was told of the enquiry (1 March 2022).")
    assert client.post(address, date_fields("draft_decision_on", TODAY)).status_code == 302  # today is allowed
    case.refresh_from_db()
    assert case.draft_decision_on == TODAY
    assert AuditEvent.objects.for_subject(case).filter(verb="ombudsman.draft_decision").exists()


def decision_data(**overrides) -> dict[str, str]:  # noqa: ANN003
    data = {"decision": "upheld", "closing_reason": "", "fault": "yes", "injustice": "yes",
            **date_fields("final_decision_on", D(2022, 6, 1))}
    data.update(overrides)
    return data


def test_recording_the_final_decision(client, case):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("ombudsman_case_decision", case.pk),
                           decision_data(public_interest_report="on"))
    assert response.status_code == 302 and response.url.endswith("#decision")
    case.refresh_from_db()
    assert (case.phase, case.decision, case.fault, case.injustice, case.public_interest_report) == (
        OmbudsmanPhase.DECIDED, DecisionLabel.UPHELD, True, True, True)
    event = AuditEvent.objects.for_subject(case).get(verb="ombudsman.decided")
    assert event.summary == "Final decision on 1 June 2022: upheld: fault causing injustice (public interest report)"
    html = page(client.get(url("ombudsman_case_detail", case.pk)))
    assert "Maladministration and injustice" in html  # how older years' tables count it
    assert url("ombudsman_case_decision", case.pk) not in html


def test_closed_after_initial_enquiries_with_its_reason_and_no_findings(client, case):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("ombudsman_case_decision", case.pk), decision_data(
        decision="closed_after_initial_enquiries", closing_reason="late", fault="none", injustice=""))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.decision, case.closing_reason, case.fault, case.injustice) == (
        DecisionLabel.CLOSED_AFTER_INITIAL_ENQUIRIES, ClosingReason.LATE, None, None)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closing_reason": "late"}, "closing_reason", "A reason for closing is recorded only when the Ombudsman "
                                                       "closed the case after initial enquiries."),
        ({"decision": "closed_after_initial_enquiries", "fault": "", "injustice": ""}, "closing_reason",
         "Choose why the Ombudsman closed the case after initial enquiries."),
        ({"fault": "no", "injustice": "yes"}, "fault", "Injustice is found only where there was fault."),
        ({"decision": "not_upheld", "injustice": ""}, "fault", "A complaint that is not upheld has no fault found."),
        ({"injustice": ""}, "injustice", "Say whether the fault caused injustice."),
        ({"decision": "advice_given", "fault": "", "injustice": "", "public_interest_report": "on"},
         "public_interest_report", "A public interest report follows an investigation"),
        ({"decision": "referred_back", "fault": "", "injustice": "", "remedy_already_provided": "on"},
         "remedy_already_provided", "A remedy the council had already provided is recorded only with an upheld"),
        ({"decision": ""}, "decision", "Choose the Ombudsman’s decision"),
        (date_fields("final_decision_on", D(2022, 7, 2)), "final_decision_on",
         "The date of the final decision cannot be in the future."),
    ],
)
def test_inconsistent_decisions_are_explained_on_the_right_question(client, case, changes, field, message):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("ombudsman_case_decision", case.pk), decision_data(**changes))
    assert response.status_code == 200
    assert field_error(response, field).startswith(message)
    assert f'href="#id_{field}"' in page(response)
    case.refresh_from_db()
    assert (case.phase, case.decision) == (OmbudsmanPhase.ENQUIRY, "")
    assert not AuditEvent.objects.filter(verb="ombudsman.decided").exists()


def test_a_decided_case_sends_decision_pages_back_to_the_case(client, case):
    decide(case, today=TODAY)
    login(client, Role.COMPLAINTS_OFFICER)
    for name in ("ombudsman_case_decision", "ombudsman_case_historic_decision", "ombudsman_case_draft_decision"):
        response = client.get(url(name, case.pk))
        assert response.status_code == 302 and response.url == url("ombudsman_case_detail", case.pk), name
    response = client.post(url("ombudsman_case_decision", case.pk), decision_data(), follow=True)
    assert "final decision on this case was already recorded (1 June 2022)" in page(response)
    assert AuditEvent.objects.filter(verb="ombudsman.decided").count() == 1


def test_a_decision_in_the_historic_categories(client, case):
    login(client, Role.COMPLAINTS_OFFICER)
    address = url("ombudsman_case_historic_decision", case.pk)
    response = client.post(address, date_fields("final_decision_on", D(2022, 6, 1)))
    assert field_error(response, "historic_category") == "Choose the category the decision was recorded in"
    response = client.post(address, {"historic_category": "local_settlement",
                                     **date_fields("final_decision_on", D(2022, 6, 1))})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.phase, case.historic_category, case.decision) == (
        OmbudsmanPhase.DECIDED, HistoricCategory.LOCAL_SETTLEMENT, "")
    assert "Investigation with local settlement" in page(client.get(url("ombudsman_case_detail", case.pk)))


# Recommendations --------------------------------------------------------------------------------

def test_adding_a_payment_recommendation(client, case):
    login(client, Role.COMPLAINTS_OFFICER)
    address = url("ombudsman_recommendation_add", case.pk)
    data = {"kind": "payment", "text": "Pay £250 for the distress caused.", "amount": "",
            **date_fields("due_on", D(2022, 8, 1))}
    response = client.post(address, data)
    assert field_error(response, "amount") == "Enter the amount of the payment, in pounds."
    assert "Pay £250 for the distress caused." in page(response)
    response = client.post(address, {**data, "amount": "two hundred"})
    assert field_error(response, "amount") == "Enter the amount in pounds, for example 250 or 1,250.50"
    assert not Recommendation.objects.exists()
    response = client.post(address, {**data, "amount": "£1,250.50"})
    assert response.status_code == 302 and response.url.endswith("#recommendations")
    recommendation = Recommendation.objects.get()
    assert (recommendation.number, recommendation.kind, recommendation.amount, recommendation.due_on) == (
        1, RecommendationKind.PAYMENT, Decimal("1250.50"), D(2022, 8, 1))
    assert AuditEvent.objects.for_subject(case).filter(verb="ombudsman.recommendation_added").exists()


def test_a_due_date_before_the_enquiry_is_refused_on_its_field(client, case):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("ombudsman_recommendation_add", case.pk), {
        "kind": "apology", "text": "Apologise.", **date_fields("due_on", D(2022, 2, 28))})
    assert field_error(response, "due_on") == ("The due date cannot be before the council was told of the enquiry "
                                               "(1 March 2022).")


def test_no_recommendations_on_a_case_not_upheld(client, case):
    decide(case, decision=DecisionLabel.NOT_UPHELD, fault=False, injustice=None, today=TODAY)
    login(client, Role.COMPLAINTS_OFFICER)
    assert url("ombudsman_recommendation_add", case.pk) not in page(client.get(url("ombudsman_case_detail", case.pk)))
    response = client.post(url("ombudsman_recommendation_add", case.pk), {
        "kind": "apology", "text": "Apologise.", **date_fields("due_on", D(2022, 8, 1))})
    assert response.status_code == 302
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize(
    ("completed_on", "compliance"),
    [(D(2022, 6, 1), Compliance.COMPLIED), (D(2022, 6, 2), Compliance.COMPLIED_LATE)],
)
def test_marking_complied_on_the_due_date_is_on_time_and_a_day_after_is_late(client, case, completed_on, compliance):
    recommendation = add_recommendation(case, due_on=D(2022, 6, 1))
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("ombudsman_recommendation_complied", case.pk, recommendation.pk),
                           {"evidence_note": "Apology letter sent.", **date_fields("completed_on", completed_on)})
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.compliance, recommendation.completed_on) == (compliance, completed_on)
    assert AuditEvent.objects.for_subject(case).filter(verb="ombudsman.recommendation_completed").exists()


def test_marking_complied_needs_a_date_not_in_the_future_and_a_note(client, case):
    recommendation = add_recommendation(case, due_on=D(2022, 6, 1))
    login(client, Role.COMPLAINTS_OFFICER)
    address = url("ombudsman_recommendation_complied", case.pk, recommendation.pk)
    response = client.post(address, {"evidence_note": "", **date_fields("completed_on", D(2022, 7, 2))})
    assert field_error(response, "evidence_note") == "Say what the council did and what evidence it sent the Ombudsman"
    response = client.post(address, {"evidence_note": "Sent.", **date_fields("completed_on", D(2022, 7, 2))})
    assert field_error(response, "completed_on") == "The date the recommendation was completed cannot be in the future."
    recommendation.refresh_from_db()
    assert recommendation.compliance == Compliance.PENDING


@pytest.mark.parametrize(("due_on", "allowed"), [(TODAY, False), (D(2022, 6, 30), True)])
def test_not_complied_only_after_the_due_date(client, case, due_on, allowed):
    recommendation = add_recommendation(case, due_on=due_on)
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("ombudsman_recommendation_not_complied", case.pk, recommendation.pk),
                           {"evidence_note": "The Ombudsman found the apology was not sent."}, follow=True)
    recommendation.refresh_from_db()
    if allowed:
        assert recommendation.compliance == Compliance.NOT_COMPLIED
        assert "Recommendation 1: not complied" in page(response)
    else:
        assert recommendation.compliance == Compliance.PENDING
        assert "it cannot be recorded as not complied before then" in page(response)


def test_uploading_evidence_and_refusing_a_program(client, case):
    recommendation = add_recommendation(case, due_on=D(2022, 6, 1))
    login(client, Role.COMPLAINTS_OFFICER)
    address = url("ombudsman_evidence_upload", case.pk, recommendation.pk)
    response = client.post(address, {"title": "Apology letter", "file": pdf("apology.pdf", EXE)})
    assert response.status_code == 200
    assert "is a program" in field_error(response, "file")
    assert 'value="Apology letter"' in page(response)
    response = client.post(address, {"title": "", "file": pdf()})
    assert field_error(response, "title") == "Enter a title for the evidence"
    assert not RecommendationEvidence.objects.exists()
    response = client.post(address, {"title": "Apology letter", "file": pdf()})
    assert response.status_code == 302
    evidence = RecommendationEvidence.objects.get()
    assert (evidence.recommendation, evidence.title) == (recommendation, "Apology letter")


def test_an_oversized_file_is_refused_with_the_limit(client, case, settings):
    settings.DOCUMENT_MAX_MB = 0
    recommendation = add_recommendation(case, due_on=D(2022, 6, 1))
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.post(url("ombudsman_evidence_upload", case.pk, recommendation.pk),
                           {"title": "Apology letter", "file": pdf()})
    assert field_error(response, "file") == "The selected file must be smaller than 0 MB"
    assert not RecommendationEvidence.objects.exists()


@pytest.mark.parametrize("role", VIEWERS)
def test_downloading_evidence_sends_an_attachment_never_sniffed_and_is_logged(client, world, role):
    user = login(client, role)
    response = client.get(url("ombudsman_evidence_download", world["case"].pk, world["evidence"].pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith('attachment; filename="apology.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(verb="ombudsman.evidence_downloaded", actor=user).count() == 1


def test_a_missing_stored_file_is_404(client, world):
    world["evidence"].file.storage.delete(world["evidence"].file.name)
    login(client, Role.COMPLAINTS_OFFICER)
    assert client.get(url("ombudsman_evidence_download", world["case"].pk, world["evidence"].pk)).status_code == 404


def test_evidence_has_no_public_address(world):
    assert "/media/" not in world["evidence"].file.name
    assert not world["evidence"].file.name.startswith(("http", "/"))
    assert "apology" not in world["evidence"].file.name  # stored under a random name


# The complaint page, the hub and the dashboard -----------------------------------------------------

def test_the_complaint_page_lists_its_ombudsman_cases_for_those_who_may_see_them(client, world, complaint):
    login(client, Role.SENIOR_MANAGER)
    html = page(client.get(url("complaint_detail", complaint.reference)))
    assert 'id="ombudsman"' in html
    assert f'href="{url("ombudsman_case_detail", world["case"].pk)}"' in html and "Ombudsman case 21 012 345" in html


def test_the_complaint_page_says_when_there_is_no_ombudsman_case(client):
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client.get(url("complaint_detail", make_complaint(actor=officer()).reference)))
    assert "The Ombudsman has no case about this complaint." in html


def test_the_panel_is_left_out_for_roles_that_see_no_ombudsman_cases(client, world, complaint):
    login(client, Role.RESPONDING_MANAGER).teams.add(complaint.teams.get())
    response = client.get(url("complaint_detail", complaint.reference))
    assert response.status_code == 200
    assert 'id="ombudsman"' not in page(response) and "21 012 345" not in page(response)


def test_the_panel_leaves_out_a_case_also_about_a_complaint_kept_from_the_user(client, world, complaint):
    user = login(client, Role.COMPLAINTS_OFFICER)
    kept_from = make_complaint(actor=officer())
    ombudsman_case_link_complaint(case=world["case"], complaint=kept_from, actor=officer())
    complaint_exclude(complaint=kept_from, users=[user], actor=UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    html = page(client.get(url("complaint_detail", complaint.reference)))
    assert "21 012 345" not in html and "The Ombudsman has no case about this complaint." in html


@pytest.mark.parametrize(("role", "shown", "may_log"), [
    (Role.COMPLAINTS_OFFICER, True, True), (Role.SENIOR_MANAGER, True, False), (Role.LEARNING_LEAD, True, False),
])
def test_the_records_hub_has_an_ombudsman_section(client, role, shown, may_log):
    login(client, role)
    html = page(client.get(reverse("staff:records")))
    assert (f'href="{LIST}"' in html) == shown
    assert (f'href="{NEW}"' in html) == may_log


def test_the_hub_has_no_ombudsman_section_for_a_responding_manager(client):
    login(client, Role.RESPONDING_MANAGER).teams.add(TeamFactory())
    response = client.get(reverse("staff:records"))
    assert f'href="{LIST}"' not in page(response)


@pytest.mark.parametrize("role", [Role.COMPLAINTS_OFFICER, Role.SENIOR_MANAGER])
def test_dashboard_counts_recommendations_overdue_and_due_soon_linking_to_the_list(client, cases, role):
    login(client, role)
    response = client.get(HOME)
    figures = {figure["label"]: figure for figure in response.context["ombudsman_figures"]}
    overdue = figures["Ombudsman recommendations overdue"]
    soon = figures["Ombudsman recommendations due in the next 5 working days"]
    assert (overdue["count"], soon["count"]) == (1, 2)
    assert overdue["url"] == LIST + "?recommendations=overdue"
    assert soon["url"] == LIST + "?recommendations=due_soon"
    html = page(response)
    assert f'href="{LIST}?recommendations=overdue"' in html and "Ombudsman recommendations overdue" in html
    # Each figure's list holds the cases with the recommendations it counts.
    assert listed(client, "?recommendations=overdue") == ["21 000 003"]
    assert listed(client, "?recommendations=due_soon") == ["21 000 003", "21 000 001"]


def test_dashboard_does_not_count_a_case_kept_from_the_user(client, cases, complaint):
    user = login(client, Role.COMPLAINTS_OFFICER)
    ombudsman_case_link_complaint(case=cases["upheld"], complaint=complaint, actor=officer())
    complaint_exclude(complaint=complaint, users=[user], actor=UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    counts = [figure["count"] for figure in client.get(HOME).context["ombudsman_figures"]]
    assert counts == [0, 1]


def test_dashboard_ombudsman_figures_cost_one_query_however_many(client, django_assert_num_queries):
    user = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    user.role_names  # noqa: B018  (loaded once per request by the page before the figures are asked for)
    for number in range(5):
        RecommendationFactory(due_on=D(2022, 6, number + 1))
    window = views.due_window()
    with django_assert_num_queries(1):
        figures = views.ombudsman_dashboard_figures(user=user, window=window)
    assert [figure["count"] for figure in figures] == [5, 0]
    assert views.ombudsman_dashboard_figures(user=UserFactory(roles=[Role.RESPONDING_MANAGER]), window=window) == []


def test_who_complained_and_the_child_link_to_their_records(client):
    person, child = PersonFactory(), ChildFactory()
    case = make_case(person=person, child=child, today=TODAY)
    login(client, Role.COMPLAINTS_OFFICER)
    html = page(client.get(url("ombudsman_case_detail", case.pk)))
    assert f'href="{url("person_records", person.pk)}"' in html and f'href="{url("child_records", child.pk)}"' in html
    assert client.get(url("person_records", person.pk)).status_code == 200
