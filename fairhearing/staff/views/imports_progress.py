"""The progress page of a register import running in the background: how far it has got,
refreshing itself, then its result or why it stopped.

The page reads only the small progress file the importing thread writes, and never writes to the
database: on SQLite the import's transaction holds the only write lock until it ends. Only the
complaints manager (and superusers) may import, and each sees only their own import's page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fairhearing.intake.importing import progress as import_progress
from fairhearing.intake.models import PendingImport

from .imports import import_result_page, require_importer

# How often the progress page refreshes itself (seconds).
REFRESH_SECONDS = 2


@login_required
@require_GET
def import_progress_page(request: HttpRequest, token: str) -> HttpResponse:
    """How far the import has got (refreshing itself), then its result or why it stopped.

    Reads only the progress file: nothing here may write to the database while the import's
    transaction is open (no session changes, no messages stored, no audit of the view).
    """
    require_importer(request)
    progress = import_progress.read(token)
    if progress is None or progress.user_id != request.user.pk:
        raise Http404("No such import.")
    if progress.state == import_progress.State.DONE:
        return import_result_page(request, progress)
    if progress.state == import_progress.State.FAILED or progress.is_stale():
        message = progress.message if progress.state == import_progress.State.FAILED else (
            "The import stopped without finishing, perhaps because the server restarted. Nothing was written.")
        waiting = PendingImport.objects.filter(uploaded_by=request.user, stored_name__endswith=token).exists()
        return render(request, "staff/imports/failed.html", {"message": message, "waiting": waiting})
    return render(request, "staff/imports/progress.html", {
        "progress": progress, "refresh_seconds": REFRESH_SECONDS,
        "checking": progress.state == import_progress.State.CHECKING or not progress.total,
    })
