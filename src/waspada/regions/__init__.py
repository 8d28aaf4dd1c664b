"""Kemendagri codes of Indonesia's provinces and regencies/cities, and the NIK check.

Shipped as a versioned data file (``data/kemendagri.json``); plain Python, no Django. Codes
are what is stored (province ``"32"``, regency ``"32.03"``); names are what is shown. The
free text people typed before the codes ("jabar", "JAWA BARAT", "Kab. Cianjur") is matched
here, for the migration of old rows and for imports; what does not match one code exactly
(unknown, or a name that is both a regency and a city) stays for a person to review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

_FILE = Path(__file__).resolve().parent / "data" / "kemendagri.json"
_PROVINCE_WORDS = re.compile(r"^(provinsi|propinsi|prov\.?)\s+")
_REGENCY_WORDS = re.compile(r"^(kabupaten|kab\.?|kota|kot\.?)\s+")


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_FILE.read_text(encoding="utf-8"))
    return data


def version() -> str:
    return str(_data()["version"])


def _key(text: str) -> str:
    """Lower case, single spaces, no punctuation but the dot of ``Kab.``."""
    return " ".join(re.sub(r"[^\w.\s]", " ", text.casefold()).split())


def provinces() -> list[tuple[str, str]]:
    """(code, name) of every province, in code order."""
    return [(p["code"], p["name"]) for p in _data()["provinces"]]


def regencies(province: str = "") -> list[tuple[str, str]]:
    """(code, name) of the regencies/cities, of one province when given, in code order."""
    return [
        (r["code"], r["name"])
        for r in _data()["regencies"]
        if not province or r["province"] == province
    ]


@cache
def _province_names() -> dict[str, str]:
    return dict(provinces())


@cache
def _regency_rows() -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in _data()["regencies"]}


def province_name(code: str) -> str:
    """The name of a province code; the value itself when it is not a code (old free text)."""
    return _province_names().get(code, code)


def regency_name(code: str) -> str:
    row = _regency_rows().get(code)
    return row["name"] if row else code


def is_province(code: str) -> bool:
    return code in _province_names()


def regency_province(code: str) -> str | None:
    row = _regency_rows().get(code)
    return row["province"] if row else None


@cache
def _province_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for province in _data()["provinces"]:
        for spelling in (province["code"], province["name"], *province["aliases"]):
            lookup[_key(spelling)] = province["code"]
    return lookup


def spellings(code: str) -> list[str]:
    """The code, the name and the short forms of a province, for matching rows of other
    domains that recorded the province by name (campaigns, public reports)."""
    found = next((p for p in _data()["provinces"] if p["code"] == code), None)
    return [code, found["name"], *found["aliases"]] if found else [code]


def province_code_for(text: str) -> str | None:
    """The province code that ``text`` names (a code, the name, a common short form such as
    "jabar" or "DKI", with or without "Provinsi"), or None."""
    key = _PROVINCE_WORDS.sub("", _key(text or ""))
    return _province_lookup().get(key) if key else None


def regency_code_for(text: str, province: str = "") -> str | None:
    """The regency/city code that ``text`` names, within ``province`` when given. "Kab. X" and
    "Kota X" are told apart; a bare name is matched only when exactly one regency or city bears
    it (so "Bandung" stays unmatched: it is both)."""
    key = _key(text or "")
    if not key:
        return None
    rows = [r for r in _data()["regencies"] if not province or r["province"] == province]
    compact = key.replace(" ", "").replace(".", "")
    if compact.isdigit():  # a code, with or without its dot ("32.03", "3203")
        return next((r["code"] for r in rows if r["code"].replace(".", "") == compact), None)
    wanted = _regency_key(key)
    exact = [r["code"] for r in rows if _regency_key(r["name"]) == wanted]
    if len(exact) == 1:
        return exact[0]
    bare = _REGENCY_WORDS.sub("", wanted)
    loose = [r["code"] for r in rows if _REGENCY_WORDS.sub("", _regency_key(r["name"])) == bare]
    return loose[0] if len(loose) == 1 else None


def _regency_key(text: str) -> str:
    """Kind and name of a regency/city for comparison: "Kab. X" is "Kabupaten X", the word
    "Administrasi" (Jakarta) and spaces inside the name ("Tanjungpinang") do not count."""
    key = _key(text).replace("kab. ", "kabupaten ").replace("kot. ", "kota ")
    if key.startswith("kab "):
        key = "kabupaten " + key[4:]
    key = key.replace(" administrasi ", " ")
    kind, _sep, name = key.partition(" ")
    if kind in ("kabupaten", "kota"):
        return f"{kind} {name.replace(' ', '')}"
    return key.replace(" ", "")


@dataclass(frozen=True)
class NikFinding:
    """One way a NIK disagrees with what else is known (a warning, never a refusal)."""

    field: str  # "region", "birth_date" or "sex"
    expected: str  # what the NIK says


def nik_check(nik: str, *, birth_date: date | None = None, sex: str = "") -> list[NikFinding]:
    """Compare a 16-digit NIK with the regency list (digits 1–4; 5–6, the district, must not
    be 00), the date of birth (digits 7–12, DDMMYY) and the sex (women's day + 40).

    A NIK issued before a regency was split may carry a code no longer listed, so the caller
    shows these as warnings the caseworker can confirm.
    """
    if not re.fullmatch(r"\d{16}", nik or ""):
        return []
    findings: list[NikFinding] = []
    regency = f"{nik[0:2]}.{nik[2:4]}"
    if regency not in _regency_rows() or nik[4:6] == "00":
        findings.append(NikFinding("region", regency))
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    if female:
        day -= 40
    if sex in ("female", "male") and female != (sex == "female"):
        findings.append(NikFinding("sex", "female" if female else "male"))
    if birth_date is not None:
        said = (day, month, year)
        if said != (birth_date.day, birth_date.month, birth_date.year % 100):
            findings.append(NikFinding("birth_date", f"{day:02d}-{month:02d}-{year:02d}"))
    elif not (1 <= day <= 31 and 1 <= month <= 12):
        findings.append(NikFinding("birth_date", f"{day:02d}-{month:02d}-{year:02d}"))
    return findings
