"""Non-guessable legal-case reference codes such as ``LGL-2026-7F3K9Q``."""

from __future__ import annotations

import secrets

from django.utils import timezone

# Crockford's base32 without I, L, O, U, as for victims' case codes.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_legal_case_code() -> str:
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"LGL-{timezone.localdate().year}-{suffix}"
