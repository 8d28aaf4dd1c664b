"""The Screener: rules + model → calibrated risk, verdict, explanations and advice."""

from __future__ import annotations

import logging
import math
import os
import threading
from pathlib import Path
from typing import Any

from .analysis import Analysis, RuleEngine, combiner_features
from .assessment import Assessment, Evidence, Indicator
from .datafiles import load_json
from .errors import check_text
from .lang import detect_language
from .loading import default_model_dir, load_screening_model
from .model import LinearTextModel
from .registry import load_registry
from .rules import Rule
from .wordscan import find_word

logger = logging.getLogger(__name__)
_LANGS = ("id", "en", "mixed")


class Screener:
    """Screens job offers. Load once, call :meth:`screen` many times (thread-safe).

    The model is, in order: a fresh model in ``model_dir`` (default: the model dir under the
    data dir), else the model shipped in the package if it is fresh, else, only when the
    ``train`` extra is installed, one trained in memory with a warning (``loading.py``).
    With none of them it raises ModelNotFoundError rather than screen without a model.
    ``fallback=False`` uses ``model_dir`` and nothing else.
    """

    def __init__(
        self,
        model_dir: str | os.PathLike[str] | None = None,
        *,
        model: LinearTextModel | None = None,
        engine: RuleEngine | None = None,
        registry_path: str | os.PathLike[str] | None = None,
        fallback: bool = True,
    ) -> None:
        self.engine = engine or RuleEngine(
            registry=load_registry(registry_path) if registry_path else None
        )
        self.model_dir = Path(model_dir) if model_dir else default_model_dir()
        self.model_source = "given"
        if model is None:
            model, self.model_source = load_screening_model(
                self.model_dir, self.engine, fallback=fallback
            )
            logger.info("screening with %s (%s)", model.version, self.model_source)
        self.model = model
        rules_data = load_json("rules.json")
        self._verdict = rules_data["verdict"]
        self._model_ind = rules_data["model_indicator"]
        # Filler words the model indicator never quotes ("aja", "mau", "yang"…).
        self._stopwords = frozenset(self._model_ind.get("stopwords", ()))

    # -- public ----------------------------------------------------------------------------
    def screen(self, text: str, lang: str | None = None) -> Assessment:
        """Screen one text. Raises ScreeningInputError for empty or over-long text."""
        check_text(text)
        a = self.engine.analyze(text)
        logit, types = self.model.scores(a.nt.text)
        risk = self.model.combine(combiner_features(logit, types, a))
        text_type = max(types, key=types.__getitem__) if types else "offer"
        indicators = [self._indicator(a, h.rule, h.weight, h.spans) for h in a.hits]
        indicators = [i for i in indicators if i.evidence or i.code.startswith("AGENCY")]
        verdict, basis = self._verdict_for(risk, indicators, self._voice(types, text_type))
        model_part = float(self.model.combiner[1]) * logit
        if verdict != "low" and model_part >= float(self._model_ind["min_contribution"]):
            ind = self._model_indicator(a, model_part)
            if ind is not None:
                indicators.append(ind)
        language = lang if lang in _LANGS else detect_language(a.nt.text)
        return Assessment(
            risk=risk,
            verdict=verdict,
            indicators=indicators,
            advice=self._advice(a, verdict),
            language=language,
            entities=self._entities(a),
            model_score=1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, logit)))),
            model_version=self.model.version,
            rules_version=self.engine.rules.version,
            rule_score=a.rule_score,
            registry_is_sample=self.engine.registry.is_sample,
            text_type=text_type,
            text_type_probability=types.get(text_type, 1.0),
            basis=basis,
            notes=self._notes(verdict, basis, text_type, a),
        )

    # -- helpers ---------------------------------------------------------------------------
    def _voice(self, types: dict[str, float], text_type: str) -> str:
        """The text type that limits the verdict: the most likely type when the types of its
        group (never-high types other than "question", or "question") together reach
        ``never_high_min_probability``; else "offer" (no limit)."""
        never = self._verdict["never_high_types"]
        if text_type not in never:
            return text_type
        group = [t for t in never if t != "question"] if text_type != "question" else [text_type]
        p = sum(types.get(t, 0.0) for t in group)
        return text_type if p >= float(self._verdict["never_high_min_probability"]) else "offer"

    def _verdict_for(
        self, risk: float, indicators: list[Indicator], text_type: str
    ) -> tuple[str, str]:
        """(verdict, basis). The calibrated risk decides; ``high`` also needs an explained red
        flag of weight >= ``strong_weight`` and a text that is not news, a warning, a story,
        an official notice or a question (``never_high_types``). ``medium`` may come from the
        model alone (basis ``model_only``): the notes say so."""
        v = self._verdict
        flags = [i for i in indicators if i.polarity == "risk"]
        strong = any(i.weight >= float(v["strong_weight"]) for i in flags)
        if risk >= float(v["high"]) and strong and text_type not in v["never_high_types"]:
            return "high", "model_and_rules"
        if risk >= float(v["medium"]):
            return "medium", "model_and_rules" if flags else "model_only"
        return "low", "none"

    def _notes(self, verdict: str, basis: str, text_type: str, a: Analysis) -> list[dict[str, str]]:
        """Plain-words notes: a flag from the model alone; a question whose quoted offer is
        the risky part; news, a warning, a story or a notice that only quotes red flags."""
        notes = self._verdict.get("notes", {})
        out: list[dict[str, str]] = []
        if basis == "model_only" and "model_only" in notes:
            out.append(dict(notes["model_only"]))
        red = any(h.rule.polarity == "risk" for h in a.hits)
        if text_type == "question" and (verdict != "low" or red) and "question" in notes:
            out.append(dict(notes["question"]))
        third_party = text_type in self._verdict["never_high_types"] and text_type != "question"
        if third_party and red and "third_party" in notes:
            out.append(dict(notes["third_party"]))
        return out

    @staticmethod
    def _evidence(text: str, spans: list[tuple[int, int]]) -> list[Evidence]:
        return [Evidence(text[s:e], s, e) for s, e in spans if e > s]

    def _indicator(
        self, a: Analysis, rule: Rule, weight: float, spans: list[tuple[int, int]]
    ) -> Indicator:
        return Indicator(
            code=rule.code,
            title=rule.title,
            explanation=rule.explanation,
            evidence=self._evidence(a.nt.original, spans),
            weight=round(weight, 3),
            source=rule.source,
            source_reference=rule.source_reference,
            polarity=rule.polarity,
        )

    def _model_indicator(self, a: Analysis, contribution: float) -> Indicator | None:
        spans: list[tuple[int, int]] = []
        for term, c in self.model.contributions(a.nt.text):
            if c <= 0 or len(spans) >= 5:
                break
            if not term.startswith("w:") or "0" in term:
                continue
            word = term[2:]
            if len(word) < 3 or word in self._stopwords:
                continue
            pos = find_word(a.nt.text, a.nt.word_index, word)
            if pos >= 0:
                s, e = a.nt.span(pos, pos + len(word))
                if e > s:
                    spans.append((s, e))
        if not spans:
            return None
        mi = self._model_ind
        return Indicator(
            code=mi["code"],
            title=mi["title"],
            explanation=mi["explanation"],
            evidence=self._evidence(a.nt.original, sorted(set(spans))),
            weight=round(contribution, 3),
            source=mi["source"]["authority"],
            source_reference=mi["source"]["reference"],
        )

    def _advice(self, a: Analysis, verdict: str) -> list[dict[str, str]]:
        gaz = self.engine.gazetteer
        statuses = {
            gaz.countries[p.country].placement
            for p in a.entities.place_mentions
            if p.destination and p.country in gaz.countries
        }
        risky = any(
            gaz.countries[p.country].scam_risk
            for p in a.entities.place_mentions
            if p.destination and p.country in gaz.countries
        )
        active = {"always", verdict}
        if "not_official" in statuses:
            active.add("non_placement_country")
        if "check" in statuses or risky:
            active.add("destination_check")
        if verdict in ("medium", "high"):
            active.add("flagged")
            # Domestic job fraud: a fee to apply, task/deposit schemes, an impersonated
            # company, or a flagged offer with no sign of work abroad.
            concepts = {h.rule.concept for h in a.hits if h.rule.polarity == "risk"}
            if "domestic_fraud" in concepts or not a.context.overseas:
                active.add("domestic_fraud")
        # Advice about working abroad (P3MI licences, KP2MI, Safe Travel) is left out for a
        # flagged offer with no sign of work abroad: a fake local job gets its own advice.
        abroad = a.context.overseas or "domestic_fraud" not in active
        return [
            dict(item["text"])
            for item in self.engine.rules.advice
            if item["when"] in active and (abroad or item.get("scope") != "overseas")
        ]

    def _entities(self, a: Analysis) -> dict[str, Any]:
        gaz = self.engine.gazetteer
        out = a.entities.to_dict()
        seen: dict[str, dict[str, Any]] = {}
        for p in a.entities.place_mentions:
            c = gaz.countries.get(p.country)
            if c is None or c.code in seen:
                continue
            seen[c.code] = {
                "code": c.code,
                "name": {"id": c.name_id, "en": c.name_en},
                "placement": c.placement,
                "scam_risk": c.scam_risk,
                "destination": p.destination,
            }
        out["countries"] = list(seen.values())
        return out


_default: Screener | None = None
_lock = threading.Lock()


def get_default_screener() -> Screener:
    """Return the process-wide Screener, loading it on first use."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Screener()
    return _default


def loaded_screener() -> Screener | None:
    """The process-wide Screener if it is loaded already, without loading it."""
    return _default


def reset_default_screener() -> None:
    """Forget the process-wide Screener (after retraining, or in tests)."""
    global _default
    with _lock:
        _default = None


def screen(text: str, lang: str | None = None) -> Assessment:
    """Screen ``text`` with the default Screener (see :class:`Screener`)."""
    return get_default_screener().screen(text, lang)
