"""Starting and stopping the browser tests' site (``liveserver.py``) on a database of its own.

The database follows the one the suite runs on: a SQLite file in a temporary folder, or, when
``DATABASE_URL`` names PostgreSQL, a database of its own on the same server (its name ends in
``_browser`` and the xdist worker, so parallel workers never share one), dropped at the end.
"""

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.conf import settings

READY_TIMEOUT_SECONDS = 120


class SiteFailed(RuntimeError):
    """The site process stopped or never became ready; the message carries its log."""


@dataclass
class LiveSite:
    """A running site: its address, its process and where its log goes."""

    url: str
    process: subprocess.Popen
    log_path: Path
    postgres_url: str | None = None
    seen_log_bytes: int = field(default=0)

    def log_tail(self, lines: int = 60) -> str:
        """The last lines the site wrote to stderr (tracebacks of server errors end up here)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def new_log(self) -> str:
        """What the site has logged since the last call: used to show a page's server error."""
        try:
            data = self.log_path.read_bytes()
        except OSError:
            return ""
        fresh, self.seen_log_bytes = data[self.seen_log_bytes:], len(data)
        return fresh.decode(errors="replace")


def _worker_suffix() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"_{worker}" if worker else ""


def _postgres_admin_connect(parts: dict):  # noqa: ANN202 - a psycopg connection
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=parts.get("USER") or None,
        password=parts.get("PASSWORD") or None,
        host=parts.get("HOST") or None,
        port=parts.get("PORT") or None,
        autocommit=True,
        connect_timeout=10,
    )


def _postgres_recreate(url: str) -> str:
    """Create a fresh database next to the one ``url`` names; return its URL."""
    from psycopg import sql

    parts = dj_database_url.parse(url)
    name = f"test_{parts['NAME']}_browser{_worker_suffix()}"[:63]
    with _postgres_admin_connect(parts) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    split = urlsplit(url)
    return urlunsplit(split._replace(path=f"/{name}"))


def _postgres_drop(url: str) -> None:
    from psycopg import sql

    parts = dj_database_url.parse(url)
    with _postgres_admin_connect(parts) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(parts["NAME"]))
        )


def live_site_start(tmp_dir: Path) -> LiveSite:
    """Start the site process and wait until it prints its address."""
    base_url = os.environ.get("DATABASE_URL", "")
    postgres_url = None
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and base_url:
        postgres_url = _postgres_recreate(base_url)
        database_url = postgres_url
    else:
        database_url = f"sqlite:///{tmp_dir / 'browser.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "FAIRHEARING_ENV": "test",
        "DJANGO_DEBUG": "false",
        "FAIRHEARING_VAR_DIR": str(tmp_dir),
        "FAIRHEARING_DOCUMENTS_DIR": str(tmp_dir / "documents"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = tmp_dir / "site.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own module, no shell
            [sys.executable, "-m", "fairhearing.browser_tests.liveserver"],
            cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=log,
        )
    site = LiveSite(url="", process=process, log_path=log_path, postgres_url=postgres_url)
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline().decode(errors="replace")
        if line.startswith("READY "):
            site.url = line.split()[1]
            site.new_log()  # start reading the log from here
            return site
        if not line and process.poll() is not None:
            break
    live_site_stop(site)
    raise SiteFailed(f"The browser tests' site did not start. Its log:\n{site.log_tail()}")


def live_site_stop(site: LiveSite) -> None:
    """Stop the process and drop its PostgreSQL database (a SQLite file goes with its folder)."""
    if site.process.poll() is None:
        site.process.terminate()
        try:
            site.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            site.process.kill()
            site.process.wait(timeout=10)
    if site.process.stdout is not None:
        site.process.stdout.close()
    if site.postgres_url:
        _postgres_drop(site.postgres_url)
