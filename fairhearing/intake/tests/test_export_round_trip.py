"""Exporting complaints and importing the file into an empty database gives the same annual report.

The world is built through the services a caseworker's screens call, kept within what the
canonical format carries (one point per complaint, one child, Stage 1 extensions told to the
complainant the day the stage began, complaints closed "not escalated" on the last day to ask
for the next stage; see docs/import.md). It is exported to CSV, every complaint and the people
it named are deleted, and the file is imported: every table of the annual report must read the
same, and exporting again must give the same file.
"""

import csv
import datetime
import hashlib
import io
from decimal import Decimal

import pytest

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.choices import Channel, ClosureReason, WithdrawalMethod
from fairhearing.cases.models import Complaint, Procedure, Theme
from fairhearing.cases.services import complaint_create
from fairhearing.intake.importing.export import complaints_export_csv
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.importing.writer import import_complaints
from fairhearing.intake.models import ImportedRecord
from fairhearing.learning.models import LearningNote
from fairhearing.learning.services.notes import learning_note_record
from fairhearing.people.choices import LegalStatus, Relationship
from fairhearing.people.models import Child, Person
from fairhearing.people.services import child_create, person_create
from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportOptions
from fairhearing.reports.tests.factories import findings
from fairhearing.reports.tests.seeds.builders import printed
from fairhearing.stages.choices import Outcome, RemedyKind
from fairhearing.stages.models import Remedy, Stage
from fairhearing.stages.services import (
    RemedyInput,
    complaint_close,
    complaint_withdraw,
    stage_extend,
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_two_adjudicate,
    stage_two_agree_statement,
    stage_two_appoint,
)

from .builders import complaint, csv_bytes

D = datetime.date
TODAY = D(2022, 6, 1)
TEAMS = ("Family Support Team 1", "Assessment Team", "Children in Care Team")
pytestmark = pytest.mark.django_db


def tables() -> dict:
    report = report_build(options=ReportOptions(period=Period.financial_year(2021)), today=TODAY)
    return {(section.key, table.key): printed(table) for section in report.sections for table in section.tables}


def export() -> bytes:
    output = io.BytesIO()
    complaints_export_csv(complaints=Complaint.objects.all(), output=output)
    return output.getvalue()


class World:
    """Six complaints from 2021-22 entered through the services, with what the register carries,
    and two imported from an older register that gave only the children's ages."""

    def __init__(self) -> None:
        self.actor = UserFactory(username="officer", roles=[Role.COMPLAINTS_MANAGER])
        self.senior = UserFactory(username="senior", roles=[Role.SENIOR_MANAGER])
        self.io = UserFactory(username="investigator")
        self.ip = UserFactory(username="independent")
        self.procedure = Procedure.objects.get(code="children-statutory")
        self.teams = {name: TeamFactory(name=name) for name in TEAMS}
        self.themes = {theme.name: theme for theme in Theme.objects.all()}

    def log(self, received, *, channel=Channel.EMAIL, relationship=Relationship.PARENT, teams=TEAMS[:1],
            themes=("Delay",), child=None):
        children = [child_create(first_name="A child", actor=self.actor, **child)] if child else []
        return complaint_create(
            received_on=received, channel=channel, procedure=self.procedure, routing_reason="Child in need",
            summary="A complaint", points=["One point"],
            complainants=[(person_create(first_name="Pat", actor=self.actor), relationship)], children=children,
            teams=[self.teams[name] for name in teams], themes=[self.themes[name] for name in themes],
            actor=self.actor, today=received,
        )

    def answer(self, stage, on, outcome, remedies=()):
        return stage_respond(stage=stage, responded_on=on, findings=findings(stage.complaint, outcome),
                             remedies=remedies, actor=self.actor, today=on)

    def close_not_escalated(self, complaint):
        stage = complaint.stages.order_by("-number").first()
        on = stage.escalation_deadline_on
        complaint_close(complaint=complaint, closed_on=on, reason=ClosureReason.NOT_ESCALATED, actor=self.actor,
                        today=on)

    def build(self) -> None:
        looked_after = {"date_of_birth": D(2008, 9, 14), "legal_status": LegalStatus.LOOKED_AFTER,
                        "monitoring": {"gender": "F", "ethnicity": "WBRI", "disability": "AUT", "religion": "none"}}
        # 1. Upheld at Stage 1 with an apology and a payment, and a learning note.
        first = self.log(D(2021, 4, 6), teams=TEAMS[:2], themes=("Delay", "Lack of communication"),
                         child=looked_after)
        stage = self.answer(stage_one_start(complaint=first, actor=self.actor, today=D(2021, 4, 6)),
                            D(2021, 4, 19), Outcome.UPHELD,
                            [RemedyInput(RemedyKind.APOLOGY), RemedyInput(RemedyKind.FINANCIAL, amount=Decimal(150))])
        learning_note_record(complaint=first, stage=stage, what_was_learned="Return calls within a day.",
                             actor=self.actor, today=D(2021, 4, 19))
        self.close_not_escalated(first)
        # 2. Extended, then not upheld at Stage 1, from a young person themselves.
        second = self.log(D(2021, 6, 1), channel=Channel.TELEPHONE, relationship=Relationship.CHILD,
                          teams=TEAMS[2:], child={"date_of_birth": D(2006, 1, 30), "legal_status": LegalStatus.OTHER,
                                                  "monitoring": {"gender": "M", "ethnicity": "BAFR"}})
        stage = stage_one_start(complaint=second, actor=self.actor, today=D(2021, 6, 1))
        stage = stage_extend(stage=stage, new_due_on=D(2021, 6, 29), reason="Complex", complainant_told_on=D(2021, 6, 1),
                             actor=self.actor, today=TODAY)
        self.answer(stage, D(2021, 6, 28), Outcome.NOT_UPHELD)
        self.close_not_escalated(second)
        # 3. Partially upheld at Stage 1, then upheld at Stage 2 by adjudication with a payment.
        third = self.log(D(2021, 7, 5), channel=Channel.LETTER, teams=TEAMS, themes=("Delay",),
                         child={"date_of_birth": D(2012, 5, 5), "legal_status": LegalStatus.OTHER})
        self.answer(stage_one_start(complaint=third, actor=self.actor, today=D(2021, 7, 5)), D(2021, 7, 15),
                    Outcome.PARTIALLY_UPHELD, [RemedyInput(RemedyKind.EXPLANATION)])
        stage = stage_request_next(complaint=third, requested_on=D(2021, 7, 26), actor=self.actor, today=D(2021, 7, 26))
        stage = stage_two_agree_statement(stage=stage, agreed_on=D(2021, 7, 30), actor=self.actor, today=D(2021, 7, 30))
        stage = stage_two_appoint(stage=stage, investigating_officer=self.io, independent_person=self.ip,
                                  appointed_on=D(2021, 7, 30), actor=self.actor, today=D(2021, 7, 30))
        stage_two_adjudicate(stage=stage, adjudicated_on=D(2021, 9, 20), findings=findings(third, Outcome.UPHELD),
                             remedies=[RemedyInput(RemedyKind.APOLOGY),
                                       RemedyInput(RemedyKind.FINANCIAL, amount=Decimal("1250.50"))],
                             actor=self.senior, today=D(2021, 9, 20))
        self.close_not_escalated(third)
        # 4. Withdrawn in writing before a response.
        fourth = self.log(D(2021, 10, 11), relationship=Relationship.FAMILY, themes=("Lack of communication",))
        stage_one_start(complaint=fourth, actor=self.actor, today=D(2021, 10, 11))
        complaint_withdraw(complaint=fourth, withdrawn_on=D(2021, 10, 20), method=WithdrawalMethod.WRITTEN,
                           reason="Resolved", actor=self.actor, today=D(2021, 10, 20))
        # 5. Answered late in the year, the time to ask for Stage 2 still running at the year's end.
        fifth = self.log(D(2022, 3, 7), channel=Channel.ONLINE_FORM, teams=TEAMS[1:2], themes=(),
                         child=looked_after)
        self.answer(stage_one_start(complaint=fifth, actor=self.actor, today=D(2022, 3, 7)), D(2022, 3, 21),
                    Outcome.NOT_UPHELD)
        self.close_not_escalated(fifth)
        # 6. Received just before the year's end and not yet answered at its end.
        sixth = self.log(D(2022, 3, 30), relationship=Relationship.FOSTER_CARER, teams=TEAMS[2:])
        stage = stage_one_start(complaint=sixth, actor=self.actor, today=D(2022, 3, 30))
        self.answer(stage, D(2022, 4, 12), Outcome.PARTIALLY_UPHELD, [RemedyInput(RemedyKind.ACTION)])
        self.close_not_escalated(sixth)
        self.import_children_given_an_age()

    def import_children_given_an_age(self) -> None:
        """7 and 8. Imported from an older register that gave the children's ages and no dates of
        birth: 5 and 6, either side of the edge between two age bands."""
        rows = [complaint(number, **{"Received": received, "Stage 1 responded": responded, "Child age": age,
                                     "Remedies": "", "Payment amount": "", "Looked after": "no"})
                for number, received, responded, age in ((9001, "12/01/2022", "20/01/2022", "5"),
                                                        (9002, "14/02/2022", "21/02/2022", "6"))]
        data = csv_bytes(rows)
        import_complaints(validation=validate_file(data, today=TODAY), file_name="older-register.csv",
                          file_sha256=hashlib.sha256(data).hexdigest(), actor=self.actor, today=TODAY)


def empty_the_register() -> None:
    """Delete every complaint and the people, children and learning it recorded, and the marks of
    the complaints imported (an empty database has imported nothing)."""
    Complaint.objects.all().delete()
    ImportedRecord.objects.all().delete()
    Person.objects.all().delete()
    Child.objects.all().delete()
    assert not (Stage.objects.exists() or Remedy.objects.exists() or LearningNote.objects.exists())


def test_exporting_then_importing_into_an_empty_database_gives_an_identical_annual_report():
    world = World()
    world.build()
    before = tables()
    data = export()

    empty_the_register()
    assert tables() != before  # the report now counts nothing, so the comparison below means something
    validation = validate_file(data, today=TODAY)
    assert validation.problems == []
    result = import_complaints(validation=validation, file_name="export.csv",
                               file_sha256=hashlib.sha256(data).hexdigest(), actor=world.actor,
                               adjudicator=world.senior, today=TODAY)
    after = tables()

    assert result.created_count == 8
    assert after.keys() == before.keys()
    assert {key: after[key] for key in before if after[key] != before[key]} == {}
    assert export() == data
    # The report is about the world: it counts eight complaints and the payments made at two stages,
    # and the children given only an age are in their age bands (with 9 and 12 to 15 from birth).
    assert before[("executive_summary", "key_figures")]["Complaints received"][0] == "8"
    assert before[("monitoring", "age")]["0 to 5"][0] == "1"
    assert before[("monitoring", "age")]["6 to 9"][0] == "2"
    ages = {row["Reference"]: row["Child age"] for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    assert ages == {"CSC-2021-9001": "5", "CSC-2021-9002": "6", **{ref: "" for ref in ages if "9001" not in ref
                                                                   and "9002" not in ref}}
    assert before[("remedies", "financial_remedies")]["Total agreed"][0] == "£1,400.50"
