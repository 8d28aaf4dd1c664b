"""Files offered for download: CSV and XLSX tables, and the HTTP response that carries them.

Shared by every export (the dashboard's tables, training attendance); each export decides
what goes in the file and audits it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse

from waspada import xlsx

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


def _csv_safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def csv_bytes(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_safe(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def table_file(filename: str, fmt: str, rows: list[list[Any]], *, sheet_name: str) -> ExportFile:
    """``rows`` (header first) as a CSV or XLSX file; ``fmt`` must be one of FORMATS."""
    content = csv_bytes(rows) if fmt == "csv" else xlsx.workbook(rows, sheet_name=sheet_name)
    return ExportFile(filename, FORMATS[fmt], content)


def download_response(exported: ExportFile) -> HttpResponse:
    """An attachment that no cache keeps (exports may hold personal data)."""
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Cache-Control"] = "no-store"
    return response
