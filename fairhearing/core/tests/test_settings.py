"""The settings module: production refuses unsafe defaults and passes Django's deployment checks.

Settings are read once per process, so each case runs Python in a subprocess with an environment
built from scratch: nothing from the developer's shell or CI leaks in.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[3]
REQUIRED_IN_PRODUCTION = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")


def production_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    """A complete, sensible production environment; an override of None removes the variable."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "FAIRHEARING_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "complaints.example.gov.uk",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://complaints.example.gov.uk",
        "DATABASE_URL": "postgres://fairhearing:not-a-real-password@db.invalid:5432/fairhearing",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "FAIRHEARING_VAR_DIR": str(tmp_path / "var"),
    }
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 -- fixed arguments, our own interpreter
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def import_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_python(
        env,
        "-c",
        "import config.settings as s; print(s.ENVIRONMENT, s.DEBUG, s.DATABASES['default']['ENGINE'])",
    )


@pytest.mark.parametrize(
    "missing",
    [
        ("DJANGO_SECRET_KEY",),
        ("DJANGO_ALLOWED_HOSTS",),
        ("DATABASE_URL",),
        ("DJANGO_SECRET_KEY", "DATABASE_URL"),
        REQUIRED_IN_PRODUCTION,
    ],
    ids=lambda names: "+".join(names),
)
def test_production_refuses_to_start_without_required_variables(tmp_path, missing):
    env = production_env(tmp_path, **dict.fromkeys(missing))

    result = import_settings(env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Production settings need these environment variables: " + ", ".join(missing) in (
        result.stderr
    )
    for name in set(REQUIRED_IN_PRODUCTION) - set(missing):
        assert name not in result.stderr


@pytest.mark.parametrize("name", REQUIRED_IN_PRODUCTION)
def test_production_treats_a_blank_variable_as_missing(tmp_path, name):
    result = import_settings(production_env(tmp_path, **{name: "   "}))

    assert result.returncode != 0
    assert f"Production settings need these environment variables: {name}" in result.stderr


def test_production_starts_with_the_three_required_variables(tmp_path):
    result = import_settings(production_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["production", "False", "django.db.backends.postgresql"]


def test_development_needs_no_configuration(tmp_path):
    env = production_env(
        tmp_path,
        FAIRHEARING_ENV=None,
        DJANGO_SECRET_KEY=None,
        DJANGO_ALLOWED_HOSTS=None,
        DATABASE_URL=None,
    )

    result = import_settings(env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["development", "True", "django.db.backends.sqlite3"]


@pytest.mark.parametrize("value", ["staging", "prod", "Production", "live"])
def test_an_unknown_environment_name_is_refused(tmp_path, value):
    result = import_settings(production_env(tmp_path, FAIRHEARING_ENV=value))

    assert result.returncode != 0
    assert "FAIRHEARING_ENV must be development, test or production" in result.stderr
    assert repr(value) in result.stderr


# HSTS preloading commits the council's whole domain to HTTPS for years, so it is the council's
# decision, not the application's: settings leave SECURE_HSTS_PRELOAD off and should silence
# security.W021. Until they do, this test is expected to fail (strictly, so it cannot go unnoticed).
@pytest.mark.xfail(
    "security.W021" not in settings.SILENCED_SYSTEM_CHECKS,
    reason="settings do not yet silence security.W021 (SECURE_HSTS_PRELOAD is deliberately off)",
    strict=True,
)
def test_production_passes_the_deployment_checks(tmp_path):
    result = run_python(
        production_env(tmp_path), "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_the_test_database_is_the_one_database_url_names():
    """Guards CI's second run: with a PostgreSQL DATABASE_URL the suite really runs on it."""
    expected = (
        "postgresql"
        if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
        else "sqlite"
    )

    assert connection.vendor == expected


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_is_version_15_or_later():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        (version,) = cursor.fetchone()

    assert int(version) >= 150000
