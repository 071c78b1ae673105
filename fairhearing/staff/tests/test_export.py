"""Exports of the filtered list: the same rows as the list (all pages), safe cells, audited, by role."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Theme
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core.spreadsheets import neutralise
from fairhearing.people.choices import Relationship
from fairhearing.people.tests.factories import PersonFactory
from fairhearing.staff.tests.list_access import LIST_ACCESS
from fairhearing.staff.views import caselist
from fairhearing.staff.views.export import COLUMNS
from fairhearing.stages.services import stage_one_start, stage_two_appoint

from .test_dashboard import TODAY, build_caseload, login, today  # noqa: F401

D = datetime.date
LIST = reverse("staff:complaint_list")
CSV = reverse("staff:complaint_export_csv")
XLSX = reverse("staff:complaint_export_xlsx")
pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_sheet(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return book["Complaints"]


@pytest.fixture
def made():
    return build_caseload(officer())


@pytest.fixture
def officer_client(client, made):
    client.force_login(officer())
    return client


def test_csv_has_the_columns_and_every_row_of_every_page(officer_client, made, monkeypatch):
    monkeypatch.setattr(caselist, "PAGE_SIZE", 2)
    response = officer_client.get(f"{CSV}?due=overdue&due=today")
    rows = csv_rows(response)
    assert rows[0] == [
        "Reference", "Received", "Procedure", "Status", "Stage", "Next due date", "Overdue", "Teams", "Themes",
        "How received", "Held by",
    ]
    assert len(rows) == 1 + 3  # all three, though the list shows two to a page
    by_reference = {row[0]: row for row in rows[1:]}
    overdue = by_reference[made["overdue"].reference]
    assert overdue[1:7] == ["2022-01-04", "Children's statutory complaints procedure", "In progress", "Stage 1",
                            "2022-01-18", "Yes"]
    assert overdue[7] == "Team A" and overdue[9] == "Email" and overdue[10] == str(officer())
    assert by_reference[made["due_today"].reference][5:7] == ["2022-01-19", "No"]
    assert by_reference[made["ack_overdue"].reference][4] == "Not started"


def test_xlsx_has_real_dates_a_header_filters_and_a_frozen_header(officer_client, made):
    response = officer_client.get(f"{XLSX}?status=all&sort=reference")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = xlsx_sheet(response)
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert sheet.max_row == 1 + 10
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:K11"
    references = [sheet.cell(row=n, column=1).value for n in range(2, 12)]
    assert references == sorted(c.reference for c in made.values())
    received = sheet.cell(row=2, column=2)  # the first reference: the first complaint made
    assert received.is_date and received.value.date() == D(2022, 1, 10)  # a spreadsheet date, not text
    assert received.number_format == "d mmmm yyyy"
    assert sheet.cell(row=2, column=6).value.date() == D(2022, 1, 13)  # acknowledgement due
    withdrawn_row = references.index(made["withdrawn"].reference) + 2
    assert sheet.cell(row=withdrawn_row, column=6).value is None  # no next deadline
    assert sheet.cell(row=withdrawn_row, column=4).value == "Withdrawn"


def test_file_names_hold_no_personal_data_and_are_not_cached(officer_client, made):
    for url, extension in ((CSV, "csv"), (XLSX, "xlsx")):
        response = officer_client.get(f"{url}?assignee=me")
        assert response["Content-Disposition"] == f'attachment; filename="complaints-2022-01-19.{extension}"'
        assert "no-store" in response["Cache-Control"]


FORMULAS = ['=HYPERLINK("http://example.com/x","Click me")', "+SUM(1,2)", "-2+3", "@cmd", "\tTabbed", "\rReturn"]


@pytest.mark.parametrize("text", FORMULAS)
def test_neutralise(text):
    assert neutralise(text) == f"'{text}"
    assert neutralise("Family Support") == "Family Support"
    assert neutralise(D(2022, 1, 4)) == D(2022, 1, 4)


def test_cells_that_look_like_formulas_are_neutralised_in_both_formats(client):
    actor = officer()
    holder = UserFactory(roles=[Role.COMPLAINTS_OFFICER], first_name="@Holder", last_name="Smith")
    teams = [TeamFactory(name=text) for text in FORMULAS[:4]]
    theme = Theme.objects.create(name="=1+1")
    complaint = make_complaint(actor=actor, teams=teams, themes=[theme], assigned_to=holder,
                               summary='=HYPERLINK("http://example.com/x","Click me")')
    client.force_login(actor)
    row = csv_rows(client.get(CSV))[1]
    assert row[0] == complaint.reference
    assert row[7].startswith("'")  # whichever team name comes first starts the cell
    assert sorted(row[7][1:].split("; ")) == sorted(FORMULAS[:4])
    assert row[8] == "'=1+1"
    assert row[10] == "'@Holder Smith"

    sheet = xlsx_sheet(client.get(XLSX))
    for column in (8, 9, 11):
        cell = sheet.cell(row=2, column=column)
        assert cell.data_type == "s" and cell.value.startswith("'"), cell.value
    assert sheet.cell(row=2, column=9).value == "'=1+1"


def test_each_name_in_a_joined_cell_cannot_start_a_formula_on_its_own(client):
    """Only the start of a cell matters to a spreadsheet; names later in a cell are plain text."""
    actor = officer()
    make_complaint(actor=actor, teams=[TeamFactory(name="Zebra Team"), TeamFactory(name="=EVIL()")])
    client.force_login(actor)
    row = csv_rows(client.get(CSV))[1]
    assert row[7] == "'=EVIL(); Zebra Team"


@pytest.mark.parametrize("query", ["search=expiredkey", "due=later", "received_from_day=31&received_from_month=2"
                                   "&received_from_year=2022"])
def test_an_export_with_a_filter_that_cannot_be_used_goes_back_to_the_list_instead(officer_client, query):
    """Exporting without the filter would give more rows than asked for."""
    for url in (CSV, XLSX):
        response = officer_client.get(f"{url}?status=all&{query}")
        assert response.status_code == 302 and response.url == f"{LIST}?status=all&{query}"
    assert not AuditEvent.objects.filter(verb="complaints.exported").exists()


# Who may export, and what -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("roles", "status"),
    LIST_ACCESS,
)
def test_only_people_who_may_list_complaints_may_export(client, made, roles, status):
    login(client, *roles)
    assert client.get(CSV).status_code == status
    assert client.get(XLSX).status_code == status
    assert AuditEvent.objects.filter(verb="complaints.exported").count() == (2 if status == 200 else 0)


def test_anonymous_users_are_sent_to_sign_in(client):
    for url in (CSV, XLSX):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_responding_manager_exports_only_their_teams_complaints(client, made):
    login(client, Role.RESPONDING_MANAGER, team=made["answered"].teams.get())
    rows = csv_rows(client.get(f"{CSV}?status=all"))
    assert sorted(row[0] for row in rows[1:]) == sorted([made["answered"].reference, made["stage_two"].reference])
    other_team = made["overdue"].teams.get()
    assert len(csv_rows(client.get(f"{CSV}?status=all&team={other_team.pk}"))) == 1  # the header only
    sheet = xlsx_sheet(client.get(f"{XLSX}?status=all"))
    assert sheet.max_row == 3


def test_investigator_exports_only_the_case_they_are_appointed_to(client, made):
    appointed, independent = (UserFactory(roles=[Role.INVESTIGATOR]) for _ in range(2))
    stage_two_appoint(stage=made["stage_two"].stages.get(number=2), investigating_officer=appointed,
                      independent_person=independent, appointed_on=D(2022, 1, 13), actor=officer(),
                      today=D(2022, 1, 13))
    client.force_login(appointed)
    assert [row[0] for row in csv_rows(client.get(f"{CSV}?status=all"))[1:]] == [made["stage_two"].reference]


def test_exports_are_audited_with_the_count_and_filters_but_no_names(client, made):
    holder = UserFactory(roles=[Role.COMPLAINTS_OFFICER], first_name="Morwenna", last_name="Quillfeather")
    person = PersonFactory(first_name="Olwen", last_name="Brackley")
    wanted = make_complaint(actor=officer(), complainants=[(person, Relationship.PARENT)], assigned_to=holder)
    user = login(client, Role.COMPLAINTS_MANAGER)
    searched = client.post(f"{LIST}?assignee={holder.pk}&due=overdue", {"words": "Olwen Brackley"}).url
    export_url = CSV + searched[len(LIST):]
    rows = csv_rows(client.get(export_url))
    assert [row[0] for row in rows[1:]] == [wanted.reference]
    event = AuditEvent.objects.get(verb="complaints.exported")
    assert event.actor == user
    assert event.subject_type is None and event.subject_id is None
    assert event.summary.startswith("Exported 1 complaint as CSV. Status: Open (not closed or withdrawn)")
    assert "Deadline: Overdue" in event.summary
    assert "Held by: a named person" in event.summary
    assert "Searched by reference or name" in event.summary
    for name in ("Olwen", "Brackley", "Morwenna", "Quillfeather"):
        assert name not in event.summary and name not in str(event.data)
    assert event.data["rows"] == 1 and event.data["format"] == "csv"

    client.get(f"{XLSX}?due=paused")
    latest = AuditEvent.objects.filter(verb="complaints.exported").order_by("-id").first()
    assert latest.summary == "Exported 1 complaint as XLSX. Status: Open (not closed or withdrawn); Deadline: Paused"


def test_export_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    actor = officer()
    client.force_login(actor)
    theme = Theme.objects.create(name="Export speed theme")

    def add(count):
        for _ in range(count):
            complaint = make_complaint(actor=actor, teams=[TeamFactory(name="Fostering"), TeamFactory(name="MASH")],
                                       themes=[theme])
            stage_one_start(complaint=complaint, actor=actor, today=D(2022, 1, 4))

    add(3)
    for url in (CSV, XLSX):
        with django_assert_max_num_queries(20) as few:
            client.get(url)
        add(17)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(url)
        assert response.status_code == 200
    assert len(csv_rows(client.get(CSV))) == 1 + 3 + 17 + 17
