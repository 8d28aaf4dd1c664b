"""Streaming encryption of files (evidence, uploads in transit): AES-256-GCM in fixed-size chunks.

Plain Python (no Django). A stored file is a sequence of records
``len (4 bytes, big-endian) ‖ nonce (12) ‖ ciphertext+tag``; each chunk has its own random
nonce and its associated data binds the file id, the chunk's index and whether it is the
last one. So a chunk that is altered, moved, dropped, duplicated, or a file cut short at a
chunk boundary (no chunk flagged final) or extended after it, fails to decrypt.
"""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from waspada.privacy.crypto import NONCE_BYTES, CryptoError

CHUNK_BYTES = 64 * 1024
_TAG_BYTES = 16
_LEN = struct.Struct(">I")
_MAX_RECORD = CHUNK_BYTES + NONCE_BYTES + _TAG_BYTES


def _aad(file_id: str, index: int, final: bool) -> bytes:
    return b"waspada-evidence:v1:%s:%d:%d" % (file_id.encode("ascii"), index, int(final))


class StreamEncryptor:
    """Encrypt pieces of any size as they arrive (``write``), in fixed-size chunks; ``finish``
    seals the last chunk and returns the SHA-256 (hex) and size of the plaintext.

    Memory stays bounded by one chunk whatever the size of the file.
    """

    def __init__(self, key: bytes, file_id: str, out: BinaryIO) -> None:
        self._aead = AESGCM(key)
        self._file_id = file_id
        self._out = out
        self._buffer = bytearray()
        self._index = 0
        self._digest = hashlib.sha256()
        self._size = 0

    def _seal(self, chunk: bytes, final: bool) -> None:
        self._digest.update(chunk)
        self._size += len(chunk)
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, chunk, _aad(self._file_id, self._index, final))
        self._out.write(_LEN.pack(len(nonce) + len(sealed)))
        self._out.write(nonce)
        self._out.write(sealed)
        self._index += 1

    def write(self, piece: bytes) -> None:
        self._buffer += piece
        while len(self._buffer) > CHUNK_BYTES:  # strictly more: something is left for the final
            self._seal(bytes(self._buffer[:CHUNK_BYTES]), final=False)
            del self._buffer[:CHUNK_BYTES]

    def finish(self) -> tuple[str, int]:
        self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()
        return self._digest.hexdigest(), self._size


def encrypt_stream(
    key: bytes, file_id: str, pieces: Iterable[bytes], out: BinaryIO
) -> tuple[str, int]:
    """Encrypt ``pieces`` into ``out``; return the SHA-256 (hex) and size of the plaintext."""
    encryptor = StreamEncryptor(key, file_id, out)
    for piece in pieces:
        encryptor.write(piece)
    return encryptor.finish()


def decrypt_stream(key: bytes, file_id: str, source: BinaryIO) -> Iterator[bytes]:
    """Yield the plaintext chunk by chunk; raise ``CryptoError`` at the first chunk that does
    not authenticate, when the file ends before its final chunk, or has data after it."""
    aead = AESGCM(key)
    index = 0
    while True:
        header = source.read(_LEN.size)
        if len(header) < _LEN.size:
            raise CryptoError("the file is truncated (no final chunk)")
        (length,) = _LEN.unpack(header)
        if not NONCE_BYTES + _TAG_BYTES <= length <= _MAX_RECORD:
            raise CryptoError(f"chunk {index} has an impossible length")
        record = source.read(length)
        if len(record) < length:
            raise CryptoError(f"chunk {index} is truncated")
        nonce, sealed = record[:NONCE_BYTES], record[NONCE_BYTES:]
        for final in (False, True):
            try:
                chunk = aead.decrypt(nonce, sealed, _aad(file_id, index, final))
            except InvalidTag:
                continue
            break
        else:
            raise CryptoError(f"chunk {index} does not authenticate (altered or moved)")
        yield chunk
        if final:
            if source.read(1):
                raise CryptoError("data after the final chunk")
            return
        index += 1


def hash_stream(key: bytes, file_id: str, source: BinaryIO) -> tuple[str, int]:
    """SHA-256 (hex) and size of the decrypted content; ``CryptoError`` as in decryption."""
    digest = hashlib.sha256()
    size = 0
    for chunk in decrypt_stream(key, file_id, source):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size
