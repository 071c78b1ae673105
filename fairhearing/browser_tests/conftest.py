"""Fixtures for the browser tests: Debian's chromium driven by Playwright (sync API).

- ``live_site`` (session): the site in its own process on its own database with the demo council
  loaded once (``liveserver.py`` explains why not pytest-django's ``live_server``).
- ``playwright_browser`` (module): one chromium per test module. Not per session, because while
  Playwright's sync API is running it leaves an asyncio event loop running in the main thread,
  and Django then refuses database access there (SynchronousOnlyOperation): with xdist the other
  tests of this worker run in the same process once the module is done, so the browser must be
  gone by then. Starting chromium takes well under a second.
- ``signed_in``: a new browser context signed in as one of the demo users (one sign-in per user
  per session; the cookies are reused).

Chromium is Debian's (``apt-get install chromium``; Playwright's own download cannot work here).
Without it the tests are skipped, with the reason, on a developer's machine, and fail under CI
(``CI`` set), where ``.ci/run`` installs it.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .site import LiveSite, live_site_start, live_site_stop

CHROMIUM = Path(os.environ.get("FAIRHEARING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - the demo council's published password
# Long enough for a page on a busy two-core machine, short enough to fail fast when one hangs.
TIMEOUT_MS = 20_000


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives chromium against a live site (deselect with -m 'not browser')"
    )
    # pytest-xdist registers this itself, but not when run with -p no:xdist and --strict-markers.
    config.addinivalue_line("markers", "xdist_group(name): run in the same xdist worker")


def _running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium, or a skip (a failure under CI) saying how to get it."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    message = (
        f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium); "
        "Playwright's own browser download is not used."
    )
    if _running_in_ci():
        pytest.fail(f"{message} CI is set, so this is a failure, not a skip.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[LiveSite]:
    """The site with the demo council, for the whole session, on a database of its own."""
    site = live_site_start(tmp_path_factory.mktemp("browser-site"))
    try:
        yield site
    finally:
        live_site_stop(site)


@pytest.fixture(scope="module")
def playwright_browser(chromium_path: str):  # noqa: ANN201 - playwright's Browser
    """One headless chromium for the test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


_storage_states: dict[tuple[str, str], dict] = {}


def _sign_in_state(browser, site: LiveSite, username: str) -> dict:  # noqa: ANN001
    """Sign in through the real form once per user and session; return the cookies."""
    key = (site.url, username)
    if key not in _storage_states:
        context = browser.new_context(base_url=site.url)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        with page.expect_navigation():
            page.click("button[type=submit]")
        if "/login/" in page.url:
            raise AssertionError(f"Could not sign in as {username}: still on {page.url}")
        _storage_states[key] = context.storage_state()
        context.close()
    return _storage_states[key]


@pytest.fixture
def signed_in(playwright_browser, live_site: LiveSite) -> Iterator[Callable]:  # noqa: ANN001
    """``signed_in("manager")`` gives a page in a fresh context signed in as that demo user;
    ``signed_in(None)`` a signed-out one. Contexts are closed after the test."""
    contexts = []

    def open_page(username: str | None):  # noqa: ANN202 - playwright's Page
        state = _sign_in_state(playwright_browser, live_site, username) if username else None
        context = playwright_browser.new_context(base_url=live_site.url, storage_state=state)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        return page

    yield open_page
    for context in contexts:
        context.close()
