"""The articles that may be charged, shipped as an editable, versioned data file.

``data/articles.json`` holds, per article, the instrument, the offence (id/en) and both
penalty regimes (before and from 2 January 2026), because KUHP Art. 3 applies whichever law is
lighter for the accused. Charges copy the entry and the file's version when they are made.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data" / "articles.json"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def version() -> str:
    return str(_data()["version"])


def articles() -> list[dict[str, Any]]:
    return list(_data()["articles"])


def article(key: str) -> dict[str, Any] | None:
    return next((entry for entry in _data()["articles"] if entry["key"] == key), None)


def _language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def article_choices() -> list[tuple[str, str]]:
    """(key, "instrument Pasal n – offence") pairs in the active language, for a form field."""
    language = _language()
    return [
        (entry["key"], f"{entry['instrument']} {entry['article']} – {entry['offence'][language]}")
        for entry in _data()["articles"]
    ]
