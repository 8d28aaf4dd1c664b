"""Normalise identifiers before blind indexing, so that equal values index equally."""

from __future__ import annotations

import re
import unicodedata

_NON_DIGIT = re.compile(r"\D+")
_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_NON_LETTER = re.compile(r"[^a-z\s]+")
_SPACES = re.compile(r"\s+")


def nik(value: str) -> str:
    """Indonesian NIK: 16 digits; spaces, dots and dashes are ignored."""
    return _NON_DIGIT.sub("", value)


def passport(value: str) -> str:
    return _NON_ALNUM.sub("", value.upper())


def phone(value: str) -> str:
    """Digits in international form: ``0812…`` and ``62812…`` and ``+62 812…`` are equal."""
    digits = _NON_DIGIT.sub("", value)
    if digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits


def name(value: str) -> str:
    """Case, accents, punctuation and word order do not matter: 'Siti  Aminah' = 'aminah, SITI'."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _SPACES.split(_NON_LETTER.sub(" ", letters).strip())
    return " ".join(sorted(word for word in words if word))


def account(value: str) -> str:
    """A bank or e-wallet account: its digits ("BCA 123-456 7890" = "1234567890")."""
    return _NON_DIGIT.sub("", value)


def email(value: str) -> str:
    return value.strip().casefold()


def exact(value: str) -> str:
    """For values their owner already normalised (recruitment intelligence's identifiers, a
    client address): only surrounding spaces are ignored."""
    return value.strip()
