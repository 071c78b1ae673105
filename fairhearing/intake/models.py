"""Where imported records came from: each import of a register file, and each record it made.

Every record an import writes is marked with its batch (the file, its SHA-256 and who imported it)
and the spreadsheet row it came from, so a complaints manager can always trace an imported
complaint back to the line of the council's old register. The register's own reference is kept
too: it is what makes importing the same file twice change nothing.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportBatch(models.Model):
    """One import of one register file (a dry run makes no batch)."""

    kind = models.CharField(max_length=20)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField(help_text="Rows in the file, blank rows not counted.")
    created_count = models.PositiveIntegerField(default=0, help_text="Records this import made.")
    already_present_count = models.PositiveIntegerField(
        default=0, help_text="Rows whose reference an earlier import had already brought in (nothing changed)."
    )
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.kind}, {self.imported_at:%d/%m/%Y})"


class ImportedRecord(models.Model):
    """One record an import made, with the file row it came from and the register's reference."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="records")
    row_number = models.PositiveIntegerField(help_text="As the spreadsheet shows it: the header is row 1.")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    reference = models.CharField(
        max_length=30, help_text="The council's own reference in the register, as imported."
    )

    class Meta:
        ordering = ["batch", "row_number"]
        constraints = [
            # One record per register reference and kind of record: what keeps imports idempotent.
            models.UniqueConstraint(fields=["content_type", "reference"], name="intake_imported_reference_unique"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.reference} (row {self.row_number} of {self.batch.file_name})"


class PendingImport(models.Model):
    """A register file uploaded in the browser and checked, waiting for the manager to import it.

    The file's bytes are kept in private storage under DOCUMENTS_ROOT (never in the session, never
    under the web root), so the import step reads and checks again exactly the file that was
    previewed: the SHA-256 ties the two together. The record and its file go once imported.
    """

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, default="complaints", help_text="The kind of register the file holds.")
    stored_name = models.CharField(max_length=300, help_text="The file's random name in private storage.")
    original_name = models.CharField(max_length=255, help_text="The file's name on the uploader's computer.")
    file_sha256 = models.CharField(max_length=64)
    column_mapping = models.JSONField(
        null=True, blank=True,
        help_text="[file header, canonical column or blank for not imported] for each of the file's "
                  "columns, in order; empty when the file's headers are the canonical ones.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} (waiting to be imported)"

    @property
    def mapping_targets(self) -> list[str] | None:
        """The canonical column chosen for each of the file's columns, or None if not mapped."""
        return None if self.column_mapping is None else [str(pair[1]) for pair in self.column_mapping]


class ColumnMapping(models.Model):
    """How the columns of one council's own register layout match the canonical columns.

    Saved when a complaints manager matches the columns of a file whose headers differ from the
    canonical names, so the next file with the same header row goes straight to the preview. The
    header row is known by its signature (see importing/mapping.py); the mapping holds only the
    file's headers and the canonical columns chosen for them, never a cell of data.
    """

    kind = models.CharField(max_length=20)
    signature = models.CharField(max_length=64, help_text="SHA-256 of the header row, as mapping.header_signature makes it.")
    mapping = models.JSONField(
        help_text="[file header, canonical column or blank for not imported] for each column, in the file's order.",
    )
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            # One mapping per layout: saving it again replaces it.
            models.UniqueConstraint(fields=["kind", "signature"], name="intake_column_mapping_unique"),
        ]

    def __str__(self) -> str:
        return f"Column mapping for {self.kind} ({len(self.mapping)} columns)"
