"""Tiny language guess (Indonesian / English / mixed) from function words."""

from __future__ import annotations

import re

_ID = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "tidak",
        "ini",
        "itu",
        "ada",
        "kami",
        "kamu",
        "anda",
        "saya",
        "bisa",
        "akan",
        "juga",
        "atau",
        "sudah",
        "belum",
        "kerja",
        "gaji",
        "lowongan",
        "dibutuhkan",
        "berangkat",
        "biaya",
        "tanpa",
        "pengalaman",
        "harus",
        "dalam",
        "pada",
        "adalah",
        "mau",
        "ya",
        "kak",
        "sebagai",
        "bagi",
        "oleh",
        "per",
        "bulan",
        "orang",
        "perusahaan",
        "jadi",
        "lagi",
    ]
)
_EN = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "you",
        "your",
        "we",
        "our",
        "is",
        "are",
        "to",
        "of",
        "in",
        "on",
        "no",
        "not",
        "will",
        "be",
        "this",
        "that",
        "job",
        "jobs",
        "salary",
        "work",
        "working",
        "apply",
        "experience",
        "company",
        "month",
        "hiring",
        "please",
        "contact",
        "free",
        "only",
        "all",
        "an",
        "a",
        "as",
        "at",
        "by",
        "from",
        "have",
        "has",
        "need",
        "needed",
        "required",
    ]
)
_EN_ONLY = _EN - _ID  # a word in both lists counts as Indonesian
_WORD = re.compile(r"[a-z]+")


def detect_language(normalized_text: str) -> str:
    """Return ``"id"``, ``"en"`` or ``"mixed"``; Indonesian when there is no signal."""
    words = _WORD.findall(normalized_text)
    n_id = sum(map(_ID.__contains__, words))
    n_en = sum(map(_EN_ONLY.__contains__, words))
    if n_en == 0 or n_id >= 4 * n_en:
        return "id"
    if n_id == 0 or n_en >= 4 * n_id:
        return "en"
    return "mixed"
