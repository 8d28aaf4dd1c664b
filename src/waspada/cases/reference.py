"""Reference lists (shipped as a versioned data file) and ISO 3166-1 countries (pycountry)."""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

import pycountry

from waspada.reference_data import ReferenceFile, active_language

_FILE = ReferenceFile(Path(__file__).resolve().parent / "data" / "reference.json")
version = _FILE.version
codes = _FILE.codes
choices = _FILE.choices
label = _FILE.label
item = _FILE.item
code_for = _FILE.code_for


_AUDIT_ACTIONS = ReferenceFile(Path(__file__).resolve().parent / "data" / "audit_actions.json")


def audit_action_label(action: str) -> str:
    """The label of an audit action on the case's audit tab; the code when it has none."""
    return _AUDIT_ACTIONS.label("actions", action)


_COUNTRIES = ReferenceFile(Path(__file__).resolve().parent / "data" / "countries.json")


@lru_cache(maxsize=2)
def _country_names(language: str) -> list[tuple[str, str]]:
    """ISO 3166-1 countries named as the Indonesian government writes them ("Tiongkok",
    "Timor-Leste"; ``data/countries.json``), else pycountry's translation; by name."""
    translate = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    ).gettext
    own = _COUNTRIES.data["names"]
    names = [
        (c.alpha_2, own[c.alpha_2][language] if c.alpha_2 in own else translate(c.name))
        for c in pycountry.countries
    ]
    return sorted(names, key=lambda pair: pair[1])


def country_choices() -> list[tuple[str, str]]:
    """Every country, the priority destinations of online-scam cases first (Kamboja, Myanmar,
    Laos, Filipina, Thailand, Malaysia), then the rest by name."""
    names = _country_names(active_language())
    priority = _COUNTRIES.data["priority"]
    by_code = dict(names)
    first = [(code, by_code[code]) for code in priority if code in by_code]
    return first + [pair for pair in names if pair[0] not in priority]


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code.upper()) is not None


def country_name(code: str) -> str:
    return dict(_country_names(active_language())).get(code, code)


def country_alpha3(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper())
    return country.alpha_3 if country else ""
