"""Non-guessable reference codes such as ``WSP-2026-7F3K9Q`` (cases) or ``LGL-…`` (legal)."""

from __future__ import annotations

import secrets

from django.utils import timezone

# Crockford's base32 without I, L, O, U: unambiguous when read aloud or written by hand.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_code(prefix: str) -> str:
    suffix = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"{prefix}-{timezone.localdate().year}-{suffix}"


def new_case_code() -> str:
    return new_code("WSP")
