"""Compliments (quoted only with consent and a prepared quotation; the published heading names the
team only) and Members' enquiries (answered in time by their stored due date)."""

import pytest

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.cases.choices import Channel
from fairhearing.cases.kind_choices import ComplimentSource, MemberKind
from fairhearing.cases.kinds.compliments import compliment_create, compliment_quotation_prepare
from fairhearing.cases.kinds.enquiries import enquiry_create, enquiry_respond
from fairhearing.cases.tests.factories import officer
from fairhearing.people.tests.factories import PersonFactory

from .factories import LATER, D, build, table

pytestmark = pytest.mark.django_db


def compliment(received_on, *, team, consent=False, quotation="", about="Social worker",
               source=ComplimentSource.PARENT_FAMILY, words="Thank you Jo Bloggs for everything.", person=None):
    made = compliment_create(received_on=received_on, team=team, source=source, words=words,
                             channel=Channel.EMAIL, about=about, consent_to_quote=consent, person=person,
                             actor=officer(), today=LATER)
    if quotation:
        made = compliment_quotation_prepare(compliment=made, quotation=quotation, actor=officer())
    return made


def test_compliments_by_service_area_and_by_who_paid_them():
    fostering, adoption = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    compliment(D(2022, 3, 31), team=fostering)
    compliment(D(2022, 3, 30), team=fostering, source=ComplimentSource.PROFESSIONAL_INTERNAL)
    compliment(D(2021, 4, 1), team=adoption, source=ComplimentSource.CHILD)
    compliment(D(2022, 4, 1), team=adoption)
    section = build("fy2021").section("compliments")
    by_team = section.table("compliments_by_team")
    assert {row.label: row.cells[0].value for row in by_team.rows} == {"Adoption": 1, "Fostering": 2, "Total": 3}
    by_source = section.table("compliments_by_source")
    assert {row.key: row.cells[0].value for row in by_source.rows} == {
        "parent_family": 1, "professional_internal": 1, "child": 1, "total": 3}
    assert section.paragraphs == ["3 compliments were received in 2021-22."]


def test_only_compliments_with_consent_and_a_prepared_quotation_are_quoted_never_the_words():
    team = TeamFactory(name="Fostering")
    giver = PersonFactory(first_name="Jo", last_name="Bloggs")
    compliment(D(2022, 2, 1), team=team, consent=True, person=giver, about="Sam's social worker",
               quotation="Thank you X for everything.")
    compliment(D(2022, 2, 2), team=team, consent=True)  # no quotation prepared
    compliment(D(2022, 2, 3), team=team, quotation="Thank you X for everything, again.")  # no consent
    compliment(D(2022, 4, 1), team=team, consent=True, quotation="After the period.")
    internal = build("fy2021").section("compliments").quotations
    assert internal == [("A compliment for Sam's social worker (Fostering)", "Thank you X for everything.")]
    published = build("fy2021", published=True).section("compliments").quotations
    assert published == [("A compliment for Fostering", "Thank you X for everything.")]
    assert not any("Jo Bloggs" in heading + words for heading, words in internal + published)


def test_at_most_twelve_quotations_oldest_first():
    team = TeamFactory(name="Fostering")
    for day in range(13, 0, -1):
        compliment(D(2022, 1, day), team=team, consent=True, about="", quotation=f"Quotation {day}.")
    quotations = build("fy2021").section("compliments").quotations
    assert [words for _heading, words in quotations] == [f"Quotation {day}." for day in range(1, 13)]
    assert {heading for heading, _words in quotations} == {"A compliment for Fostering"}


# Members' enquiries ---------------------------------------------------------------------------

def enquiry(received_on, *, team, kind=MemberKind.MP, answered_on=None):
    made = enquiry_create(received_on=received_on, member_kind=kind, member_name="A. Member", team=team,
                          summary="Asks for an update.", actor=officer(), today=LATER)
    if answered_on is not None:
        made = enquiry_respond(enquiry=made, responded_on=answered_on, actor=officer(), today=LATER)
    return made


def test_enquiries_by_who_sent_them_and_by_team():
    fostering, adoption = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    enquiry(D(2022, 1, 4), team=fostering)
    enquiry(D(2022, 1, 5), team=fostering, kind=MemberKind.COUNCILLOR)
    enquiry(D(2022, 1, 6), team=adoption, kind=MemberKind.COUNCILLOR)
    enquiry(D(2021, 1, 6), team=adoption, kind=MemberKind.MEP)
    section = build("fy2021").section("enquiries")
    by_kind = section.table("enquiries_by_kind")
    assert {row.key: (row.cells[0].value, row.cells[1].value) for row in by_kind.rows} == {
        "mp": (1, 0), "mep": (0, 1), "councillor": (2, 0), "total": (3, 1)}
    by_team = section.table("enquiries_by_team")
    assert [c.key for c in by_team.columns] == [k.value for k in MemberKind] + ["total"]
    assert {row.label: [c.value for c in row.cells] for row in by_team.rows} == {
        "Adoption": [0, 0, 1, 1], "Fostering": [1, 0, 1, 2], "Total": [1, 0, 2, 3]}
    assert (by_team.total_column, by_team.suppressible) == ("total", True)


def test_enquiries_answered_in_time_count_by_the_due_date():
    team = TeamFactory(name="Fostering")
    on_day = enquiry(D(2022, 1, 4), team=team, answered_on=D(2022, 1, 18))
    assert on_day.response_due_on == D(2022, 1, 18)  # 10 working days
    enquiry(D(2022, 1, 4), team=team, answered_on=D(2022, 1, 19))  # a day late
    enquiry(D(2022, 1, 4), team=team)  # not answered: late
    next_year = enquiry(D(2022, 3, 21), team=team, answered_on=D(2022, 3, 22))
    assert next_year.response_due_on == D(2022, 4, 4)  # received in 2021-22, due in 2022-23
    report = build("fy2022")
    timing = table(report, "enquiries", "enquiries_on_time")
    assert [timing.value(row, "fy2021") for row in ("due", "on_time")] == [3, 1]
    assert timing.display("percent", "fy2021") == "33.3%"
    assert [timing.value(row, "fy2022") for row in ("due", "on_time")] == [1, 1]
    assert build("fy2021").section("enquiries").paragraphs == [
        "4 enquiries were received from MPs, MEPs and councillors in 2021-22; 33.3% of the responses due "
        "were sent in time."]
