"""Destination countries, scam hubs and cities found in a normalised text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .datafiles import load_json
from .normalize import NormText
from .wordscan import WordScanner


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name_id: str
    name_en: str
    placement: str  # home / official / check / not_official
    scam_risk: bool
    typical_entry_usd: float


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One mention of a place; offsets are into the normalised text."""

    name: str
    country: str
    kind: str  # country / hub / city / transit
    nstart: int
    nend: int
    destination: bool  # False when the words around it show it is not where the job is


# A country named after these words is usually not the place of work
# ("PMA Jepang", "bahasa Mandarin", "produk Korea", "masakan Thailand").
_NOT_DESTINATION_BEFORE = re.compile(
    r"(?:pma|asal|produk|produsen|bahasa|berbahasa|makanan|masakan|restoran|resto|kuliner|sastra|"
    r"budaya|distributor|merek|brand|import|impor|ekspor|export|prinsipal|principal|investor|"
    r"modal|mitra|buyer|klien|client|standar|style|gaya|menu|drama|film|lagu|kedutaan|kbri|"
    r"kjri|embassy|pulang dari|kembali dari|returned from)\W*$"
)


@dataclass(frozen=True)
class Gazetteer:
    version: str
    countries: dict[str, Country]
    pattern: re.Pattern[str]
    by_variant: dict[str, tuple[str, str, str]]  # variant -> (name, country, kind)
    dial_codes: dict[str, str]
    usd_per_unit: dict[str, float]
    _scan: WordScanner = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # ``pattern`` tried only at the words a place name can begin with (wordscan.py).
        object.__setattr__(self, "_scan", WordScanner(self.pattern))

    def find(self, nt: NormText) -> list[PlaceMention]:
        """Return every place mentioned in ``nt`` in text order."""
        found: list[PlaceMention] = []
        text = nt.text
        for m in self._scan.finditer(text, nt.word_index):
            name, country, kind = self.by_variant[m.group()]
            before = text[max(0, m.start() - 24) : m.start()]
            dest = not _NOT_DESTINATION_BEFORE.search(before)
            found.append(PlaceMention(name, country, kind, m.start(), m.end(), dest))
        return found


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """Return the gazetteer built from ``data/places.json``."""
    data = load_json("places.json")
    countries: dict[str, Country] = {}
    by_variant: dict[str, tuple[str, str, str]] = {}
    for c in data["countries"]:
        countries[c["code"]] = Country(
            c["code"],
            c["name"]["id"],
            c["name"]["en"],
            c["placement"],
            bool(c["scam_risk"]),
            float(c["typical_entry_usd"]),
        )
        for v in c["variants"]:
            by_variant[v] = (c["name"]["en"], c["code"], "country")
    for p in data["places"]:
        for v in p["variants"]:
            by_variant[v] = (p["name"], p["country"], p["kind"])
    # Longest variants first so "korea selatan" wins over "korea".
    alts = "|".join(re.escape(v) for v in sorted(by_variant, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'])(?:{alts})(?![\w'])")
    return Gazetteer(
        version=str(data["version"]),
        countries=countries,
        pattern=pattern,
        by_variant=by_variant,
        dial_codes={str(k): str(v) for k, v in data["dial_codes"].items()},
        usd_per_unit={k: float(v) for k, v in data["currencies"]["usd_per_unit"].items()},
    )
