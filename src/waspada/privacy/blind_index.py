"""Keyed blind indexes: HMAC-SHA256 of a normalised value under a separate index key.

They allow exact-match search (and duplicate checks) on encrypted identifiers without
storing them: without the index key the digests reveal nothing and cannot be brute-forced
offline, and they are useless for any other table or field because the kind is mixed in.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from waspada.privacy import normalise

NORMALISERS: dict[str, Callable[[str], str]] = {
    "nik": normalise.nik,
    "passport": normalise.passport,
    "phone": normalise.phone,
    "name": normalise.name,
    "name_token": normalise.name,  # one word of a name (cases.PersonNameToken)
    "account": normalise.account,
    "email": normalise.email,
    "intel": normalise.exact,  # extra= the identifier's kind
    "client": normalise.exact,
}


def blind_index(key: bytes, kind: str, value: str, *, extra: str = "") -> str:
    """The index of ``value`` (empty string for an empty value, so blanks never match)."""
    normalised = NORMALISERS[kind](value)
    if not normalised:
        return ""
    message = f"{kind}\x1f{normalised}\x1f{extra}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]
