"""A complaints officer logs a complaint and records its Stage 1 response with the keyboard only.

No clicks and no filling of fields by selector: focus moves with Tab, choices are made with the
arrow keys and Space, buttons and links are pressed with Enter, text is typed (see keyboard.py).
The page is only read, to know where the focus is and to check what happened.
"""

import pytest
from django.utils import timezone

from .axe import assert_no_violations, axe_check
from .keyboard import activate, choose_option, choose_radio, focused, tab_to, type_date, type_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COMPLAINANT = ("Kestrel", "Keyboardson")


def _save_complaint(page) -> None:  # noqa: ANN001
    activate(page, "Save complaint", tag="button")
    if "/complaints/new/" in page.url and page.locator("#duplicates").count():
        # Possible duplicates are shown before saving: confirm, as the officer would.
        tab_to(page, label="I have checked: this is a new complaint")
        page.keyboard.press("Space")
        activate(page, "Save complaint", tag="button")


def test_log_a_complaint_and_record_the_stage_one_response_with_the_keyboard(signed_in, live_site):
    page = signed_in("officer")
    page.goto("/")
    today = timezone.localdate()

    # The first Tab reaches the skip link; the navigation leads to the form.
    page.keyboard.press("Tab")
    assert focused(page).label == "Skip to main content"
    activate(page, "Log a complaint", tag="a")
    assert page.url.endswith("/complaints/new/")

    choose_radio(page, "How did the complaint arrive?", "Telephone")
    type_in(page, "First name", COMPLAINANT[0])
    type_in(page, "Last name", COMPLAINANT[1])
    choose_option(page, "Relationship to the child", "Parent")
    type_in(page, "Email address", "kestrel.keyboardson@example.org")
    type_in(page, "First name", "Wren")  # the child's: the next "First name" down the page
    type_in(page, "What is the complaint about?",
            "A parent says meetings were cancelled without notice and calls were not returned.")
    type_in(page, "Point 1", "Two review meetings were cancelled without notice.")
    type_in(page, "Point 2", "Calls to the social worker were not returned for three weeks.")
    choose_radio(page, "Which procedure does it go to?", "Children's statutory")
    type_in(page, "Why this procedure?", "About services to a child in need: statutory procedure.")
    choose_radio(page, "Who may complain: on what basis?", "Parent of the child")
    choose_radio(page, "Does the child agree to the complaint?", "Given")
    _save_complaint(page)

    heading = page.locator("h1").inner_text()
    assert heading.startswith("Complaint CSC-"), (
        f"Not saved: still on {page.url}; "
        + " / ".join(page.locator(".govuk-error-summary li").all_inner_texts()))
    reference = heading.split()[-1]
    assert f"{COMPLAINANT[0]} {COMPLAINANT[1]}" in page.locator("main").inner_text()

    # Start Stage 1 from "What needs doing next", then confirm on the step's page.
    activate(page, "Start Stage 1", tag="a")
    activate(page, "Start Stage 1", tag="button")
    assert page.locator("h1").inner_text().endswith(reference)

    activate(page, "Record the Stage 1 response", tag="a")
    choose_radio(page, "Outcome of point 1", "Upheld")
    type_in(page, "Finding on point 1", "Upheld: the meetings were cancelled without notice.")
    choose_radio(page, "Outcome of point 2", "Not upheld")
    choose_option(page, "Kind of remedy", "Apology")
    type_in(page, "What was agreed", "A written apology from the team manager.")
    type_date(page, "Date the response was sent", today)
    assert_no_violations([axe_check(page, "Stage 1 response, filled in by keyboard")])
    activate(page, "Record response", tag="button")

    main = page.locator("main").inner_text()
    assert page.locator("h1").inner_text().endswith(reference), page.url
    assert "Stage 1: responded" in main or "Stage 1 response sent" in main, main[:2000]
    assert "Partially upheld" in main
