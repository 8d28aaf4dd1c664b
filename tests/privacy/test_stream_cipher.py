"""Chunked AES-GCM: round trip, and every kind of tampering detected."""

from __future__ import annotations

import io
import os

import pytest

from waspada.privacy import stream_cipher as vault
from waspada.privacy.crypto import CryptoError

KEY = os.urandom(32)
DATA = os.urandom(vault.CHUNK_BYTES * 2 + 123)
RECORD = 4 + 12 + vault.CHUNK_BYTES + 16


def _encrypt(data: bytes = DATA, pieces: int = 1000) -> tuple[bytes, str, int]:
    out = io.BytesIO()
    parts = [data[i : i + pieces] for i in range(0, len(data), pieces)] or [b""]
    digest, size = vault.encrypt_stream(KEY, "f1", parts, out)
    return out.getvalue(), digest, size


def _decrypt(blob: bytes, file_id: str = "f1") -> bytes:
    return b"".join(vault.decrypt_stream(KEY, file_id, io.BytesIO(blob)))


def test_round_trip_in_chunks_with_hash_of_plaintext():
    import hashlib

    blob, digest, size = _encrypt()
    assert (digest, size) == (hashlib.sha256(DATA).hexdigest(), len(DATA))
    assert _decrypt(blob) == DATA
    assert DATA[:64] not in blob
    assert vault.hash_stream(KEY, "f1", io.BytesIO(blob)) == (digest, size)


def test_empty_and_exact_multiple_sizes():
    for data in (b"", os.urandom(vault.CHUNK_BYTES), os.urandom(vault.CHUNK_BYTES * 2)):
        assert _decrypt(_encrypt(data)[0]) == data


def test_flipped_byte_fails():
    blob = bytearray(_encrypt()[0])
    blob[RECORD + 100] ^= 1
    with pytest.raises(CryptoError):
        _decrypt(bytes(blob))


def test_truncation_at_a_chunk_boundary_fails():
    blob = _encrypt()[0]
    with pytest.raises(CryptoError, match="truncated"):
        _decrypt(blob[: 2 * RECORD])


def test_reordered_chunks_fail():
    blob = _encrypt()[0]
    swapped = blob[RECORD : 2 * RECORD] + blob[:RECORD] + blob[2 * RECORD :]
    with pytest.raises(CryptoError):
        _decrypt(swapped)


def test_data_after_the_final_chunk_fails():
    with pytest.raises(CryptoError, match="after the final"):
        _decrypt(_encrypt()[0] + b"x")


def test_file_is_bound_to_its_id():
    with pytest.raises(CryptoError):
        _decrypt(_encrypt()[0], file_id="f2")
