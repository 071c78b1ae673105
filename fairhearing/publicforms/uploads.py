"""Reading a public form's request within limits, before anything else reads it.

Django keeps non-file answers to DATA_UPLOAD_MAX_MEMORY_SIZE and refuses a bigger body with a bare
400. For files it has no limit at all: a huge upload is streamed to a temporary file, and one
request may carry up to DATA_UPLOAD_MAX_NUMBER_FILES of them, all written to disk before the CSRF
check. So every public POST view is wrapped in :func:`public_post`, which

- puts a handler in front of Django's upload handlers that counts the bytes of every file in the
  request together. A public page takes one file at a time, so
  - a single file that passes PUBLIC_FORMS_FILE_MAX_MB is skipped as soon as that is known, reading
    no more of it into a file, and noted on the request, so the page can say "The selected file
    must be smaller than 10 MB" with the person's other answers kept;
  - a second file in the same request, or any file bytes once the request's total has passed the
    limit, stops the upload at once (``StopUpload``: Django closes the partial files and reads no
    more), and the request is answered with the "too large" page below. Only a tampered request
    does that, so it needs no friendlier answer;
- reads the body at once, and answers a body Django refuses (too much text, too many fields or
  files) or the handler stopped with a GOV.UK page saying what went wrong (status 413), rather
  than a bare error;
- then checks the CSRF token as usual. (Upload handlers can only be changed before the body is
  read, and the CSRF check reads it, so the view is exempt from the middleware's check and makes
  the same check itself afterwards.)
"""

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

logger = logging.getLogger(__name__)

TOO_LARGE = "publicforms_file_too_large"
STOPPED = "publicforms_upload_stopped"
# Files a public page takes in one request: the files page uploads one at a time.
FILES_PER_REQUEST = 1


def file_limit_bytes() -> int:
    return settings.PUBLIC_FORMS_FILE_MAX_MB * 1024 * 1024


class SizeLimitedUploadHandler(FileUploadHandler):
    """Counts the file bytes of the whole request: skips a single file larger than ``limit`` as
    soon as that is known, and stops the upload when more than ``max_files`` files arrive or
    the files together pass ``limit``."""

    def __init__(self, request: HttpRequest, *, limit: int, max_files: int = FILES_PER_REQUEST) -> None:
        super().__init__(request)
        self.limit = limit
        self.max_files = max_files
        self.files = 0
        self.received = 0  # bytes of every file so far, never reset between files
        self.received_before = 0  # bytes of the files before the one being read

    def new_file(self, field_name: str, file_name: str, content_type: str, content_length: int | None,
                 charset: str | None = None, content_type_extra: dict | None = None) -> None:
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.files += 1
        self.received_before = self.received
        if self.files > self.max_files:
            self._stop(f"more than {self.max_files} file(s)")
        if content_length is not None and self.received + content_length > self.limit:
            self._too_large()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._too_large()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (Django's own) makes the file

    def _too_large(self) -> None:
        if self.received_before:  # earlier files count too: the request as a whole is too big
            self._stop("files over the size limit together")
        setattr(self.request, TOO_LARGE, True)
        raise SkipFile

    def _stop(self, why: str) -> None:
        setattr(self.request, STOPPED, True)
        logger.info("Public form upload stopped: %s in one request", why)
        raise StopUpload(connection_reset=True)


def file_was_too_large(request: HttpRequest) -> bool:
    return bool(getattr(request, TOO_LARGE, False))


def _too_big(request: HttpRequest, flow_slug: str) -> HttpResponse:
    """The GOV.UK page for a request the site would not read in full (status 413)."""
    return render(request, "publicforms/too_big.html", {
        "file_max_mb": settings.PUBLIC_FORMS_FILE_MAX_MB,
        "contact_email": settings.COMPLAINTS_CONTACT_EMAIL,
        "public_home_url": reverse(f"publicforms:{flow_slug}_start"),
    }, status=413)


def public_post(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a public view: limits on what is read, a clear page when the body is refused, CSRF."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            request.upload_handlers.insert(0, SizeLimitedUploadHandler(request, limit=file_limit_bytes()))
            try:
                request.POST  # noqa: B018 - read the body now, under the limits above
                request.FILES  # noqa: B018
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
                return _too_big(request, kwargs.get("flow_slug", "complaint"))
            if getattr(request, STOPPED, False):
                return _too_big(request, kwargs.get("flow_slug", "complaint"))
        return protected(request, *args, **kwargs)

    return wrapper
