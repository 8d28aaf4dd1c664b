"""The Screener: rules + model → calibrated risk, verdict, explanations and advice."""

from __future__ import annotations

import logging
import math
import os
import threading
from pathlib import Path
from typing import Any

from .analysis import Analysis, RuleEngine
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

    # -- public ----------------------------------------------------------------------------
    def screen(self, text: str, lang: str | None = None) -> Assessment:
        """Screen one text. Raises ScreeningInputError for empty or over-long text."""
        check_text(text)
        a = self.engine.analyze(text)
        logit = self.model.logit(a.nt.text)
        risk = self._risk(logit, a)
        indicators = [self._indicator(a, h.rule, h.weight, h.spans) for h in a.hits]
        indicators = [i for i in indicators if i.evidence or i.code.startswith("AGENCY")]
        verdict = self._verdict_for(risk, indicators)
        if verdict == "high" and a.context.dampening < 1.0:
            # News, a warning or a personal story is never "high" (rules 2025.4.1): at most it
            # quotes an offer, which "medium" already asks the reader to check.
            verdict = "medium"
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
        )

    # -- helpers ---------------------------------------------------------------------------
    def _risk(self, logit: float, a: Analysis) -> float:
        """Combined risk, lowered when no red flag backs the model up.

        ``sigmoid(b0 + b1·m + b2·S)``; when the red flags that fired weigh less than
        ``min_rule_evidence`` the logit is lowered by ``no_flag_discount``, and by
        ``not_offer_discount`` more if the text has no job-offer wording at all; red flags
        quoted by news, a warning post or a personal story do not count. The model is
        fitted on offers, so on ordinary chat its score says little (docs/screening.md).
        """
        b0, b1, b2 = (float(v) for v in self.model.combiner)
        z = b0 + b1 * logit + b2 * a.rule_score
        v = self._verdict
        # Red flags quoted by news, a warning post or a personal story are not evidence.
        evidence = 0.0
        if a.context.dampening >= 1.0:
            evidence = sum(h.weight for h in a.hits if h.rule.polarity == "risk")
        if evidence < float(v.get("min_rule_evidence", 0.0)):
            z -= float(v.get("no_flag_discount", 0.0))
            # Inside news or a warning post, a hub or a route is only quoted: only real
            # offer wording keeps the text from counting as "not an offer".
            offer = a.context.offer if a.context.dampening >= 1.0 else a.context.offer_words
            if not offer:
                z -= float(v.get("not_offer_discount", 0.0))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def _verdict_for(self, risk: float, indicators: list[Indicator]) -> str:
        strong = any(
            i.polarity == "risk" and i.weight >= float(self._verdict["strong_weight"])
            for i in indicators
        )
        if risk >= float(self._verdict["high"]) and strong:
            return "high"
        if risk >= float(self._verdict["medium"]):
            return "medium"
        return "low"

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
            if not term.startswith("w:") or term[2:].isdigit() or "0" in term:
                continue
            word = term[2:]
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
        return [dict(item["text"]) for item in self.engine.rules.advice if item["when"] in active]

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


def reset_default_screener() -> None:
    """Forget the process-wide Screener (after retraining, or in tests)."""
    global _default
    with _lock:
        _default = None


def screen(text: str, lang: str | None = None) -> Assessment:
    """Screen ``text`` with the default Screener (see :class:`Screener`)."""
    return get_default_screener().screen(text, lang)
