"""Envelope encryption: AES-256-GCM data keys, each wrapped by a master key.

Plain Python (no Django), so the same code protects victims' and suspects' fields and
evidence files. Wrapped keys and ciphertexts are ASCII strings, safe in any text column:

- wrapped data key: ``v1.<kid>.<base64(nonce ‖ ciphertext)>`` where ``kid`` names the master key;
- field ciphertext: ``v1.<base64(nonce ‖ ciphertext)>``, bound by AES-GCM associated data to
  its owner and field, so a ciphertext copied to another row or field fails to decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = "v1"
KEY_BYTES = 32
NONCE_BYTES = 12
# In the data folder's keys/: earlier master keys, still accepted while data keys are re-wrapped.
PREVIOUS_KEYS_FILE = "waspada_master_key_previous"


class CryptoError(Exception):
    """A key or ciphertext is malformed, unknown, destroyed or does not authenticate."""


class UnknownMasterKey(CryptoError):
    """A data key is wrapped under a master key this key ring does not hold (yet)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parse_master_key(text: str, *, name: str = "master key") -> bytes:
    """Decode a base64 master key; it must hold exactly 32 bytes."""
    try:
        key = _unb64(text.strip())
    except ValueError:
        raise CryptoError(f"{name} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise CryptoError(f"{name} must decode to {KEY_BYTES} bytes, not {len(key)}")
    return key


def split_key_list(text: str) -> list[str]:
    """Keys listed one a line or separated by commas (the previous master keys)."""
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def generate_master_key() -> str:
    return _b64(os.urandom(KEY_BYTES))


def key_id(key: bytes) -> str:
    """A short public name for a master key (not secret: derived by a one-way hash)."""
    return hashlib.sha256(b"waspada-kid:" + key).hexdigest()[:12]


@dataclass(frozen=True)
class Keyring:
    """The current master key, plus earlier ones still accepted while keys are rotated."""

    current: bytes
    previous: tuple[bytes, ...] = ()

    @classmethod
    def from_text(cls, current: str, previous: Iterable[str] = ()) -> Keyring:
        return cls(
            parse_master_key(current, name="current master key"),
            tuple(parse_master_key(p, name="previous master key") for p in previous if p.strip()),
        )

    @property
    def current_id(self) -> str:
        return key_id(self.current)

    def by_id(self, kid: str) -> bytes:
        for key in (self.current, *self.previous):
            if key_id(key) == kid:
                return key
        raise UnknownMasterKey(f"no master key with id {kid} in the keyring")


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def wrap_key(data_key: bytes, keyring: Keyring) -> str:
    kid = keyring.current_id
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(keyring.current).encrypt(nonce, data_key, f"dk:{kid}".encode())
    return f"{VERSION}.{kid}.{_b64(nonce + sealed)}"


def wrapped_key_id(wrapped: str) -> str:
    try:
        version, kid, _ = wrapped.split(".", 2)
    except ValueError:
        raise CryptoError("malformed wrapped key") from None
    if version != VERSION:
        raise CryptoError(f"unknown wrapped-key version {version!r}")
    return kid


def unwrap_key(wrapped: str, keyring: Keyring) -> bytes:
    if not wrapped:
        raise CryptoError("the data key was destroyed (erased)")
    kid = wrapped_key_id(wrapped)
    blob = _unb64(wrapped.split(".", 2)[2])
    try:
        return AESGCM(keyring.by_id(kid)).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], f"dk:{kid}".encode()
        )
    except InvalidTag:
        raise CryptoError("wrapped data key does not authenticate") from None


def rewrap_key(wrapped: str, keyring: Keyring) -> str:
    """The same data key wrapped under the current master key (no data is re-encrypted)."""
    return wrap_key(unwrap_key(wrapped, keyring), keyring)


def encrypt(data_key: bytes, plaintext: bytes, *, context: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(data_key).encrypt(nonce, plaintext, context.encode())
    return f"{VERSION}.{_b64(nonce + sealed)}"


def decrypt(data_key: bytes, token: str, *, context: str) -> bytes:
    version, _, body = token.partition(".")
    if version != VERSION or not body:
        raise CryptoError("malformed ciphertext")
    blob = _unb64(body)
    try:
        return AESGCM(data_key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode())
    except InvalidTag:
        raise CryptoError("ciphertext does not authenticate (wrong key or context)") from None
