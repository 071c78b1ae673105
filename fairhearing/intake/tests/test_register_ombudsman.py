"""The Ombudsman register: the LGSCO reference as key, the decision's rules as the Ombudsman
services keep them, recommendations in one row, importing through the services, the commands,
export and the round trip over the three years the report shows."""

import datetime
import hashlib
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fairhearing.accounts.tests.factories import TeamFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.tests.factories import make_complaint
from fairhearing.core.errors import DomainError
from fairhearing.intake.importing.columns import OMBUDSMAN_COLUMNS, RegisterKind
from fairhearing.intake.importing.registers import import_register
from fairhearing.intake.importing.registers.ombudsman import PlannedRecommendation
from fairhearing.intake.importing.rows import validate_file
from fairhearing.intake.models import ImportBatch, ImportedRecord
from fairhearing.ombudsman.choices import Compliance
from fairhearing.ombudsman.models import OmbudsmanCase, Recommendation
from fairhearing.ombudsman.services import (
    ombudsman_case_create,
    ombudsman_case_record_decision,
    ombudsman_case_record_draft_decision,
    ombudsman_case_record_historic_decision,
    recommendation_add,
    recommendation_complete,
    recommendation_record_not_complied,
)

from .builders import csv_bytes
from .registers import TEAM, TODAY, Register, messages, report_tables, run

D = datetime.date
REGISTER = Register(RegisterKind.OMBUDSMAN, OMBUDSMAN_COLUMNS, "Ombudsman register")
HEADERS = REGISTER.headers
check, write, export, guide_section = REGISTER.check, REGISTER.write, REGISTER.export, REGISTER.guide_section
tables = report_tables
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("register_teams")]


def case(**overrides: str) -> dict[str, str]:
    """The least a row holds: an open case the council was told of on 1 June 2021."""
    return {"LGSCO reference": "21 012 345", "Received": "01/06/2021", **overrides}


def decided(**overrides: str) -> dict[str, str]:
    """A case upheld with fault causing injustice, an apology done on time and a payment done late."""
    return case(**{
        "Team": TEAM, "Summary": "Delay at Stage 2", "Phase": "investigation", "Information requested": "07/06/2021",
        "Information due": "05/07/2021", "Information sent": "01/07/2021", "Draft decision": "01/09/2021",
        "Final decision": "01/10/2021", "Decision": "upheld", "Fault": "yes", "Injustice": "yes",
        "Recommendations": "apology; payment", "Recommendations due": "01/11/2021",
        "Recommendations completed": "20/10/2021; 05/11/2021", "Payment amount": "£300", **overrides,
    })


# Checking ---------------------------------------------------------------------------------------


def test_a_valid_row_is_typed_and_its_recommendations_spread_out():
    result = check([decided(**{"LGSCO reference": "21-012-345", "Decision": "Upheld"})])
    assert result.is_valid, messages(result)
    row = result.rows[0]
    assert (row.lgsco_reference, row.decision, row.fault, row.injustice, row.team) == (
        "21 012 345", "upheld", True, True, TEAM)
    assert row.planned_recommendations() == [
        PlannedRecommendation("apology", D(2021, 11, 1), D(2021, 10, 20), False, None),
        PlannedRecommendation("payment", D(2021, 11, 1), D(2021, 11, 5), False, Decimal("300.00")),
    ]


def test_one_value_each_blank_items_not_complied_and_two_payments():
    result = check([decided(**{
        "Recommendations": "payment; training; payment", "Recommendations due": "01/11/2021; 01/12/2021; 01/01/2022",
        "Recommendations completed": "20/10/2021; ; Not complied", "Payment amount": "100; £250.50"})])
    assert result.is_valid, messages(result)
    assert result.rows[0].planned_recommendations() == [
        PlannedRecommendation("payment", D(2021, 11, 1), D(2021, 10, 20), False, Decimal("100.00")),
        PlannedRecommendation("training", D(2021, 12, 1), None, False, None),
        PlannedRecommendation("payment", D(2022, 1, 1), None, True, Decimal("250.50")),
    ]


def test_only_the_required_columns_are_needed():
    required = [column.header for column in OMBUDSMAN_COLUMNS if column.required]
    assert required == ["LGSCO reference", "Received"]
    assert check([case()], headers=required).is_valid


@pytest.mark.parametrize(("row", "problems"), [
    (case(**{"LGSCO reference": "21 012 34"}),
     ["LGSCO reference: 21 012 34 is not an LGSCO reference; give its 8 digits, for example 21 012 345"]),
    (case(Received=""), ["Received: is blank; every row needs this"]),
    (case(Team="Adoption"), ["Team: Adoption is not a team yet; it can be created before importing"]),
    (case(Received="1st June"), ["Received: 1st June is not a date; write it as day/month/year, for example 1/4/2021"]),
    (case(Complaints="CSC-2021-0099"),
     ["Complaints: CSC-2021-0099 is not a complaint in Fair Hearing; import (or enter) the complaint first"]),
    (case(Phase="closed"), ["Phase: closed is not a phase; use one of enquiry, assessment, investigation, decided"]),
    (case(Fault="perhaps"), ["Fault: perhaps is not yes or no"]),
    (case(Recommendations="apology; cake", **{"Recommendations due": "01/11/2021"}),
     ["Recommendations: cake is not a kind of recommendation; use one of apology, payment, review_decision, "
      "procedure_change, training, other"]),
    (case(**{"Information due": "05/07/2021"}),
     ["Information requested: is blank; Information due is filled in, so give the date the Ombudsman asked for "
      "information"]),
    (case(**{"Draft decision": "31/05/2021"}), ["Draft decision: 31 May 2021 is before Received (1 June 2021)"]),
    (case(**{"Draft decision": "01/09/2021", "Final decision": "31/08/2021", "Decision": "advice given"}),
     ["Final decision: 31 August 2021 is before Draft decision (1 September 2021)"]),
    (case(**{"Information requested": "02/06/2022"}), ["Information requested: 2 June 2022 is in the future"]),
    (case(Decision="not upheld"),
     ["Final decision: is blank; Decision is filled in, so give the date of the final decision"]),
    (case(**{"Final decision": "01/10/2021"}),
     ["Decision: is blank; Final decision is filled in, so give the decision (or, for an older year, the "
      "Historic category)"]),
    (case(**{"Final decision": "01/10/2021", "Decision": "not upheld", "Historic category": "discretion"}),
     ["Historic category: is filled in as well as Decision; give the decision in the current labels or in the "
      "historic categories, not both"]),
    (case(Phase="decided"), ["Phase: is decided, but Final decision is blank"]),
    (case(Fault="no"),
     ["Fault: is filled in, but Decision is blank; it belongs to a decision in the Ombudsman's current labels"]),
    (case(**{"Final decision": "01/10/2021", "Historic category": "premature", "Public interest report": "yes"}),
     ["Public interest report: is filled in, but Decision is blank; it belongs to a decision in the Ombudsman's "
      "current labels"]),
    (case(**{"Final decision": "01/10/2021", "Decision": "closed_after_initial_enquiries"}),
     ["Closing reason: is blank; Decision is filled in, so give why the Ombudsman closed the case"]),
    (case(**{"Final decision": "01/10/2021", "Decision": "advice_given", "Closing reason": "late"}),
     ["Closing reason: is filled in, but only a case closed after initial enquiries has a closing reason"]),
    (case(**{"Final decision": "01/10/2021", "Decision": "advice_given", "Fault": "no"}),
     ["Fault: is filled in, but the Ombudsman finds fault or injustice only in an upheld or not upheld decision"]),
    (case(**{"Final decision": "01/10/2021", "Decision": "upheld", "Fault": "no", "Injustice": "yes"}),
     ["Injustice: is yes, but Fault is not; injustice is found only where there was fault",
      "Fault: is not yes; an upheld decision means the Ombudsman found fault, or Remedy already provided is yes"]),
    (case(**{"Final decision": "01/10/2021", "Decision": "not upheld", "Fault": "yes"}),
     ["Fault: is yes, but a complaint not upheld has no fault found"]),
    (case(**{"Final decision": "01/10/2021", "Decision": "upheld", "Fault": "yes"}),
     ["Injustice: is blank; the Ombudsman found fault, so say whether it caused injustice"]),
    (case(**{"Final decision": "01/10/2021", "Decision": "not upheld", "Remedy already provided": "yes"}),
     ["Remedy already provided: is yes, but only an upheld decision records a remedy already provided"]),
    (case(**{"Final decision": "01/10/2021", "Decision": "referred back", "Public interest report": "yes"}),
     ["Public interest report: is yes, but a public interest report follows an upheld or not upheld decision"]),
    (decided(Decision="not upheld", Fault="no", Injustice="", **{"Payment amount": "", "Recommendations": "apology",
                                                                 "Recommendations completed": ""}),
     ["Recommendations: is filled in, but the Ombudsman makes recommendations only when it upholds a complaint "
      "(the decision is not upheld: no fault)"]),
    (case(Recommendations="apology"),
     ["Recommendations due: is blank; Recommendations is filled in, so give the date they are due"]),
    (case(Recommendations="apology; training; other", **{"Recommendations due": "01/11/2021; 01/12/2021"}),
     ["Recommendations due: gives 2 dates for 3 recommendations; give one date for all, or one for each"]),
    (case(Recommendations="apology", **{"Recommendations due": "31/05/2021"}),
     ["Recommendations due: 31 May 2021 is before Received (1 June 2021)"]),
    (case(Recommendations="payment", **{"Recommendations due": "01/11/2021"}),
     ["Payment amount: is blank; give the amount of each payment recommended"]),
    (case(Recommendations="apology", **{"Recommendations due": "01/11/2021", "Payment amount": "300"}),
     ["Payment amount: is filled in, but no recommendation is a payment"]),
    (case(Recommendations="payment", **{"Recommendations due": "01/11/2021", "Payment amount": "£0"}),
     ["Payment amount: £0 is not more than £0"]),
    (case(Recommendations="payment", **{"Recommendations due": "01/11/2021", "Payment amount": "1; 2"}),
     ["Payment amount: gives 2 amounts for 1 payments; give one amount for all, or one for each"]),
    (case(**{"Recommendations completed": "01/10/2021"}),
     ["Recommendations completed: is filled in, but Recommendations is blank"]),
    (case(Recommendations="apology", **{"Recommendations due": "01/11/2021", "Recommendations completed": "done"}),
     ["Recommendations completed: done is not a date or not complied"]),
    (case(Recommendations="apology", **{"Recommendations due": "01/11/2021", "Recommendations completed": "02/06/2022"}),
     ["Recommendations completed: 2 June 2022 is in the future"]),
    # Not complied only once the due date has passed: due yesterday is fine, due today is not.
    (case(Recommendations="apology", **{"Recommendations due": "31/05/2022", "Recommendations completed": "not complied"}),
     []),
    (case(Recommendations="apology", **{"Recommendations due": "01/06/2022", "Recommendations completed": "not complied"}),
     ["Recommendations completed: says not complied, but the recommendation is due by 1 June 2022; it can be found "
      "not complied with only after that day"]),
    # The Ombudsman's deadline, and a recommendation's due date, may lie ahead.
    (case(**{"Information requested": "20/05/2022", "Information due": "20/06/2022"}), []),
    (case(Recommendations="training", **{"Recommendations due": "01/09/2022"}), []),
    (case(**{"Final decision": "01/10/2021", "Decision": "upheld", "Remedy already provided": "yes"}), []),
])
def test_every_problem_is_named_by_row_and_column(row, problems):
    assert messages(check([row])) == [f"Row 2, {problem}" for problem in problems]


def test_the_same_lgsco_reference_twice_in_any_form_is_a_problem():
    result = check([case(), case(**{"LGSCO reference": "21-012-345"}), case(**{"LGSCO reference": "21 012 346"})])
    assert messages(result) == ["Row 3, LGSCO reference: 21 012 345 is also on row 2"]


# Importing --------------------------------------------------------------------------------------


def test_a_register_becomes_ombudsman_cases_through_the_services(officer):
    complaint = make_complaint(received_on=D(2021, 1, 4), reference="CSC-2021-0001", actor=officer)
    result = write([
        decided(Complaints="csc-2021-0001"),
        case(**{"LGSCO reference": "21 013 001", "Final decision": "02/08/2021",
                "Decision": "closed after initial enquiries", "Closing reason": "late"}),
        case(**{"LGSCO reference": "19014562", "Received": "12/11/2019", "Team": "Leaving Care",
                "Final decision": "20/03/2020", "Historic category": "local_settlement",
                "Recommendations": "training", "Recommendations due": "01/05/2020",
                "Recommendations completed": "not complied", "Recommendation details": "Train the team."}),
        case(**{"LGSCO reference": "22 000 100", "Received": "03/05/2022", "Phase": "assessment",
                "Information requested": "04/05/2022", "Information due": "15/06/2022"}),
    ], officer)
    assert (result.created_count, result.already_present_count) == (4, 0)
    upheld, closed, historic, open_case = result.created

    assert (upheld.lgsco_reference, upheld.phase, upheld.decision, upheld.fault, upheld.injustice) == (
        "21 012 345", "decided", "upheld", True, True)
    assert (upheld.final_decision_on, upheld.draft_decision_on, upheld.information_sent_on, upheld.team.name) == (
        D(2021, 10, 1), D(2021, 9, 1), D(2021, 7, 1), TEAM)
    assert list(upheld.complaints.all()) == [complaint]
    recommendations = list(upheld.recommendations.order_by("number"))
    assert [(r.number, r.kind, r.text, r.amount, r.due_on, r.completed_on, r.compliance) for r in recommendations] == [
        (1, "apology", "Apology", None, D(2021, 11, 1), D(2021, 10, 20), Compliance.COMPLIED),
        (2, "payment", "Payment", Decimal("300.00"), D(2021, 11, 1), D(2021, 11, 5), Compliance.COMPLIED_LATE),
    ]
    assert recommendations[0].evidence_note == "Imported from the register."
    assert (closed.decision, closed.closing_reason, closed.fault) == ("closed_after_initial_enquiries", "late", None)
    assert (historic.decision, historic.historic_category, historic.lgsco_reference) == (
        "", "local_settlement", "19 014 562")
    training = historic.recommendations.get()
    assert (training.text, training.compliance, training.completed_on) == (
        "Train the team.", Compliance.NOT_COMPLIED, None)
    assert (open_case.phase, open_case.information_due_on, open_case.final_decision_on) == (
        "assessment", D(2022, 6, 15), None)

    verbs = list(AuditEvent.objects.filter(subject_id=upheld.pk, subject_type__model="ombudsmancase")
                 .order_by("pk").values_list("verb", flat=True))
    assert verbs == ["ombudsman.case_created", "ombudsman.draft_decision", "ombudsman.decided",
                     "ombudsman.recommendation_added", "ombudsman.recommendation_completed",
                     "ombudsman.recommendation_added", "ombudsman.recommendation_completed"]
    marks = ImportedRecord.objects.order_by("row_number")
    assert [(m.row_number, m.reference) for m in marks] == [
        (2, "21 012 345"), (3, "21 013 001"), (4, "19 014 562"), (5, "22 000 100")]
    assert AuditEvent.objects.get(verb="import.completed").summary == (
        "Register imported: 4 Ombudsman cases made, 0 already imported")


def test_importing_again_or_a_case_entered_by_hand_creates_nothing_and_says_so(officer):
    ombudsman_case_create(lgsco_reference="21 099 999", received_on=D(2021, 5, 4), actor=officer, today=TODAY)
    first = write([decided(), case(**{"LGSCO reference": "21.099.999"})], officer)
    assert (first.created_count, first.already_present) == (1, ["21 099 999"])
    events = AuditEvent.objects.count()
    again = write([decided(**{"LGSCO reference": "21012345"})], officer)
    assert (again.created_count, again.already_present) == (0, ["21 012 345"])
    assert OmbudsmanCase.objects.count() == 2 and Recommendation.objects.count() == 2
    assert AuditEvent.objects.count() == events + 1


def test_a_file_with_a_problem_writes_nothing(officer):
    with pytest.raises(DomainError, match="The file has 1 problem"):
        write([decided(), case(**{"LGSCO reference": "21 000 001", "Phase": "decided"})], officer)
    assert not OmbudsmanCase.objects.exists() and not ImportBatch.objects.exists()


# The commands -----------------------------------------------------------------------------------


def test_the_command_checks_with_dry_run_writing_nothing_then_imports_once(tmp_path, officer):
    path = tmp_path / "lgsco.csv"
    path.write_bytes(csv_bytes([decided(), case(**{"LGSCO reference": "21 000 001"})], headers=HEADERS))
    assert run("import_register", str(path), "--kind", "ombudsman", "--dry-run") == (
        "2 rows are valid. Nothing was written (this was a dry run).\n")
    assert not OmbudsmanCase.objects.exists()
    assert run("import_register", str(path), "--kind", "ombudsman", "--user", "importer") == (
        "2 Ombudsman cases imported, 0 already imported (nothing changed).\n")
    assert run("import_register", str(path), "--kind", "ombudsman", "--user", "importer") == (
        "0 Ombudsman cases imported, 2 already imported (nothing changed).\n")


def test_the_command_prints_every_problem(tmp_path, officer):
    path = tmp_path / "lgsco.csv"
    path.write_bytes(csv_bytes([case(), case(**{"LGSCO reference": "21012345"}),
                                case(**{"LGSCO reference": "21 000 001", "Fault": "yes"})], headers=HEADERS))
    out = StringIO()
    with pytest.raises(CommandError, match=r"^2 problems found; nothing was written\.$"):
        call_command("import_register", str(path), "--kind", "ombudsman", "--user", "importer", stdout=out)
    assert out.getvalue().splitlines() == [
        "Row 3, LGSCO reference: 21 012 345 is also on row 2",
        "Row 4, Fault: is filled in, but Decision is blank; it belongs to a decision in the Ombudsman's current labels",
    ]


# Exporting and the round trip -------------------------------------------------------------------


def build_world(actor) -> None:
    """Ombudsman cases over three years entered by hand: each kind of decision, recommendations
    done on time, late, not complied and not yet due, and cases linked to complaints."""
    complaints = [make_complaint(received_on=D(2020, 1, 6), reference=f"CSC-2020-000{n}", actor=actor)
                  for n in (1, 2)]
    team = TeamFactory(name=TEAM)

    def log(reference, received, **details):
        return ombudsman_case_create(lgsco_reference=reference, received_on=received, actor=actor, today=TODAY,
                                     **details)

    def decide(found, on, decision, **flags):
        values = {"closing_reason": "", "fault": None, "injustice": None, "remedy_already_provided": False,
                  "public_interest_report": False, **flags}
        return ombudsman_case_record_decision(case=found, final_decision_on=on, decision=decision, actor=actor,
                                              today=TODAY, **values)

    # 2019-20: a decision recorded in the old categories, and one in the current labels.
    old = log("19 014 562", D(2019, 11, 12), team=TeamFactory(name="Leaving Care"))
    ombudsman_case_record_historic_decision(case=old, final_decision_on=D(2020, 3, 20),
                                            historic_category="maladministration_injustice", actor=actor, today=TODAY)
    referred = log("19 020 001", D(2020, 2, 3))
    decide(referred, D(2020, 3, 2), "referred_back")
    # 2020-21: upheld with a remedy already provided; a recommendation never complied with.
    remedied = log("20 004 321", D(2020, 6, 1), complaints=complaints[:1], team=team)
    decide(remedied, D(2020, 9, 1), "upheld", remedy_already_provided=True)
    ignored = recommendation_add(case=remedied, kind="procedure_change", text="Review the policy.",
                                 due_on=D(2020, 12, 1), actor=actor)
    recommendation_record_not_complied(recommendation=ignored, evidence_note="Not done.", actor=actor, today=TODAY)
    # 2021-22: upheld with two recommendations (different texts, dates and outcomes), not upheld,
    # closed after initial enquiries, a public interest report, and one still open.
    upheld = log("21 012 345", D(2021, 6, 1), complaints=complaints, team=team, phase="investigation",
                 information_requested_on=D(2021, 6, 7), information_due_on=D(2021, 7, 5),
                 information_sent_on=D(2021, 7, 1), summary="Delay at Stage 2")
    ombudsman_case_record_draft_decision(case=upheld, draft_decision_on=D(2021, 9, 1), actor=actor, today=TODAY)
    decide(upheld, D(2021, 10, 1), "upheld", fault=True, injustice=True)
    apology = recommendation_add(case=upheld, kind="apology", text="Apologise to Mrs X.", due_on=D(2021, 11, 1),
                                 actor=actor)
    recommendation_complete(recommendation=apology, completed_on=D(2021, 10, 20), evidence_note="Letter sent.",
                            actor=actor, today=TODAY)
    payment = recommendation_add(case=upheld, kind="payment", text="Pay £300.", amount=Decimal(300),
                                 due_on=D(2021, 12, 1), actor=actor)
    recommendation_complete(recommendation=payment, completed_on=D(2021, 12, 3), evidence_note="Paid.", actor=actor,
                            today=TODAY)
    recommendation_add(case=upheld, kind="training", text="Train the team.", due_on=D(2022, 9, 1), actor=actor)
    decide(log("21 013 001", D(2021, 7, 1)), D(2021, 8, 2), "closed_after_initial_enquiries", closing_reason="late")
    decide(log("21 020 202", D(2021, 9, 1)), D(2022, 2, 1), "not_upheld", fault=False, public_interest_report=True)
    log("22 000 100", D(2022, 3, 3), phase="assessment", information_requested_on=D(2022, 3, 10),
        information_due_on=D(2022, 6, 15))


def test_exporting_then_importing_into_an_empty_database_gives_identical_report_tables(officer):
    build_world(officer)
    before = tables()
    data = export()

    OmbudsmanCase.objects.all().delete()
    assert tables() != before
    validation = validate_file(data, kind="ombudsman", today=TODAY)
    assert validation.problems == []
    result = import_register(validation=validation, file_name="export.csv",
                             file_sha256=hashlib.sha256(data).hexdigest(), actor=officer, today=TODAY)
    assert result.created_count == 7

    after = tables()
    assert {key: after[key] for key in before if after[key] != before[key]} == {}
    assert export() == data
    # The report is about the world: three years of enquiries, and a recommendation not complied with.
    assert before[("ombudsman", "ombudsman_received")]["Enquiries received"] == ("4", "1", "2")
    assert before[("ombudsman", "ombudsman_recommendations")]["Not complied with"] == ("0", "1", "0")


def test_an_xlsx_export_reads_back_as_the_csv_export_does(officer):
    build_world(officer)
    from_csv = validate_file(export(), kind="ombudsman", today=TODAY)
    from_xlsx = validate_file(export("xlsx"), kind="ombudsman", today=TODAY)
    assert from_xlsx.is_valid and from_xlsx.rows == from_csv.rows


# The guide --------------------------------------------------------------------------------------


def test_the_guide_has_a_row_for_every_column_saying_whether_it_is_required():
    section = guide_section()
    for column in OMBUDSMAN_COLUMNS:
        match = re.search(rf"^\| {re.escape(column.header)} \| (yes)? ?\|", section, re.MULTILINE)
        assert match, column.header
        assert bool(match[1]) is column.required, column.header


def test_the_guides_example_is_valid(officer):
    make_complaint(received_on=D(2021, 4, 1), reference="CSC-2021-0001", actor=officer)
    example = guide_section().split("```csv\n", 1)[1].split("```", 1)[0]
    result = validate_file(example.encode(), kind="ombudsman", today=D(2026, 11, 22))
    assert result.is_valid, messages(result)
    assert [row.lgsco_reference for row in result.rows] == ["21 012 345", "21 013 001", "19 014 562"]
