"""The backup file format: compressed, encrypted, authenticated to the last byte."""

from __future__ import annotations

import io
import json
import os

import pytest

from waspada.backup import archive

KEY = os.urandom(32)
BIG = os.urandom(300_000)  # several encryption chunks, incompressible like evidence


def _backup(key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    writer = archive.Writer(out, key)
    digests = {
        "database.sqlite3": writer.add_bytes("database.sqlite3", b"SQLite format 3\0" * 5000),
        "evidence/ab12": writer.add_bytes("evidence/ab12", BIG),
    }
    writer.add_bytes("manifest.json", json.dumps(digests).encode())
    writer.close()
    return out.getvalue()


def _read(blob: bytes, key: bytes = KEY) -> dict[str, bytes]:
    return {name: stream.read() for name, stream in archive.members(io.BytesIO(blob), key)}


def test_round_trip_is_compressed_and_encrypted():
    blob = _backup()
    assert len(blob) < 80_000 + len(BIG)  # the database part compresses
    assert b"SQLite format 3" not in blob and BIG[:64] not in blob
    members = _read(blob)
    assert list(members) == ["database.sqlite3", "evidence/ab12", "manifest.json"]
    assert members["evidence/ab12"] == BIG


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-1],  # cut short by one byte
        lambda b: b[: len(b) // 2],  # cut in the middle
        lambda b: b + b"extra",  # something appended
        lambda b: b[:200] + bytes([b[200] ^ 1]) + b[201:],  # one bit flipped
    ],
)
def test_any_damage_is_refused(damage):
    with pytest.raises(archive.BackupFileError):
        _read(damage(_backup()))


def test_another_key_or_another_file_is_refused():
    with pytest.raises(archive.BackupFileError, match="WASPADA_BACKUP_KEY"):
        _read(_backup(), os.urandom(32))
    with pytest.raises(archive.BackupFileError, match="not a Waspada backup"):
        _read(b"PK\x03\x04 a zip file")
    # The body of one backup behind the header of another: the file id is bound to the body.
    first, second = _backup(), _backup()
    header = len(archive.MAGIC) + 2 + int.from_bytes(first[8:10], "big")
    with pytest.raises(archive.BackupFileError, match="does not decrypt"):
        _read(first[:header] + second[header:])
