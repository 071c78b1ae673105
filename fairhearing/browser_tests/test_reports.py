"""Report pages pass axe too, in the states the crawl does not reach: the form sent back with
errors (its period and version choices reveal further boxes), the published version as a report
reader sees it, and the page for writing the executive summary with an error.

The crawl (test_accessibility.py) already reaches the form, the reports it links to and the
writing pages by following the "Reports" link as the complaints manager.
"""

import pytest

from .axe import assert_no_violations, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# A date range that ends before it starts, too many comparisons and a threshold out of range.
BAD_CHOICE = (
    "/reports/report/?kind=annual&period_type=r&start_day=1&start_month=7&start_year=2022"
    "&end_day=30&end_month=6&end_year=2022&compare=5&version=published&threshold=1&scope=statutory"
)


def test_report_form_with_errors(signed_in, live_site):
    page = signed_in("manager")
    response = page.goto(BAD_CHOICE)
    assert response.status == 200, live_site.new_log()[-3000:]
    assert page.locator(".govuk-error-summary").is_visible()
    # The boxes in error are revealed, not hidden under an unchosen option.
    assert page.locator("#id_end").is_visible()
    assert page.locator("#id_threshold").is_visible()
    assert_no_violations([axe_check(page, "report form, sent back with errors")])


def test_published_report_as_a_report_reader(signed_in, live_site):
    page = signed_in("reader")
    response = page.goto("/reports/")
    assert response.status == 200, live_site.new_log()[-3000:]
    found = [axe_check(page, "report form as a report reader")]
    with page.expect_navigation():
        page.locator("main ul.govuk-list a").first.click()
    assert "Published version" in page.content()
    found.append(axe_check(page, "published report"))
    assert_no_violations(found)


def test_writing_the_executive_summary_with_an_error(signed_in, live_site):
    page = signed_in("manager")
    page.goto("/reports/report/?kind=annual&period=fy2021&compare=1&version=internal&scope=statutory")
    with page.expect_navigation():
        page.get_by_role("link", name="the executive summary").first.click()
    page.fill("#id_text", "x" * 20_001)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Save", exact=True).click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_no_violations([axe_check(page, "executive summary, sent back with errors")])
