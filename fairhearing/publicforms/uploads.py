"""Reading a public form's request within limits, before anything else reads it.

Django keeps non-file answers to DATA_UPLOAD_MAX_MEMORY_SIZE and refuses a bigger body with a bare
400. For files it has no limit at all: a huge upload is streamed to a temporary file. So every
public POST view is wrapped in :func:`public_post`, which

- puts a handler in front of Django's upload handlers that stops reading a file as soon as it
  passes PUBLIC_FORMS_FILE_MAX_MB, skips it, and notes that on the request, so the page can say
  "The selected file must be smaller than 10 MB" with the person's other answers kept;
- reads the body at once, and answers a body Django refuses (too much text, too many fields or
  files) with a GOV.UK page saying what went wrong (status 413), rather than a bare error;
- then checks the CSRF token as usual. (Upload handlers can only be changed before the body is
  read, and the CSRF check reads it, so the view is exempt from the middleware's check and makes
  the same check itself afterwards.)
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

TOO_LARGE = "publicforms_file_too_large"


def file_limit_bytes() -> int:
    return settings.PUBLIC_FORMS_FILE_MAX_MB * 1024 * 1024


class SizeLimitedUploadHandler(FileUploadHandler):
    """Skips any file larger than the limit as soon as that is known, reading no more of it."""

    def __init__(self, request: HttpRequest, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, field_name: str, file_name: str, content_type: str, content_length: int | None,
                 charset: str | None = None, content_type_extra: dict | None = None) -> None:
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0
        if content_length is not None and content_length > self.limit:
            self._skip()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._skip()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (Django's own) makes the file

    def _skip(self) -> None:
        setattr(self.request, TOO_LARGE, True)
        raise SkipFile


def file_was_too_large(request: HttpRequest) -> bool:
    return bool(getattr(request, TOO_LARGE, False))


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
                flow_slug = kwargs.get("flow_slug", "complaint")
                return render(request, "publicforms/too_big.html", {
                    "file_max_mb": settings.PUBLIC_FORMS_FILE_MAX_MB,
                    "contact_email": settings.COMPLAINTS_CONTACT_EMAIL,
                    "public_home_url": reverse(f"publicforms:{flow_slug}_start"),
                }, status=413)
        return protected(request, *args, **kwargs)

    return wrapper
