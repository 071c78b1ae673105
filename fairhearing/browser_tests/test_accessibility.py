"""Every page passes axe-core (WCAG 2.2 AA) in headless chromium, with the demo council loaded.

Pages are found by following links as each role (see ``crawl.py``), so new pages are covered as
they are linked; pages no link leads to (sign-in, errors, lockout) are opened directly.
"""

import pytest
from django.template.loader import render_to_string

from .axe import assert_no_violations, axe_check
from .crawl import crawl, probe_case_pages

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROLES = ["manager", "officer", "responder", "senior", "investigator", "panel1", "learning",
         "reader", "admin"]


def goto(page, site, path: str, status: int = 200):  # noqa: ANN001, ANN201
    """Open a page and check its status, showing the site's log if the server failed."""
    response = page.goto(path)
    assert response.status == status, f"{path} gave {response.status}:\n{site.new_log()[-3000:]}"
    return response


def test_axe_finds_what_it_should(playwright_browser):
    """A guard on the guard: a page with known faults must fail, with readable reasons."""
    page = playwright_browser.new_page()
    page.set_content('<html lang="en"><title>Faulty</title><main><h1>Faulty</h1>'
                     '<img src="x.png"><input type="text"><a href="/x"></a></main></html>')
    found = axe_check(page, "faulty page")
    page.close()
    assert {v["id"] for v in found.violations} >= {"image-alt", "label", "link-name"}
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_violations([found])


def test_sign_in_page(signed_in):
    page = signed_in(None)
    page.goto("/login/")
    assert_no_violations([axe_check(page, "sign in")])


def test_sign_in_page_with_an_error(signed_in):
    page = signed_in(None)
    page.goto("/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", "not-the-password")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_no_violations([axe_check(page, "sign in, wrong password")])


def test_locked_out_page(signed_in, settings):
    page = signed_in(None)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/login/")
        page.fill("#id_username", "someone-guessing")
        page.fill("#id_password", "wrong-password")
        with page.expect_navigation():
            page.click("button[type=submit]")
    assert "locked" in page.content().lower()
    assert_no_violations([axe_check(page, "locked out")])


def test_not_found_page(signed_in, live_site):
    page = signed_in("manager")
    goto(page, live_site, "/complaints/CSC-1999-9999/", 404)
    assert_no_violations([axe_check(page, "404")])


def test_forbidden_page(signed_in, live_site):
    page = signed_in("reader")  # a report reader may not list complaints
    goto(page, live_site, "/complaints/", 403)
    assert_no_violations([axe_check(page, "403")])


def test_csrf_failure_page(signed_in):
    page = signed_in(None)
    page.goto("/login/")
    page.eval_on_selector("input[name=csrfmiddlewaretoken]", "el => el.value = 'forged'")
    page.fill("#id_username", "manager")
    page.fill("#id_password", "demo-password-2026")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.locator("h1").count() == 1
    assert_no_violations([axe_check(page, "403 (CSRF)")])


def test_server_error_page(signed_in, live_site):
    """The 500 page is rendered here as Django renders it (no context) and served at a site URL,
    so its stylesheet loads from the live site."""
    html = render_to_string("500.html")
    page = signed_in(None)
    page.route("**/server-error-preview/", lambda route: route.fulfill(
        status=500, content_type="text/html; charset=utf-8", body=html))
    page.goto("/server-error-preview/")
    assert_no_violations([axe_check(page, "500")])


@pytest.mark.parametrize("username", ROLES)
def test_home_page_for_each_role(signed_in, live_site, username):
    page = signed_in(username)
    goto(page, live_site, "/")
    assert_no_violations([axe_check(page, f"home as {username}")])


# Steps only a senior manager takes: their pages are probed across every complaint found.
SENIOR_STEPS = ["staff:step_adjudicate", "staff:step_council_response"]


@pytest.mark.parametrize(
    ("username", "checks"),
    [
        # The complaints manager can reach every caseworker page; case pages differ by state.
        ("manager", {"staff:complaint_detail": 3, "staff:complaint_list": 2}),
        # A senior manager adjudicates and answers the panel; the others see their own cases.
        ("senior", {}),
        ("responder", {}),
        ("investigator", {}),
    ],
)
def test_every_page_reachable_by_following_links(signed_in, live_site, username, checks):
    page = signed_in(username)
    result = crawl(page, live_site, extra_checks=checks)
    if username == "manager":
        probe_case_pages(page, live_site, result)
    if username == "senior":
        probe_case_pages(page, live_site, result, references=40, names=SENIOR_STEPS)
    print(f"\nPages reached as {username}:\n{result.summary()}")
    assert not result.problems, "\n".join(result.problems)
    assert_no_violations(result.checked)
