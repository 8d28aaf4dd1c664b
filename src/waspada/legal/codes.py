"""Non-guessable legal-case reference codes such as ``LGL-2026-7F3K9Q``."""

from __future__ import annotations

from waspada.cases.codes import new_code


def new_legal_case_code() -> str:
    return new_code("LGL")
