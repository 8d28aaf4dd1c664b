"""Reading a participants CSV file into rows for ``services.participants_import``.

People prepare these files in spreadsheets: the delimiter may be a comma or a semicolon, the
encoding UTF-8 (with or without BOM) or Windows-1252, and institution types and sexes may be
typed as codes or as the labels shown on screen (Indonesian or English).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from waspada.trainings import reference

COLUMNS = (
    "institution_type", "institution_name", "role", "sex", "attended", "pre_score", "post_score",
)  # fmt: skip
REQUIRED_COLUMNS = ("institution_type", "sex")
MAX_BYTES = 1_000_000
MAX_LINES = 2000
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
    return ValidationError({"file": [message]})


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


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


def parse_participants_csv(content: bytes) -> ParsedFile:
    """Rows keyed by column name with their line numbers (the header is line 1).

    Raises ValidationError on ``file`` when the file as a whole cannot be used."""
    if not content.strip():
        raise _file_error(_("Berkas kosong."))
    if len(content) > MAX_BYTES:
        raise _file_error(_("Berkas terlalu besar: paling banyak 1 MB."))
    text = _decode(content)
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise _file_error(
            _("Kolom wajib tidak ada di baris judul: %(columns)s. Kolom yang dikenal: %(known)s.")
            % {"columns": ", ".join(missing), "known": ", ".join(COLUMNS)}
        )
    rows: list[tuple[int, dict[str, Any]]] = []
    errors: list[LineError] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) + len(errors) >= MAX_LINES:
                raise _file_error(
                    _("Terlalu banyak baris: paling banyak %(n)d peserta per berkas.")
                    % {"n": MAX_LINES}
                )
            if len(cells) > len(header):
                errors.append(LineError(line, (_("Jumlah kolom lebih banyak dari baris judul."),)))
                continue
            values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
            rows.append((line, _row(values)))
    except csv.Error as exc:
        raise _file_error(
            _("Berkas CSV rusak di baris %(line)d.") % {"line": reader.line_num}
        ) from exc
    return ParsedFile(rows=rows, errors=errors)
