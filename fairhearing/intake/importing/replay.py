"""What one row of a complaints register means: the steps a caseworker would have taken, in order.

Each row becomes a complaint logged under the council's own reference, and its history is
replayed step by step with ``today=`` set to the day of each event, exactly as if a caseworker
had entered it on the day. :class:`Replay` holds that order of steps once; its two subclasses
carry the steps out:

- ``writer._ServiceReplay`` calls ``complaint_create`` and the stage services themselves, one
  row at a time (the reference: slow, a few dozen queries a row);
- ``bulk.BatchReplay`` takes the same steps on the records in memory, with the same checks,
  dates and audit events as those services, and saves a thousand rows at a time
  (``fairhearing/intake/tests/test_writer_paths.py`` proves both write the same rows).

The register holds less than the services ask for; what is filled in for each gap is chosen so
the figures the reports count come out as the register says, and is listed in docs/import.md:

- the complainant is a contact named "Imported complainant" (the register names no one); the
  child, when any child column is filled, is "Imported child" with the date of birth and
  monitoring data given; a child age given without a date of birth is kept on the complaint's link
  to the child (``ComplaintChild.age_when_received``), so the reports band the child by it;
- one point of complaint, whose outcome is the row's outcome at every stage;
- a corporate complaint, whose Stage 1 counts from the acknowledgement, is acknowledged on the
  day it was received; a corporate Stage 2 request is acknowledged on the day it was made;
- a Stage 1 extension was told to the complainant the day the stage began;
- a statutory Stage 2 answered without a "statement agreed" date had its statement agreed on the
  day of the request; its Investigating Officer and Independent Person are two placeholder
  accounts made for the batch ("Imported investigator" and "Imported independent person"), and
  the adjudication is recorded as made by the ``adjudicator`` given (a senior manager);
- a Stage 3 panel is three placeholder accounts made for the batch, and its report arrived on
  the day the panel met;
- a late request for the next stage is recorded as accepted (the register shows it went ahead);
- remedies and the payment belong to the last stage with a response;
- a withdrawal was in writing;
- a complaint answered and not taken further is closed "not escalated" on the last day the
  complainant could have asked for the next stage, once that day has passed; one answered at its
  last stage is closed "procedure completed" on the day of the response; one routed to another
  process is closed on the day it was received.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from fairhearing.accounts.models import Team
from fairhearing.accounts.roles import Role
from fairhearing.cases.choices import ClosureReason, Decision, ProcedureKind, WithdrawalMethod
from fairhearing.cases.models import Complaint, Procedure, Theme
from fairhearing.core.errors import DomainError
from fairhearing.people.choices import LegalStatus
from fairhearing.stages.choices import RemedyKind
from fairhearing.stages.models import Stage
from fairhearing.stages.services import PointFinding, RemedyInput
from fairhearing.workingdays.calendar import WorkingDayCalendar

from ..models import ImportBatch
from .rows import ComplaintRow

COMPLAINANT_NAME = "Imported complainant"
CHILD_NAME = "Imported child"
POINT = "The points of complaint were not recorded in the imported register."
LATE_REASON = "Imported from the register, which records that the stage went ahead."
FROM_THE_REGISTER = "Imported from the register."


class Replay:
    """Replays one row at a time; placeholder staff are made once per batch, when first needed.

    The step methods (``person_create``, ``complaint_create``, ``stage_respond``...) take the
    arguments of the service of the same name and return what it returns; subclasses implement
    them. ``calendar`` is built once for the whole file: the import is one transaction, so it
    cannot change under it.
    """

    def __init__(
        self, *, batch: ImportBatch, actor: Any, adjudicator: Any, today: date, calendar: WorkingDayCalendar,
    ) -> None:
        self.batch = batch
        self.actor = actor
        self.adjudicator = adjudicator
        self.today = today
        self.calendar = calendar
        self.complaint_type = ContentType.objects.get_for_model(Complaint)
        self._staff: dict[str, Any] = {}
        self._procedures: dict[str, Procedure] = {}
        # Looked up once per batch, not once per row: a register names the same few dozen.
        self._teams: dict[str, Team] = {}
        self._themes: dict[str, Theme] = {}
        self._adjudicator_is_senior: bool | None = None

    # Reference data --------------------------------------------------------------------------

    def procedure(self, kind: str) -> Procedure:
        if kind not in self._procedures:
            procedure = Procedure.objects.filter(kind=kind, is_active=True).order_by("pk").first()
            if procedure is None:
                raise DomainError(f"There is no procedure in use of the kind {ProcedureKind(kind).label}.")
            self._procedures[kind] = procedure
        return self._procedures[kind]

    def teams(self, names: tuple[str, ...]) -> list[Team]:
        for name in names:
            if name not in self._teams:
                self._teams[name] = Team.objects.get(name=name)
        return [self._teams[name] for name in names]

    def themes(self, names: tuple[str, ...]) -> list[Theme]:
        for name in names:
            if name not in self._themes:
                self._themes[name] = Theme.objects.get(name=name)
        return [self._themes[name] for name in names]

    def staff(self, key: str, label: str) -> Any:
        """A placeholder account standing for a person the register does not name.

        It is active (the services appoint only active accounts) but has no password and no roles,
        so nobody can sign in as it.
        """
        if key not in self._staff:
            user = get_user_model().objects.create(
                username=f"imported-{key}-{self.batch.pk}", first_name="Imported", last_name=label,
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            self.audit(actor=self.actor, verb="import.placeholder_user_created", subject=user,
                       summary=f"Placeholder {label} made for an imported register")
            self._staff[key] = user
        return self._staff[key]

    def adjudicator_require(self) -> Any:
        """The senior manager the Stage 2 adjudications are recorded as made by."""
        if self._adjudicator_is_senior is None:
            self._adjudicator_is_senior = bool(
                hasattr(self.adjudicator, "has_role") and self.adjudicator.has_role(Role.SENIOR_MANAGER))
        if not self._adjudicator_is_senior:
            raise DomainError(
                "A Stage 2 adjudication must be recorded as made by a senior manager. Name a senior "
                "manager as the adjudicator for the import."
            )
        return self.adjudicator

    # One row ---------------------------------------------------------------------------------

    def write(self, row: ComplaintRow) -> Complaint:
        actor = self.actor
        procedure = self.procedure(row.procedure)
        complainant = self.person_create(first_name=COMPLAINANT_NAME, actor=actor)
        children = [child] if (child := self._child(row)) is not None else []
        complaint = self.complaint_create(
            received_on=row.received, channel=row.channel, procedure=procedure,
            routing_reason=f"Imported from {self.batch.file_name}, row {row.source_row}",
            summary=f"Imported from {self.batch.file_name}, row {row.source_row}.", points=[POINT],
            complainants=[(complainant, row.complainant_type)], children=children,
            teams=self.teams(row.team), themes=self.themes(row.themes),
            reference=row.reference, actor=actor, today=row.received,
        )
        self.mark(row, complaint)
        if children and row.child_date_of_birth is None and row.child_age is not None:
            # With no date of birth to work it out from, the register's age is all the reports have.
            self.complaint_child_age_record(complaint=complaint, child=children[0], age=row.child_age)
        if procedure.kind == ProcedureKind.ELSEWHERE:
            self.complaint_close(complaint=complaint, closed_on=row.received, reason=ClosureReason.ROUTED_ELSEWHERE,
                                 actor=actor, today=row.received)
            return complaint
        # The highest stage the replay started, so closing needs no query to know of a later one,
        # and the Stage 1 response, which any learning belongs to.
        self._last_stage_started = 0
        self._stage_one_answered: Stage | None = None
        answered = self._stages(complaint, row)
        if row.learning:
            stage_one = self._stage_one_answered
            on = stage_one.responded_on if stage_one else row.received
            self.learning_note_record(complaint=complaint, stage=stage_one, what_was_learned=row.learning,
                                      actor=actor, today=on)
        if row.withdrawn is not None:
            self.complaint_withdraw(complaint=complaint, withdrawn_on=row.withdrawn, method=WithdrawalMethod.WRITTEN,
                                    reason=FROM_THE_REGISTER, actor=actor, today=row.withdrawn)
        elif answered is not None:
            self._close(complaint, answered)
        return complaint

    def _child(self, row: ComplaintRow) -> Any:
        monitoring = {name: getattr(row, name) for name in ("gender", "ethnicity", "disability", "religion")
                      if getattr(row, name)}
        if not monitoring and row.child_date_of_birth is None and row.child_age is None and row.looked_after is None:
            return None
        return self.child_create(
            first_name=CHILD_NAME, date_of_birth=row.child_date_of_birth, monitoring=monitoring or None,
            legal_status=LegalStatus.LOOKED_AFTER if row.looked_after else LegalStatus.OTHER, actor=self.actor,
        )

    def _stages(self, complaint: Complaint, row: ComplaintRow) -> Stage | None:
        """Replay the stages the row records; return the last stage answered, if any."""
        actor = self.actor
        final = _final_stage(row)
        corporate = complaint.procedure.kind == ProcedureKind.CORPORATE
        if corporate:
            self.complaint_acknowledge(complaint=complaint, acknowledged_on=row.received, actor=actor,
                                       today=row.received)
        stage = self.stage_one_start(complaint=complaint, actor=actor, today=row.received)
        self._last_stage_started = stage.number
        if row.stage_1_extended is not None:
            stage = self.stage_extend(stage=stage, new_due_on=row.stage_1_extended, reason=FROM_THE_REGISTER,
                                      complainant_told_on=stage.requested_on, actor=actor, today=self.today)
        if row.stage_1_responded is None:
            return None
        stage = self.stage_respond(stage=stage, responded_on=row.stage_1_responded,
                                   findings=_findings(row.stage_1_outcome),
                                   remedies=_remedies(row) if final == 1 else (), actor=actor,
                                   today=row.stage_1_responded)
        self._stage_one_answered = stage
        if row.stage_2_requested is None:
            return stage
        stage = self._request(complaint, row.stage_2_requested)
        if corporate:
            stage = self.stage_acknowledge_request(stage=stage, acknowledged_on=row.stage_2_requested, actor=actor,
                                                   today=row.stage_2_requested)
            if row.stage_2_responded is None:
                return None
            return self.stage_respond(stage=stage, responded_on=row.stage_2_responded,
                                      findings=_findings(row.stage_2_outcome),
                                      remedies=_remedies(row) if final == 2 else (), actor=actor,
                                      today=row.stage_2_responded)
        agreed = row.stage_2_statement_agreed or (row.stage_2_requested if row.stage_2_responded else None)
        if agreed is None:
            return None
        stage = self.stage_two_agree_statement(stage=stage, agreed_on=agreed, actor=actor, today=agreed)
        stage = self.stage_two_appoint(stage=stage, investigating_officer=self.staff("io", "investigator"),
                                       independent_person=self.staff("ip", "independent person"),
                                       appointed_on=agreed, actor=actor, today=agreed)
        if row.stage_2_responded is None:
            return None
        stage = self.stage_two_adjudicate(stage=stage, adjudicated_on=row.stage_2_responded,
                                          findings=_findings(row.stage_2_outcome),
                                          remedies=_remedies(row) if final == 2 else (),
                                          actor=self.adjudicator_require(), today=row.stage_2_responded)
        if row.stage_3_requested is None:
            return stage
        return self._stage_three(complaint, row, final)

    def _stage_three(self, complaint: Complaint, row: ComplaintRow, final: int) -> Stage | None:
        actor = self.actor
        stage = self._request(complaint, row.stage_3_requested)
        panel = [self.staff(f"panel{n}", f"panel member {n}") for n in (1, 2, 3)]
        stage = self.stage_three_convene_panel(stage=stage, members=panel, chair=panel[0], actor=actor)
        if row.stage_3_panel is None:
            return None
        stage = self.stage_three_panel_met(stage=stage, met_on=row.stage_3_panel, actor=actor,
                                           today=row.stage_3_panel)
        stage = self.stage_three_report_received(stage=stage, received_on=row.stage_3_panel, actor=actor,
                                                 today=row.stage_3_panel)
        if row.stage_3_responded is None:
            return None
        return self.stage_three_council_respond(stage=stage, responded_on=row.stage_3_responded,
                                                findings=_findings(row.stage_3_outcome),
                                                remedies=_remedies(row) if final == 3 else (), actor=actor,
                                                today=row.stage_3_responded)

    def _request(self, complaint: Complaint, requested_on: date) -> Stage:
        stage = self.stage_request_next(complaint=complaint, requested_on=requested_on,
                                        late_decision=Decision.ACCEPTED, late_reason=LATE_REASON, actor=self.actor,
                                        today=requested_on)
        self._last_stage_started = stage.number
        return stage

    def _close(self, complaint: Complaint, answered: Stage) -> None:
        """Close an answered complaint nothing followed, once the time to take it further has gone."""
        if self._last_stage_started > answered.number:
            return  # a later stage was asked for and is still open
        deadline = answered.escalation_deadline_on
        if deadline is None:
            self.complaint_close(complaint=complaint, closed_on=answered.responded_on,
                                 reason=ClosureReason.COMPLETED, actor=self.actor, today=answered.responded_on)
        elif deadline < self.today:
            self.complaint_close(complaint=complaint, closed_on=deadline, reason=ClosureReason.NOT_ESCALATED,
                                 actor=self.actor, today=deadline)

    # The steps, carried out by a subclass ------------------------------------------------------

    def audit(self, *, actor: Any, verb: str, subject: Any, summary: str) -> None:
        raise NotImplementedError

    def mark(self, row: ComplaintRow, complaint: Complaint) -> None:
        """Record the file and row a complaint came from."""
        raise NotImplementedError

    def finish(self) -> None:
        """Save whatever is still waiting to be saved; called once, after the last row."""
        raise NotImplementedError

    def person_create(self, **arguments: Any) -> Any:
        raise NotImplementedError

    def child_create(self, **arguments: Any) -> Any:
        raise NotImplementedError

    def complaint_create(self, **arguments: Any) -> Complaint:
        raise NotImplementedError

    def complaint_child_age_record(self, *, complaint: Complaint, child: Any, age: int) -> None:
        """Keep the child's age when the complaint was received on the complaint's link to the child."""
        raise NotImplementedError

    def complaint_acknowledge(self, **arguments: Any) -> Complaint:
        raise NotImplementedError

    def complaint_close(self, **arguments: Any) -> Complaint:
        raise NotImplementedError

    def complaint_withdraw(self, **arguments: Any) -> Complaint:
        raise NotImplementedError

    def learning_note_record(self, **arguments: Any) -> Any:
        raise NotImplementedError

    def stage_one_start(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_extend(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_respond(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_request_next(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_acknowledge_request(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_two_agree_statement(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_two_appoint(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_two_adjudicate(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_three_convene_panel(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_three_panel_met(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_three_report_received(self, **arguments: Any) -> Stage:
        raise NotImplementedError

    def stage_three_council_respond(self, **arguments: Any) -> Stage:
        raise NotImplementedError


def _final_stage(row: ComplaintRow) -> int:
    """The last stage with a response: the one the remedies belong to."""
    if row.stage_3_responded:
        return 3
    if row.stage_2_responded:
        return 2
    return 1


def _findings(outcome: str | None) -> dict[int, PointFinding]:
    """The row's outcome for the one point an imported complaint has (complaint_create numbers it 1)."""
    return {1: PointFinding(outcome or "")}


def _remedies(row: ComplaintRow) -> list[RemedyInput]:
    remedies = [RemedyInput(kind=kind, amount=row.payment_amount if kind == RemedyKind.FINANCIAL else None)
                for kind in row.remedies]
    if row.payment_amount and RemedyKind.FINANCIAL not in row.remedies:
        remedies.append(RemedyInput(kind=RemedyKind.FINANCIAL, amount=row.payment_amount))
    return remedies
