"""Which files the vault accepts, judged by content (magic bytes) and extension together.

Plain Python (no Django). A file is accepted only when its extension is on the allow-list AND
its first bytes are what that extension promises. Executables, scripts and archives are
named in the refusal, whatever extension they wear.
"""

from __future__ import annotations

from dataclasses import dataclass

HEAD_BYTES = 4096  # enough for every signature below and a text sniff


@dataclass(frozen=True)
class FileType:
    family: str  # image, pdf, audio, video, text
    content_type: str


# Extension → what it must contain. ISO-BMFF ("ftyp") covers MP4, M4A, MOV, 3GP and HEIC.
ALLOWED: dict[str, FileType] = {
    "png": FileType("image", "image/png"),
    "jpg": FileType("image", "image/jpeg"),
    "jpeg": FileType("image", "image/jpeg"),
    "gif": FileType("image", "image/gif"),
    "webp": FileType("image", "image/webp"),
    "heic": FileType("image", "image/heic"),
    "heif": FileType("image", "image/heif"),
    "pdf": FileType("pdf", "application/pdf"),
    "mp3": FileType("audio", "audio/mpeg"),
    "m4a": FileType("audio", "audio/mp4"),
    "aac": FileType("audio", "audio/aac"),
    "ogg": FileType("audio", "audio/ogg"),
    "oga": FileType("audio", "audio/ogg"),
    "opus": FileType("audio", "audio/ogg"),
    "wav": FileType("audio", "audio/wav"),
    "amr": FileType("audio", "audio/amr"),
    "mp4": FileType("video", "video/mp4"),
    "3gp": FileType("video", "video/3gpp"),
    "mov": FileType("video", "video/quicktime"),
    "txt": FileType("text", "text/plain"),
    "csv": FileType("text", "text/csv"),
}

# Signatures of what is never accepted, checked first: (offset, bytes, name).
FORBIDDEN: tuple[tuple[int, bytes, str], ...] = (
    (0, b"MZ", "EXE/DLL"),
    (0, b"\x7fELF", "ELF"),
    (0, b"PK\x03\x04", "ZIP/APK/JAR"),
    (0, b"PK\x05\x06", "ZIP"),
    (0, b"PK\x07\x08", "ZIP"),
    (0, b"Rar!\x1a\x07", "RAR"),
    (0, b"7z\xbc\xaf\x27\x1c", "7z"),
    (0, b"\x1f\x8b", "GZIP"),
    (0, b"BZh", "BZIP2"),
    (0, b"\xfd7zXZ\x00", "XZ"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MSI/OLE"),
    (0, b"\xca\xfe\xba\xbe", "Java/Mach-O"),
    (0, b"\xfe\xed\xfa\xce", "Mach-O"),
    (0, b"\xfe\xed\xfa\xcf", "Mach-O"),
    (0, b"\xce\xfa\xed\xfe", "Mach-O"),
    (0, b"\xcf\xfa\xed\xfe", "Mach-O"),
    (0, b"dex\n", "DEX"),
    (257, b"ustar", "TAR"),
)

_BMFF_BRANDS = {
    "image": (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"),
}


class Refused(Exception):
    """The file may not be stored; ``str()`` is a message for the uploader (Indonesian msgid
    key from ``REASONS``) and ``detail`` names what was found."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _forbidden(head: bytes) -> str:
    for offset, magic, label in FORBIDDEN:
        if head[offset : offset + len(magic)] == magic:
            return label
    # "#!AMR" is a voice note, any other "#!" a script.
    if head.startswith(b"#!") and not head.startswith(b"#!AMR"):
        return "script"
    return ""


def _is_bmff(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


def _is_mov(head: bytes) -> bool:
    return _is_bmff(head) or head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip")


def _is_mp3(head: bytes) -> bool:
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for cut in range(4):  # the head may end in the middle of a multi-byte character
        try:
            head[: len(head) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


_CHECKS = {
    "png": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    "jpg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "gif": lambda h: h[:6] in (b"GIF87a", b"GIF89a"),
    "webp": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP",
    "heic": lambda h: _is_bmff(h) and h[8:12] in _BMFF_BRANDS["image"],
    "pdf": lambda h: h.startswith(b"%PDF-"),
    "mp3": _is_mp3,
    "m4a": _is_bmff,
    "aac": lambda h: _is_bmff(h) or (len(h) > 1 and h[0] == 0xFF and h[1] & 0xF6 == 0xF0),
    "ogg": lambda h: h.startswith(b"OggS"),
    "wav": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WAVE",
    "amr": lambda h: h.startswith(b"#!AMR"),
    "mp4": _is_bmff,
    "3gp": _is_bmff,
    "mov": _is_mov,
    "txt": _is_text,
}
_ALIASES = {"jpeg": "jpg", "heif": "heic", "oga": "ogg", "opus": "ogg", "csv": "txt"}


def detect(name: str, head: bytes) -> FileType:
    """The accepted type of a file named ``name`` starting with ``head``; raises ``Refused``.

    Reasons: ``forbidden`` (executable, script or archive, ``detail`` says which),
    ``extension`` (not on the allow-list), ``mismatch`` (content is not what the
    extension says), ``empty``.
    """
    if not head:
        raise Refused("empty")
    found = _forbidden(head)
    if found:
        raise Refused("forbidden", found)
    ext = extension(name)
    if ext not in ALLOWED:
        raise Refused("extension", ext)
    if not _CHECKS[_ALIASES.get(ext, ext)](head):
        raise Refused("mismatch", ext)
    return ALLOWED[ext]
