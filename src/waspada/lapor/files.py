"""Screenshots and PDFs sent with a public report: checked, cleaned, encrypted at rest.

- **Type by content**: the evidence vault's check (``evidence.filetypes``): the extension must
  be allowed *and* the first bytes must be what it promises; here only JPEG, PNG, WebP and
  PDF are allowed.
- **Images are re-encoded** from their pixels with Pillow (after turning them the way EXIF
  says, so they still look right): EXIF (GPS position, camera, time), XMP, ICC profiles and
  text chunks are not carried over, nor anything hidden after the image data.
- **PDFs are rewritten** with pypdf: the document information (author, creator, producer,
  dates), the XMP metadata stream, open actions and document scripts are removed, and only
  objects reachable from the pages are written, so earlier revisions kept by incremental
  saves are dropped. What a PDF *shows* is kept as is, and photos embedded in it keep their
  own EXIF: that is not stripped (reporters are told to send photos as images).
- **Encrypted at rest** under the report's data key with the stream cipher of the evidence
  vault, in ``DATA_DIR/lapor/``; written under ``.partial/`` and moved into place on commit.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject

from waspada.evidence import filetypes, storage
from waspada.evidence.storage import FileStore
from waspada.privacy import stream_cipher

ALLOWED = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "pdf": "PDF"}
MAX_FILES = 3
MAX_PIXELS = 40_000_000  # a 40-megapixel screenshot is already absurd; bigger is a bomb


class Upload(Protocol):
    """What is needed of an uploaded file (Django's ``UploadedFile`` fits)."""

    @property
    def name(self) -> str | None: ...
    @property
    def size(self) -> int | None: ...
    def read(self, size: int = ..., /) -> bytes: ...
    def seek(self, offset: int, whence: int = ..., /) -> int: ...


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str
    original_name: str


def max_file_bytes() -> int:
    return int(getattr(settings, "WASPADA_LAPOR_FILE_MAX_MB", 10)) * 1024 * 1024


def _refused(message: str) -> ValidationError:
    return ValidationError({"files": [message]})


def _kinds_message() -> str:
    return _("Hanya gambar (JPG, PNG, WebP) atau PDF yang bisa dikirim.")


def clean_upload(upload: Upload) -> CleanFile:
    """The file checked and cleaned of metadata; ValidationError on field ``files``."""
    name = os.path.basename((upload.name or "").replace("\\", "/"))[:255]
    limit = max_file_bytes()
    if upload.size is not None and upload.size > limit:
        raise _refused(
            _("Berkas %(name)s terlalu besar: paling besar %(mb)d MB per berkas.")
            % {"name": name, "mb": limit // (1024 * 1024)}
        )
    upload.seek(0)
    content = upload.read()
    if len(content) > limit:
        raise _refused(
            _("Berkas %(name)s terlalu besar: paling besar %(mb)d MB per berkas.")
            % {"name": name, "mb": limit // (1024 * 1024)}
        )
    ext = filetypes.extension(name)
    try:
        detected = filetypes.detect(name, content[: filetypes.HEAD_BYTES])
    except filetypes.Refused as refused:
        if refused.reason == "mismatch":
            raise _refused(
                _("Isi berkas %(name)s tidak sesuai dengan jenisnya. %(kinds)s")
                % {"name": name, "kinds": _kinds_message()}
            ) from None
        if refused.reason == "empty":
            raise _refused(_("Berkas %(name)s kosong.") % {"name": name}) from None
        raise _refused(_kinds_message()) from None
    if ext not in ALLOWED:
        raise _refused(_kinds_message())
    if ALLOWED[ext] == "PDF":
        return CleanFile(_clean_pdf(content, name), detected.content_type, "pdf", name)
    return CleanFile(_clean_image(content, ALLOWED[ext], name), detected.content_type, ext, name)


def _clean_image(content: bytes, fmt: str, name: str) -> bytes:
    unreadable = _("Gambar %(name)s tidak bisa dibaca. Coba kirim tangkapan layar baru.") % {
        "name": name
    }
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise _refused(unreadable)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise _refused(unreadable) from None
    upright.info = {}  # nothing of the original's metadata is handed to the encoder
    if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    out = io.BytesIO()
    options = {"quality": 90} if fmt in ("JPEG", "WEBP") else {}
    upright.save(out, fmt, **options)
    return out.getvalue()


def _clean_pdf(content: bytes, name: str) -> bytes:
    unreadable = _(
        "PDF %(name)s tidak bisa dibaca atau dikunci kata sandi. Kirim tangkapan layarnya saja."
    ) % {"name": name}
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise _refused(unreadable)
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.metadata = None
        for page in writer.pages:
            for key in ("/Metadata", "/PieceInfo", "/AA"):
                page.pop(NameObject(key), None)
        root = writer.root_object
        for key in ("/Metadata", "/OpenAction", "/AA", "/Names", "/PieceInfo"):
            root.pop(NameObject(key), None)
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise _refused(unreadable) from None
    return out.getvalue()


STORE = FileStore("lapor")
new_name = storage.new_name
final_path = STORE.final_path
promote = STORE.promote


def write_partial(name: str, key: bytes, content: bytes) -> tuple[str, int]:
    """Encrypt ``content`` into a new private partial file; SHA-256 and size of the plain."""
    with os.fdopen(STORE.open_partial(name), "wb") as out:
        pieces = (
            content[i : i + stream_cipher.CHUNK_BYTES]
            for i in range(0, len(content), stream_cipher.CHUNK_BYTES)
        )
        digest, size = stream_cipher.encrypt_stream(key, name, pieces, out)
        out.flush()
        os.fsync(out.fileno())
    return digest, size


def discard(name: str) -> None:
    STORE.discard_partial(name)
    final_path(name).unlink(missing_ok=True)


def decrypted(name: str, key: bytes) -> Iterator[bytes]:
    """The plaintext chunk by chunk (``CryptoError`` if altered, ``OSError`` if missing)."""
    source = open(final_path(name), "rb")  # noqa: SIM115

    def generate() -> Iterator[bytes]:
        with source:
            yield from stream_cipher.decrypt_stream(key, name, source)

    return generate()
