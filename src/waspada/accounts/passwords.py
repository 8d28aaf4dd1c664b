"""Password policy after NIST SP 800-63B: no password from a list of breached or common ones.

Length is checked by Django's ``MinimumLengthValidator``; there are no composition rules and no
forced periodic change. The lists are data: Django's 20,000 common passwords, Waspada's own
``data/common-passwords.txt``, and, outside demo mode, ``data/demo-passwords.txt`` (the password
the demo publishes).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATA = Path(__file__).resolve().parent / "data"


@cache
def _listed(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
    )


class BreachedPasswordValidator(CommonPasswordValidator):
    def validate(self, password: str, user: Any = None) -> None:
        candidate = password.strip().casefold()
        refused = candidate in _listed("common-passwords.txt")
        if not settings.DEMO_MODE:
            refused = refused or candidate in _listed("demo-passwords.txt")
        if refused:
            raise ValidationError(self.get_error_message(), code="password_too_common")
        super().validate(password, user)

    def get_error_message(self) -> str:
        return _(
            "Kata sandi ini ada di daftar kata sandi umum atau yang pernah bocor. "
            "Pilih frasa lain yang panjang."
        )

    def get_help_text(self) -> str:
        return _("Kata sandi tidak boleh ada di daftar kata sandi umum atau yang pernah bocor.")
