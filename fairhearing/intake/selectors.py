"""Reads for importing in the browser: the waiting upload and the saved column mappings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from .importing.mapping import header_signature, known_headers
from .models import ColumnMapping, PendingImport


def pending_import_waiting(*, user: Any) -> PendingImport | None:
    """The file this person uploaded and has not imported yet (one at most)."""
    return PendingImport.objects.filter(uploaded_by=user).first()


def column_mapping_for(*, kind: str, header: Sequence[str]) -> ColumnMapping | None:
    """The mapping saved for exactly this header row, if any."""
    return ColumnMapping.objects.filter(kind=kind, signature=header_signature(header)).first()


def column_mappings_known(*, kind: str, limit: int = 50) -> dict[str, str]:
    """What earlier mappings of the kind matched each header to (header key -> canonical
    header), the newest mapping first: a guess for a file whose header row is new."""
    recent = ColumnMapping.objects.filter(kind=kind).order_by("-updated_at", "-pk").values_list("mapping", flat=True)
    return known_headers(recent[:limit])


def column_mappings_list(*, kind: str = "") -> QuerySet[ColumnMapping]:
    """Saved mappings, newest first, with who saved them (one query however many)."""
    mappings = ColumnMapping.objects.select_related("saved_by").order_by("-updated_at", "-pk")
    return mappings.filter(kind=kind) if kind else mappings
