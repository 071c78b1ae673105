"""Imported complaints count in the annual report exactly as the same complaints entered by hand."""

import datetime
import hashlib

import pytest
from django.db import transaction

from fairhearing.accounts.models import Team
from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.choices import Channel, ClosureReason, WithdrawalMethod
from fairhearing.cases.models import Procedure, Theme
from fairhearing.cases.services import complaint_create
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.importing.writer import import_complaints
from fairhearing.people.choices import Relationship
from fairhearing.people.services import child_create, person_create
from fairhearing.reports.build import report_build
from fairhearing.reports.periods import Period
from fairhearing.reports.report import ReportOptions
from fairhearing.reports.tests.seeds.builders import printed
from fairhearing.stages.choices import Outcome, RemedyKind
from fairhearing.stages.services import (
    PointFinding,
    RemedyInput,
    complaint_close,
    complaint_withdraw,
    stage_extend,
    stage_one_start,
    stage_respond,
)

from .builders import TEAM, complaint, csv_bytes

D = datetime.date
TODAY = D(2022, 6, 1)
pytestmark = pytest.mark.django_db

ROWS = [
    complaint(1),
    complaint(2, **{"Stage 1 extended": "04/05/2021", "Stage 1 responded": "04/05/2021", "Stage 1 outcome": "upheld",
                    "Remedies": "apology", "Payment amount": ""}),
    complaint(3, **{"Stage 1 responded": "", "Stage 1 outcome": "", "Remedies": "", "Payment amount": "",
                    "Withdrawn": "12/04/2021"}),
]


def tables():
    report = report_build(options=ReportOptions(period=Period.financial_year(2021)), today=TODAY)
    return {(section.key, table.key): printed(table) for section in report.sections for table in section.tables}


def by_hand(actor):
    """The same three complaints as ROWS, entered through the services a caseworker's screens call.

    The register gives each child's age (12) and no date of birth; a caseworker gives a date of
    birth, here one that makes the child 12 on the day the complaint was received.
    """
    procedure = Procedure.objects.get(code="children-statutory")
    team, themes = Team.objects.get(name=TEAM), list(Theme.objects.filter(name__in=["Delay", "Lack of communication"]))

    def log(number):
        child = child_create(first_name="A child", date_of_birth=D(2008, 9, 1), actor=actor,
                             monitoring={"gender": "F", "ethnicity": "WBRI"}, legal_status="looked_after")
        return complaint_create(
            received_on=D(2021, 4, 1), channel=Channel.EMAIL, procedure=procedure, routing_reason="Child in need",
            summary="By hand", points=["One point"], complainants=[(person_create(first_name="Pat", actor=actor),
                                                                    Relationship.PARENT)],
            children=[child], teams=[team], themes=themes, actor=actor, today=D(2021, 4, 1))

    first = log(1)
    stage = stage_one_start(complaint=first, actor=actor, today=D(2021, 4, 1))
    stage_respond(stage=stage, responded_on=D(2021, 4, 20), findings={1: PointFinding(Outcome.PARTIALLY_UPHELD)},
                  remedies=[RemedyInput(RemedyKind.APOLOGY), RemedyInput(RemedyKind.FINANCIAL, amount=250)],
                  actor=actor, today=D(2021, 4, 20))
    complaint_close(complaint=first, closed_on=D(2021, 5, 19), reason=ClosureReason.NOT_ESCALATED, actor=actor,
                    today=D(2021, 5, 19))
    second = log(2)
    stage = stage_one_start(complaint=second, actor=actor, today=D(2021, 4, 1))
    stage = stage_extend(stage=stage, new_due_on=D(2021, 5, 4), reason="Complex", complainant_told_on=D(2021, 4, 1),
                         actor=actor, today=TODAY)
    stage_respond(stage=stage, responded_on=D(2021, 5, 4), findings={1: PointFinding(Outcome.UPHELD)},
                  remedies=[RemedyInput(RemedyKind.APOLOGY)], actor=actor, today=D(2021, 5, 4))
    complaint_close(complaint=second, closed_on=D(2021, 6, 2), reason=ClosureReason.NOT_ESCALATED, actor=actor,
                    today=D(2021, 6, 2))
    third = log(3)
    stage_one_start(complaint=third, actor=actor, today=D(2021, 4, 1))
    complaint_withdraw(complaint=third, withdrawn_on=D(2021, 4, 12), method=WithdrawalMethod.WRITTEN,
                       reason="No longer", actor=actor, today=D(2021, 4, 12))


def test_the_annual_report_of_imported_complaints_equals_that_of_the_same_complaints_entered_by_hand():
    TeamFactory(name=TEAM)
    actor = UserFactory(username="importer", roles=[Role.COMPLAINTS_MANAGER])
    data = csv_bytes(ROWS)
    with transaction.atomic():
        import_complaints(validation=validate_file(data, today=TODAY), file_name="register.csv",
                          file_sha256=hashlib.sha256(data).hexdigest(), actor=actor, today=TODAY)
        imported = tables()
        transaction.set_rollback(True)
    by_hand(actor)
    entered = tables()
    assert imported.keys() == entered.keys()
    different = [key for key in imported if imported[key] != entered[key]]
    assert different == []
    # The comparison is about something: the totals count the three complaints, and the three
    # children are counted at 10 to 14 (the register's age 12), not as age unknown.
    assert any("3" in cells for rows in imported.values() for cells in rows.values())
    assert imported[("monitoring", "age")]["10 to 14"][0] == "3"
