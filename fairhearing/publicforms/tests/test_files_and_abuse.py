"""Files sent with a complaint (type by content, size, how many, removing one, kept privately and
attached when the form is sent), and the abuse protection seen from the pages: the honeypot, the
throttle and requests too large to read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fairhearing.audit.models import AuditEvent
from fairhearing.publicforms.models import OnlineSubmission, SubmissionAttachment, ThrottleEvent
from fairhearing.publicforms.services import draft_files_prune

from .factories import MOMENT, fill_in, page_url, step_url
from .test_complaint_pages import error_summary, text_of

pytestmark = pytest.mark.django_db
FLOW = "complaint"
DOCUMENTS = step_url(FLOW, "documents")
CHECK = page_url(FLOW, "check")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def pdf(name: str = "letter.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def at_documents(client):
    fill_in(client, FLOW, until="documents")
    return client


def upload(client, file, action: str = "upload"):  # noqa: ANN001, ANN201
    return client.post(DOCUMENTS, {"file": file, "action": action})


# Files -----------------------------------------------------------------------------------------------

def test_a_file_is_checked_kept_privately_and_listed(at_documents):
    response = upload(at_documents, pdf())
    assert response.status_code == 302 and response["Location"] == DOCUMENTS
    attachment = SubmissionAttachment.objects.get()
    assert attachment.submission is None and attachment.draft
    assert attachment.original_name == "letter.pdf" and attachment.content_type == "application/pdf"
    assert attachment.file.name.startswith("online/") and "letter" not in attachment.file.name
    page = at_documents.get(DOCUMENTS)
    assert "letter.pdf" in text_of(page)
    assert attachment.draft not in page.content.decode()  # the draft token stays in the session


def test_the_files_are_attached_when_the_form_is_sent_and_shown_on_check_answers(at_documents):
    upload(at_documents, pdf())
    upload(at_documents, SimpleUploadedFile("photo.PNG", PNG, content_type="image/png"))
    assert at_documents.post(DOCUMENTS, {"action": "continue"})["Location"] == CHECK
    check = text_of(at_documents.get(CHECK))
    assert "letter.pdf" in check and "photo.PNG" in check
    at_documents.post(CHECK)
    submission = OnlineSubmission.objects.get()
    assert sorted(a.original_name for a in submission.attachments.all()) == ["letter.pdf", "photo.PNG"]
    assert not SubmissionAttachment.objects.exclude(draft="").exists()
    assert AuditEvent.objects.get(verb="online_submission.received").data["attachments"] == 2


def test_continue_with_a_file_chosen_uploads_it_and_goes_on(at_documents):
    response = upload(at_documents, pdf(), action="continue")
    assert response["Location"] == CHECK
    assert SubmissionAttachment.objects.count() == 1


def test_continue_without_a_file_goes_on(at_documents):
    assert at_documents.post(DOCUMENTS, {"action": "continue"})["Location"] == CHECK
    assert "None" in text_of(at_documents.get(CHECK))


def test_upload_without_choosing_a_file(at_documents):
    response = at_documents.post(DOCUMENTS, {"action": "upload"})
    assert error_summary(response) == ["Select a file to upload"]


def test_a_file_of_the_wrong_type_is_refused_by_its_content(at_documents):
    response = upload(at_documents, SimpleUploadedFile("letter.pdf", EXE, content_type="application/pdf"))
    assert response.status_code == 200
    assert error_summary(response) == ["The selected file is a program, which cannot be uploaded"]
    assert not SubmissionAttachment.objects.exists()
    response = upload(at_documents, SimpleUploadedFile("notes.docx", b"just words", content_type="text/plain"))
    assert error_summary(response)[0].startswith("The selected file must be a PDF, Word")


def test_an_empty_file_is_refused(at_documents):
    assert error_summary(upload(at_documents, pdf(content=b""))) == ["The selected file is empty"]


def test_a_file_over_the_size_limit_is_refused_without_reading_it_all(at_documents, settings):
    settings.PUBLIC_FORMS_FILE_MAX_MB = 1
    settings.DOCUMENT_MAX_MB = 20
    too_big = PDF + b"0" * (1024 * 1024 - len(PDF) + 1)
    response = upload(at_documents, pdf(content=too_big))
    assert response.status_code == 200
    assert error_summary(response) == ["The selected file must be smaller than 1 MB"]
    assert not SubmissionAttachment.objects.exists()
    # Exactly at the limit is accepted.
    exact = PDF + b"0" * (1024 * 1024 - len(PDF))
    assert upload(at_documents, pdf(content=exact)).status_code == 302
    assert SubmissionAttachment.objects.get().size == 1024 * 1024


def test_no_more_than_the_number_of_files_allowed(at_documents, settings):
    settings.PUBLIC_FORMS_MAX_FILES = 3
    for n in range(3):
        assert upload(at_documents, pdf(f"letter{n}.pdf")).status_code == 302
    page = at_documents.get(DOCUMENTS)
    assert 'type="file"' not in page.content.decode()
    assert "You can send up to 3 files. Remove one to add another" in text_of(page)
    response = upload(at_documents, pdf("letter3.pdf"))  # sent anyway, e.g. from an old page
    assert error_summary(response) == ["You can send up to 3 files. Remove one to add another"]
    assert SubmissionAttachment.objects.count() == 3


def test_a_file_can_be_removed(at_documents, django_capture_on_commit_callbacks):
    upload(at_documents, pdf("one.pdf"))
    upload(at_documents, pdf("two.pdf"))
    one = SubmissionAttachment.objects.get(original_name="one.pdf")
    stored, storage = one.file.name, one.file.storage
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = at_documents.post(DOCUMENTS, {"remove": str(one.pk)})
    assert response["Location"] == DOCUMENTS
    assert list(SubmissionAttachment.objects.values_list("original_name", flat=True)) == ["two.pdf"]
    assert "one.pdf" not in text_of(at_documents.get(DOCUMENTS))
    assert storage.exists(stored)  # kept until the removal is committed...
    for callback in callbacks:
        callback()
    assert not storage.exists(stored)  # ...then deleted


def test_another_persons_file_cannot_be_removed(client, at_documents):
    upload(at_documents, pdf("mine.pdf"))
    mine = SubmissionAttachment.objects.get()
    from django.test import Client

    stranger = Client()
    fill_in(stranger, FLOW, until="documents")
    stranger.post(DOCUMENTS, {"remove": str(mine.pk)})
    stranger.post(DOCUMENTS, {"remove": "not-a-uuid"})
    assert SubmissionAttachment.objects.filter(pk=mine.pk).exists()


def test_uploads_are_throttled_per_address(at_documents, settings):
    settings.PUBLIC_FORMS_UPLOADS_PER_HOUR = 2
    settings.PUBLIC_FORMS_MAX_FILES = 5
    upload(at_documents, pdf("a.pdf"))
    upload(at_documents, pdf("b.pdf"))
    response = upload(at_documents, pdf("c.pdf"))
    assert error_summary(response) == ["You have uploaded a lot of files. Try again in an hour"]
    assert SubmissionAttachment.objects.count() == 2


def test_files_of_forms_never_sent_are_removed_after_a_day(at_documents, pinned_clock):
    import datetime

    upload(at_documents, pdf())
    SubmissionAttachment.objects.update(uploaded_at=MOMENT - datetime.timedelta(days=1))
    assert draft_files_prune(now=MOMENT - datetime.timedelta(seconds=1)) == 0
    assert draft_files_prune(now=MOMENT) == 1
    assert not SubmissionAttachment.objects.exists()
    assert AuditEvent.objects.filter(verb="online_submission.draft_files_removed").exists()


# The honeypot ------------------------------------------------------------------------------------------

def test_the_honeypot_is_hidden_from_people_assistive_technology_and_the_keyboard(client):
    body = client.get(step_url(FLOW, "who-you-are")).content.decode()
    box = body[body.index('<div class="govuk-visually-hidden" aria-hidden="true">'):]
    box = box[:box.index("</div>")]
    assert 'name="website"' in box and 'tabindex="-1"' in box and 'autocomplete="off"' in box
    assert 'type="text"' in box and 'type="hidden"' not in box


def test_a_robot_filling_the_honeypot_on_a_question_is_told_only_that_it_failed(client):
    fill_in(client, FLOW, until="what-happened")
    response = client.post(step_url(FLOW, "what-happened"), {"what_happened": "Buy now", "website": "http://spam.example"})
    assert response.status_code == 200
    assert "Your form could not be sent" in text_of(response)
    assert "website" not in text_of(response).lower()
    # Nothing kept: the form starts again.
    assert client.get(CHECK)["Location"] == step_url(FLOW, "who-you-are")


def test_a_robot_filling_the_honeypot_when_sending_stores_nothing(client):
    fill_in(client, FLOW, until="documents")
    client.post(DOCUMENTS, {"file": pdf(), "action": "continue"})
    response = client.post(CHECK, {"website": "http://spam.example"})
    assert "Your form could not be sent" in text_of(response)
    assert not OnlineSubmission.objects.exists()
    assert not SubmissionAttachment.objects.exists()
    assert not ThrottleEvent.objects.filter(action="submission").exists()


def test_the_honeypot_on_the_files_page(at_documents):
    response = at_documents.post(DOCUMENTS, {"file": pdf(), "action": "upload", "website": "x"})
    assert "Your form could not be sent" in text_of(response)
    assert not SubmissionAttachment.objects.exists()


# The throttle, seen from the pages ---------------------------------------------------------------------

def test_one_form_over_the_limit_is_refused_and_the_answers_are_kept(client, settings):
    settings.PUBLIC_FORMS_SUBMISSIONS_PER_HOUR = 1
    fill_in(client, FLOW)
    assert client.post(CHECK)["Location"] == page_url(FLOW, "sent")
    fill_in(client, FLOW)
    response = client.post(CHECK)
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    page = text_of(response)
    assert "Your form has not been sent yet" in page and "Your answers have been kept" in page
    assert "complaints@council.example" in page
    assert OnlineSubmission.objects.count() == 1
    assert "No one came to the review meeting." in text_of(client.get(CHECK))


def test_another_address_is_not_held_back(client, settings):
    from django.test import Client

    settings.PUBLIC_FORMS_SUBMISSIONS_PER_HOUR = 1
    fill_in(client, FLOW)
    client.post(CHECK)
    other = Client(REMOTE_ADDR="198.51.100.20")
    fill_in(other, FLOW)
    assert other.post(CHECK)["Location"] == page_url(FLOW, "sent")


def test_behind_a_trusted_proxy_each_client_is_counted_apart(settings):
    from django.test import Client

    settings.PUBLIC_FORMS_SUBMISSIONS_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 1
    for address in ("198.51.100.1", "198.51.100.2"):
        person = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=address)
        fill_in(person, FLOW)
        assert person.post(CHECK).status_code == 302
    again = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1")
    fill_in(again, FLOW)
    assert again.post(CHECK).status_code == 429


# Requests too large to read ----------------------------------------------------------------------------

def test_a_request_bigger_than_the_site_reads_gets_a_clear_page(client, settings):
    fill_in(client, FLOW, until="what-happened")
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    response = client.post(step_url(FLOW, "what-happened"), {"what_happened": "x" * 5_000})
    assert response.status_code == 413
    page = text_of(response)
    assert "What you sent was too large" in page and "smaller than 10 MB" in page
    assert reverse("publicforms:complaint_start") in response.content.decode()


def test_a_request_with_too_many_fields_gets_the_same_page(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.post(step_url(FLOW, "who-you-are"), {f"field{n}": "x" for n in range(20)})
    assert response.status_code == 413


def test_sending_a_form_also_removes_other_peoples_day_old_drafts(client, at_documents):
    import datetime

    upload(at_documents, pdf("abandoned.pdf"))
    SubmissionAttachment.objects.update(uploaded_at=MOMENT - datetime.timedelta(days=1))
    from django.test import Client

    sender = Client(REMOTE_ADDR="198.51.100.30")
    fill_in(sender, FLOW)
    sender.post(CHECK)
    assert not SubmissionAttachment.objects.exists()
