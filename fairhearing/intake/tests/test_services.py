"""The browser import's services: the waiting file, and the teams and themes a register names."""

import pytest

from fairhearing.accounts.models import Team
from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.models import Theme
from fairhearing.core.errors import DomainError
from fairhearing.intake import services
from fairhearing.intake.models import PendingImport

from .builders import complaint, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture
def manager():
    return UserFactory(roles=[Role.COMPLAINTS_MANAGER])


def test_names_that_exist_in_any_case_are_not_created_again(manager):
    TeamFactory(name="Leaving Care Team")
    teams, themes = services.import_names_create(
        actor=manager, teams=["leaving care team", "Fostering  Team", "fostering team"], themes=["Lost paperwork"],
    )
    assert [team.name for team in teams] == ["Fostering Team"]
    assert [theme.name for theme in themes] == ["Lost paperwork"]
    assert Team.objects.filter(name__iexact="leaving care team").count() == 1
    assert AuditEvent.objects.filter(verb=services.TEAM_CREATED).count() == 1
    # Offering the same names again creates nothing more.
    assert services.import_names_create(actor=manager, teams=["Fostering Team"], themes=["lost paperwork"]) == ([], [])
    assert Theme.objects.filter(name__iexact="lost paperwork").count() == 1


def test_an_over_long_name_is_refused_and_nothing_created(manager):
    with pytest.raises(DomainError, match="200 characters or fewer"):
        services.import_names_create(actor=manager, teams=["Good team"], themes=["x" * 201])
    assert not Team.objects.filter(name="Good team").exists()
    # Exactly the limit is allowed.
    assert len(services.import_names_create(actor=manager, themes=["x" * 200])[1]) == 1


def test_the_waiting_file_is_refused_once_changed_on_disc(manager, documents_root):
    pending = services.pending_import_create(actor=manager, data=csv_bytes([complaint(1)]), original_name="r.csv")
    assert AuditEvent.objects.filter(verb=services.UPLOADED, subject_id=pending.pk).exists()
    (documents_root / pending.stored_name).write_bytes(csv_bytes([complaint(2)]))
    with pytest.raises(DomainError, match="has changed since it was checked"):
        services.pending_import_validate(pending)


def test_only_the_uploader_can_import_the_waiting_file(manager):
    pending = services.pending_import_create(actor=manager, data=csv_bytes([complaint(1)]), original_name="r.csv")
    with pytest.raises(DomainError, match="Only the person who uploaded"):
        services.pending_import_complete(pending=pending, actor=UserFactory(roles=[Role.COMPLAINTS_MANAGER]))
    assert PendingImport.objects.filter(pk=pending.pk).exists()


def test_a_failed_save_leaves_no_file_behind(manager, documents_root, monkeypatch):
    def refuse(**kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(services.pending, "audit_record", refuse)
    with pytest.raises(RuntimeError):
        services.pending_import_create(actor=manager, data=b"Reference\nA\n", original_name="r.csv")
    assert list((documents_root / "imports").iterdir()) == []
