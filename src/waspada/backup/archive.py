"""The backup file: a gzip-compressed tar stream, encrypted with the evidence vault's chunked
AES-256-GCM under the backup key. Written and read in one pass, in bounded memory.

Layout: ``WSPBAK1\\n`` ‖ header length (2 bytes) ‖ header (JSON, in clear: format, version,
file id, key id) ‖ encrypted stream (``evidence.vault`` records). The file id is bound into
every chunk's associated data, and the final chunk is flagged, so a file that was altered,
cut short or spliced with another backup fails to decrypt.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import secrets
import struct
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, BinaryIO

from waspada.privacy import stream_cipher as vault
from waspada.privacy.crypto import CryptoError

MAGIC = b"WSPBAK1\n"
FORMAT = "waspada-backup"
VERSION = 1
_HEADER_LEN = struct.Struct(">H")


class BackupFileError(Exception):
    """Not a Waspada backup, a backup under another key, or one that does not decrypt."""


def key_id(key: bytes) -> str:
    """A public name for the backup key (a one-way hash), to say which key a file needs."""
    return hashlib.sha256(b"waspada-backup-kid:" + key).hexdigest()[:12]


class _EncryptingSink(io.RawIOBase):
    def __init__(self, encryptor: vault.StreamEncryptor) -> None:
        self._encryptor = encryptor

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        piece = bytes(data)
        self._encryptor.write(piece)
        return len(piece)


class _DecryptingSource(io.RawIOBase):
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer:
            try:
                self._buffer = next(self._chunks)
            except StopIteration:
                return 0
            except CryptoError as exc:  # raised wherever the members are being read
                raise BackupFileError(f"the backup does not decrypt: {exc}") from None
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


class _HashingReader:
    """Reads through a file, hashing what passes."""

    def __init__(self, source: IO[bytes]) -> None:
        self._source = source
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._source.read(size)
        self.digest.update(data)
        return data


class Writer:
    """Add members (``add_file``, ``add_bytes``), then ``close``; each member's SHA-256 and
    size are returned so that the manifest (the last member) can list them."""

    def __init__(self, out: BinaryIO, key: bytes) -> None:
        file_id = secrets.token_hex(16)
        header = json.dumps({"format": FORMAT, "version": VERSION, "file_id": file_id,
                             "key_id": key_id(key)}).encode()  # fmt: skip
        out.write(MAGIC + _HEADER_LEN.pack(len(header)) + header)
        self._encryptor = vault.StreamEncryptor(key, file_id, out)
        # Level 6, not tarfile's 9: a third of the time for about the same size (evidence is
        # ciphertext and does not compress; the database does).
        self._gzip = gzip.GzipFile(fileobj=_EncryptingSink(self._encryptor), mode="wb",
                                   compresslevel=6, mtime=0)  # fmt: skip
        self._tar = tarfile.open(fileobj=self._gzip, mode="w|")  # noqa: SIM115

    def add_file(self, name: str, source: IO[bytes], size: int) -> str:
        info = tarfile.TarInfo(name)
        info.size, info.mode = size, 0o600
        reader = _HashingReader(source)
        self._tar.addfile(info, reader)
        return reader.digest.hexdigest()

    def add_bytes(self, name: str, data: bytes) -> str:
        return self.add_file(name, io.BytesIO(data), len(data))

    def close(self) -> None:
        self._tar.close()
        self._gzip.close()
        self._encryptor.finish()


@dataclass(frozen=True)
class Header:
    file_id: str
    key_id: str


def read_header(source: BinaryIO) -> Header:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupFileError("not a Waspada backup file")
    (length,) = _HEADER_LEN.unpack(source.read(_HEADER_LEN.size) or b"\0\0")
    try:
        header = json.loads(source.read(length))
        if header["format"] != FORMAT or header["version"] != VERSION:
            raise ValueError
        return Header(str(header["file_id"]), str(header["key_id"]))
    except (ValueError, KeyError, TypeError):
        raise BackupFileError("the backup file's header is damaged") from None


def members(source: BinaryIO, key: bytes) -> Iterator[tuple[str, IO[bytes]]]:
    """Each member's name and a stream of its content, in order. ``BackupFileError`` when
    the file needs another key or does not decrypt (also at the very end: a file cut short)."""
    header = read_header(source)
    if header.key_id != key_id(key):
        raise BackupFileError(
            f"the backup was encrypted under backup key {header.key_id}; the key configured "
            f"here is {key_id(key)} (set WASPADA_BACKUP_KEY or WASPADA_BACKUP_KEY_FILE)"
        )
    plain = io.BufferedReader(_DecryptingSource(vault.decrypt_stream(key, header.file_id, source)))
    try:
        with tarfile.open(fileobj=plain, mode="r|gz") as tar:
            for member in tar:
                extracted = tar.extractfile(member) if member.isfile() else None
                if extracted is None:
                    raise BackupFileError(f"unexpected member {member.name!r}")
                yield member.name, extracted
            # Read to the very end, so that a file cut short or extended after the tar's end
            # fails too (the stream's last chunk carries the "final" flag).
            while plain.read(vault.CHUNK_BYTES):
                pass
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupFileError(f"the backup's content is damaged: {exc}") from None
