"""Recruiter identifiers as people type them, reduced to one normal form per kind.

Plain Python (no Django): ``identify("0812-3456-7890")``, ``identify("+62 812 3456 7890")`` and
``identify("62812 3456 7890")`` are the same ``phone`` ``+6281234567890`` (``phonenumbers``,
E.164); a link becomes its registrable domain from the Public Suffix List bundled with
``publicsuffixlist`` (nothing is fetched), except links that *are* a phone (``wa.me/62…``) or
a handle (``t.me/loker``, ``instagram.com/loker``); handles are case-folded without ``@``;
company names lose their legal forms (PT, CV, Ltd…) and punctuation. The reference lists
(platforms, banks, e-wallets, legal forms) are data in ``data/identifiers.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import phonenumbers
from publicsuffixlist import PublicSuffixList

DATA = Path(__file__).resolve().parent / "data" / "identifiers.json"
MAX_INPUT = 300


class Kind(StrEnum):
    PHONE = "phone"
    HANDLE = "handle"
    DOMAIN = "domain"
    EMAIL = "email"
    ACCOUNT = "account"
    EWALLET = "ewallet"
    COMPANY = "company"
    ALIAS = "alias"


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier: ``value`` is what is matched, ``display`` what a person typed."""

    kind: Kind
    value: str
    display: str


@lru_cache(maxsize=1)
def _lists() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()  # the list bundled with the package; it never fetches


_EMAIL = re.compile(r"^[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_URLISH = re.compile(r"^(?:https?://|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$",
                     re.IGNORECASE)  # fmt: skip
_PHONE_TEXT = re.compile(r"^\+?[\d\s().-]+$")
_HANDLE = re.compile(r"^@?([a-z0-9_][a-z0-9_.]{1,31})$", re.IGNORECASE)
_DIGITS = re.compile(r"\D+")
_WORDS = re.compile(r"[^\w]+")


def phone(text: str) -> str | None:
    """E.164 of a phone number, Indonesian when no country code is given; None if it is not one."""
    digits = _DIGITS.sub("", text)
    if not 7 <= len(digits) <= 15:
        return None
    raw = text.strip()
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    elif not raw.startswith("+") and digits.startswith("62") and len(digits) >= 10:
        raw = "+" + digits  # "62812…": the country code without its "+"
    try:
        number = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def handle(text: str) -> str | None:
    match = _HANDLE.match(text.strip())
    return match.group(1).casefold().rstrip(".") if match else None


def company(text: str) -> str:
    """Words of a company name without legal forms or punctuation, case-folded."""
    forms = set(_lists()["legal_forms"])
    words = _WORDS.sub(" ", _ascii(text).casefold().replace("p.t.", "pt ")).split()
    return " ".join(word for word in words if word not in forms)


def alias(text: str) -> str:
    return " ".join(_WORDS.sub(" ", _ascii(text).casefold()).split())


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _link(text: str) -> Identifier | None:
    raw = text.strip().rstrip(".,;:!?)")
    url = urlsplit(raw if "://" in raw else "http://" + raw)
    host = (url.hostname or "").casefold().removeprefix("www.")
    if not host or "." not in host:
        return None
    path = [part for part in url.path.split("/") if part]
    lists = _lists()
    if host in lists["phone_link_domains"]:
        number = phone(path[0]) if path else None
        if number is None and url.query:
            found = re.search(r"phone=(\+?\d+)", url.query)
            number = phone(found.group(1)) if found else None
        return Identifier(Kind.PHONE, number, raw) if number else None
    if host in lists["handle_platforms"]:
        name = handle(path[0].lstrip("@")) if path else None
        return Identifier(Kind.HANDLE, name, raw) if name else None
    domain = _psl().privatesuffix(host)
    return Identifier(Kind.DOMAIN, domain, raw) if domain else None


def _money_account(text: str) -> Identifier | None:
    """``BCA 123-456-7890``, ``DANA 0812…``: a bank or e-wallet name, then its number."""
    words = text.strip().split(None, 1)
    if len(words) != 2:
        return None
    name = words[0].upper().strip(":.")
    rest = re.split(r"\b(?:a\.?n\.?|atas nama)\b", words[1], maxsplit=1, flags=re.IGNORECASE)[0]
    digits = _DIGITS.sub("", rest)
    if not 6 <= len(digits) <= 20 or not re.fullmatch(r"[\d\s.:#-]+", rest.strip()):
        return None
    lists = _lists()
    if name in lists["ewallets"]:
        number = phone(rest) or digits
        return Identifier(Kind.EWALLET, f"{name.lower()}:{number}", text.strip())
    if name in lists["banks"]:
        return Identifier(Kind.ACCOUNT, f"{name.lower()}:{digits}", text.strip())
    return None


_PLATFORM = re.compile(r"^(?P<p>[a-z]+)\s*(?:id)?\s*[:=]\s*@?(?P<h>\S+)$", re.IGNORECASE)
_COMPANY = re.compile(r"^(?:PT|P\.T\.?|CV)\.?\s|\b(?:Co\.?,?\s*Ltd|Ltd|Inc|Sdn\.?\s*Bhd|Pte)\b\.?",
                      re.IGNORECASE)  # fmt: skip


def identify(text: str) -> Identifier | None:
    """The identifier ``text`` names, or None when it is none (too long, empty, prose)."""
    text = text.strip()
    if not text or len(text) > MAX_INPUT:
        return None
    if _EMAIL.match(text):
        return Identifier(Kind.EMAIL, text.casefold(), text)
    money = _money_account(text)
    if money:
        return money
    platform = _PLATFORM.match(text)
    if platform and platform.group("p").casefold() in _lists()["platform_prefixes"]:
        target = platform.group("h")
        number = phone(target) if _PHONE_TEXT.match(target) else None
        if number:
            return Identifier(Kind.PHONE, number, text)
        name = handle(target)
        return Identifier(Kind.HANDLE, name, text) if name else None
    if _PHONE_TEXT.match(text):
        number = phone(text)
        return Identifier(Kind.PHONE, number, text) if number else None
    if text.startswith("@"):
        name = handle(text)
        return Identifier(Kind.HANDLE, name, text) if name else None
    if _URLISH.match(text):
        return _link(text)
    if _COMPANY.search(text):
        name = company(text)
        return Identifier(Kind.COMPANY, name, text) if name else None
    return None


def identify_many(
    text: str, fallback: Callable[[str], list[Identifier]] | None = None
) -> list[Identifier]:
    """Identifiers of a recruiter-contacts field: one per line (or separated by ``;``). A line
    that is not one identifier alone ("WA 0812…, Pak Budi") goes to ``fallback`` (extraction
    from free text), when given."""
    found: list[Identifier] = []
    for part in re.split(r"[\n;]+", text or ""):
        ident = identify(part)
        candidates = [ident] if ident else (fallback(part) if fallback and part.strip() else [])
        for candidate in candidates:
            if all((f.kind, f.value) != (candidate.kind, candidate.value) for f in found):
                found.append(candidate)
    return found


def from_entities(entities: dict[str, Any]) -> list[tuple[Identifier, int, int]]:
    """Identifiers in what the screening engine extracted from a text, with their spans."""
    found: list[tuple[Identifier, int, int]] = []

    def add(ident: Identifier | None, item: dict[str, Any]) -> None:
        if ident is not None:
            found.append((ident, int(item.get("start", 0)), int(item.get("end", 0))))

    for item in entities.get("phones", []):
        number = phone(str(item.get("number") or item.get("text") or ""))
        add(Identifier(Kind.PHONE, number, str(item.get("text"))) if number else None, item)
    for item in entities.get("handles", []):
        name = handle(str(item.get("text") or "").lstrip("@"))
        add(Identifier(Kind.HANDLE, name, str(item.get("text"))) if name else None, item)
    for item in entities.get("links", []):
        add(_link(str(item.get("text") or "")), item)
    for item in entities.get("emails", []):
        text = str(item.get("text") or "")
        add(Identifier(Kind.EMAIL, text.casefold(), text) if text else None, item)
    for item in entities.get("companies", []):
        text = str(item.get("name") or "")
        name = company(text)
        add(Identifier(Kind.COMPANY, name, text) if name else None, item)
    return found
