"""Numbered rows of cells from an uploaded CSV or XLSX file, told apart by their content.

People prepare lists in spreadsheets and save them as XLSX or as CSV. An XLSX file is a zip
archive whatever its name; a name that claims XLSX for content that is not is refused. A CSV
file's delimiter may be a comma or a semicolon, its encoding UTF-8 (with or without BOM) or
Windows-1252; an XLSX file is read from its first sheet, and its row numbers are the sheet's.
Used by the imports of training participants and of cases.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from waspada import xlsx

_OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (OLE2), Excel 97-2003


def file_error(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _csv_lines(content: bytes) -> Iterator[tuple[int, list[str]]]:
    text = _decode(content)
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as exc:
        raise file_error(
            _("Berkas CSV rusak di baris %(line)d.") % {"line": reader.line_num}
        ) from exc


def cell_text(value: xlsx.Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a score typed as 80 is stored as 80.0
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _xlsx_lines(
    content: bytes, *, max_rows: int, max_unpacked: int, too_many: Callable[[], ValidationError]
) -> Iterator[tuple[int, list[str]]]:
    try:
        rows = xlsx.read_rows(content, max_rows=max_rows, max_unpacked=max_unpacked)
    except xlsx.WorkbookError as exc:
        if exc.reason == "too_large":
            message = _("Isi berkas XLSX terlalu besar: paling banyak %(mb)d MB setelah dibuka.")
            raise file_error(message % {"mb": max_unpacked // 1_000_000}) from exc
        if exc.reason == "too_many_rows":
            raise too_many() from exc
        raise file_error(
            _("Berkas ini tidak dapat dibaca sebagai XLSX. Simpan ulang dari spreadsheet "
              "sebagai XLSX (Excel 2007 atau lebih baru) atau CSV.")
        ) from exc  # fmt: skip
    for number, values in enumerate(rows, start=1):
        yield number, [cell_text(value) for value in values]


def lines(
    content: bytes,
    filename: str,
    *,
    max_rows: int,
    max_unpacked: int,
    too_many: Callable[[], ValidationError],
) -> Iterator[tuple[int, list[str]]]:
    """Numbered rows of cells, from the file as its content shows it to be. ``max_rows`` and
    ``max_unpacked`` bound an XLSX sheet; ``too_many`` is the error when it has more rows."""
    if xlsx.is_xlsx(content):
        return _xlsx_lines(content, max_rows=max_rows, max_unpacked=max_unpacked,
                           too_many=too_many)  # fmt: skip
    if content.startswith(_OLD_EXCEL):
        raise file_error(
            _("Format Excel lama (.xls) tidak didukung. Simpan ulang sebagai XLSX atau CSV.")
        )
    if filename.lower().endswith(".xlsx"):
        raise file_error(
            _("Berkas bernama .xlsx tetapi isinya bukan XLSX. Simpan ulang dari spreadsheet "
              "sebagai XLSX atau CSV.")
        )  # fmt: skip
    return _csv_lines(content)
