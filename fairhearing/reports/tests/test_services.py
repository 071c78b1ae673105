"""Saving the council's own text for a report (executive summary, conclusion) and reading it back."""

import pytest

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import officer
from fairhearing.core.errors import DomainError
from fairhearing.reports.choices import TextSection
from fairhearing.reports.models import ReportText
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportKind
from fairhearing.reports.selectors import report_texts_get
from fairhearing.reports.services import MAX_TEXT_LENGTH, report_text_save

pytestmark = pytest.mark.django_db

YEAR = Period.financial_year(2021)
SUMMARY = TextSection.EXECUTIVE_SUMMARY


def save(text, *, section=SUMMARY, kind=ReportKind.ANNUAL, period=YEAR, actor=None):
    return report_text_save(kind=kind, period=period, section=section, text=text, actor=actor or officer())


def test_saving_stores_the_text_for_that_report_and_audits_it_without_the_words():
    actor = officer()
    saved = save("  We received 128 complaints.\r\nMost were about communication.  ", actor=actor)
    assert (saved.report_kind, saved.period_key, saved.section) == ("annual", "fy2021", "executive_summary")
    assert saved.text == "We received 128 complaints.\nMost were about communication."
    assert saved.updated_by == actor
    event = AuditEvent.objects.get(verb="report.text_saved")
    assert event.summary == "Executive summary saved for the annual report 2021-22"
    assert event.data == {"characters_before": 0, "characters_after": len(saved.text)}
    assert event.actor == actor
    assert "128" not in event.summary


def test_saving_again_replaces_the_text_and_records_both_lengths():
    save("First draft.")
    saved = save("Second, longer draft.")
    assert ReportText.objects.get().text == "Second, longer draft."
    assert ReportText.objects.count() == 1
    last = AuditEvent.objects.filter(verb="report.text_saved").order_by("-id").first()
    assert last.data == {"characters_before": len("First draft."), "characters_after": len(saved.text)}


def test_saving_empty_text_clears_it():
    save("Draft.")
    save("   ")
    assert report_texts_get(kind=ReportKind.ANNUAL, period=YEAR) == {"executive_summary": ""}


def test_an_unknown_section_is_refused_and_nothing_is_saved():
    with pytest.raises(DomainError, match="Choose which part of the report this text is for"):
        save("Text.", section="appendix")
    assert not ReportText.objects.exists()
    assert not AuditEvent.objects.filter(verb="report.text_saved").exists()


def test_the_longest_text_is_accepted_and_one_character_more_is_refused():
    save("x" * MAX_TEXT_LENGTH)
    with pytest.raises(DomainError, match="The text must be 20,000 characters or fewer"):
        save("y" * (MAX_TEXT_LENGTH + 1))
    assert ReportText.objects.get().text == "x" * MAX_TEXT_LENGTH
    assert AuditEvent.objects.filter(verb="report.text_saved").count() == 1


def test_an_actor_without_an_account_is_recorded_as_nobody():
    class System:
        pk = None

    saved = save("Written by a scheduled job.", actor=System())
    assert saved.updated_by is None
    assert AuditEvent.objects.get(verb="report.text_saved").actor is None


def test_texts_are_read_per_report_kind_and_period():
    save("Summary 2021-22.")
    save("Conclusion 2021-22.", section=TextSection.CONCLUSION)
    save("Summary 2020-21.", period=Period.financial_year(2020))
    save("Overview summary.", kind=ReportKind.OVERVIEW)
    assert report_texts_get(kind=ReportKind.ANNUAL, period=YEAR) == {
        "executive_summary": "Summary 2021-22.", "conclusion": "Conclusion 2021-22."}
    assert report_texts_get(kind=ReportKind.OVERVIEW, period=YEAR) == {"executive_summary": "Overview summary."}
    assert report_texts_get(kind=ReportKind.ANNUAL, period=Period.quarter(2021, 1)) == {}
