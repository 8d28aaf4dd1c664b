"""Loading of the engine's data files (rules, gazetteer, slang) shipped in ``data/``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import RulesFormatError


@lru_cache(maxsize=16)
def load_json(name: str) -> dict[str, Any]:
    """Return the parsed JSON data file ``data/<name>`` shipped with the package."""
    try:
        raw = resources.files("waspada.screening").joinpath(f"data/{name}").read_text("utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise RulesFormatError(f"cannot read screening data file {name}: {exc}") from exc
    if not isinstance(data, dict) or "version" not in data:
        raise RulesFormatError(f"data file {name} must be an object with a 'version'")
    return data
