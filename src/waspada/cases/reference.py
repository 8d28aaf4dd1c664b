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


@lru_cache(maxsize=2)
def _country_names(language: str) -> list[tuple[str, str]]:
    translate = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    ).gettext
    names = [(c.alpha_2, translate(c.name)) for c in pycountry.countries]
    return sorted(names, key=lambda pair: pair[1])


def country_choices() -> list[tuple[str, str]]:
    return _country_names(active_language())


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code.upper()) is not None


def country_name(code: str) -> str:
    return dict(_country_names(active_language())).get(code, code)


def country_alpha3(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper())
    return country.alpha_3 if country else ""
