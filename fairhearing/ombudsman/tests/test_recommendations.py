"""Recommendations: adding them, compliance judged against the due date, the overdue and due-soon
lists, and evidence files checked like complaint documents."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from fairhearing.audit.models import AuditEvent
from fairhearing.cases.attachments import AttachmentRefused
from fairhearing.cases.tests.factories import officer
from fairhearing.cases.tests.test_attachments import EXE, PDF
from fairhearing.core.errors import DomainError, TransitionNotAllowed
from fairhearing.ombudsman.choices import Compliance, DecisionLabel, RecommendationKind
from fairhearing.ombudsman.models import Recommendation, RecommendationEvidence
from fairhearing.ombudsman.selectors import recommendations_due_soon, recommendations_overdue
from fairhearing.ombudsman.services import (
    recommendation_complete,
    recommendation_evidence_download_record,
    recommendation_evidence_upload,
    recommendation_record_not_complied,
)

from .factories import (
    LATER,
    OmbudsmanCaseFactory,
    RecommendationFactory,
    add_recommendation,
    decide,
    make_case,
)

pytestmark = pytest.mark.django_db
D = datetime.date
DUE = D(2022, 7, 1)  # a Friday


@pytest.fixture
def actor():
    return officer()


@pytest.fixture
def case(actor):
    return decide(make_case(actor=actor), actor=actor)


@pytest.fixture
def recommendation(case, actor):
    return add_recommendation(case, actor=actor, due_on=DUE)


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    """Each test files evidence in a directory of its own (the storage reads the setting when used)."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


class TestAdding:
    def test_numbered_in_order_and_audited(self, case, actor):
        first = add_recommendation(case, actor=actor)
        second = add_recommendation(case, actor=actor, kind=RecommendationKind.PAYMENT, amount=Decimal("300.00"),
                                    text="Pay £300 for the distress caused to Ellery.", due_on=D(2022, 7, 29))
        assert (first.number, second.number) == (1, 2)
        assert (second.compliance, second.completed_on) == (Compliance.PENDING, None)
        event = AuditEvent.objects.for_subject(case).filter(verb="ombudsman.recommendation_added").last()
        assert event.summary == "Recommendation 2 added: payment, due 29 July 2022"
        assert "Ellery" not in event.summary
        assert event.data["amount"] == "300.00"

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"kind": "compensation"}, "Choose what kind of recommendation this is."),
            ({"text": "   "}, "Enter the recommendation, in the Ombudsman's words."),
            ({"due_on": None}, "Enter the date the recommendation is due by."),
            ({"due_on": D(2022, 1, 3)}, "The due date cannot be before the council was told of the enquiry "
                                        "(4 January 2022)."),
            ({"kind": RecommendationKind.PAYMENT}, "Enter the amount of the payment, in pounds."),
            ({"kind": RecommendationKind.PAYMENT, "amount": Decimal("0")}, "Enter the amount of the payment"),
            ({"amount": Decimal("-1")}, "The amount cannot be negative."),
        ],
    )
    def test_bad_recommendations_are_refused(self, case, actor, kwargs, message):
        with pytest.raises(DomainError) as refusal:
            add_recommendation(case, actor=actor, **kwargs)
        assert refusal.value.message.startswith(message)
        assert not Recommendation.objects.exists()

    def test_allowed_before_the_final_decision(self, actor):
        """Councils often agree the remedy when they comment on the draft decision."""
        assert add_recommendation(make_case(actor=actor), actor=actor).number == 1

    def test_refused_on_a_case_decided_without_fault(self, actor):
        case = decide(make_case(actor=actor), actor=actor, decision=DecisionLabel.NOT_UPHELD, fault=False,
                      injustice=None)
        with pytest.raises(TransitionNotAllowed, match="not upheld: no fault"):
            add_recommendation(case, actor=actor)

    def test_the_database_insists_a_payment_has_an_amount(self):
        with pytest.raises(IntegrityError, match="recommendation_payment_has_amount"), transaction.atomic():
            RecommendationFactory(kind=RecommendationKind.PAYMENT, amount=None)


class TestCompliance:
    def test_completed_on_the_due_date_is_on_time(self, recommendation, actor):
        recommendation_complete(recommendation=recommendation, completed_on=DUE, evidence_note="Apology sent.",
                                actor=actor, today=LATER)
        recommendation.refresh_from_db()
        assert (recommendation.compliance, recommendation.completed_on) == (Compliance.COMPLIED, DUE)
        event = AuditEvent.objects.get(verb="ombudsman.recommendation_completed")
        assert event.summary == "Recommendation 1 completed on 1 July 2022: on time"
        assert event.changes == {"compliance": ["pending", "complied"]}

    def test_completed_one_day_after_is_late(self, recommendation, actor):
        # 2 July 2022 is a Saturday: the Ombudsman's dates are calendar dates, so a day late is a day late.
        recommendation_complete(recommendation=recommendation, completed_on=D(2022, 7, 2),
                                evidence_note="Apology sent.", actor=actor, today=LATER)
        recommendation.refresh_from_db()
        assert recommendation.compliance == Compliance.COMPLIED_LATE
        event = AuditEvent.objects.get(verb="ombudsman.recommendation_completed")
        assert event.summary == "Recommendation 1 completed on 2 July 2022: late (1 day after the due date)"

    def test_a_due_date_over_christmas_is_not_moved_to_the_next_working_day(self, case, actor):
        """The Ombudsman sets calendar dates: due on Boxing Day 2022 (a bank holiday), done on the
        next working day (28 December, after the substitute holiday on the 27th) is late."""
        recommendation = add_recommendation(case, actor=actor, due_on=D(2022, 12, 26))
        assert list(recommendations_overdue(today=D(2022, 12, 27))) == [recommendation]
        recommendation_complete(recommendation=recommendation, completed_on=D(2022, 12, 28),
                                evidence_note="Payment made.", actor=actor, today=LATER)
        recommendation.refresh_from_db()
        assert recommendation.compliance == Compliance.COMPLIED_LATE

    def test_completed_early_is_on_time(self, recommendation, actor):
        recommendation_complete(recommendation=recommendation, completed_on=D(2022, 6, 2),
                                evidence_note="Apology sent.", actor=actor, today=LATER)
        recommendation.refresh_from_db()
        assert recommendation.compliance == Compliance.COMPLIED

    @pytest.mark.parametrize(
        ("completed_on", "note", "today", "message"),
        [
            (D(2022, 7, 2), "Sent", D(2022, 7, 1), "The date the recommendation was completed cannot be in the "
                                                   "future."),
            (D(2022, 1, 3), "Sent", LATER, "The date the recommendation was completed cannot be before the council "
                                           "was told of the enquiry (4 January 2022)."),
            (None, "Sent", LATER, "Enter the date the recommendation was completed."),
            (DUE, "  ", LATER, "Say what the council did and what evidence it sent the Ombudsman."),
        ],
    )
    def test_bad_completions_are_refused(self, recommendation, actor, completed_on, note, today, message):
        with pytest.raises(DomainError) as refusal:
            recommendation_complete(recommendation=recommendation, completed_on=completed_on, evidence_note=note,
                                    actor=actor, today=today)
        assert refusal.value.message == message
        recommendation.refresh_from_db()
        assert (recommendation.compliance, recommendation.completed_on) == (Compliance.PENDING, None)

    def test_completed_once(self, recommendation, actor):
        recommendation_complete(recommendation=recommendation, completed_on=DUE, evidence_note="Sent.",
                                actor=actor, today=LATER)
        with pytest.raises(TransitionNotAllowed, match="already completed on 1 July 2022"):
            recommendation_complete(recommendation=recommendation, completed_on=D(2022, 8, 1),
                                    evidence_note="Again.", actor=actor, today=LATER)

    def test_not_complied_only_once_overdue_and_can_still_be_completed_late(self, recommendation, actor):
        with pytest.raises(DomainError, match="is due by 1 July 2022: it cannot be recorded as not complied"):
            recommendation_record_not_complied(recommendation=recommendation, evidence_note="No apology.",
                                               actor=actor, today=DUE)
        recommendation_record_not_complied(recommendation=recommendation, evidence_note="No apology.",
                                           actor=actor, today=D(2022, 7, 2))
        recommendation.refresh_from_db()
        assert recommendation.compliance == Compliance.NOT_COMPLIED
        assert list(recommendations_overdue(today=D(2022, 7, 2))) == [recommendation]
        recommendation_complete(recommendation=recommendation, completed_on=D(2022, 8, 1),
                                evidence_note="Apology sent at last.", actor=actor, today=LATER)
        recommendation.refresh_from_db()
        assert recommendation.compliance == Compliance.COMPLIED_LATE
        assert [event.verb for event in AuditEvent.objects.filter(verb__startswith="ombudsman.recommendation_")] \
            == ["ombudsman.recommendation_added", "ombudsman.recommendation_not_complied",
                "ombudsman.recommendation_completed"]

    def test_the_database_refuses_complied_without_a_date(self):
        with pytest.raises(IntegrityError, match="recommendation_complied_iff_completed"), transaction.atomic():
            RecommendationFactory(compliance=Compliance.COMPLIED)


class TestLists:
    @pytest.mark.parametrize(
        ("today", "overdue"),
        [(D(2022, 6, 30), False), (DUE, False), (D(2022, 7, 2), True)],
    )
    def test_overdue_from_the_day_after_the_due_date(self, recommendation, today, overdue):
        assert list(recommendations_overdue(today=today)) == ([recommendation] if overdue else [])

    def test_completed_recommendations_are_never_overdue(self, recommendation, actor):
        recommendation_complete(recommendation=recommendation, completed_on=D(2022, 8, 1), evidence_note="Sent.",
                                actor=actor, today=LATER)
        assert not recommendations_overdue(today=LATER).exists()

    def test_overdue_soonest_first_across_cases(self):
        later = RecommendationFactory(due_on=D(2022, 3, 1))
        earlier = RecommendationFactory(due_on=D(2022, 2, 1), case=OmbudsmanCaseFactory())
        RecommendationFactory(due_on=D(2022, 3, 1), completed_on=D(2022, 2, 20), compliance=Compliance.COMPLIED)
        assert list(recommendations_overdue(today=D(2022, 3, 2))) == [earlier, later]

    @pytest.mark.parametrize(
        ("due_on", "listed"),
        [(D(2022, 6, 30), False), (D(2022, 7, 1), True), (D(2022, 7, 15), True), (D(2022, 7, 16), False)],
    )
    def test_due_soon_includes_today_and_the_last_day(self, due_on, listed):
        recommendation = RecommendationFactory(due_on=due_on)
        found = recommendations_due_soon(today=D(2022, 7, 1), until=D(2022, 7, 15))
        assert list(found) == ([recommendation] if listed else [])


class TestEvidence:
    def upload(self, recommendation, actor, name, data, title="Apology letter to Ellery's mother"):
        return recommendation_evidence_upload(
            recommendation=recommendation, uploaded_file=SimpleUploadedFile(name, data), title=title, actor=actor,
        )

    def test_a_pdf_is_filed_privately_under_a_random_name_and_audited(self, recommendation, actor, documents_root):
        evidence = self.upload(recommendation, actor, "Ellery apology.pdf", PDF)
        assert (evidence.original_name, evidence.content_type, evidence.size) == (
            "Ellery apology.pdf", "application/pdf", len(PDF))
        path = Path(evidence.file.path)
        assert path.is_relative_to(documents_root)
        assert "Ellery" not in evidence.file.name
        assert path.read_bytes() == PDF
        event = AuditEvent.objects.get(verb="ombudsman.evidence_uploaded")
        assert event.summary == "Evidence uploaded for recommendation 1"
        assert event.subject_id == recommendation.case_id

    @pytest.mark.parametrize("name", ["apology.exe", "apology.pdf"])
    def test_a_program_is_refused_whatever_it_is_called(self, recommendation, actor, documents_root, name):
        with pytest.raises(AttachmentRefused, match="is a program") as refusal:
            self.upload(recommendation, actor, name, EXE)
        assert refusal.value.field == "file"
        assert not RecommendationEvidence.objects.exists()
        assert not AuditEvent.objects.filter(verb="ombudsman.evidence_uploaded").exists()
        assert not [path for path in Path(documents_root).rglob("*") if path.is_file()]

    def test_a_title_is_needed(self, recommendation, actor, documents_root):
        with pytest.raises(AttachmentRefused, match="^Enter a title for the evidence$") as refusal:
            self.upload(recommendation, actor, "apology.pdf", PDF, title=" ")
        assert refusal.value.field == "title"
        assert not [path for path in Path(documents_root).rglob("*") if path.is_file()]

    def test_a_failed_save_leaves_no_file_behind(self, recommendation, actor, documents_root, monkeypatch):
        def broken(**kwargs):
            raise RuntimeError("database went away")

        monkeypatch.setattr("fairhearing.ombudsman.services.recommendations.audit_record", broken)
        with pytest.raises(RuntimeError):
            self.upload(recommendation, actor, "apology.pdf", PDF)
        assert not [path for path in Path(documents_root).rglob("*") if path.is_file()]

    def test_a_download_is_logged_against_the_file_not_the_case_timeline(self, recommendation, actor):
        evidence = self.upload(recommendation, actor, "Ellery apology.pdf", PDF)
        recommendation_evidence_download_record(evidence=evidence, actor=actor)
        event = AuditEvent.objects.get(verb="ombudsman.evidence_downloaded")
        assert (event.summary, event.actor) == ("Evidence downloaded", actor)
        assert event.data == {"case_id": recommendation.case_id, "recommendation": 1}
        assert not AuditEvent.objects.for_subject(recommendation.case).filter(verb="ombudsman.evidence_downloaded")
        assert AuditEvent.objects.for_subject(evidence).filter(verb="ombudsman.evidence_downloaded").exists()
