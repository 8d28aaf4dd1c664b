"""An uploaded case list (CSV, XLSX, or a KoboToolbox export of either) read into rows keyed
by case field, with the column mapping that was applied (shown as the preview)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from waspada import tabular
from waspada.cases import reference as case_reference

MAX_BYTES = 5_000_000
MAX_ROWS = 5000
MAX_SHEET_ROWS = 20_000
MAX_UNPACKED = 50_000_000
_COLUMNS = Path(__file__).resolve().parent / "data" / "columns.json"
_SEX_SHORT = {"l": "male", "p": "female", "lk": "male", "pr": "female", "m": "male", "f": "female"}


@cache
def _columns() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_COLUMNS.read_text(encoding="utf-8"))
    return data


def fields() -> list[str]:
    """The case fields a column may be mapped to."""
    return list(_columns()["fields"])


def header_key(header: str) -> str:
    """A header as compared: the last part of a KoboToolbox group path, lower case,
    underscores for spaces, dashes and dots."""
    last = header.strip().rsplit("/", 1)[-1]
    return re.sub(r"[\s.\-]+", "_", last.casefold()).strip("_")


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """{header: case field or ""} as guessed from the headers (each field used once)."""
    aliases = {alias: field for field, names in _columns()["fields"].items() for alias in names}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:
        field = aliases.get(header_key(header), "")
        if field in used:
            field = ""
        mapping[header] = field
        used.add(field)
    return mapping


def is_ignored(header: str) -> bool:
    key = header.strip().casefold()
    return key in _columns()["ignored"] or header_key(header) in _columns()["ignored"]


def _value(field: str, text: str) -> Any:
    """What people type, as the case validator expects it (codes for choices)."""
    text = text.strip()
    if field == "sex":
        return _SEX_SHORT.get(text.casefold()) or case_reference.code_for("sex", text) or text
    lists = {
        "education": "education",
        "recruitment_channel": "recruitment_channels",
        "recruiter_relation": "recruiter_relations",
        "scam_typology": "scam_typologies",
    }
    if field in lists and text:
        return case_reference.code_for(lists[field], text) or text
    if field == "destination_country" and len(text) > 2:
        names = {name.casefold(): code for code, name in case_reference.country_choices()}
        return names.get(text.casefold(), text)
    return text


@dataclass(frozen=True)
class Sheet:
    headers: list[str]
    mapping: dict[str, str]  # header → case field ("" = not imported)
    rows: list[tuple[int, dict[str, Any]]]  # (line, values by case field)


def _too_many() -> ValidationError:
    return tabular.file_error(
        _("Terlalu banyak baris: paling banyak %(n)d kasus per berkas.") % {"n": MAX_ROWS}
    )


def read_cases(content: bytes, *, filename: str = "", mapping: dict[str, str] | None = None
               ) -> Sheet:  # fmt: skip
    """The rows of the file with their line numbers (the header is line 1). ``mapping``
    overrides the guessed one per header. Raises ValidationError on ``file`` or ``mapping``."""
    if not content.strip():
        raise tabular.file_error(_("Berkas kosong."))
    if len(content) > MAX_BYTES:
        raise tabular.file_error(_("Berkas terlalu besar: paling banyak 5 MB."))
    lines = tabular.lines(content, filename, max_rows=MAX_SHEET_ROWS, max_unpacked=MAX_UNPACKED,
                          too_many=_too_many)  # fmt: skip
    headers = [cell.strip() for cell in next(lines, (0, []))[1]]
    chosen = {**guess_mapping(headers), **(mapping or {})}
    unknown = sorted({f for f in chosen.values() if f and f not in fields()})
    if unknown:
        raise ValidationError({"mapping": [_("Kolom tujuan tidak dikenal: %(names)s")
                                           % {"names": ", ".join(unknown)}]})  # fmt: skip
    if "full_name" not in chosen.values():
        raise ValidationError({"mapping": [_("Tidak ada kolom untuk nama lengkap (full_name).")]})
    rows: list[tuple[int, dict[str, Any]]] = []
    for line, cells in lines:
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise _too_many()
        values = {}
        for header, cell in zip(headers, cells, strict=False):
            field = chosen.get(header, "")
            if field:
                values[field] = _value(field, cell)
        rows.append((line, values))
    return Sheet(headers=headers, mapping={h: chosen.get(h, "") for h in headers}, rows=rows)
