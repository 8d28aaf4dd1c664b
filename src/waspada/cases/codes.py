"""Non-guessable case reference codes such as ``WSP-2026-7F3K9Q``."""

from __future__ import annotations

import secrets

from django.utils import timezone

# Crockford's base32 without I, L, O, U: unambiguous when read aloud or written by hand.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_case_code() -> str:
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"WSP-{timezone.localdate().year}-{suffix}"
