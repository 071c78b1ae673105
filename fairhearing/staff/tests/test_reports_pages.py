"""Report pages: who may see which version, the form and its errors, the report on screen, the
downloads, and writing the executive summary and conclusion."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource
from fairhearing.cases.kinds.compliments import compliment_create, compliment_quotation_prepare
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core import clock
from fairhearing.people.tests.factories import PersonFactory
from fairhearing.reports.build import report_build
from fairhearing.reports.models import ReportText
from fairhearing.reports.periods import Period
from fairhearing.reports.permissions import (
    user_may_view_internal_reports,
    user_may_view_reports,
    user_may_write_report_text,
)
from fairhearing.reports.report import ReportKind, ReportOptions
from fairhearing.reports.services import MAX_TEXT_LENGTH, report_text_save
from fairhearing.staff.forms.reports import report_query
from fairhearing.stages.services import stage_one_start

D = datetime.date
pytestmark = pytest.mark.django_db

FORM = reverse("staff:reports")
REPORT = reverse("staff:report")
DOWNLOAD = reverse("staff:report_download")
SUMMARY = reverse("staff:report_text_executive_summary")
CONCLUSION = reverse("staff:report_text_conclusion")
FY2021 = Period.financial_year(2021)
INTERNAL_QUERY = "kind=annual&period=fy2021&compare=1&version=internal&scope=statutory"
PUBLISHED_QUERY = "kind=annual&period=fy2021&compare=1&version=published&threshold=5&scope=statutory"
# The form's boxes for a valid choice; tests change one or two.
BOXES = {
    "kind": "annual", "period_type": "fy", "fy_year": "2021", "h_year": "2021", "half": "1",
    "q_year": "2021", "quarter": "1", "month": "4", "month_year": "2021",
    "compare": "1", "version": "internal", "threshold": "5", "scope": "statutory",
}


def login(client, *roles, **extra):
    user = UserFactory(roles=roles, **extra)
    client.force_login(user)
    return user


def text_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def complaint():
    """A statutory complaint received in 2021-22, at Stage 1."""
    actor = officer()
    made = make_complaint(actor=actor, received_on=D(2022, 1, 4))
    stage_one_start(complaint=made, actor=actor, today=D(2022, 1, 4))
    return made


# Who may ------------------------------------------------------------------------------------

# Per role: the form, the internal version, the published version, writing the summary.
ROLES = [
    ((Role.COMPLAINTS_MANAGER,), 200, 200, 200, 200),
    ((Role.COMPLAINTS_OFFICER,), 200, 200, 200, 200),
    ((Role.SENIOR_MANAGER,), 200, 200, 200, 403),
    ((Role.LEARNING_LEAD,), 200, 403, 200, 403),
    ((Role.REPORT_READER,), 200, 403, 200, 403),
    ((Role.RESPONDING_MANAGER,), 403, 403, 403, 403),
    ((Role.INVESTIGATOR,), 403, 403, 403, 403),
    ((Role.ADMINISTRATOR,), 403, 403, 403, 403),
    ((), 403, 403, 403, 403),
]


@pytest.mark.parametrize(("roles", "form", "internal", "published", "write"), ROLES)
def test_each_role_sees_the_versions_it_may(client, complaint, roles, form, internal, published, write):
    login(client, *roles)
    assert client.get(FORM).status_code == form
    assert client.get(f"{REPORT}?{INTERNAL_QUERY}").status_code == internal
    assert client.get(f"{REPORT}?{PUBLISHED_QUERY}").status_code == published
    assert client.get(f"{SUMMARY}?{INTERNAL_QUERY}").status_code == write
    response = client.post(f"{SUMMARY}?{INTERNAL_QUERY}", {"text": "Written by this role"})
    assert response.status_code == (302 if write == 200 else write)
    assert ReportText.objects.filter(text="Written by this role").exists() == (write == 200)


def test_anonymous_users_are_sent_to_sign_in(client):
    for url in (FORM, f"{REPORT}?{PUBLISHED_QUERY}", f"{DOWNLOAD}?{PUBLISHED_QUERY}&format=json",
                f"{SUMMARY}?{INTERNAL_QUERY}"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_a_report_reader_is_offered_only_the_published_version(client, complaint):
    login(client, Role.REPORT_READER)
    form = text_of(client.get(FORM))
    assert 'name="version"' not in form
    assert "Hide numbers smaller than" in form
    # The form without a version gives the published report.
    boxes = {key: value for key, value in BOXES.items() if key != "version"}
    landed = client.get(REPORT, boxes, follow=True)
    assert parse_qs(urlsplit(landed.redirect_chain[-1][0]).query)["version"] == ["published"]
    page = text_of(landed)
    assert "Published version: no names or references" in page
    assert "Not for publication" not in page
    # A hand-written address without a version is the published one too.
    assert "Published version" in text_of(client.get(f"{REPORT}?kind=annual&period=fy2021"))


def test_a_report_reader_asking_for_the_internal_version_is_refused(client, complaint):
    login(client, Role.REPORT_READER)
    assert client.get(f"{FORM}?{INTERNAL_QUERY}").status_code == 403
    assert client.get(f"{REPORT}?{INTERNAL_QUERY}").status_code == 403
    assert client.get(f"{DOWNLOAD}?{INTERNAL_QUERY}&format=json").status_code == 403
    assert client.get(REPORT, BOXES).status_code == 403  # the form's boxes asking for it
    assert not AuditEvent.objects.filter(verb__startswith="report.").exists()


def test_the_navigation_offers_reports_only_to_those_who_may_see_them(client):
    login(client, Role.REPORT_READER)
    assert f'href="{FORM}"' in text_of(client.get(reverse("staff:home")))
    login(client, Role.RESPONDING_MANAGER)
    assert f'href="{FORM}"' not in text_of(client.get(reverse("staff:home")))


@pytest.mark.parametrize(
    ("roles", "extra", "internal", "any_version", "write"),
    [
        ((Role.SENIOR_MANAGER,), {}, True, True, False),
        ((Role.COMPLAINTS_OFFICER,), {}, True, True, True),
        ((Role.LEARNING_LEAD,), {}, False, True, False),
        ((Role.INVESTIGATOR, Role.ADMINISTRATOR), {}, False, False, False),
        ((), {"is_superuser": True}, True, True, True),
        ((Role.COMPLAINTS_MANAGER,), {"is_active": False}, False, False, False),
    ],
)
def test_permission_predicates(roles, extra, internal, any_version, write):
    user = UserFactory(roles=roles, **extra)
    assert user_may_view_internal_reports(user) is internal
    assert user_may_view_reports(user) is any_version
    assert user_may_write_report_text(user) is write


# The form -----------------------------------------------------------------------------------

def test_the_form_starts_with_last_years_annual_report(client):
    login(client, Role.COMPLAINTS_MANAGER)
    page = text_of(client.get(FORM))
    last_year = Period.financial_year_containing(clock.today()).previous()
    assert f'<option value="{last_year.year}" selected>{last_year.label}</option>' in page
    assert re.search(r'value="annual"\s+checked', page)
    assert re.search(r'value="internal" checked', page)
    assert 'name="threshold" value="5"' in page
    # The shortcuts go straight to reports.
    assert f'href="{REPORT}?kind=annual&amp;period=fy{last_year.year}&amp;compare=1&amp;version=internal' in page


@pytest.mark.parametrize(
    ("boxes", "key"),
    [
        ({"period_type": "fy", "fy_year": "2020"}, "fy2020"),
        ({"period_type": "h", "h_year": "2021", "half": "2"}, "h2021-2"),
        ({"period_type": "q", "q_year": "2021", "quarter": "3"}, "q2021-3"),
        ({"period_type": "m", "month": "3", "month_year": "2022"}, "m2022-03"),
        ({"period_type": "r", "start_day": "1", "start_month": "1", "start_year": "2022",
          "end_day": "30", "end_month": "6", "end_year": "2022"}, "r2022-01-01..2022-06-30"),
    ],
)
def test_the_form_leads_to_an_address_naming_the_period_by_key(client, boxes, key):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(REPORT, {**BOXES, **boxes, "compare": "2", "scope": "all"})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.url).query)
    assert query == {"kind": ["annual"], "period": [key], "compare": ["2"], "version": ["internal"],
                     "scope": ["all"]}
    assert client.get(response.url).status_code == 200


def test_the_published_version_carries_its_threshold(client):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(REPORT, {**BOXES, "version": "published", "threshold": "10"})
    assert parse_qs(urlsplit(response.url).query)["threshold"] == ["10"]
    page = text_of(client.get(response.url))
    assert "numbers from 1 to 9 are shown as &lt;10" in page


def test_changing_a_report_opens_the_form_with_its_options(client):
    login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(f"{FORM}?kind=overview&period=q2021-3&compare=2&version=published&threshold=7"
                              f"&scope=all"))
    assert re.search(r'value="overview"\s+checked', page)
    assert re.search(r'value="q" checked', page)
    assert '<option value="3" selected>Quarter 3: October to December</option>' in page
    assert '<option value="2021" selected>2021-22</option>' in page
    assert '<option value="2" selected>2</option>' in page
    assert 'name="threshold" value="7"' in page
    assert re.search(r'value="all"\s+checked', page)
    assert "There is a problem" not in page


# (what is sent, the field the message is on, the message, something typed that must be kept)
BAD_INPUT = [
    ({"period_type": "r", "start_day": "1", "start_month": "7", "start_year": "2022",
      "end_day": "30", "end_month": "6", "end_year": "2022"},
     "id_end", "The end date must be the same as or after the start date", 'name="start_month" type="text" inputmode="numeric" value="7"'),
    ({"period_type": "r", "start_day": "1", "start_month": "1", "start_year": "2010",
      "end_day": "1", "end_month": "6", "end_year": "2020"},
     "id_end", "A date range can be at most 10 years long", 'name="end_year" type="text" inputmode="numeric" value="2020"'),
    ({"period_type": "r", "start_day": "31", "start_month": "2", "start_year": "2022",
      "end_day": "", "end_month": "", "end_year": ""},
     "id_start", "Start date must be a real date", 'name="start_day" type="text" inputmode="numeric" value="31"'),
    ({"period_type": "r", "start_day": "1", "start_month": "4", "start_year": "2022"},
     "id_end", "Enter the end date", 'name="start_month" type="text" inputmode="numeric" value="4"'),
    ({"compare": "5"}, "id_compare", "Select how many earlier periods to compare with (0 to 4)", ""),
    ({"version": "published", "threshold": "1"}, "id_threshold",
     "The number below which numbers are hidden must be from 2 to 10", 'name="threshold" value="1"'),
    ({"version": "published", "threshold": "11"}, "id_threshold",
     "The number below which numbers are hidden must be from 2 to 10", 'name="threshold" value="11"'),
    ({"version": "published", "threshold": "five"}, "id_threshold",
     "The number below which numbers are hidden must be a whole number, like 5", 'name="threshold" value="five"'),
    ({"period_type": "m", "month": "3", "month_year": "twenty"}, "id_month_year",
     "Year must be a year in 4 numbers, like 2022", 'name="month_year" value="twenty"'),
    ({"period_type": "fy", "fy_year": "abc"}, "id_fy_year", "Select the financial year", ""),
    ({"period_type": "q", "quarter": ""}, "id_quarter", "Select which quarter", ""),
    ({"period_type": ""}, "id_period_type", "Select the kind of period the report covers", ""),
    ({"scope": "everything"}, "id_scope", "Select which complaints the report counts", ""),
    ({"period_type": "m", "month": "12", "month_year": str(clock.today().year + 1)}, "id_month",
     "The period must have started by today", f'name="month_year" value="{clock.today().year + 1}"'),
]


@pytest.mark.parametrize(("sent", "field", "message", "kept"), BAD_INPUT, ids=[b[2][:40] for b in BAD_INPUT])
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, complaint, sent, field, message, kept):
    login(client, Role.COMPLAINTS_MANAGER)
    response = client.get(REPORT, {**BOXES, **sent})
    assert response.status_code == 200
    page = text_of(response)
    assert "<title>Error: Reports" in page
    assert "There is a problem" in page
    assert f'<a href="#{field}">{message}' in page, page[page.find("govuk-error-summary"):][:800]
    assert f'id="{field}-error"' in page
    assert kept in page
    # The form keeps the rest of the choice as it was.
    assert re.search(r'value="annual"\s+checked', page)
    assert not AuditEvent.objects.filter(verb__startswith="report.").exists()


def test_an_address_with_an_unknown_period_key_says_which_keys_there_are(client):
    login(client, Role.COMPLAINTS_MANAGER)
    page = text_of(client.get(f"{REPORT}?kind=annual&period=fy20x1&compare=1&version=internal&scope=statutory"))
    assert '<a href="#id_period_type">&#x27;fy20x1&#x27; is not a period. Use fy2021 for 2021-22' in page
    # The rest of the address is kept.
    assert re.search(r'value="internal" checked', page)
    assert "There is a problem" in text_of(client.get(f"{FORM}?kind=annual&period=q2021-5"))


@pytest.mark.parametrize("compare", ["5", "-1", "x"])
def test_an_address_comparing_with_too_many_periods_is_refused(client, compare):
    login(client, Role.COMPLAINTS_MANAGER)
    page = text_of(client.get(f"{REPORT}?kind=annual&period=fy2021&compare={compare}"))
    assert "Select how many earlier periods to compare with (0 to 4)" in page


def test_the_earliest_and_latest_periods_the_form_allows(client):
    """A period that starts today is allowed; one starting tomorrow is not."""
    login(client, Role.COMPLAINTS_MANAGER)
    today = clock.today()
    tomorrow = today + datetime.timedelta(days=1)

    def dates(start, end):
        return {**BOXES, "period_type": "r", "start_day": start.day, "start_month": start.month,
                "start_year": start.year, "end_day": end.day, "end_month": end.month, "end_year": end.year}

    assert client.get(REPORT, dates(today, today)).status_code == 302
    assert "The period must have started by today" in text_of(client.get(REPORT, dates(tomorrow, tomorrow)))
    # Ten years to the day is allowed; well over is not (the exact last day is periods.py's rule,
    # tested with it).
    assert client.get(REPORT, dates(D(2012, 1, 1), D(2021, 12, 31))).status_code == 302
    assert "at most 10 years" in text_of(client.get(REPORT, dates(D(2012, 1, 1), D(2022, 6, 30))))


# The report on screen -----------------------------------------------------------------------

def test_the_report_page_shows_every_section_and_table_accessibly(client, complaint):
    login(client, Role.COMPLAINTS_MANAGER)
    response = client.get(f"{REPORT}?{INTERNAL_QUERY}")
    page = text_of(response)
    report = report_build(options=ReportOptions(period=FY2021), today=clock.today())
    assert f"<h1 class=\"govuk-heading-xl\">{report.title}</h1>" in page
    assert "Not for publication" in page
    assert "1 April 2021 to 31 March 2022" in page
    assert "2020-21" in page  # compared with
    tables = [table for section in report.sections for table in section.tables]
    assert len(tables) > 5
    for section in report.sections:
        assert f'<a class="govuk-link" href="#section-{section.key}">' in page
        assert f'id="section-{section.key}"' in page
    for table in tables:
        start = page.index(f'id="table-{table.key}"')
        if not table.rows:
            assert page.index("There is nothing to show in this table for the period.", start) < page.index(
                'id="table-', start + 1)
            continue
        html = page[start:page.index("</table>", start)]
        assert f'govuk-table__caption--m">{table.title}</caption>'.replace("'", "&#x27;") in html
        assert html.count('<th scope="col"') == len(table.columns) + 1
        assert html.count('<th scope="row"') == len(table.rows)
        assert f'href="{DOWNLOAD}?{INTERNAL_QUERY}&format=csv&table={table.key}"'.replace("&", "&amp;") in page
    # Figures are right-aligned and totals bold, wherever the report has them.
    assert 'govuk-table__cell govuk-table__cell--numeric">' in page
    total_rows = [(t, r) for t in tables for r in t.rows if r.is_total]
    assert total_rows
    table, row = total_rows[0]
    start = page.index(f'id="table-{table.key}"')
    row_html = page[page.index(f">{row.label}</th>", start):]
    row_html = row_html[:row_html.index("</tr>")]
    assert row_html.count("govuk-!-font-weight-bold") == len(row.cells)
    # What each table counts, and its notes.
    with_basis = [t for t in tables if t.basis]
    assert page.count("How this is counted") == len(with_basis)
    # Downloads carry the same options.
    for fmt in ("docx", "pdf", "xlsx", "csv", "json"):
        assert f'href="{DOWNLOAD}?{INTERNAL_QUERY.replace("&", "&amp;")}&amp;format={fmt}"' in page


def test_charts_come_after_their_table(client, complaint):
    login(client, Role.COMPLAINTS_MANAGER)
    page = text_of(client.get(f"{REPORT}?{INTERNAL_QUERY}"))
    charts = re.findall(r'<svg[^>]*role="img"', page)
    assert charts, "the complaint received in the year should give at least one chart"
    first = page.index('<div class="fh-report-chart">')
    table_end = page.rindex("</table>", 0, first)
    assert page.index("<svg", table_end) > table_end
    assert "The chart shows the figures in the table above." in page


def test_the_internal_version_is_audited_and_the_published_one_is_not(client, complaint):
    user = login(client, Role.SENIOR_MANAGER)
    client.get(f"{REPORT}?{PUBLISHED_QUERY}")
    assert not AuditEvent.objects.filter(verb="report.viewed").exists()
    client.get(f"{REPORT}?{INTERNAL_QUERY}")
    event = AuditEvent.objects.get(verb="report.viewed")
    assert event.actor == user
    assert event.subject_type is None
    assert event.data == {"kind": "annual", "period": "fy2021", "version": "internal", "format": "html"}
    assert event.summary == "Viewed the internal version of the complaints, compliments and representations report 2021-22"


def test_the_written_text_is_shown_as_plain_paragraphs(client, complaint):
    manager = login(client, Role.COMPLAINTS_MANAGER)
    report_text_save(kind=ReportKind.ANNUAL, period=FY2021, section="executive_summary",
                     text="First <b>bold?</b> paragraph\nits second line\n\n<script>alert(1)</script>",
                     actor=manager)
    page = text_of(client.get(f"{REPORT}?{PUBLISHED_QUERY}"))
    assert '<p class="govuk-body">First &lt;b&gt;bold?&lt;/b&gt; paragraph<br>its second line</p>' in page
    assert '<p class="govuk-body">&lt;script&gt;alert(1)&lt;/script&gt;</p>' in page
    assert "<script>alert(1)" not in page
    assert "Change the executive summary" in page
    assert "Write the conclusion and recommendations" in page


def test_compliments_are_quoted_without_names_as_inset_quotations(client):
    actor = officer()
    team = TeamFactory(name="Fostering")
    compliment = compliment_create(
        received_on=D(2021, 9, 6), team=team, source=ComplimentSource.PARENT_FAMILY, channel=Channel.EMAIL,
        words="Thank you <Zebedee> for listening", about="the social worker", consent_to_quote=True,
        actor=actor, person=PersonFactory(first_name="Zebedee"), today=D(2021, 9, 6),
    )
    compliment_quotation_prepare(compliment=compliment, quotation="Thank you <X> for listening", actor=actor)
    login(client, Role.REPORT_READER)
    page = text_of(client.get(f"{REPORT}?{PUBLISHED_QUERY}"))
    assert ('<blockquote class="govuk-!-margin-0"><p class="govuk-body">“Thank you &lt;X&gt; for listening”</p>'
            '</blockquote>') in page
    published = report_build(options=ReportOptions(period=FY2021, published=True), today=clock.today())
    heading, words = published.section("compliments").quotations[0]
    assert words == "Thank you <X> for listening"
    assert f'<figcaption class="govuk-body-s govuk-!-margin-bottom-0">{heading}</figcaption>' in page
    assert "Zebedee" not in page


def test_people_who_may_not_write_get_no_link_to_write(client, complaint):
    login(client, Role.SENIOR_MANAGER)
    page = text_of(client.get(f"{REPORT}?{INTERNAL_QUERY}"))
    assert "Nothing has been written for this part of the report yet." in page
    assert SUMMARY not in page


def test_a_hand_written_address_takes_the_usual_options(client, complaint):
    login(client, Role.COMPLAINTS_OFFICER)
    page = text_of(client.get(f"{REPORT}?period=fy2021"))
    assert "Complaints, compliments and representations report 2021-22" in page
    assert "Not for publication" in page
    assert "Complaints under the children&#x27;s statutory procedure" in page


def test_the_report_without_options_goes_to_the_form(client):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(REPORT)
    assert response.status_code == 302 and response.url == FORM


def test_the_six_month_overview(client, complaint):
    login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(f"{REPORT}?kind=overview&period=h2021-2&compare=1&version=internal&scope=statutory")
    assert response.status_code == 200
    assert "Statistical overview October 2021 to March 2022" in text_of(response)


def test_a_table_without_rows_is_said_in_words(client, complaint):
    """Nothing upheld about children in care: the overview's table of them by team has no rows."""
    login(client, Role.COMPLAINTS_OFFICER)
    options = ReportOptions(period=Period.half_year(2021, 2), kind=ReportKind.OVERVIEW)
    empty = [t for s in report_build(options=options, today=clock.today()).sections for t in s.tables if not t.rows]
    assert empty
    page = text_of(client.get(f"{REPORT}?{report_query(options)}"))
    for table in empty:
        assert (f'<h3 class="govuk-heading-m" id="table-{table.key}">{table.title}</h3>\n'
                f'    <p class="govuk-body">There is nothing to show in this table for the period.</p>') in page


def test_the_page_does_not_query_more_with_more_complaints(client):
    actor = officer()
    login(client, Role.COMPLAINTS_MANAGER)
    url = f"{REPORT}?kind=annual&period=fy2021&compare=4&version=internal&scope=all"

    def add(n):
        for day in range(n):
            made = make_complaint(actor=actor, received_on=D(2021, 5, 3) + datetime.timedelta(days=day * 7))
            stage_one_start(complaint=made, actor=actor, today=made.received_on)

    add(2)
    client.get(url)  # caches warmed (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(18)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


# Writing the executive summary and the conclusion -------------------------------------------

def test_writing_the_executive_summary(client, complaint):
    manager = login(client, Role.COMPLAINTS_MANAGER)
    url = f"{SUMMARY}?{PUBLISHED_QUERY}"
    page = text_of(client.get(url))
    assert '<label class="govuk-label govuk-label--l" for="id_text">Executive summary</label>' in page
    assert 'data-module="govuk-character-count" data-maxlength="20000"' in page
    assert "You can enter up to 20,000 characters" in page
    response = client.post(url, {"text": "The service improved.\r\n\r\nThank you to every team."})
    # Back to the report, in the version it was written from, with a success banner.
    assert response.status_code == 302
    assert response.url == f"{REPORT}?{PUBLISHED_QUERY}"
    landed = text_of(client.get(response.url))
    assert "govuk-notification-banner--success" in landed
    assert "Executive summary saved" in landed
    assert '<p class="govuk-body">Thank you to every team.</p>' in landed
    saved = ReportText.objects.get(report_kind="annual", period_key="fy2021", section="executive_summary")
    assert saved.text == "The service improved.\n\nThank you to every team."
    event = AuditEvent.objects.get(verb="report.text_saved")
    assert event.actor == manager
    # Opened again, the page shows what was saved.
    assert "The service improved." in text_of(client.get(url))


def test_the_conclusion_has_its_own_page(client, complaint):
    login(client, Role.COMPLAINTS_OFFICER)
    client.post(f"{CONCLUSION}?{INTERNAL_QUERY}", {"text": "We will answer on time."})
    assert ReportText.objects.get(section="conclusion").text == "We will answer on time."
    assert not ReportText.objects.filter(section="executive_summary").exists()


def test_text_that_is_too_long_is_refused_and_kept(client, complaint):
    login(client, Role.COMPLAINTS_MANAGER)
    url = f"{SUMMARY}?{INTERNAL_QUERY}"
    at_limit = "a" * MAX_TEXT_LENGTH
    assert client.post(url, {"text": at_limit}).status_code == 302
    too_long = "b" * (MAX_TEXT_LENGTH + 1)
    response = client.post(url, {"text": too_long})
    assert response.status_code == 200
    page = text_of(response)
    assert '<a href="#id_text">The text must be 20,000 characters or fewer' in page
    assert too_long in page
    assert ReportText.objects.get().text == at_limit


def test_saving_text_needs_the_csrf_token(complaint):
    client = Client(enforce_csrf_checks=True)
    login(client, Role.COMPLAINTS_MANAGER)
    response = client.post(f"{SUMMARY}?{INTERNAL_QUERY}", {"text": "Forged"})
    assert response.status_code == 403
    assert not ReportText.objects.exists()
    page = text_of(client.get(f"{SUMMARY}?{INTERNAL_QUERY}"))
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_overview_has_no_written_parts(client):
    login(client, Role.COMPLAINTS_MANAGER)
    response = client.post(f"{SUMMARY}?kind=overview&period=h2021-2", {"text": "Nowhere to show it"})
    assert response.status_code == 404
    assert not ReportText.objects.exists()


def test_writing_text_without_a_report_goes_back_to_the_form(client):
    login(client, Role.COMPLAINTS_MANAGER)
    assert client.get(SUMMARY).url == FORM
    response = client.post(f"{SUMMARY}?kind=annual&period=nonsense", {"text": "Lost"})
    assert response.url == f"{FORM}?kind=annual&period=nonsense"
    assert not ReportText.objects.exists()


def test_report_query_names_every_option():
    options = ReportOptions(period=Period.quarter(2021, 3), kind=ReportKind.OVERVIEW, comparisons=4,
                            published=True, threshold=3)
    assert report_query(options) == "kind=overview&period=q2021-3&compare=4&version=published&threshold=3&scope=statutory"


# Downloads ----------------------------------------------------------------------------------

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
    "json": "application/json",
}
EXTENSIONS = {"docx": "docx", "pdf": "pdf", "xlsx": "xlsx", "csv": "zip", "json": "json"}


@pytest.mark.parametrize("fmt", sorted(CONTENT_TYPES))
def test_each_format_downloads_as_an_attachment_named_without_personal_data(client, complaint, fmt):
    user = login(client, Role.COMPLAINTS_OFFICER)
    response = client.get(f"{DOWNLOAD}?{INTERNAL_QUERY}&format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(CONTENT_TYPES[fmt])
    assert response["Content-Disposition"] == (
        f'attachment; filename="fairhearing-annual-fy2021-internal.{EXTENSIONS[fmt]}"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert len(response.content) > 100
    event = AuditEvent.objects.get(verb="report.downloaded")
    assert event.actor == user and event.subject_type is None
    assert event.data == {"kind": "annual", "period": "fy2021", "version": "internal", "format": fmt}
    # The file name and the event name the report, never a complaint or a person.
    assert complaint.reference not in response["Content-Disposition"]
    assert event.summary.startswith("Downloaded (")
    assert event.summary.endswith(") the internal version of the complaints, compliments and representations "
                                  "report 2021-22")


def test_one_table_downloads_as_csv(client, complaint):
    login(client, Role.REPORT_READER)
    response = client.get(f"{DOWNLOAD}?{PUBLISHED_QUERY}&format=csv&table=complaint_totals")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="fairhearing-annual-fy2021-published-complaint_totals.csv"')
    assert "Complaints received" in response.content.decode("utf-8-sig")
    # The published version is not audited: it names nobody and nothing.
    assert not AuditEvent.objects.filter(verb="report.downloaded").exists()


def test_the_download_has_the_same_numbers_as_the_page(client, complaint):
    login(client, Role.COMPLAINTS_MANAGER)
    data = client.get(f"{DOWNLOAD}?{INTERNAL_QUERY}&format=json").json()
    text = data if isinstance(data, str) else repr(data)
    assert "complaint_totals" in text
    page = text_of(client.get(f"{REPORT}?{INTERNAL_QUERY}"))
    report = report_build(options=ReportOptions(period=FY2021), today=clock.today())
    received = report.section("volumes").table("complaint_totals").display("complaints_received", "fy2021")
    assert received == "1"
    start = page.index('id="table-complaint_totals"')
    assert f'govuk-table__cell--numeric">{received}</td>' in page[start:page.index("</table>", start)]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        (f"{INTERNAL_QUERY}&format=exe", 404),
        (f"{INTERNAL_QUERY}&format=csv&table=no_such_table", 404),
        (f"{INTERNAL_QUERY}", 404),  # no format
    ],
)
def test_a_download_of_something_that_does_not_exist_is_404(client, query, status):
    login(client, Role.COMPLAINTS_MANAGER)
    assert client.get(f"{DOWNLOAD}?{query}").status_code == status
    assert not AuditEvent.objects.filter(verb="report.downloaded").exists()


def test_a_download_with_wrong_options_goes_to_the_form_which_explains(client):
    login(client, Role.COMPLAINTS_MANAGER)
    response = client.get(f"{DOWNLOAD}?kind=annual&period=fy2021&compare=9&format=pdf")
    assert response.status_code == 302
    assert response.url == f"{FORM}?kind=annual&period=fy2021&compare=9"
    assert "Select how many earlier periods to compare with" in text_of(client.get(response.url))
