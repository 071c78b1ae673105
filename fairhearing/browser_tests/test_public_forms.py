"""The public forms pass axe-core (WCAG 2.2 AA) on every page, signed out, as a person filling them
in sees them: each form's start page, every question blank and sent back with its errors, the
files page with a file listed and with a refused file, check your answers and the confirmation.
Then the complaints team's Received online pages for what was just sent.

The crawl in test_accessibility.py starts from the staff home page and never reaches the public
forms, so they are walked here. Three forms are sent, below the throttle's five an hour from one
address.
"""

import pytest

from .axe import assert_no_violations, axe_check

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"


class Walk:
    """One person's way through a form, with axe run on each page as it is reached."""

    def __init__(self, page, site, label: str) -> None:  # noqa: ANN001
        self.page = page
        self.site = site
        self.label = label
        self.found = []

    def check(self, what: str) -> None:
        self.found.append(axe_check(self.page, f"{self.label}: {what}"))

    def goto(self, path: str, status: int = 200) -> None:
        response = self.page.goto(path)
        assert response.status == status, f"{path} gave {response.status}:\n{self.site.new_log()[-3000:]}"

    def press(self, name: str) -> None:
        with self.page.expect_navigation():
            self.page.locator("main").get_by_role("button", name=name, exact=True).click()
        assert "/login/" not in self.page.url

    def start(self, path: str) -> None:
        self.goto(path)
        self.check("start page")
        with self.page.expect_navigation():
            self.page.locator("main").get_by_role("button", name="Start now").click()

    def question(self, what: str, fill, *, required: bool = True) -> None:  # noqa: ANN001
        """Check the question blank; send it empty to check its errors (if it has any); answer it."""
        self.check(what)
        if required:
            self.press("Continue")
            assert self.page.locator(".govuk-error-summary").is_visible(), f"{what}: no error summary"
            self.check(f"{what}, sent back with errors")
        fill(self.page)
        self.press("Continue")
        assert not self.page.locator(".govuk-error-summary").count(), (
            f"{what}: " + " / ".join(self.page.locator(".govuk-error-summary li").all_inner_texts()))


def radio(value: str, name: str):  # noqa: ANN201
    return lambda page: page.check(f"input[name={name}][value={value}]")


def boxes(**values: str):  # noqa: ANN201
    """Fill boxes by field name; a date's month and year boxes are ``<name>__month`` and ``<name>__year``
    (their ids end in -month and -year; the day box has the field's own id)."""
    def fill(page) -> None:  # noqa: ANN001
        for name, value in values.items():
            page.fill("#id_" + name.replace("__", "-"), value)
    return fill


def files_page(walk: Walk) -> None:
    """The files page: blank, a refused file, a file listed, then on."""
    page = walk.page
    walk.check("files page")
    page.set_input_files("#id_file", files=[{"name": "program.pdf", "mimeType": "application/pdf", "buffer": EXE}])
    walk.press("Upload file")
    assert page.locator(".govuk-error-summary").is_visible()
    walk.check("files page, a refused file")
    page.set_input_files("#id_file", files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    walk.press("Upload file")
    assert "letter.pdf" in page.locator("main").inner_text()
    walk.check("files page, a file added")
    walk.press("Continue")


def check_and_send(walk: Walk, button: str) -> str:
    walk.check("check your answers")
    walk.press(button)
    assert walk.page.locator(".govuk-panel--confirmation").is_visible(), walk.page.url
    walk.check("confirmation")
    return walk.page.locator(".govuk-panel__body strong").inner_text()


def test_the_adult_complaint_form(signed_in, live_site):
    walk = Walk(signed_in(None), live_site, "complaint")
    walk.start("/complain/")
    walk.question("who are you", radio("other", "relationship"))
    walk.question("how do you know them", boxes(relationship_detail="Family friend"))
    walk.question("your name", boxes(first_name="Alex", last_name="Browser"))
    walk.question("the child", boxes(child_first_name="Robin", child_last_name="Browser",
                                     child_date_of_birth="3", child_date_of_birth__month="4",
                                     child_date_of_birth__year="2013"))
    walk.question("what happened", boxes(what_happened="No one came to the review meeting."))
    walk.question("what you would like", boxes(desired_outcome="An apology and a new meeting."))
    walk.question("advocate", radio("not_sure", "wants_advocate"))
    walk.question("contact method", radio("letter", "contact_method"))
    walk.question("contact details", boxes(address="1 High Street\nDemo Town", postcode="AA3 1AB"))
    files_page(walk)
    # Change an answer from check your answers and come back.
    walk.check("check your answers, before a change")
    with walk.page.expect_navigation():
        walk.page.get_by_role("link", name="Change what happened").click()
    walk.check("a question opened from check your answers")
    walk.page.fill("#id_what_happened", "No one came to the review meeting, twice.")
    walk.press("Continue")
    assert walk.page.url.endswith("/complain/check-your-answers/")
    reference = check_and_send(walk, "Send complaint")
    assert reference.startswith("ONL-")
    assert_no_violations(walk.found)


def test_the_young_persons_complaint_form(signed_in, live_site):
    walk = Walk(signed_in(None), live_site, "young person")
    walk.start("/complain/young-person/")
    walk.question("about whom", radio("child", "relationship"))
    walk.question("your name", boxes(first_name="Robin"))
    walk.question("date of birth", boxes(child_date_of_birth="3", child_date_of_birth__month="4",
                                         child_date_of_birth__year="2013"), required=False)
    walk.question("what happened", boxes(what_happened="My social worker keeps changing."))
    walk.question("what you would like", boxes(desired_outcome="To keep the same social worker."))
    walk.question("advocate", radio("yes", "wants_advocate"))
    walk.question("contact method", radio("email", "contact_method"))
    walk.question("contact details", boxes(email="robin@example.org"))
    walk.check("files page")
    walk.press("Continue")
    check_and_send(walk, "Send my complaint")
    assert "advocate" in walk.page.locator("main").inner_text()
    assert_no_violations(walk.found)


def test_the_compliment_form(signed_in, live_site):
    walk = Walk(signed_in(None), live_site, "compliment")
    walk.start("/compliment/")
    walk.question("who are you", radio("parent_family", "source"))
    walk.question("who it is for", boxes(about="Jo, the social worker"), required=False)
    walk.question("what you would like to say", boxes(words="Jo listened and things changed."))
    walk.question("sharing", radio("yes", "consent_to_share"))
    # An email address without a name is sent back with an error.
    walk.page.fill("#id_email", "pat@example.org")
    walk.press("Continue")
    assert walk.page.locator(".govuk-error-summary").is_visible()
    walk.check("your details, sent back with errors")
    walk.question("your details", boxes(first_name="Pat", email="pat@example.org"), required=False)
    check_and_send(walk, "Send compliment")
    assert_no_violations(walk.found)


def test_the_received_online_pages(signed_in, live_site):
    """The staff side for what the forms above sent (run after them in this module), including the
    log and close pages sent back with errors. Nothing is logged or closed."""
    page = signed_in("manager")
    walk = Walk(page, live_site, "received online")
    walk.goto("/received-online/")
    walk.check("the queue")
    walk.goto("/received-online/?status=any&kind=compliment")
    walk.check("the queue, filtered")
    references = page.eval_on_selector_all(
        "main a[href^='/received-online/ONL-']", "els => els.map(e => e.getAttribute('href'))")
    if not references:
        pytest.skip("no submissions: run with the public form tests above")
    for address in dict.fromkeys(references):
        walk.goto(address)
        walk.check(f"submission {address}")
    walk.goto("/received-online/?status=any&kind=complaint")
    complaint = page.eval_on_selector("main a[href^='/received-online/ONL-']", "el => el.getAttribute('href')")
    walk.goto(complaint + "log-complaint/")
    walk.check("log as a complaint")
    walk.press("Save complaint")
    assert page.locator(".govuk-error-summary").is_visible()
    walk.check("log as a complaint, sent back with errors")
    walk.goto(complaint + "close/")
    walk.check("close without logging")
    walk.press("Close it")
    assert page.locator(".govuk-error-summary").is_visible()
    walk.check("close without logging, sent back with errors")
    walk.goto("/received-online/?status=any&kind=compliment")
    compliment = page.eval_on_selector("main a[href^='/received-online/ONL-']", "el => el.getAttribute('href')")
    walk.goto(compliment + "log-compliment/")
    walk.check("log as a compliment")
    walk.press("Log the compliment")
    assert page.locator(".govuk-error-summary").is_visible()
    walk.check("log as a compliment, sent back with errors")
    assert_no_violations(walk.found)
