"""Normalisation of informal text with a map back to the original characters.

Rules and the model read a *normalised* text: lower case, repeated letters collapsed
("gajiii" → "gaji"), digits split from letters ("15jt" → "15 juta"), chat abbreviations
expanded ("lgsg" → "langsung"), emoji and decoration turned into spaces. Every character of
the normalised text remembers the span of the original text it came from, so a match found
in the normalised text can be quoted exactly from what the user pasted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from .wordscan import WordIndex, index_words

# Runs of letters and digits. A number glued to a unit ("15jt", "rp500", "1000usd") is split
# in two; mixed words such as "p3mi" or "kp2mi" stay whole.
_TOKEN_RE = re.compile(r"\d+(?=[^\W\d_]+(?![\w]))|[^\W\d_]+(?=\d+(?![\w]))|[^\W_]+")
# Punctuation kept because rules and money patterns use it; everything else becomes a space.
_KEPT_PUNCT = frozenset("$+@/.,:-%&'")
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")


@dataclass(frozen=True)
class NormText:
    """A normalised text and, per normalised character, its original span."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @cached_property
    def word_index(self) -> WordIndex:
        """Where each word starts, shared by every rule and the gazetteer (wordscan.py)."""
        return index_words(self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to a span of the original text."""
        if end <= start:
            return (0, 0)
        # Shrink away from the inserted spaces, whose spans are empty.
        while start < end and self.text[start] == " ":
            start += 1
        while end > start and self.text[end - 1] == " ":
            end -= 1
        if end <= start:
            return (0, 0)
        s = self.starts[start]
        e = self.ends[end - 1]
        return (s, max(s, e))


@lru_cache(maxsize=1)
def _expansions() -> dict[str, str]:
    raw = resources.files("waspada.screening").joinpath("data/slang.json").read_text("utf-8")
    table = json.loads(raw)["expand"]
    return {str(k): str(v) for k, v in table.items() if k != v}


_TOKEN_CACHE: dict[str, str] = {}
_TOKEN_CACHE_MAX = 100_000


def _norm_token(low: str) -> str:
    """Collapse repeated letters and expand abbreviations; cached because words repeat."""
    new = _TOKEN_CACHE.get(low)
    if new is None:
        new = low if low.isdigit() else _REPEAT_RE.sub(r"\1", low)
        new = _expansions().get(new, new)
        if len(_TOKEN_CACHE) >= _TOKEN_CACHE_MAX:
            _TOKEN_CACHE.clear()
        _TOKEN_CACHE[low] = new
    return new


# Token as written -> (normalised token, True when it only changed case letter for letter):
# one dict lookup per token instead of lower() + _norm_token + comparisons.
_RAW_CACHE: dict[str, tuple[str, bool]] = {}


def _raw_token(tok: str) -> tuple[str, bool]:
    low = tok.lower()
    new = _norm_token(low)
    entry = (new, new == low and len(low) == len(tok))
    if len(_RAW_CACHE) >= _TOKEN_CACHE_MAX:
        _RAW_CACHE.clear()
    _RAW_CACHE[tok] = entry
    return entry


def normalize(text: str) -> NormText:
    """Return the normalised form of ``text`` with its offset map (see module docstring)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    last_space = True  # no leading or doubled spaces
    kept = _KEPT_PUNCT
    raw_get = _RAW_CACHE.get

    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        if s > pos:
            # Between tokens: keep the useful punctuation, collapse the rest into one space.
            if s - pos == 1 and text[pos] not in kept or kept.isdisjoint(text[pos:s]):
                if not last_space:
                    out.append(" ")
                    starts.append(pos)
                    ends.append(pos)
                    last_space = True
            else:
                for i in range(pos, s):
                    ch = text[i]
                    if ch in kept:
                        out.append(ch)
                        starts.append(i)
                        ends.append(i + 1)
                        last_space = False
                    elif not last_space:
                        out.append(" ")
                        starts.append(i)
                        ends.append(i)
                        last_space = True
        elif s > 0 and not last_space:
            # A number glued to a unit ("15jt"): separate the parts.
            out.append(" ")
            starts.append(s)
            ends.append(s)
        pos = e
        tok = m.group()
        entry = raw_get(tok)
        if entry is None:
            entry = _raw_token(tok)
        new, same = entry
        out.append(new)
        if same:
            starts.extend(range(s, e))
            ends.extend(range(s + 1, e + 1))
        else:
            # A rewritten token: every character points at the whole original token.
            starts.extend([s] * len(new))
            ends.extend([e] * len(new))
        last_space = False
    for i in range(pos, len(text)):
        ch = text[i]
        if ch in kept:
            out.append(ch)
            starts.append(i)
            ends.append(i + 1)
            last_space = False
        elif not last_space:
            out.append(" ")
            starts.append(i)
            ends.append(i)
            last_space = True
    return NormText(text, "".join(out), tuple(starts), tuple(ends))
