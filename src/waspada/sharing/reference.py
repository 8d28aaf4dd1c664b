"""The sharing settings kept as data (``data/sharing.json``): CTDC columns, quasi-identifiers
and their generalisation, regions, the default yearly privacy budget, HTCDS tables."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_FILE = Path(__file__).resolve().parent / "data" / "sharing.json"


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    with _FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def get(name: str) -> Any:
    return settings()[name]
