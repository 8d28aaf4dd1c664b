"""Recruiter contacts as people type them, sorted into kinds and normalised for matching.

Plain Python. ``classify("0812-3456-7890")`` is a phone, ``"BCA 1234567890 a.n. Andi"`` an
account, ``"@loker.kamboja"`` a handle, ``"wa.me/62812…"`` a link, ``"PT Maju Jaya"`` a
company. Phones, accounts and e-mail addresses are matched by blind index (the caller indexes
them); handles, links and companies by their normalised text (``normalised``).
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"^[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_LINK = re.compile(
    r"^(?:https?://|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$", re.IGNORECASE
)
_HANDLE_PREFIX = re.compile(
    r"^(?:telegram|tele|tg|line|wechat|ig|instagram|tiktok|facebook|fb)\s*(?:id)?\s*[:=]\s*",
    re.IGNORECASE,
)
_PHONE_TEXT = re.compile(r"^\+?[\d\s().-]+$")
_DIGITS = re.compile(r"\d")
_COMPANY = re.compile(r"^(?:PT|P\.T|CV|Co\b|Ltd\b)\.?\s|\b(?:Co\.?,?\s*Ltd|Ltd|Inc|Sdn\.?\s*Bhd)\b",
                      re.IGNORECASE)  # fmt: skip
MAX_LENGTH = 300


def is_phone(text: str) -> bool:
    """Only digits, spaces, ``+ - ( ) .``, 7 to 15 digits."""
    text = text.strip()
    return bool(_PHONE_TEXT.match(text)) and 7 <= len(_DIGITS.findall(text)) <= 15


def classify(text: str) -> str:
    """The kind of a contact: ``phone``, ``account``, ``email``, ``link``, ``handle`` or
    ``company`` (empty string for empty text)."""
    text = text.strip()
    if not text:
        return ""
    if _EMAIL.match(text):
        return "email"
    if _LINK.match(text):
        return "link"
    if text.startswith("@") or _HANDLE_PREFIX.match(text):
        return "handle"
    digits = len(_DIGITS.findall(text))
    if _PHONE_TEXT.match(text):
        # Numbers written like phones (+…, 0…, 62…) are phones; other bare numbers accounts.
        dialled = text.startswith("+") or text.lstrip("(").startswith(("0", "62"))
        return "phone" if dialled and is_phone(text) else "account"
    if digits >= 6:
        return "account"  # a bank or e-wallet name with its number
    if _COMPANY.search(text):
        return "company"
    return "handle"


def normalised(kind: str, text: str) -> str:
    """Clear-text form of a handle, link or company for matching (case and decoration off)."""
    text = " ".join(text.split())
    if kind == "handle":
        return _HANDLE_PREFIX.sub("", text).lstrip("@").casefold()
    if kind == "link":
        lowered = re.sub(r"^https?://", "", text, flags=re.IGNORECASE)
        lowered = re.sub(r"^www\.", "", lowered, flags=re.IGNORECASE)
        host, _, path = lowered.partition("/")
        return (host.casefold() + ("/" + path if path else "")).rstrip("/")
    if kind == "company":
        return text.casefold()
    return text
