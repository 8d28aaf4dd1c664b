"""Split a screened text into plain and highlighted segments for display."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    codes: tuple[str, ...] = ()  # indicator codes whose evidence covers this segment

    @property
    def marked(self) -> bool:
        return bool(self.codes)


def segments(text: str, indicators: Iterable[Mapping[str, Any]]) -> list[Segment]:
    """Cut ``text`` at every evidence boundary; overlapping evidence is merged per segment."""
    spans = [
        (int(ev["start"]), int(ev["end"]), str(ind["code"]))
        for ind in indicators
        for ev in ind.get("evidence", [])
        if 0 <= int(ev["start"]) < int(ev["end"]) <= len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    result = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        codes = tuple(sorted({code for s, e, code in spans if s <= start and end <= e}))
        result.append(Segment(text[start:end], codes))
    return result
