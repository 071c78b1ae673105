"""A throwaway Fair Hearing site for the browser tests, run as its own process.

Run by the browser tests' session fixture (see ``site.py``), never by hand on a real database:

    python -m fairhearing.browser_tests.liveserver

It reads its database from ``DATABASE_URL`` like the real site, migrates it, loads the demo
council, serves the site and its static files on a free port of 127.0.0.1 and prints one line,
``READY http://127.0.0.1:<port>``, when it is ready for the browser. It stops when terminated.

Why a separate process on a separate database, and not pytest-django's ``live_server``: that
fixture makes every browser test transactional, and a transactional test empties the database
afterwards. On SQLite that is a ``DELETE`` on every table, which the audit table's append-only
trigger refuses, and in any case it would wipe the demo council after every test so each test
would have to load it again. Here the demo council is loaded once per test session into a
database nobody else uses, and the database is simply thrown away at the end: the test
database the other tests share is never touched, so nothing needs flushing.
"""

import os
import sys

SETTINGS_MODULE = "config.settings"


def _prepare() -> None:
    """Configure Django, refuse production, and make sign-ins cheap."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django

    django.setup()
    from django.conf import settings

    if settings.ENVIRONMENT == "production":
        sys.exit("The browser tests' site loads the demo council: it will not run in production.")
    # Same as the test suite: Argon2 is deliberately slow and the demo creates a dozen users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


def _load() -> None:
    from django.core.management import call_command

    from fairhearing.demo.loader import demo_council_load

    call_command("migrate", verbosity=0, interactive=False)
    demo_council_load()


def _serve() -> None:
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        """Logs nothing for ordinary requests; errors still reach stderr through Django's logging."""

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
            return

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.daemon_threads = True
    # StaticFilesHandler serves /static/ from the apps' folders, whatever DEBUG says.
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    print(f"READY http://127.0.0.1:{server.server_port}", flush=True)
    # Nobody reads stdout after this line: anything printed later goes to the log (stderr).
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    server.serve_forever()


def main() -> None:
    """Migrate, load the demo council, then serve until terminated."""
    _prepare()
    _load()
    _serve()


if __name__ == "__main__":
    main()
