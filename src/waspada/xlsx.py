"""XLSX files with openpyxl: a table written for download, the first sheet of an upload read.

Both happen in memory. Saving, openpyxl writes each sheet to a named temporary file before
zipping it; exports may hold personal data (certificate names), which Waspada never writes to
disk in clear (see ``waspada.uploads``), so sheets are written to memory instead. Reading,
the archive is checked before any XML is parsed, and openpyxl parses with defusedxml.
Plain Python, no Django.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Literal

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

Value = str | int | float | Decimal | bool | date | datetime | time | None
_ZIP = b"PK\x03\x04"
_STORED = (str, int, float, Decimal, bool, date, datetime, time)
# What openpyxl raises on an archive that is not a workbook, or on a broken part of one.
_BROKEN = (
    zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, SyntaxError, OSError,
    EOFError,
)  # fmt: skip


class WorkbookError(Exception):
    """Why an upload cannot be read: ``reason`` is "not_xlsx", "too_large" or "too_many_rows"."""

    def __init__(self, reason: Literal["not_xlsx", "too_large", "too_many_rows"]) -> None:
        super().__init__(reason)
        self.reason = reason


class _InMemoryWriter(ExcelWriter):
    """openpyxl's writer, but each sheet's XML is built in memory, never in a temporary file."""

    def write_worksheet(self, ws: Worksheet) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def _cell(sheet: Worksheet, value: Any) -> Cell:
    if value is not None and not isinstance(value, _STORED):
        value = str(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # XML cannot carry them at all
    cell = Cell(sheet, value=value)
    if cell.data_type == "f":
        cell.data_type = "s"  # text that starts with "=" stays text, never a formula
    return cell


def workbook(rows: Iterable[Sequence[Any]], *, sheet_name: str = "Sheet1") -> bytes:
    """The bytes of an .xlsx file holding ``rows`` in its single sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = re.sub(r"[\[\]:*?/\\]", "", sheet_name)[:31] or "Sheet1"
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    _InMemoryWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return buffer.getvalue()


def is_xlsx(content: bytes) -> bool:
    """Whether ``content`` is a zip archive, as every XLSX file is (its name proves nothing)."""
    return content.startswith(_ZIP)


def _trimmed(values: Sequence[Value]) -> list[Value]:
    cells = list(values)
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return cells


def read_rows(
    content: bytes, *, max_rows: int, max_columns: int = 64, max_unpacked: int = 10_000_000
) -> list[list[Value]]:
    """The rows of the first sheet (sheet row n at index n - 1) with the values as stored
    (formulas as last computed), trailing empty cells dropped. Raises WorkbookError.

    Guards against a small file that unpacks to a huge one: the archive may hold at most
    ``max_unpacked`` bytes once unzipped (zipfile never inflates an entry past its declared
    size), the sheet at most ``max_rows`` rows, of which ``max_columns`` columns are read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > max_unpacked:
                raise WorkbookError("too_large")
    except zipfile.BadZipFile as exc:
        raise WorkbookError("not_xlsx") from exc
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except _BROKEN as exc:
        raise WorkbookError("not_xlsx") from exc
    rows: list[list[Value]] = []
    try:
        if not book.worksheets:
            raise WorkbookError("not_xlsx")
        sheet = book.worksheets[0]
        # A declared size of a million rows would otherwise be padded with empty ones.
        sheet.reset_dimensions()
        for values in sheet.iter_rows(max_col=max_columns, values_only=True):
            if len(rows) == max_rows:
                raise WorkbookError("too_many_rows")
            rows.append(_trimmed(values))
    except _BROKEN as exc:
        raise WorkbookError("not_xlsx") from exc
    finally:
        book.close()
    return rows
