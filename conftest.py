"""Project-wide pytest glue. App fixtures and factories live in each app's tests/.

pytest-django imports config.settings (named in pyproject.toml) before pytest reads this file, so
environment variables set here come too late for the settings module itself. What tests need is
therefore applied to the loaded settings in ``pytest_configure``: the test environment name, a
fast password hasher, and a throwaway directory for uploads and other files.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Inherited by subprocesses and xdist workers started after this point.
os.environ.setdefault("FAIRHEARING_ENV", "test")

_TMP_DIR_KEY = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    if settings.ENVIRONMENT == "production":
        raise pytest.UsageError(
            "Refusing to run the tests with FAIRHEARING_ENV=production: unset it (or set it to "
            "test) and point DATABASE_URL at a database you can afford to lose."
        )
    settings.ENVIRONMENT = "test"
    settings.DEBUG = False
    # Argon2 is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()

    tmp_dir = Path(tempfile.mkdtemp(prefix="fairhearing-tests-"))
    config.stash[_TMP_DIR_KEY] = tmp_dir
    settings.VAR_DIR = tmp_dir
    settings.MEDIA_ROOT = tmp_dir / "media"
    settings.DOCUMENTS_ROOT = tmp_dir / "documents"
    # Created empty, so whitenoise does not warn about a missing STATIC_ROOT in every client test.
    settings.STATIC_ROOT = tmp_dir / "static"
    settings.MEDIA_ROOT.mkdir()
    settings.STATIC_ROOT.mkdir()


def pytest_unconfigure(config: pytest.Config) -> None:
    tmp_dir = config.stash.get(_TMP_DIR_KEY, None)
    if tmp_dir is not None:
        shutil.rmtree(tmp_dir, ignore_errors=True)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once, with one clear message, if DATABASE_URL names a PostgreSQL we cannot reach."""
    config = session.config
    if hasattr(config, "workerinput") or config.option.collectonly:
        return  # xdist workers: the controller has already checked.
    from django.db import connections

    db = connections.databases["default"]
    if connections["default"].vendor != "postgresql":
        return
    import psycopg

    try:
        psycopg.connect(
            dbname=db.get("NAME") or "postgres",
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            connect_timeout=5,
        ).close()
    except psycopg.OperationalError as error:
        where = f"{db.get('USER')}@{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
        pytest.exit(
            f"DATABASE_URL points at PostgreSQL ({where}/{db.get('NAME')}) but it cannot be "
            f"reached: {str(error).strip()}\n"
            "Start PostgreSQL (e.g. `pg_ctlcluster 15 main start`, or run `bash .ci/run`), "
            "or unset DATABASE_URL to test on SQLite.",
            returncode=3,
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse transactional tests that would empty the seeded tables; skip PostgreSQL-only tests
    unless the default database is PostgreSQL."""
    from django.db import connection

    _require_serialized_rollback(items)
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason=f"needs PostgreSQL; the test database is {connection.vendor}")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


def _require_serialized_rollback(items: list[pytest.Item]) -> None:
    """A ``transaction=True`` test ends by flushing every table, including the rows data migrations
    seeded (procedures, bank holidays, email wording). With ``--reuse-db`` every later test on that
    database would then run without them, so such tests must restore them: serialized_rollback."""
    offenders = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            offenders.append(item.nodeid)
    if offenders:
        raise pytest.UsageError(
            "These tests use django_db(transaction=True) without serialized_rollback=True, which "
            "would empty the seeded tables for every later test:\n  " + "\n  ".join(offenders)
        )


@pytest.fixture(scope="session")
def django_db_createdb(request: pytest.FixtureRequest, django_db_modify_db_settings: None) -> bool:
    """Re-create a reused PostgreSQL test database that has lost its seeded rows.

    Django ends every ``transaction=True`` test by flushing all tables (serialized_rollback only
    restores them at the start of the next such test), so after a run whose last test was
    transactional, the kept database has no procedures or bank holidays, and every test of the next
    ``--reuse-db`` run would fail for that reason alone. Data migrations cannot run again on a kept
    database, so the only sound repair is to build it afresh (as ``--create-db`` does).
    """
    if request.config.getvalue("create_db"):
        return True
    from django.db import connections

    connection = connections["default"]
    if connection.vendor != "postgresql":
        return False  # SQLite test databases live in memory and are never reused.
    import psycopg
    from psycopg import sql

    settings_dict = connection.settings_dict
    test_name = connection.creation._get_test_db_name()
    try:
        with psycopg.connect(
            dbname=test_name, user=settings_dict.get("USER") or None,
            password=settings_dict.get("PASSWORD") or None, host=settings_dict.get("HOST") or None,
            port=settings_dict.get("PORT") or None, connect_timeout=5,
        ) as probe:
            seeded = probe.execute(sql.SQL("SELECT EXISTS (SELECT 1 FROM cases_procedure)")).fetchone()
    except psycopg.Error:
        return False  # No database yet, or not migrated yet: Django builds it as usual.
    return not (seeded and seeded[0])
