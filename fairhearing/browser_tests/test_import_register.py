"""Importing a register in the browser passes axe-core (WCAG 2.2 AA) at every step, as the
complaints manager sees it: the upload page, a file refused, the column-mapping step (blank and
sent back with an error), the check, the progress page while a large import runs, and the result.

The crawl in test_accessibility.py never reaches these steps (they need a file, and the progress
page exists only while an import runs), so they are walked here with a register of 3,000 rows
whose reference column is called "Ref", so the mapping step is needed.
"""

import pytest

from .axe import assert_no_violations, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROWS = 3000
HEADER = "Ref,Received,Procedure,Channel,Complainant type,Team,Stage 1 responded,Stage 1 outcome\n"


def _register() -> bytes:
    lines = [HEADER]
    for number in range(1, ROWS + 1):
        lines.append(f"OLD-2019-{number:05d},{1 + number % 28:02d}/05/2019,children_statutory,email,parent,"
                     f"Fostering,{1 + number % 28:02d}/06/2019,upheld\n")
    return "".join(lines).encode()


def test_importing_a_register_step_by_step(signed_in, live_site):
    page = signed_in("manager")
    found = []

    def check(what: str) -> None:
        found.append(axe_check(page, f"import: {what}"))

    assert page.goto("/complaints/import/").status == 200
    check("upload page")
    page.set_input_files("input[type=file]", files=[{"name": "old.csv", "mimeType": "text/csv", "buffer": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64}])
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check("upload page with a file refused")

    page.set_input_files("input[type=file]", files=[{"name": "old.csv", "mimeType": "text/csv", "buffer": _register()}])
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()
    assert "Match the file" in page.locator("h1").inner_text(), live_site.new_log()[-2000:]
    check("column mapping")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and check the file").click()
    assert page.locator(".govuk-error-summary").is_visible(), "Reference is required but was not chosen"
    check("column mapping with an error")
    page.get_by_label("Ref", exact=True).select_option(value="Reference")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and check the file").click()
    check("check before importing")
    assert page.locator("main").get_by_role("button", name=f"Import {ROWS:,} complaints").count(), (
        page.locator("main").inner_text()[:1500])

    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=f"Import {ROWS:,} complaints").click()
    if "/progress/" in page.url:
        check("progress page while the import runs")
    page.wait_for_function("() => !document.querySelector('progress')", timeout=120_000)
    page.wait_for_load_state()
    assert f"{ROWS:,}" in page.locator("main").inner_text(), page.locator("main").inner_text()[:500]
    check("import result")
    assert_no_violations(found)
