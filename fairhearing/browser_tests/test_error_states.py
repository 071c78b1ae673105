"""Forms sent back with errors pass axe too: the GOV.UK error summary, inline messages and the
fields marked in error are where accessibility most often breaks.

Each form is submitted empty, which every one of them refuses, so nothing is saved.
"""

import pytest

from .axe import assert_no_violations, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# (label, address under a complaint, or a path, and the text of the button that submits).
CASE_FORMS = [
    ("add a note", "notes/new/", "Save note"),
    ("upload a document", "documents/new/", "Upload document"),
    ("create a letter", "letters/new/", "Preview the letter"),
]


# Lifecycle steps with required answers: (step address, its button). The generic step form and
# the point-by-point findings form are both among them.
STEP_FORMS = [
    ("extend", "Extend"),
    ("respond", "Record response"),
    ("pause", "Pause the clock"),
    ("withdraw", "Record withdrawal"),
    ("add-point", "Add point"),
]


def cases_on_list(page) -> list[str]:  # noqa: ANN001
    """The addresses of the complaints on the manager's list of open complaints."""
    page.goto("/complaints/")
    hrefs = page.eval_on_selector_all(
        "main a[href^='/complaints/CSC-']", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs, "the list shows no complaint"
    return list(dict.fromkeys(hrefs))


def first_case(page) -> str:  # noqa: ANN001
    """The address of the first complaint on the manager's list."""
    return cases_on_list(page)[0]


def submit_empty(page, site, url: str, button: str, label: str):  # noqa: ANN001, ANN201
    response = page.goto(url)
    assert response.status == 200, f"{url} gave {response.status}:\n{site.new_log()[-3000:]}"
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=button, exact=True).click()
    assert page.locator(".govuk-error-summary").is_visible(), f"{label}: no error summary"
    return axe_check(page, f"{label}, sent back with errors")


def test_log_a_complaint_with_errors(signed_in, live_site):
    page = signed_in("manager")
    found = submit_empty(page, live_site, "/complaints/new/", "Save complaint", "log a complaint")
    assert_no_violations([found])


@pytest.mark.parametrize(("label", "path", "button"), CASE_FORMS, ids=[f[0] for f in CASE_FORMS])
def test_case_forms_with_errors(signed_in, live_site, label, path, button):
    page = signed_in("manager")
    case = first_case(page)
    assert_no_violations([submit_empty(page, live_site, case + path, button, label)])


@pytest.mark.parametrize(("step", "button"), STEP_FORMS, ids=[f[0] for f in STEP_FORMS])
def test_step_forms_with_errors(signed_in, live_site, step, button):
    """On the first open complaint whose state allows the step."""
    page = signed_in("manager")
    for case in cases_on_list(page):
        url = f"{case}steps/{step}/"
        if page.goto(url).status == 200:
            assert_no_violations([submit_empty(page, live_site, url, button, f"step {step}")])
            return
    pytest.fail(f"No complaint on the list allows the step {step!r}")
