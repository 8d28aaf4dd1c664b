"""Contact details, places, money and company names extracted from an offer.

These feed the rules (a +855 number, a hub city, a salary) and, through the assessment,
Waspada's recruitment intelligence (one recruiter seen in many places).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .gazetteer import Gazetteer, PlaceMention
from .money import Money, find_money
from .normalize import NormText
from .registry import AgencyRegistry

_PHONE_RE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d \t().-]{7,18}\d(?!\w)")
_DIGITS_RE = re.compile(r"\d+")
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_LINK_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![\w@.])(?:wa\.me|t\.me|telegram\.me|line\.me|bit\.ly|s\.id|tinyurl\.com|linktr\.ee|"
    r"forms\.gle|chat\.whatsapp\.com|m\.me|fb\.me)/[^\s<>\"']+"
    r"|(?<![\w@.])[a-z0-9-]{2,}\.(?:com|co\.id|id|net|org|info|xyz|site|online|top|vip|io|ly|cc)"
    r"(?:/[^\s<>\"']*)?(?![\w.])",
    re.IGNORECASE,
)
# Text every link contains: "://", "www." or a dot followed by a letter ("wa.me", ".com").
# With the same IGNORECASE flag it accepts every character the link pattern's letters accept.
# Most messages have none, and a search for it is far cheaper than _LINK_RE's scan, which
# its look-behinds make restart at every character.
_LINK_GATE_RE = re.compile(r"://|www\.|\.[a-z]", re.IGNORECASE)
_HANDLE_RE = re.compile(r"(?<![\w.@/])@([A-Za-z0-9_][A-Za-z0-9_.]{2,31})")
_PLATFORM_ID_RE = re.compile(
    r"\b(?P<p>telegram|tele|tg|line|wechat|ig|instagram|tiktok|facebook|fb)\s*(?:id)?\s*[:=]\s*@?"
    r"(?P<h>[A-Za-z0-9_][A-Za-z0-9_.]{2,31})",
    re.IGNORECASE,
)
_PT_RE = re.compile(r"(?<![\w.])(?:PT|P\.T|Pt|pt|CV|cv)\.?[ \t]+(?=\w)")
_SUFFIX_CO_RE = re.compile(
    r"((?:[A-Z][\w&'-]*[ \t]+){0,4}[A-Z][\w&'-]*)[ \t]*,?[ \t]+"
    r"(Co\.?,?[ \t]*Ltd\.?|Company Limited|Sdn\.?[ \t]*Bhd\.?|Pte\.?[ \t]*Ltd\.?"
    r"|Ltd\.?|Inc\.|Corp\.)"
)
_COMPANY_STOP = frozenset(
    [
        "di",
        "yang",
        "adalah",
        "sedang",
        "membuka",
        "membutuhkan",
        "butuh",
        "mencari",
        "kami",
        "ini",
        "itu",
        "untuk",
        "ke",
        "dari",
        "dengan",
        "is",
        "in",
        "at",
        "for",
        "the",
        "a",
        "an",
        "hiring",
        "recruitment",
        "rekrut",
        "bergerak",
        "merupakan",
        "berizin",
        "terdaftar",
        "lowongan",
        "no",
        "nomor",
        "izin",
        "sebagai",
        "juga",
        "telah",
        "sudah",
        "akan",
        "kerja",
        "bekerja",
        "gaji",
        "via",
        "lewat",
    ]
)
_TRUNK = {"08": "62"}
# Literal text each pattern cannot match without. These regexes start with a look-behind,
# so ``re`` tries them at every character; a plain ``in`` test skips most texts cheaply.
_PT_MARKS = ("PT", "P.T", "Pt", "pt", "CV", "cv")
_SUFFIX_MARKS = ("Co", "Sdn", "Pte", "Ltd", "Inc.")  # "Co" covers Co., Company and Corp.


@dataclass(slots=True)
class Entities:
    """Everything extracted from one text; offsets are into the original text."""

    phones: list[dict[str, Any]] = field(default_factory=list)
    handles: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    emails: list[dict[str, Any]] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    companies: list[dict[str, Any]] = field(default_factory=list)
    place_mentions: list[PlaceMention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "phones": self.phones,
            "handles": self.handles,
            "links": self.links,
            "emails": self.emails,
            "money": [m.to_dict() for m in self.money],
            "places": self.places,
            "companies": self.companies,
        }


def _phone_country(raw: str, digits: str, dial: dict[str, str]) -> tuple[str, str] | None:
    """Return (E.164-ish number, ISO country) or None when it does not look like a phone."""
    intl = raw.startswith("+") or raw.startswith("00")
    if raw.startswith("00"):
        digits = digits[2:]
    if not intl and digits.startswith("08") and 10 <= len(digits) <= 13:
        return "+62" + digits[1:], "ID"
    if not intl and not digits.startswith("62"):
        return None
    for n in (3, 2, 1):
        code = digits[:n]
        if code in dial and 8 <= len(digits) - n <= 12:
            return "+" + digits, dial[code]
    return None


def _phone_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_PHONE_RE.finditer(text)``, tried only where one can start.

    Its look-behind makes ``re`` retry the pattern at every character; but a match starts at
    the first digit of a run of digits (nothing word-like or "+" before it) or at the "+"
    just before one, so trying those positions in order, resuming after each match, gives
    the same matches.
    """
    end = 0
    for run in _DIGITS_RE.finditer(text):
        start = run.start()
        if start and text[start - 1] == "+":
            start -= 1
        if start < end:
            continue
        m = _PHONE_RE.match(text, start)
        if m is not None:
            yield m
            end = m.end()


def _companies(text: str, registry: AgencyRegistry) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    pt_matches = _PT_RE.finditer(text) if any(k in text for k in _PT_MARKS) else ()
    for m in pt_matches:
        informal = m.group().strip(". \t").islower()
        words: list[tuple[int, int]] = []
        for w in re.finditer(r"[^\W_][\w&'-]*", text[m.end() : m.end() + 80]):
            tok = w.group()
            if tok.lower() in _COMPANY_STOP or len(words) >= 5:
                break
            if not informal and not (tok[0].isupper() or tok[0].isdigit()):
                break
            between = text[m.end() + (words[-1][1] if words else 0) : m.end() + w.start()]
            if words and (len(between) > 2 or any(ch in between for ch in "\n,(/|;:")):
                break
            words.append(w.span())
        if informal:
            words = words[:3]
        if not words:
            continue
        start, end = m.start(), m.end() + words[-1][1]
        name = text[start:end]
        agency = None
        # The capture may run one word too far ("PT Maju Jaya Membuka"): try shorter names.
        for k in range(len(words), 0, -1):
            agency = registry.lookup(text[start : m.end() + words[k - 1][1]])
            if agency:
                break
        found.append(
            {
                "name": name,
                "start": start,
                "end": end,
                "registered": bool(agency and agency.active),
                "license_number": agency.license_number if agency else None,
                "registry_status": agency.status if agency else None,
            }
        )
    suffix_matches = _SUFFIX_CO_RE.finditer(text) if any(k in text for k in _SUFFIX_MARKS) else ()
    for m in suffix_matches:
        found.append(
            {
                "name": m.group(),
                "start": m.start(),
                "end": m.end(),
                "registered": False,
                "license_number": None,
                "registry_status": None,
            }
        )
    return found


def extract_entities(
    text: str, nt: NormText, gazetteer: Gazetteer, registry: AgencyRegistry
) -> Entities:
    """Extract contacts, money, places and companies from ``text``."""
    ents = Entities()
    ents.money = find_money(text, gazetteer.usd_per_unit)
    taken = [(m.start, m.end) for m in ents.money]
    has_at = "@" in text  # needed by e-mails and @handles
    for m in _EMAIL_RE.finditer(text) if has_at else ():
        ents.emails.append({"text": m.group(), "start": m.start(), "end": m.end()})
        taken.append(m.span())
    for m in _LINK_RE.finditer(text) if _LINK_GATE_RE.search(text) else ():
        s, e = m.span()
        if any(a <= s < b for a, b in taken):
            continue
        raw = m.group().rstrip(".,;:!?)")
        ents.links.append({"text": raw, "start": s, "end": s + len(raw)})
        taken.append((s, s + len(raw)))
    # A phone inside a wa.me link is still the recruiter's phone; inside an amount it is not.
    blocked = [(a, b) for a, b in taken if not text[a:b].lower().startswith("wa.me")]
    for m in _phone_matches(text):
        s, e = m.span()
        if any(a < e and s < b for a, b in blocked):
            continue
        raw = m.group()
        parsed = _phone_country(raw, re.sub(r"\D", "", raw), gazetteer.dial_codes)
        if parsed:
            number, country = parsed
            ents.phones.append(
                {"text": raw, "start": s, "end": e, "number": number, "country": country}
            )
    for m in _HANDLE_RE.finditer(text) if has_at else ():
        ents.handles.append(
            {"text": m.group(), "start": m.start(), "end": m.end(), "platform": None}
        )
    platform_ids = _PLATFORM_ID_RE.finditer(text) if ":" in text or "=" in text else ()
    for m in platform_ids:
        if any(h["start"] <= m.start("h") < h["end"] for h in ents.handles):
            continue
        ents.handles.append(
            {
                "text": m.group("h"),
                "start": m.start("h"),
                "end": m.end("h"),
                "platform": m.group("p").lower(),
            }
        )
    for pm in gazetteer.find(nt):
        s, e = nt.span(pm.nstart, pm.nend)
        if e <= s:
            continue
        ents.place_mentions.append(pm)
        ents.places.append(
            {
                "text": text[s:e],
                "start": s,
                "end": e,
                "name": pm.name,
                "country": pm.country,
                "kind": pm.kind,
                "destination": pm.destination,
            }
        )
    ents.companies = _companies(text, registry)
    return ents
