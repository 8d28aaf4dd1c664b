"""Identifiers in free text, found by the screening engine's own entity extraction.

A thin adapter: it calls the engine's public extraction (``screening.entities``) with the
engine's gazetteer and agency registry, and reduces what it finds with ``normalise``.
"""

from __future__ import annotations

from functools import lru_cache

from waspada.intel.normalise import Identifier, from_entities
from waspada.screening.analysis import RuleEngine
from waspada.screening.entities import extract_entities
from waspada.screening.normalize import normalize


@lru_cache(maxsize=1)
def _engine() -> RuleEngine:
    return RuleEngine()  # loads the gazetteer and registry once


def identifiers_in(text: str) -> list[Identifier]:
    """Every distinct identifier the engine extracts from ``text`` (empty text: none)."""
    if not text or not text.strip():
        return []
    engine = _engine()
    entities = extract_entities(text, normalize(text), engine.gazetteer, engine.registry)
    found: list[Identifier] = []
    for ident, _start, _end in from_entities(entities.to_dict()):
        if ident not in found:
            found.append(ident)
    return found
