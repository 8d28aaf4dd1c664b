"""Seeded spelling noise: the typos, leetspeak and dropped vowels real messages carry.

Used twice, with different seeds: in training, every training text gets one noisy copy (so
the model learns the noisy spellings of its words), and in evaluation, to measure recall on
risky texts under noise (``benchmarks/eval_blind.py --noise``). Pure function of the text and
the seed: the same call always gives the same text.
"""

from __future__ import annotations

import random
import re

_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
_VOWELS = frozenset("aeiouAEIOU")


def _swap(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _leet(word: str, rng: random.Random) -> str:
    return "".join(_LEET.get(c, c) if c in _LEET and rng.random() < 0.6 else c for c in word)


def _drop_vowels(word: str, rng: random.Random) -> str:
    kept = [c for k, c in enumerate(word) if k == 0 or c not in _VOWELS or rng.random() < 0.2]
    return "".join(kept)


def _double(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    return word[: i + 1] + word[i] + word[i + 1 :]


def _delete(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1 :]


_EDITS = (_swap, _leet, _drop_vowels, _double, _delete)


def add_noise(text: str, seed: int | str, rate: float = 0.3) -> str:
    """Return ``text`` with about ``rate`` of its words of 4+ letters misspelt: a swap of two
    letters, leetspeak (a→4, e→3, i→1, o→0, s→5, t→7), dropped vowels, a doubled or a
    deleted letter. Deterministic for a given ``seed``."""
    rng = random.Random(f"{seed}\0{text}")  # noqa: S311 (reproducible noise, not secrets)

    def edit(m: re.Match[str]) -> str:
        word = m.group()
        if rng.random() >= rate:
            return word
        return rng.choice(_EDITS)(word, rng)

    return _WORD_RE.sub(edit, text)
