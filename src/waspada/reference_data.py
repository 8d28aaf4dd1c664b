"""Reference lists shipped as versioned JSON files that administrators can extend without a
code change. Each domain keeps its own file and wraps it in a ``ReferenceFile``.

A file holds ``{"version": ..., "<list name>": [{"code": ..., "id": ..., "en": ...}, ...]}``;
labels are shown in the active language (Indonesian unless English was chosen).
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

from django.utils.translation import get_language


def active_language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


class ReferenceFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def version(self) -> str:
        return str(self.data["version"])

    def codes(self, list_name: str) -> list[str]:
        """The codes of a list, in the file's order."""
        return [item["code"] for item in self.data[list_name]]

    def choices(self, list_name: str) -> list[tuple[str, str]]:
        """(code, label in the active language) pairs for a form field."""
        language = active_language()
        return [(item["code"], item[language]) for item in self.data[list_name]]

    def label(self, list_name: str, code: str) -> str:
        found = self.item(list_name, code)
        return str(found[active_language()]) if found else code

    def item(self, list_name: str, code: str) -> dict[str, Any] | None:
        return next((entry for entry in self.data[list_name] if entry["code"] == code), None)

    def code_for(self, list_name: str, text: str) -> str | None:
        """The code matching ``text`` as a code or as a label in either language (any case),
        for imports where people type what they see on screen."""
        wanted = text.strip().casefold()
        for entry in self.data[list_name]:
            if wanted in (entry["code"].casefold(), entry["id"].casefold(), entry["en"].casefold()):
                return str(entry["code"])
        return None
