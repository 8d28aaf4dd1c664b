"""Reading a participants file, CSV or XLSX, into rows for ``services.participants_import``.

People prepare these files in spreadsheets and save them as XLSX or as CSV. The type is told
by the content (an XLSX file is a zip archive), not by the name; a name that claims XLSX for
content that is not is refused. A CSV file's delimiter may be a comma or a semicolon, its
encoding UTF-8 (with or without BOM) or Windows-1252; an XLSX file is read from its first
sheet. Institution types and sexes may be typed as codes or as the labels shown on screen
(Indonesian or English).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from waspada import tabular
from waspada.tabular import file_error
from waspada.trainings import reference

COLUMNS = (
    "institution_type", "institution_name", "role", "sex", "attended", "pre_score", "post_score",
)  # fmt: skip
REQUIRED_COLUMNS = ("institution_type", "sex")
MAX_BYTES = 1_000_000
MAX_LINES = 2000
MAX_SHEET_ROWS = 10_000  # rows of an XLSX sheet read, blank ones included
MAX_UNPACKED = 20_000_000  # bytes of an XLSX file once unzipped
_YES = {"1", "y", "ya", "yes", "true", "benar", "hadir", "x", "v"}
_NO = {"0", "n", "t", "tidak", "no", "false", "salah", "tidak hadir"}
_SEX_SHORT = {"l": "male", "p": "female", "lk": "male", "pr": "female", "m": "male", "f": "female"}


@dataclass(frozen=True)
class LineError:
    line: int
    messages: tuple[str, ...]

    @classmethod
    def from_validation(cls, line: int, exc: ValidationError) -> LineError:
        return cls(
            line,
            tuple(
                f"{name}: {message}"
                for name, items in exc.message_dict.items()
                for message in items
            ),
        )


@dataclass(frozen=True)
class ParsedFile:
    rows: list[tuple[int, dict[str, Any]]]  # (line number, raw values for validation)
    errors: list[LineError]


def _file_error(message: str) -> ValidationError:
    return file_error(message)


def _attended(text: str) -> bool | str:
    value = text.strip().casefold()
    if value == "" or value in _YES:
        return True  # a blank cell counts as present: lists are usually of who came
    if value in _NO:
        return False
    return text  # not a boolean: validation reports it on "attended"


def _row(values: dict[str, str]) -> dict[str, Any]:
    sex_text = values.get("sex", "").strip()
    sex = _SEX_SHORT.get(sex_text.casefold()) or reference.code_for("sex", sex_text) or sex_text
    institution_text = values.get("institution_type", "").strip()
    institution = reference.code_for("institution_types", institution_text) or institution_text
    return {
        "institution_type": institution,
        "institution_name": values.get("institution_name", ""),
        "role": values.get("role", ""),
        "sex": sex,
        "attended": _attended(values.get("attended", "")),
        "pre_score": values.get("pre_score", ""),
        "post_score": values.get("post_score", ""),
    }


def _too_many_lines() -> ValidationError:
    return _file_error(
        _("Terlalu banyak baris: paling banyak %(n)d peserta per berkas.") % {"n": MAX_LINES}
    )


def _lines(content: bytes, filename: str) -> Iterator[tuple[int, list[str]]]:
    return tabular.lines(content, filename, max_rows=MAX_SHEET_ROWS, max_unpacked=MAX_UNPACKED,
                         too_many=_too_many_lines)  # fmt: skip


def parse_participants(content: bytes, *, filename: str = "") -> ParsedFile:
    """Rows keyed by column name with their line numbers (the header is line 1; in an XLSX
    file, the sheet's row numbers).

    Raises ValidationError on ``file`` when the file as a whole cannot be used."""
    if not content.strip():
        raise _file_error(_("Berkas kosong."))
    if len(content) > MAX_BYTES:
        raise _file_error(_("Berkas terlalu besar: paling banyak 1 MB."))
    lines = _lines(content, filename)
    header = [name.strip().lower() for name in next(lines, (0, []))[1]]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise _file_error(
            _("Kolom wajib tidak ada di baris judul: %(columns)s. Kolom yang dikenal: %(known)s.")
            % {"columns": ", ".join(missing), "known": ", ".join(COLUMNS)}
        )
    rows: list[tuple[int, dict[str, Any]]] = []
    errors: list[LineError] = []
    for line, cells in lines:
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) + len(errors) >= MAX_LINES:
            raise _too_many_lines()
        if len(cells) > len(header):
            errors.append(LineError(line, (_("Jumlah kolom lebih banyak dari baris judul."),)))
            continue
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
        rows.append((line, _row(values)))
    return ParsedFile(rows=rows, errors=errors)
