"""Large uploads are spooled to disk encrypted (``waspada.uploads``)."""

from __future__ import annotations

import io

import pytest

from waspada.privacy.stream_cipher import CHUNK_BYTES
from waspada.uploads import SealedTemporaryFileUploadHandler, SealedTemporaryUpload

MARKER = b"NIK 3273015704980009 Dewi Lestari "  # what must never be on disk in clear
CONTENT = (MARKER * (3 * CHUNK_BYTES // len(MARKER) + 7))[: 3 * CHUNK_BYTES + 123]


def _receive(content: bytes, piece: int = 10_000) -> tuple[SealedTemporaryUpload, bytes]:
    """Feed ``content`` to the handler as Django does; the upload and the bytes on disk."""
    handler = SealedTemporaryFileUploadHandler()
    handler.new_file("file", "bukti.txt", "text/plain", len(content), "utf-8")
    for start in range(0, len(content), piece):
        handler.receive_data_chunk(content[start : start + piece], start)
    upload = handler.file_complete(len(content))
    sealed = handler._sealed
    sealed.seek(0)
    on_disk = sealed.read()
    return upload, on_disk


def test_the_spooled_file_holds_only_ciphertext() -> None:
    upload, on_disk = _receive(CONTENT)
    assert MARKER not in on_disk and b"Dewi" not in on_disk
    assert len(on_disk) > len(CONTENT)  # chunk headers, nonces and tags
    assert (upload.name, upload.size, upload.content_type) == (
        "bukti.txt",
        len(CONTENT),
        "text/plain",
    )


def test_chunks_read_and_rewind_give_back_the_plaintext() -> None:
    upload, _ = _receive(CONTENT)
    assert b"".join(upload.chunks()) == CONTENT
    assert upload.read(16) == CONTENT[:16]  # a head for the type check…
    assert upload.read(CHUNK_BYTES) == CONTENT[16 : 16 + CHUNK_BYTES]  # …across a chunk
    assert upload.seek(0) == 0
    assert upload.read() == CONTENT
    assert upload.read() == b""
    assert b"".join(upload.chunks()) == CONTENT  # chunks() always starts from the beginning
    assert b"".join(upload) == CONTENT  # lines, as Django's File gives them (through chunks())
    with pytest.raises(io.UnsupportedOperation):
        upload.seek(10)
    assert not hasattr(upload, "temporary_file_path")


def test_an_empty_upload_and_an_interrupted_one() -> None:
    upload, _ = _receive(b"")
    assert upload.size == 0 and upload.read() == b""
    handler = SealedTemporaryFileUploadHandler()
    handler.new_file("file", "bukti.txt", "text/plain", 10, "utf-8")
    handler.receive_data_chunk(b"12345", 0)
    handler.upload_interrupted()
    assert handler._sealed.closed
