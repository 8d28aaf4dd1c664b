"""Uploads too large to keep in memory are spooled to disk encrypted, never in clear.

Django writes uploads above ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary file as they
arrive. Those uploads are evidence (photos, chat exports, contracts of trafficked people) and
participant lists: personal data. ``SealedTemporaryFileUploadHandler`` (configured after the
in-memory handler in ``FILE_UPLOAD_HANDLERS``) encrypts each incoming piece with AES-256-GCM
in fixed-size chunks (``privacy.stream_cipher``'s format) under a random key that lives only in the
``SealedTemporaryUpload`` object, into an anonymous temporary file (unlinked at creation) in
the data folder. A crash leaves at most ciphertext whose key is gone.

``SealedTemporaryUpload`` behaves like Django's ``UploadedFile`` for what the application does
with uploads: ``name``, ``size``, ``content_type``, ``chunks()``, ``read()``, ``seek(0)``;
it offers no ``temporary_file_path()`` (there is no file in clear to point at).
"""

from __future__ import annotations

import io
import secrets
import tempfile
from collections.abc import Iterator
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from waspada.privacy import stream_cipher


class SealedTemporaryUpload(UploadedFile):
    """An upload held encrypted in an anonymous temporary file; decrypted only when read."""

    def __init__(
        self, sealed: Any, *, key: bytes, file_id: str, name: str | None, size: int,
        content_type: str | None, charset: str | None,
        content_type_extra: dict[str, Any] | None,
    ) -> None:  # fmt: skip
        super().__init__(sealed, name, content_type, size, charset, content_type_extra)
        self._sealed: BinaryIO = sealed
        self._key = key
        self._file_id = file_id
        self._plain: Iterator[bytes] | None = None
        self._pending = b""

    def _restart(self) -> None:
        self._sealed.seek(0)
        self._plain = stream_cipher.decrypt_stream(self._key, self._file_id, self._sealed)
        self._pending = b""

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        self._restart()
        assert self._plain is not None
        yield from self._plain
        self._plain = None

    def read(self, size: int | None = -1) -> bytes:
        if self._plain is None:
            self._restart()
        assert self._plain is not None
        wanted = None if size is None or size < 0 else size
        parts = [self._pending]
        have = len(self._pending)
        while wanted is None or have < wanted:
            chunk = next(self._plain, None)
            if chunk is None:
                break
            parts.append(chunk)
            have += len(chunk)
        data = b"".join(parts)
        if wanted is None:
            self._pending = b""
            return data
        self._pending = data[wanted:]
        return data[:wanted]

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if (offset, whence) != (0, io.SEEK_SET):
            raise io.UnsupportedOperation("an encrypted upload can only be rewound")
        self._restart()
        return 0

    def tell(self) -> int:
        raise io.UnsupportedOperation("an encrypted upload has no position")


class SealedTemporaryFileUploadHandler(FileUploadHandler):
    """Receive an upload into an encrypted anonymous temporary file (see the module)."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._key = AESGCM.generate_key(bit_length=256)
        self._file_id = secrets.token_hex(8)
        # TemporaryFile has no name on POSIX: it is removed when closed, or by the OS on a crash.
        self._sealed = tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR)  # noqa: SIM115
        self._encryptor = stream_cipher.StreamEncryptor(self._key, self._file_id, self._sealed)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self._encryptor.write(raw_data)

    def file_complete(self, file_size: int) -> SealedTemporaryUpload:
        _digest, size = self._encryptor.finish()
        self._sealed.flush()
        return SealedTemporaryUpload(
            self._sealed, key=self._key, file_id=self._file_id, name=self.file_name, size=size,
            content_type=self.content_type, charset=self.charset,
            content_type_extra=self.content_type_extra,
        )  # fmt: skip

    def upload_interrupted(self) -> None:
        sealed = getattr(self, "_sealed", None)
        if sealed is not None:
            sealed.close()
