"""A report as JSON with a stable, documented shape (docs/report-json-schema.json).

Keys of tables, columns and rows are the report's stable identifiers: they never change with the
wording, so a council can load the same figures into a dashboard year after year. Counts are
integers, percentages are numbers in per cent (83.3 means 83.3%), money is a string with two
decimals ("1800.00") so no pence are lost to floating point, and a hidden cell's value is null
with its mark ("<5" or "*") in ``display``.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from ..report import Report
from ..tables import Cell, CellKind, Section, Table
from ._common import clean, paragraphs_of

SCHEMA_VERSION = 1
SCHEMA_ID = "https://fairhearing.example/schemas/report-json-schema.json"
CONTENT_TYPE = "application/json"


def cell_json(cell: Cell) -> dict[str, Any]:
    value = cell.as_json()
    if isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, Decimal):  # a kind as_json does not know: keep every digit
        value = str(value)
    result: dict[str, Any] = {
        "kind": str(cell.kind),
        "value": value,
        "display": clean(cell.display),
        "suppressed": bool(cell.suppressed),
    }
    if cell.kind == CellKind.COUNT_PERCENT:
        # The count behind the percentage; never the base, which could undo suppression.
        result["count"] = None if cell.suppressed else cell.count
    return result


def table_json(table: Table) -> dict[str, Any]:
    keys = [column.key for column in table.columns]
    return {
        "key": table.key,
        "title": clean(table.title),
        "basis": clean(table.basis),
        "notes": [clean(note) for note in table.notes],
        "row_heading": clean(table.row_heading),
        "suppressible": table.suppressible,
        "columns": [{"key": c.key, "label": clean(c.label)} for c in table.columns],
        "rows": [
            {
                "key": row.key,
                "label": clean(row.label),
                "is_total": row.is_total,
                "cells": {key: cell_json(cell) for key, cell in zip(keys, row.cells, strict=True)},
            }
            for row in table.rows
        ],
        "chart": None if table.chart is None else {
            "kind": str(table.chart.kind),
            "columns": list(table.chart.columns),
            "title": clean(table.chart.title or table.title),
        },
    }


def section_json(section: Section) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": clean(section.title),
        "paragraphs": [clean(p) for p in section.paragraphs],
        "free_text": None if section.free_text is None else clean(section.free_text),
        "free_text_paragraphs": paragraphs_of(section.free_text),
        "quotations": [{"heading": clean(h), "quotation": clean(q)} for h, q in section.quotations],
        "tables": [table_json(table) for table in section.tables],
    }


def report_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    options = report.options
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "report": {
            "title": clean(report.title),
            "council": clean(report.council_name),
            "kind": str(report.kind),
            "version": "published" if report.published else "internal",
            "version_label": report.version_label,
            "threshold": options.threshold if report.published else None,
            "scope": {"key": str(options.scope), "label": options.scope.label},
            "generated_at": report.generated_at.isoformat(),
            "period": report.period.key,
            "periods": [
                {
                    "key": period.key,
                    "label": period.label,
                    "short_label": period.short_label,
                    "start": period.start.isoformat(),
                    "end": period.end.isoformat(),
                    "is_report_period": index == 0,
                }
                for index, period in enumerate(report.periods)
            ],
        },
        "sections": [section_json(section) for section in report.sections],
    }


def render_json(report: Report) -> bytes:
    """UTF-8 JSON, indented for people who open it, keys in a fixed order."""
    return (json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
