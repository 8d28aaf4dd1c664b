"""Password policy after NIST SP 800-63B: length and a list of breached/common passwords
(shipped as data, with the public demo password outside demo mode); no composition rules."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from waspada.accounts.passwords import DATA
from waspada.demodata.seed_accounts import DEMO_PASSWORD


@pytest.mark.parametrize("password", ["bismillah123", "Merdeka1945", "password123", "qwertyuiop"])
def test_common_and_breached_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_demo_password_is_refused_outside_demo_mode_only(settings):
    assert DEMO_PASSWORD in (DATA / "demo-passwords.txt").read_text()
    settings.DEMO_MODE = False
    with pytest.raises(ValidationError):
        validate_password(DEMO_PASSWORD)
    settings.DEMO_MODE = True
    validate_password(DEMO_PASSWORD)


@pytest.mark.parametrize(
    "password", ["perahu kertas di kali ciliwung", "8273645190736152", "alllowercaseletters"]
)
def test_long_passphrases_pass_without_composition_rules(password):
    validate_password(password)


def test_short_passwords_are_refused():
    with pytest.raises(ValidationError):
        validate_password("Xy7$kq2")
