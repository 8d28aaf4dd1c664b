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


STAGE_DEADLINES_FILE = Path(__file__).resolve().parent / "data" / "stage_deadlines.json"


@cache
def stage_deadlines() -> dict[str, Any]:
    """``window_days`` and, per legal stage, the ``days`` a case may stay in it."""
    data: dict[str, Any] = json.loads(STAGE_DEADLINES_FILE.read_text(encoding="utf-8"))
    return data
