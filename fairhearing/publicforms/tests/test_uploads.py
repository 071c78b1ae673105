"""What one anonymous request may upload: one file, within the size limit, counted across the whole
request, so a single POST cannot fill the temporary disk before the CSRF check."""

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler, load_handler
from django.test import RequestFactory

from fairhearing.publicforms.models import SubmissionAttachment
from fairhearing.publicforms.uploads import STOPPED, TOO_LARGE, SizeLimitedUploadHandler

from .factories import fill_in, step_url
from .test_complaint_pages import error_summary, text_of
from .test_files_and_abuse import PDF, pdf

pytestmark = pytest.mark.django_db
DOCUMENTS = step_url("complaint", "documents")
MB = 1024 * 1024


@pytest.fixture
def at_documents(client, settings, tmp_path):
    # Every file goes to a temporary file on disk, in a folder the test can look in.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.PUBLIC_FORMS_FILE_MAX_MB = 1
    fill_in(client, "complaint", until="documents")
    return client


@pytest.fixture
def files_written(monkeypatch):
    """The names of the files Django began writing to temporary files."""
    written: list[str] = []
    new_file = TemporaryFileUploadHandler.new_file

    def spy(self, field_name, file_name, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        written.append(file_name)
        return new_file(self, field_name, file_name, *args, **kwargs)

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", spy)
    return written


def sized(name: str, size: int) -> SimpleUploadedFile:
    return pdf(name, PDF + b"0" * (size - len(PDF)))


def test_the_setting_allows_a_few_files_per_request_not_a_hundred():
    assert 1 <= django_settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 10


def test_a_single_file_within_the_limit_is_uploaded(at_documents, files_written, tmp_path):
    response = at_documents.post(DOCUMENTS, {"file": sized("letter.pdf", MB), "action": "upload"})
    assert response.status_code == 302
    assert SubmissionAttachment.objects.get().size == MB
    assert files_written == ["letter.pdf"]
    assert not list(tmp_path.iterdir())  # the temporary file is gone once the request is over


def test_two_files_in_one_request_are_refused_and_the_second_is_never_written(at_documents, files_written, tmp_path):
    response = at_documents.post(DOCUMENTS, {"file": [pdf("one.pdf"), pdf("two.pdf")], "action": "upload"})
    assert response.status_code == 413
    assert "What you sent was too large" in text_of(response)
    assert files_written == ["one.pdf"]
    assert not SubmissionAttachment.objects.exists()
    assert not list(tmp_path.iterdir())


def test_a_second_file_under_another_name_is_refused_too(at_documents, files_written):
    response = at_documents.post(DOCUMENTS, {"file": pdf("one.pdf"), "extra": pdf("two.pdf"), "action": "upload"})
    assert response.status_code == 413
    assert files_written == ["one.pdf"]
    assert not SubmissionAttachment.objects.exists()


def test_files_that_together_pass_the_limit_are_refused_with_the_too_large_page(at_documents, files_written):
    """Each file is under 1 MB; together they are over it."""
    response = at_documents.post(DOCUMENTS, {"file": [sized("one.pdf", MB // 2 + 1), sized("two.pdf", MB // 2 + 1)],
                                             "action": "upload"})
    assert response.status_code == 413
    page = text_of(response)
    assert "What you sent was too large" in page and "smaller than 1 MB" in page
    assert files_written == ["one.pdf"]
    assert not SubmissionAttachment.objects.exists()


def test_a_single_file_over_the_limit_still_gets_the_message_on_the_page(at_documents):
    response = at_documents.post(DOCUMENTS, {"file": sized("big.pdf", MB + 1), "action": "upload"})
    assert response.status_code == 200
    assert error_summary(response) == ["The selected file must be smaller than 1 MB"]


def test_a_question_page_with_a_file_sent_to_it_anyway_is_refused_past_one(client):
    fill_in(client, "complaint", until="what-happened")
    response = client.post(step_url("complaint", "what-happened"),
                           {"what_happened": "Text", "a": pdf("one.pdf"), "b": pdf("two.pdf")})
    assert response.status_code == 413


# The handler on its own: the total across files, whatever the number of files allowed. ---------------

def _read(limit: int, max_files: int, *files: SimpleUploadedFile):  # noqa: ANN202
    request = RequestFactory().post("/", {f"file{n}": file for n, file in enumerate(files)})
    request.upload_handlers = [SizeLimitedUploadHandler(request, limit=limit, max_files=max_files),
                               *(load_handler(path, request) for path in django_settings.FILE_UPLOAD_HANDLERS)]
    return request, request.FILES


def test_the_handler_counts_bytes_across_files_not_per_file():
    request, files = _read(1000, 3, sized("a.pdf", 400), sized("b.pdf", 400), sized("c.pdf", 400))
    assert getattr(request, STOPPED, False)
    assert "file2" not in files
    # Under the limit together: all three are read.
    request, files = _read(1200, 3, sized("a.pdf", 400), sized("b.pdf", 400), sized("c.pdf", 400))
    assert not getattr(request, STOPPED, False) and len(files) == 3


def test_the_handler_skips_a_lone_file_over_the_limit_and_stops_a_file_too_many():
    request, files = _read(1000, 1, sized("a.pdf", 1001))
    assert getattr(request, TOO_LARGE, False) and not getattr(request, STOPPED, False) and not files
    request, files = _read(1000, 1, sized("a.pdf", 1000))
    assert not getattr(request, TOO_LARGE, False) and files["file0"].size == 1000
    request, files = _read(1000, 1, sized("a.pdf", 10), sized("b.pdf", 10))
    assert getattr(request, STOPPED, False)
