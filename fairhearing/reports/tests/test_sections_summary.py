"""The executive summary's key figures are the body's figures, and the council's saved texts
appear in their own report only."""

import pytest

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource, MemberKind
from fairhearing.cases.kinds.compliments import compliment_create
from fairhearing.cases.kinds.enquiries import enquiry_create
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.ombudsman.tests.factories import make_case
from fairhearing.reports.choices import TextSection
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportKind
from fairhearing.reports.sections.summary import KEY_FIGURES
from fairhearing.reports.services import report_text_save
from fairhearing.stages.choices import Outcome

from .factories import LATER, D, build, respond, stage_one, stage_two

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_records(db):
    """Records in 2021-22 and 2020-21, so every key figure has something to copy."""
    team = TeamFactory(name="Fostering")
    answered = []
    for received_on, outcome in ((D(2022, 1, 4), Outcome.UPHELD), (D(2022, 1, 5), Outcome.NOT_UPHELD),
                                 (D(2021, 1, 5), Outcome.PARTIALLY_UPHELD)):
        answered.append(respond(stage_one(make_complaint(received_on=received_on)), received_on.replace(day=18),
                                outcome))
    stage_two(answered[0].complaint, requested_on=D(2022, 2, 1))
    for received_on in (D(2022, 2, 1), D(2021, 2, 1), D(2021, 2, 2)):
        compliment_create(received_on=received_on, team=team, source=ComplimentSource.CHILD, words="Thanks.",
                          channel=Channel.APP, actor=officer(), today=LATER)
        enquiry_create(received_on=received_on, member_kind=MemberKind.MP, member_name="A. Member", team=team,
                       summary="Asks for an update.", actor=officer(), today=LATER)
    make_case(lgsco_reference="21 000 001", received_on=D(2021, 6, 1))


@pytest.mark.parametrize("published", [False, True])
def test_every_key_figure_is_the_figure_in_the_table_it_names(year_of_records, published):
    report = build("fy2021", comparisons=2, published=published)
    summary = report.section(TextSection.EXECUTIVE_SUMMARY).table("key_figures")
    assert [row.key for row in summary.rows] == [key for key, *_rest in KEY_FIGURES]
    for key, _label, section, table_key, row_key, suffix in KEY_FIGURES:
        body = report.section(section).table(table_key)
        for period in report.periods:
            assert summary.value(key, period.key) == body.value(row_key, f"{period.key}{suffix}"), (key, period.key)
            assert summary.display(key, period.key) == body.display(row_key, f"{period.key}{suffix}")
    figures = {row.key: row for row in summary.rows}
    assert summary.value("complaints", "fy2021") == 2
    assert summary.value("complaints", "fy2020") == 1
    assert figures["complaints"].cells[summary.column_index("change")].display == "+1"
    assert figures["complaints"].cells[summary.column_index("change_percent")].display == "+100.0%"
    assert summary.display("stage_1_upheld", "fy2021") == "50.0%"
    assert summary.display("stage_1_upheld", "change") == ""  # percentages: no change column
    assert summary.value("stage_2", "fy2021") == 1
    assert summary.value("compliments", "fy2021") == 1
    assert summary.value("ombudsman", "fy2021") == 1


def test_the_summary_opens_the_annual_report_and_the_conclusion_closes_it(year_of_records):
    keys = [s.key for s in build("fy2021").sections]
    assert keys[0] == "executive_summary" and keys[-1] == "conclusion"
    assert keys[1:-1] == ["representations", "ombudsman", "volumes", "outcomes", "teams", "themes", "remedies",
                          "response_times", "expenditure", "people", "monitoring", "enquiries", "compliments",
                          "learning"]


def test_saved_texts_appear_in_their_sections_of_their_report_only(db):
    year = Period.financial_year(2021)
    report_text_save(kind=ReportKind.ANNUAL, period=year, section=TextSection.EXECUTIVE_SUMMARY,
                     text="We received more complaints this year.", actor=officer())
    report_text_save(kind=ReportKind.ANNUAL, period=year, section=TextSection.CONCLUSION,
                     text="We will answer sooner.", actor=officer())
    report_text_save(kind=ReportKind.OVERVIEW, period=year, section=TextSection.CONCLUSION,
                     text="Overview text.", actor=officer())
    report = build("fy2021")
    assert report.section("executive_summary").free_text == "We received more complaints this year."
    assert report.section("conclusion").free_text == "We will answer sooner."
    assert report.section("conclusion").title == "Conclusion and recommendations"
    earlier = build("fy2020")
    assert (earlier.section("executive_summary").free_text, earlier.section("conclusion").free_text) == ("", "")
