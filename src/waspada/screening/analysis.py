"""The rule side of screening: normalise, extract entities, fire rules, sum their weights."""

from __future__ import annotations

from dataclasses import dataclass

from .entities import Entities, extract_entities
from .gazetteer import Gazetteer, default_gazetteer
from .model import THIRD_PARTY_TYPES
from .normalize import NormText, normalize
from .registry import AgencyRegistry, load_registry
from .rules import Context, Hit, RuleSet, default_rules


@dataclass
class Analysis:
    """Everything the rules found in one text."""

    nt: NormText
    entities: Entities
    hits: list[Hit]
    context: Context

    @property
    def rule_score(self) -> float:
        """Sum of the weights of the rules that fired (log-odds units)."""
        return float(sum(h.weight for h in self.hits))


class RuleEngine:
    """Rules, gazetteer and agency registry bundled; stateless and safe to share."""

    def __init__(
        self,
        rules: RuleSet | None = None,
        gazetteer: Gazetteer | None = None,
        registry: AgencyRegistry | None = None,
    ) -> None:
        self.rules = rules or default_rules()
        self.gazetteer = gazetteer or default_gazetteer()
        self.registry = registry or load_registry()

    def analyze(self, text: str) -> Analysis:
        """Run the rules on ``text`` (already checked for size)."""
        nt = normalize(text)
        ents = extract_entities(text, nt, self.gazetteer, self.registry)
        hits, ctx = self.rules.evaluate(nt, ents, self.gazetteer)
        return Analysis(nt, ents, hits, ctx)


def combiner_features(logit: float, types: dict[str, float], analysis: Analysis) -> list[float]:
    """The features of :data:`COMBINER_FEATURES` for one text."""
    risk = sum(h.weight for h in analysis.hits if h.rule.polarity == "risk")
    mitigating = sum(h.weight for h in analysis.hits if h.rule.polarity != "risk")
    third = sum(types.get(t, 0.0) for t in THIRD_PARTY_TYPES)
    question, chat = types.get("question", 0.0), types.get("chat", 0.0)
    return [logit, risk, mitigating, third, question, third * risk, chat]
