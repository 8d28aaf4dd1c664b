"""Envelope encryption and blind indexes (plain Python)."""

from __future__ import annotations

import pytest

from waspada.privacy import crypto, normalise
from waspada.privacy.blind_index import blind_index

KEY_A = crypto.generate_master_key()
KEY_B = crypto.generate_master_key()


def test_round_trip_and_context_binding():
    ring = crypto.Keyring.from_text(KEY_A)
    wrapped = crypto.wrap_key(crypto.new_data_key(), ring)
    data_key = crypto.unwrap_key(wrapped, ring)
    token = crypto.encrypt(data_key, b"Siti Aminah", context="cases.person:1")
    assert "Siti" not in token
    assert crypto.decrypt(data_key, token, context="cases.person:1") == b"Siti Aminah"
    with pytest.raises(crypto.CryptoError):
        crypto.decrypt(data_key, token, context="cases.person:2")  # copied to another row


def test_rotation_keeps_the_data_key_and_old_keys_still_unwrap():
    old = crypto.Keyring.from_text(KEY_A)
    wrapped = crypto.wrap_key(data_key := crypto.new_data_key(), old)
    rotated_ring = crypto.Keyring.from_text(KEY_B, [KEY_A])
    assert crypto.unwrap_key(wrapped, rotated_ring) == data_key  # during rotation
    rewrapped = crypto.rewrap_key(wrapped, rotated_ring)
    assert crypto.wrapped_key_id(rewrapped) == crypto.key_id(crypto.parse_master_key(KEY_B))
    assert crypto.unwrap_key(rewrapped, crypto.Keyring.from_text(KEY_B)) == data_key
    with pytest.raises(crypto.CryptoError, match="no master key"):
        crypto.unwrap_key(wrapped, crypto.Keyring.from_text(KEY_B))


def test_destroyed_key_and_bad_master_keys():
    with pytest.raises(crypto.CryptoError, match="destroyed"):
        crypto.unwrap_key("", crypto.Keyring.from_text(KEY_A))
    with pytest.raises(crypto.CryptoError, match="32 bytes"):
        crypto.parse_master_key("c2hvcnQ")
    with pytest.raises(crypto.CryptoError):
        crypto.parse_master_key("not base64 !!!")


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [
        ("nik", "3201 2345 6789 0001", "3201234567890001"),
        ("phone", "0812-3456-7890", "+62 812 3456 7890"),
        ("passport", "c 1234567", "C1234567"),
        ("name", "Siti  Aminah", "aminah, SITI"),
        ("name", "José Ramírez", "jose ramirez"),
    ],
)
def test_equal_values_index_equally(kind, a, b):
    key = crypto.parse_master_key(KEY_A)
    assert blind_index(key, kind, a) == blind_index(key, kind, b) != ""


def test_index_depends_on_key_kind_and_blank_never_matches():
    key_a, key_b = crypto.parse_master_key(KEY_A), crypto.parse_master_key(KEY_B)
    assert blind_index(key_a, "nik", "3201234567890001") != blind_index(
        key_b, "nik", "3201234567890001"
    )
    assert blind_index(key_a, "nik", "081234567890") != blind_index(key_a, "phone", "081234567890")
    assert blind_index(key_a, "nik", " - ") == ""
    assert normalise.phone("0062812") == "62812"
