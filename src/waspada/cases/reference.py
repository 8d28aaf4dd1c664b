"""Reference lists (shipped as a versioned data file) and ISO 3166-1 countries (pycountry)."""

from __future__ import annotations

import gettext
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data" / "reference.json"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def version() -> str:
    return str(_data()["version"])


def codes(list_name: str) -> set[str]:
    return {item["code"] for item in _data()[list_name]}


def _language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def choices(list_name: str) -> list[tuple[str, str]]:
    """(code, label in the active language) pairs for a form field."""
    language = _language()
    return [(item["code"], item[language]) for item in _data()[list_name]]


def label(list_name: str, code: str) -> str:
    for item in _data()[list_name]:
        if item["code"] == code:
            return str(item[_language()])
    return code


def item(list_name: str, code: str) -> dict[str, Any] | None:
    return next((entry for entry in _data()[list_name] if entry["code"] == code), None)


@lru_cache(maxsize=2)
def _country_names(language: str) -> list[tuple[str, str]]:
    translate = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    ).gettext
    names = [(c.alpha_2, translate(c.name)) for c in pycountry.countries]
    return sorted(names, key=lambda pair: pair[1])


def country_choices() -> list[tuple[str, str]]:
    return _country_names(_language())


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code.upper()) is not None


def country_name(code: str) -> str:
    return dict(_country_names(_language())).get(code, code)


def country_alpha3(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper())
    return country.alpha_3 if country else ""
