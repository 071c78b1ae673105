"""Matching a register's columns to the canonical ones: the choice made for a file waiting to be
imported, saved under its header row's signature so the next file with the same headers is
matched without asking, and forgetting a saved match. Each write is audited in the same
transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fairhearing.audit.services import audit_record
from fairhearing.core.errors import DomainError

from ..importing.files import Limits
from ..importing.mapping import check_mapping, header_signature, mapping_pairs, mapping_targets
from ..models import ColumnMapping, PendingImport
from .pending import pending_import_table, register_columns

MAPPING_SAVED = "column_mapping.saved"
MAPPING_DELETED = "column_mapping.deleted"


@transaction.atomic
def pending_import_map(*, pending: PendingImport, actor: Any, targets: list[str],
                       limits: Limits | None = None) -> ColumnMapping:
    """Match the waiting file's columns to the canonical ones, and save the match for reuse.

    ``targets`` has the canonical header chosen for each of the file's columns, in order (blank:
    not imported). Every required column must be chosen and none twice (DomainError otherwise,
    nothing saved). The mapping is saved under the header row's signature, replacing any earlier
    one, so the next file with the same headers is matched without asking.
    """
    if pending.uploaded_by_id != getattr(actor, "pk", None):
        raise DomainError("Only the person who uploaded a file can match its columns.")
    header = pending_import_table(pending, limits=limits).header
    check = check_mapping(header, targets, register_columns(pending.kind))
    if not check.is_valid:
        raise DomainError("; ".join([*check.general, *check.columns.values()]) + ".")
    pending.column_mapping = mapping_pairs(header, targets)
    pending.save(update_fields=["column_mapping"])
    mapping, created = ColumnMapping.objects.update_or_create(
        kind=pending.kind, signature=header_signature(header),
        defaults={"mapping": mapping_pairs(header, targets), "saved_by": actor},
    )
    ignored = sum(1 for target in targets if not target)
    audit_record(
        actor=actor, verb=MAPPING_SAVED, subject=mapping,
        summary=f"Column mapping {'saved' if created else 'changed'} for a {pending.kind} register "
                f"({len(targets) - ignored} columns imported, {ignored} not)",
        data={"kind": pending.kind, "signature": mapping.signature, "columns": len(targets), "not_imported": ignored},
    )
    return mapping


def column_mapping_targets(mapping: ColumnMapping) -> list[str]:
    """A saved mapping's choices, in the file's order."""
    return mapping_targets(mapping.mapping)


@transaction.atomic
def column_mapping_delete(*, mapping: ColumnMapping, actor: Any) -> None:
    """Forget a saved mapping: the next file with those headers is matched by hand again. Files
    already waiting keep the mapping they were given."""
    audit_record(actor=actor, verb=MAPPING_DELETED, subject=mapping,
                 summary=f"Column mapping deleted for a {mapping.kind} register ({len(mapping.mapping)} columns)",
                 data={"kind": mapping.kind, "signature": mapping.signature})
    mapping.delete()
