"""The repatriation stages and cost payers, shipped as a versioned data file.

The order of the stages, their labels and which stage means "departure" or "arrival" live in
``data/stages.json`` so that administrators can adjust them without a code change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data" / "stages.json"


@dataclass(frozen=True)
class Stage:
    code: str
    order: int
    id: str
    en: str
    marks: str = ""
    case_status: str = ""  # the case status this stage implies (a proposal)

    @property
    def label(self) -> str:
        return self.en if _language() == "en" else self.id


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def _language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def version() -> str:
    return str(_data()["version"])


@lru_cache(maxsize=1)
def stages() -> tuple[Stage, ...]:
    """Every stage, in the order they happen."""
    items = (Stage(**item) for item in _data()["stages"])
    return tuple(sorted(items, key=lambda stage: stage.order))


def stage(code: str) -> Stage | None:
    return next((item for item in stages() if item.code == code), None)


def stage_label(code: str) -> str:
    found = stage(code)
    return found.label if found else code


def marked(mark: str) -> Stage:
    """The stage that means ``departure`` or ``arrival``; the data file must name both."""
    return next(item for item in stages() if item.marks == mark)


def stages_after(order: int) -> list[Stage]:
    return [item for item in stages() if item.order > order]


def payer_codes() -> set[str]:
    return {item["code"] for item in _data()["payers"]}


def payer_choices() -> list[tuple[str, str]]:
    language = _language()
    return [(item["code"], item[language]) for item in _data()["payers"]]


def payer_label(code: str) -> str:
    return dict(payer_choices()).get(code, code)
