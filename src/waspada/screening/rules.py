"""Red-flag rules loaded from ``data/rules.json`` and evaluated on a normalised text."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .datafiles import load_json
from .entities import Entities
from .errors import RulesFormatError
from .gazetteer import Gazetteer
from .normalize import NormText
from .wordscan import ScanGroup, WordScanner

MAX_EVIDENCE = 6
_DETECTORS = frozenset(
    {
        "pattern",
        "non_placement_country",
        "scam_hub",
        "desk_role_in_risky_country",
        "unrealistic_pay",
        "foreign_phone",
        "unregistered_agency",
        "registered_agency",
        "recruiter_itinerary",
    }
)

# Optional context patterns for the itinerary detector (rules.json → context).
_TRAVEL_CONTEXT = (
    "addressee",
    "arranged",
    "border_crossing",
    "onward",
    "flight",
    "tourism",
    "pretend",
)
# Optional context patterns of rules 2025.4.0: strict job wording, and the wording of a sale of
# goods, services or travel (a caterer's "DP 50%", a ticket promo to Phnom Penh).
# Rules 2025.4.1: ``workplace`` (a description of the place of work: compound, site, office,
# boss, shift…) gives the workplace-control rules their overseas weight.
_SALE_CONTEXT = ("job", "commerce", "workplace")
# Rules 2026.1.0: ``skilled`` (senior, engineer, years of experience, licensed seafarer ranks…)
# makes high pay plausible; ``negated_overseas`` ("bukan kerja luar negeri") is no pointer
# abroad.
_OTHER_CONTEXT = ("skilled", "negated_overseas")


@dataclass(frozen=True)
class Rule:
    code: str
    detector: str
    polarity: str  # "risk" or "mitigating"
    weight: float
    weight_overseas: float
    source: str
    source_reference: str
    title: dict[str, str]
    explanation: dict[str, str]
    pattern: re.Pattern[str] | None = None
    negate_before: bool = False
    negate_after: bool = False
    # Negated anywhere earlier in the same clause (rules 2025.4.2): "Kami TIDAK menerima
    # pendaftaran lewat DM pribadi atau transfer ke rekening perorangan".
    negate_clause: bool = False
    min_distinct: int = 1
    # A mitigating rule may scale down the risk rules when it is clearly present
    # (a news report quotes every red flag without offering anything).
    dampen_min_distinct: int = 0
    dampen_factor: float = 1.0
    # Describes the content of a job offer: ignored in a text with no offer wording at all
    # ("jemput di bandara" between friends is not a red flag).
    needs_offer: bool = False
    # A mitigating sign that is no reassurance when one of these red flags fired (scammers
    # name P3MI or "visa kerja" and still want the money in a personal account).
    suppressed_by: tuple[str, ...] = ()
    # Ignored in a sale of goods, services or travel with no job wording (rules 2025.4.0):
    # a caterer's down payment is not a recruitment fee.
    not_in_commerce: bool = False
    # Rules 2025.4.1: evidence of this rule that overlaps evidence of one of these rules is
    # dropped ("jangan lewat jalur ilegal" is advice, not a bypass; "paspor aku yang pegang
    # sendiri" is no retention). Only the overlapping spans go: the rest of the text still counts.
    overridden_by: tuple[str, ...] = ()
    # Rules 2025.4.1: takes ``weight_overseas`` when the text describes a place of work, even
    # with no country named (phones taken at the gate, leaving the site only with an escort).
    workplace_weight: bool = False
    # ``pattern`` run only at the words it can begin with (wordscan.py): same matches.
    scan: WordScanner | None = None
    # Rules 2026.1.0: the concept a red flag belongs to ("domestic_fraud" turns on the
    # domestic-fraud advice), or "".
    concept: str = ""


@dataclass
class Hit:
    """A rule that fired, with its evidence as spans of the original text."""

    rule: Rule
    weight: float
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    offer: bool
    overseas: bool
    # Job-offer or recruitment wording proper ("lowongan", "gaji", "komen minat"…); ``offer``
    # is also true for travel instructions to a scam hub or across a border (``itinerary``).
    offer_words: bool = False
    # Evidence of a recruiter's itinerary addressed to the reader (rules 2025.3.0): a flight
    # abroad then overland / across a border, a scam hub, or "ada yang jemput / sudah diatur".
    itinerary: tuple[tuple[int, int], ...] = ()
    # A sale of goods, services or travel with no job wording (rules 2025.4.0): not an offer
    # of work, whatever it names (a destination, a down payment, "daftar via DM").
    commerce: bool = False


def _compile(alternatives: list[str], where: str) -> re.Pattern[str]:
    try:
        return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])")
    except re.error as exc:
        raise RulesFormatError(f"bad pattern in {where}: {exc}") from exc


@dataclass(frozen=True)
class RuleSet:
    version: str
    rules: tuple[Rule, ...]
    advice: tuple[dict[str, Any], ...]
    negation_before: re.Pattern[str]
    negation_after: re.Pattern[str]
    negation_clause: re.Pattern[str] | None
    offer_re: re.Pattern[str]
    overseas_re: re.Pattern[str]
    desk_re: re.Pattern[str]
    pay: dict[str, float]
    # Itinerary context (rules 2025.3.0): name -> pattern (addressee, arranged,
    # border_crossing, onward, flight, tourism, pretend).
    travel_re: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # Sale context (rules 2025.4.0): "job" and "commerce" patterns.
    sale_re: dict[str, re.Pattern[str]] = field(default_factory=dict)
    other_re: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # The context patterns, run only at their candidate words (wordscan.py).
    _offer: WordScanner = field(init=False, repr=False, compare=False)
    _overseas: WordScanner = field(init=False, repr=False, compare=False)
    _desk: WordScanner = field(init=False, repr=False, compare=False)
    _travel: dict[str, WordScanner] = field(init=False, repr=False, compare=False)
    _sale: dict[str, WordScanner] = field(init=False, repr=False, compare=False)
    # The pattern rules' candidate words, found at once per text.
    _rule_scans: ScanGroup = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("offer", "overseas", "desk"):
            object.__setattr__(self, f"_{name}", WordScanner(getattr(self, f"{name}_re")))
        travel = {k: WordScanner(p) for k, p in self.travel_re.items()}
        object.__setattr__(self, "_travel", travel)
        sale = {k: WordScanner(p) for k, p in self.sale_re.items()}
        object.__setattr__(self, "_sale", sale)
        group = ScanGroup(r.scan for r in self.rules if r.scan is not None)
        object.__setattr__(self, "_rule_scans", group)

    def rule(self, code: str) -> Rule:
        for r in self.rules:
            if r.code == code:
                return r
        raise KeyError(code)

    def context(self, nt: NormText, ents: Entities, gaz: Gazetteer) -> Context:
        """Is the text a job offer at all, and does it point abroad?"""
        foreign_place = any(p.destination and p.country != "ID" for p in ents.place_mentions)
        foreign_phone = any(p["country"] != "ID" for p in ents.phones)
        foreign_pay = any(m.currency != "IDR" and m.role != "fee" for m in ents.money)
        overseas = bool(foreign_place or foreign_phone or foreign_pay)
        if not overseas and self._overseas.search(nt.text, nt.word_index):
            # "Bukan kerja luar negeri" says the opposite (rules 2026.1.0).
            negated = self.other_re.get("negated_overseas")
            words = self._overseas.finditer(nt.text, nt.word_index)
            overseas = negated is None or any(
                not negated.search(nt.text[max(0, m.start() - 30) : m.end()]) for m in words
            )
        commerce = self._commerce(nt)
        offer = not commerce and bool(self._offer.search(nt.text, nt.word_index))
        hub_offer, itinerary = (
            self._itinerary(nt, ents, gaz, offer) if foreign_place and not commerce else (False, [])
        )
        return Context(
            offer=offer or hub_offer or bool(itinerary),
            overseas=overseas,
            offer_words=offer,
            itinerary=tuple(itinerary),
            commerce=commerce,
        )

    def _commerce(self, nt: NormText) -> bool:
        """A sale of goods, services or travel, with no job or recruitment wording at all."""
        sale, job = self._sale.get("commerce"), self._sale.get("job")
        if sale is None or not sale.search(nt.text, nt.word_index):
            return False
        return job is None or not job.search(nt.text, nt.word_index)

    def _travel_spans(self, name: str, nt: NormText) -> list[tuple[int, int]]:
        scan = self._travel.get(name)
        if scan is None:
            return []
        return [m.span() for m in scan.finditer(nt.text, nt.word_index)]

    def _itinerary(
        self, nt: NormText, ents: Entities, gaz: Gazetteer, offer: bool
    ) -> tuple[bool, list[tuple[int, int]]]:
        """Travel instructions that are recruitment/transport context by themselves.

        Returns (a scam hub is the destination, evidence spans of an itinerary addressed to
        the reader). An itinerary needs the reader addressed ("kamu", "kak", "nanti") or
        arrangement wording ("ada yang jemput", "sudah diatur", "bawa paspor") and one of: a
        scam hub as destination; an overland / border crossing with a foreign place; a flight
        abroad plus arrangement wording, with the reader addressed. Tourism wording without any
        offer wording (and without "bilang saja liburan") cancels it: a holiday in Bangkok is
        not an itinerary.
        """
        foreign = [p for p in ents.place_mentions if p.destination and p.country != "ID"]
        hubs = [p for p in foreign if p.kind == "hub"]
        tourism = not offer and bool(self._travel_spans("tourism", nt))
        if tourism and not self._travel_spans("pretend", nt):
            return False, []
        arranged = self._travel_spans("arranged", nt)
        addressed = bool(arranged) or bool(self._travel_spans("addressee", nt))
        if not addressed:
            # A hub named with nobody addressed and no offer wording is a mention ("kakakku
            # ngajar di Phnom Penh"), not recruitment (rules 2025.4.1).
            return False, []
        border = self._travel_spans("border_crossing", nt)
        onward = self._travel_spans("onward", nt)
        flight = self._travel_spans("flight", nt)
        evidence: list[tuple[int, int]] = []
        if hubs:
            evidence = border + onward + arranged + [(p.nstart, p.nend) for p in hubs]
        elif border:
            evidence = border + onward + arranged
        elif flight and arranged and self._travel_spans("addressee", nt):
            evidence = flight[:2] + arranged
        spans = [nt.span(s, e) for s, e in evidence]
        return bool(hubs), [sp for sp in spans if sp[1] > sp[0]]

    def evaluate(self, nt: NormText, ents: Entities, gaz: Gazetteer) -> tuple[list[Hit], Context]:
        """Return the rules that fire on the text, with evidence, and the text's context."""
        ctx = self.context(nt, ents, gaz)
        hits: list[Hit] = []
        fired: set[str] = set()
        # Pattern rules whose first words occur in the text; the others cannot match.
        found = self._rule_scans.candidates(nt.word_index)
        workplace: bool | None = None  # computed once, only when a rule asks
        for rule in self.rules:
            weight = rule.weight_overseas if ctx.overseas else rule.weight
            if rule.workplace_weight and not ctx.overseas:
                if workplace is None:
                    scan = self._sale.get("workplace")
                    workplace = scan is not None and bool(scan.search(nt.text, nt.word_index))
                if workplace:
                    weight = rule.weight_overseas
            if weight == 0 or (rule.needs_offer and not ctx.offer):
                continue
            if rule.not_in_commerce and ctx.commerce:
                continue
            if rule.scan is not None:
                if rule.scan not in found:
                    continue  # none of the words it can begin with is in the text
                spans = self._pattern(rule, nt, found[rule.scan])
            else:
                spans = self._detect(rule, nt, ents, gaz, ctx, fired)
            if spans:
                uniq = sorted(set(spans))[:MAX_EVIDENCE]
                hits.append(Hit(rule, weight, uniq))
                fired.add(rule.code)
        if any(h.rule.overridden_by for h in hits):
            hits = _drop_overridden(hits)
            fired = {h.rule.code for h in hits}
        # A personal-account fee cancels official-sounding reassurance. Whether red flags are
        # only quoted (news, a warning, a story) is the text-type model's job since rules
        # 2026.1.0, not a phrase list's: the rules report what they see.
        hits = [h for h in hits if not fired.intersection(h.rule.suppressed_by)]
        return hits, ctx

    # -- detectors -----------------------------------------------------------------------
    def _detect(
        self,
        rule: Rule,
        nt: NormText,
        ents: Entities,
        gaz: Gazetteer,
        ctx: Context,
        fired: set[str],
    ) -> list[tuple[int, int]]:
        """The evidence of a rule with a detector other than ``pattern``."""
        d = rule.detector
        if d == "pattern":
            return self._pattern(rule, nt, None)
        if d == "non_placement_country":
            if not ctx.offer:
                return []
            return [
                nt.span(p.nstart, p.nend)
                for p in ents.place_mentions
                if p.destination and gaz.countries.get(p.country) is not None
                if gaz.countries.get(p.country) is not None
                and gaz.countries[p.country].placement == "not_official"
            ]
        if d == "scam_hub":
            if not ctx.offer:
                return []
            return [
                nt.span(p.nstart, p.nend)
                for p in ents.place_mentions
                if p.destination and p.kind == "hub"
            ]
        if d == "desk_role_in_risky_country":
            risky = [
                p
                for p in ents.place_mentions
                if p.destination
                and p.country in gaz.countries
                and gaz.countries[p.country].scam_risk
            ]
            if not risky:
                return []
            roles = [nt.span(*m.span()) for m in self._desk.finditer(nt.text, nt.word_index)]
            if not roles:
                return []
            return roles[:3] + [nt.span(p.nstart, p.nend) for p in risky][:3]
        if d == "unrealistic_pay":
            return self._pay(nt, ents, gaz, ctx, fired)
        if d == "foreign_phone":
            return [
                (p["start"], p["end"])
                for p in ents.phones
                if p["country"] in gaz.countries and gaz.countries[p["country"]].scam_risk
            ]
        if d == "unregistered_agency":
            if not ctx.overseas:
                return []
            return [
                (c["start"], c["end"])
                for c in ents.companies
                if c["name"][:2].lower() == "pt" and not c["registered"]
            ]
        if d == "recruiter_itinerary":
            return list(ctx.itinerary)
        if d == "registered_agency":
            return [(c["start"], c["end"]) for c in ents.companies if c["registered"]]
        return []

    @staticmethod
    def _matches(rule: Rule, nt: NormText) -> list[re.Match[str]]:
        assert rule.pattern is not None
        if rule.scan is None:
            return list(rule.pattern.finditer(nt.text))
        return rule.scan.finditer(nt.text, nt.word_index)

    def _clause_negated(self, text: str, start: int) -> bool:
        """A refusal earlier in the clause that holds ``start`` (up to punctuation)."""
        neg = self.negation_clause
        if neg is None:
            return False
        before = text[max(0, start - 160) : start]
        cut = max(before.rfind(c) for c in ".;:!?\n")
        return bool(neg.search(before[cut + 1 :]))

    def _pattern(
        self, rule: Rule, nt: NormText, found: Collection[str] | None
    ) -> list[tuple[int, int]]:
        text = nt.text
        spans: list[tuple[int, int]] = []
        distinct: set[str] = set()
        matches = (
            rule.scan.finditer(text, nt.word_index, found)
            if rule.scan is not None
            else self._matches(rule, nt)
        )
        for m in matches:
            s, e = m.span()
            if rule.negate_before and self.negation_before.search(text[max(0, s - 40) : s]):
                continue
            if rule.negate_after and self.negation_after.search(text[e : e + 100]):
                continue
            if rule.negate_clause and self._clause_negated(text, s):
                continue
            span = nt.span(s, e)
            if span[1] > span[0]:
                spans.append(span)
                distinct.add(m.group())
        if len(distinct) < rule.min_distinct:
            return []
        return spans

    def _pay(
        self, nt: NormText, ents: Entities, gaz: Gazetteer, ctx: Context, fired: set[str]
    ) -> list[tuple[int, int]]:
        salaries = [m for m in ents.money if m.role != "fee" and m.monthly_usd > 0]
        if not salaries:
            return []
        light = "LIGHT_REQUIREMENTS" in fired or bool(self._desk.search(nt.text, nt.word_index))
        if not (light or ctx.overseas):
            return []
        skilled = self.other_re.get("skilled")
        if "LIGHT_REQUIREMENTS" not in fired and skilled is not None and skilled.search(nt.text):
            # A senior developer's or a licensed officer's pay is no lure (rules 2026.1.0).
            return []
        typical = [
            gaz.countries[p.country].typical_entry_usd
            for p in ents.place_mentions
            if p.destination and p.country in gaz.countries and p.country != "ID"
        ]
        if typical:
            base = min(typical)
        elif ctx.overseas:
            base = self.pay["unknown_overseas_typical_usd"]
        else:
            base = self.pay["domestic_typical_usd"]
        limit = max(self.pay["min_monthly_usd"], self.pay["ratio"] * base)
        return [(m.start, m.end) for m in salaries if m.monthly_usd >= limit]


def _drop_overridden(hits: list[Hit]) -> list[Hit]:
    """Remove evidence that overlaps the evidence of an overriding rule; a hit left with no
    evidence is dropped."""
    by_code = {h.rule.code: h.spans for h in hits}
    out: list[Hit] = []
    for h in hits:
        other = [sp for c in h.rule.overridden_by for sp in by_code.get(c, ())]
        if other:
            h.spans = [s for s in h.spans if not any(s[0] < e and b < s[1] for b, e in other)]
            if not h.spans:
                continue
        out.append(h)
    return out


def parse_rules(data: dict[str, Any]) -> RuleSet:
    """Build a RuleSet from the parsed rules JSON, validating it loudly."""
    try:
        sources = data["sources"]
        ctx = data["context"]
        rules: list[Rule] = []
        seen: set[str] = set()
        for raw in data["rules"]:
            code = raw["code"]
            if code in seen:
                raise RulesFormatError(f"duplicate rule code {code}")
            seen.add(code)
            if raw["detector"] not in _DETECTORS:
                raise RulesFormatError(f"{code}: unknown detector {raw['detector']}")
            src = sources[raw["source"]]
            for part in ("title", "explanation"):
                if not raw[part].get("id") or not raw[part].get("en"):
                    raise RulesFormatError(f"{code}: {part} needs 'id' and 'en'")
            pattern = _compile(raw["patterns"], code) if raw["detector"] == "pattern" else None
            weight = float(raw["weight"])
            risk = raw.get("polarity", "risk") == "risk"
            rules.append(
                Rule(
                    code=code,
                    detector=raw["detector"],
                    polarity=raw.get("polarity", "risk"),
                    weight=weight,
                    weight_overseas=float(raw.get("weight_overseas", weight)),
                    source=src["authority"],
                    source_reference=src["reference"],
                    title=dict(raw["title"]),
                    explanation=dict(raw["explanation"]),
                    pattern=pattern,
                    # Rules 2026.1.0: every red flag is negated by a negation just before it
                    # and by a refusal earlier in its clause unless the rule says otherwise.
                    negate_before=bool(raw.get("negate_before", risk)),
                    negate_after=bool(raw.get("negate_after", False)),
                    negate_clause=bool(raw.get("negate_clause", risk)),
                    min_distinct=int(raw.get("min_distinct", 1)),
                    scan=WordScanner(pattern) if pattern is not None else None,
                    needs_offer=bool(raw.get("needs_offer", False)),
                    suppressed_by=tuple(str(c) for c in raw.get("suppressed_by", ())),
                    not_in_commerce=bool(raw.get("not_in_commerce", False)),
                    overridden_by=tuple(str(c) for c in raw.get("overridden_by", ())),
                    workplace_weight=bool(raw.get("workplace_weight", False)),
                    concept=str(raw.get("concept", "")),
                )
            )
        for r in rules:
            unknown = set(r.suppressed_by) - seen
            if unknown:
                raise RulesFormatError(f"{r.code}: suppressed_by unknown rules {sorted(unknown)}")
            unknown = set(r.overridden_by) - seen
            if unknown:
                raise RulesFormatError(f"{r.code}: overridden_by unknown rules {sorted(unknown)}")
        return RuleSet(
            version=str(data["version"]),
            rules=tuple(rules),
            advice=tuple(data["advice"]),
            negation_before=re.compile(ctx["negation_before"]),
            negation_after=re.compile(ctx["negation_after"]),
            negation_clause=(
                re.compile(ctx["negation_clause"]) if "negation_clause" in ctx else None
            ),
            offer_re=_compile([ctx["offer"]], "context.offer"),
            overseas_re=_compile([ctx["overseas"]], "context.overseas"),
            desk_re=_compile([ctx["desk_roles"]], "context.desk_roles"),
            travel_re={
                name: _compile([ctx[name]], f"context.{name}")
                for name in _TRAVEL_CONTEXT
                if name in ctx
            },
            sale_re={
                name: _compile([ctx[name]], f"context.{name}")
                for name in _SALE_CONTEXT
                if name in ctx
            },
            other_re={
                name: _compile([ctx[name]], f"context.{name}")
                for name in _OTHER_CONTEXT
                if name in ctx
            },
            pay={k: float(v) for k, v in data["pay"].items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, RulesFormatError):
            raise
        raise RulesFormatError(f"rules file is malformed: {exc!r}") from exc


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """Return the rules shipped in ``data/rules.json``."""
    return parse_rules(load_json("rules.json"))


@lru_cache(maxsize=1)
def indicator_titles() -> dict[str, dict[str, str]]:
    """The title of every indicator the shipped rules can raise, by code, as
    ``{"id": ..., "en": ...}``: for showing stored codes (a reviewer's queue) to people."""
    data = load_json("rules.json")
    titles = {rule.code: dict(rule.title) for rule in default_rules().rules}
    model = data.get("model_indicator") or {}
    if model.get("code"):
        titles[model["code"]] = dict(model["title"])
    return titles
