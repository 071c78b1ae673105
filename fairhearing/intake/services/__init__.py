"""Writes for importing a register in the browser: keeping the uploaded file until the manager
imports it, importing it (in a background thread that reports its progress) and clearing uploads
left waiting (pending.py); matching its columns and the saved matches (mappings.py); and creating
the teams and themes a register names that Fair Hearing does not know yet (names.py). Each writes
an audit event in the same transaction.
"""

from .mappings import (
    MAPPING_DELETED,
    MAPPING_SAVED,
    column_mapping_delete,
    column_mapping_targets,
    pending_import_map,
)
from .names import NAME_MAX_CHARS, TEAM_CREATED, THEME_CREATED, import_names_create
from .pending import (
    DISCARDED,
    FAILED,
    PENDING_LIFETIME,
    UNEXPECTED,
    UPLOADED,
    UPLOADS,
    Cleared,
    StartedImport,
    import_in_background,
    pending_import_bytes,
    pending_import_complete,
    pending_import_create,
    pending_import_start,
    pending_import_table,
    pending_import_validate,
    pending_imports_clear,
    register_columns,
)

__all__ = [
    "DISCARDED",
    "FAILED",
    "MAPPING_DELETED",
    "MAPPING_SAVED",
    "NAME_MAX_CHARS",
    "PENDING_LIFETIME",
    "TEAM_CREATED",
    "THEME_CREATED",
    "UNEXPECTED",
    "UPLOADED",
    "UPLOADS",
    "Cleared",
    "StartedImport",
    "column_mapping_delete",
    "column_mapping_targets",
    "import_in_background",
    "import_names_create",
    "pending_import_bytes",
    "pending_import_complete",
    "pending_import_create",
    "pending_import_map",
    "pending_import_start",
    "pending_import_table",
    "pending_import_validate",
    "pending_imports_clear",
    "register_columns",
]
