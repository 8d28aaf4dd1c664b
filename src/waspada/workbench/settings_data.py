"""The workbench's thresholds, kept as reference data (``data/workbench.json``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

FILE = Path(__file__).resolve().parent / "data" / "workbench.json"


@cache
def values() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FILE.read_text(encoding="utf-8"))
    return data


def days(name: str) -> int:
    return int(values()[name])
