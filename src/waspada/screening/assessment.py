"""The result of screening one text, and its JSON form."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    """An exact span of the ORIGINAL text: ``text[start:end] == evidence.text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Indicator:
    """One red flag (or mitigating sign) with its evidence and the authority behind it."""

    code: str
    title: dict[str, str]
    explanation: dict[str, str]
    evidence: list[Evidence]
    weight: float
    source: str
    source_reference: str
    polarity: str = "risk"  # "risk" or "mitigating"


@dataclass(frozen=True)
class Assessment:
    """Verdict on one text. ``verdict`` is high / medium / low — never "safe"."""

    risk: float
    verdict: str
    indicators: list[Indicator]
    advice: list[dict[str, str]]
    language: str
    entities: dict[str, Any]
    model_score: float
    model_version: str
    rules_version: str
    rule_score: float
    registry_is_sample: bool = True
    warnings: list[str] = field(default_factory=list)
    # Since rules 2026.1.0: what kind of text this reads as (offer, recruiter_chat, news,
    # warning, story, question, notice, chat) with the type model's probability of it;
    # ``basis`` says what carried a flag ("model_and_rules", "model_only", or "none" for
    # ``low``); ``notes`` explain the answer in plain words ({id, en}).
    text_type: str = "offer"
    text_type_probability: float = 1.0
    basis: str = "none"
    notes: list[dict[str, str]] = field(default_factory=list)

    @property
    def red_flags(self) -> list[Indicator]:
        """The indicators that raise the risk (mitigating signs left out)."""
        return [i for i in self.indicators if i.polarity == "risk"]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict (plain str/float/int/bool/list/dict only)."""
        # Built by hand: dataclasses.asdict deep-copies everything and was a third of the
        # time of a whole screening.
        return {
            "risk": round(self.risk, 4),
            "verdict": self.verdict,
            "indicators": [
                {
                    "code": i.code,
                    "title": dict(i.title),
                    "explanation": dict(i.explanation),
                    "evidence": [
                        {"text": e.text, "start": e.start, "end": e.end} for e in i.evidence
                    ],
                    "weight": i.weight,
                    "source": i.source,
                    "source_reference": i.source_reference,
                    "polarity": i.polarity,
                }
                for i in self.indicators
            ],
            "advice": [dict(a) for a in self.advice],
            "language": self.language,
            "entities": self.entities,
            "model_score": round(self.model_score, 4),
            "model_version": self.model_version,
            "rules_version": self.rules_version,
            "rule_score": round(self.rule_score, 3),
            "registry_is_sample": self.registry_is_sample,
            "warnings": list(self.warnings),
            "text_type": self.text_type,
            "text_type_probability": round(self.text_type_probability, 4),
            "basis": self.basis,
            "notes": [dict(n) for n in self.notes],
        }

    def to_json(self) -> str:
        """The assessment as one line of JSON (UTF-8 text, not ASCII-escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)
