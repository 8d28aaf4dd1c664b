"""Type detection by content and extension together (no Django)."""

from __future__ import annotations

import pytest

from waspada.evidence.filetypes import Refused, detect

from .conftest import PNG

ACCEPTED = [
    ("iklan.png", PNG, "image/png"),
    ("chat.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    ("a.gif", b"GIF89a\x01\x00", "image/gif"),
    ("a.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
    ("foto.heic", b"\x00\x00\x00\x18ftypheic\x00\x00", "image/heic"),
    ("surat.pdf", b"%PDF-1.7\n", "application/pdf"),
    ("rekaman.mp3", b"ID3\x04\x00", "audio/mpeg"),
    ("rekaman.m4a", b"\x00\x00\x00\x20ftypM4A ", "audio/mp4"),
    ("PTT-20230101-WA0001.opus", b"OggS\x00\x02", "audio/ogg"),
    ("a.wav", b"RIFF\x10\x00\x00\x00WAVEfmt ", "audio/wav"),
    ("pesan.amr", b"#!AMR\n\x3c", "audio/amr"),
    ("video.mp4", b"\x00\x00\x00\x18ftypisom", "video/mp4"),
    ("video.3gp", b"\x00\x00\x00\x18ftyp3gp4", "video/3gpp"),
    ("video.mov", b"\x00\x00\x00\x14ftypqt  ", "video/quicktime"),
    ("catatan.txt", b"Transfer ke rekening perekrut, Rp 7.500.000", "text/plain"),
    ("mutasi.csv", b"tanggal,jumlah\n2023-01-10,7500000\n", "text/csv"),
]


@pytest.mark.parametrize(("name", "head", "content_type"), ACCEPTED)
def test_allowed_types_are_accepted(name, head, content_type):
    assert detect(name, head).content_type == content_type


REFUSED = [
    ("bukti.zip", b"PK\x03\x04\x14\x00", "forbidden", "ZIP/APK/JAR"),
    ("aplikasi.apk", b"PK\x03\x04\x14\x00", "forbidden", "ZIP/APK/JAR"),
    ("lib.jar", b"PK\x03\x04\x14\x00", "forbidden", "ZIP/APK/JAR"),
    ("bukti.png", b"PK\x03\x04\x14\x00", "forbidden", "ZIP/APK/JAR"),  # archive in disguise
    ("setup.exe", b"MZ\x90\x00", "forbidden", "EXE/DLL"),
    ("foto.jpg", b"MZ\x90\x00", "forbidden", "EXE/DLL"),
    ("installer.msi", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "forbidden", "MSI/OLE"),
    ("prog", b"\x7fELF\x02\x01", "forbidden", "ELF"),
    ("a.rar", b"Rar!\x1a\x07\x01\x00", "forbidden", "RAR"),
    ("a.7z", b"7z\xbc\xaf\x27\x1c", "forbidden", "7z"),
    ("a.txt", b"\x1f\x8b\x08\x00", "forbidden", "GZIP"),
    ("run.txt", b"#!/bin/sh\nrm -rf /\n", "forbidden", "script"),
    ("run.sh", b"echo hi\n", "extension", "sh"),
    ("page.html", b"<html>", "extension", "html"),
    ("noext", b"hello", "extension", ""),
    ("foto.pdf", PNG, "mismatch", "pdf"),
    ("data.txt", b"abc\x00\x01", "mismatch", "txt"),
    ("x.png", b"", "empty", ""),
]


@pytest.mark.parametrize(("name", "head", "reason", "detail"), REFUSED)
def test_executables_scripts_archives_and_mismatches_are_refused(name, head, reason, detail):
    with pytest.raises(Refused) as refused:
        detect(name, head)
    assert (refused.value.reason, refused.value.detail) == (reason, detail)


def test_text_cut_in_the_middle_of_a_character_is_still_text():
    head = ("é" * 10).encode()[:-1]
    assert detect("catatan.txt", head).family == "text"
