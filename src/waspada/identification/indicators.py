"""The UU 21/2007 elements and ILO indicators, shipped as a versioned data file.

Interviews store codes per set; labels and explanations come from ``data/indicators.json`` in
the active language, so the wording can be corrected without touching code or stored data.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data" / "indicators.json"

# The three legal elements, in the order the law lists them, then the ILO indicators.
ELEMENT_SETS = ("process", "means", "purpose")
SETS = (*ELEMENT_SETS, "ilo")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def version() -> str:
    return str(_data()["version"])


def _language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def codes(set_code: str) -> list[str]:
    """The codes of one set, in the file's order."""
    return [item["code"] for item in _data()["items"] if item["set"] == set_code]


def set_info(set_code: str) -> dict[str, str]:
    """Label, explanation and legal source of one set, in the active language."""
    language = _language()
    entry = next(entry for entry in _data()["sets"] if entry["code"] == set_code)
    return {
        "code": set_code,
        "label": entry[language],
        "help": entry[f"help_{language}"],
        "source": entry[f"source_{language}"],
    }


def items(set_code: str) -> list[dict[str, str]]:
    """(code, label, help) of every element or indicator of a set, in the active language."""
    language = _language()
    return [
        {"code": item["code"], "label": item[language], "help": item[f"help_{language}"]}
        for item in _data()["items"]
        if item["set"] == set_code
    ]


def label(set_code: str, code: str) -> str:
    for item in _data()["items"]:
        if item["set"] == set_code and item["code"] == code:
            return str(item[_language()])
    return code
