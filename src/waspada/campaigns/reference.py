"""Campaign channels, audience types and provinces, shipped as a versioned data file
(``data/reference.json``) so that administrators can extend them without a code change."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data" / "reference.json"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def _language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def version() -> str:
    return str(_data()["version"])


def codes(list_name: str) -> list[str]:
    """The codes of a list, in the file's order."""
    return [item["code"] for item in _data()[list_name]]


def choices(list_name: str) -> list[tuple[str, str]]:
    """(code, label in the active language) pairs for a form field."""
    language = _language()
    return [(item["code"], item[language]) for item in _data()[list_name]]


def label(list_name: str, code: str) -> str:
    for item in _data()[list_name]:
        if item["code"] == code:
            return str(item[_language()])
    return code
