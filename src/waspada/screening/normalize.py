"""Normalisation of informal text with a map back to the original characters.

Rules and the model read a *normalised* text: lower case, repeated letters collapsed
("gajiii" → "gaji"), digits split from letters ("15jt" → "15 juta"), chat abbreviations
expanded ("lgsg" → "langsung"), emoji and decoration turned into spaces. Every character of
the normalised text remembers the span of the original text it came from, so a match found
in the normalised text can be quoted exactly from what the user pasted.

The text is cut into tokens (runs of letters and digits) and the gaps between them. Each
piece is normalised on its own, with its offset map *relative to the piece*, and cached:
words and gaps repeat, so most texts are assembled from cached pieces without a loop per
character. ``NormText.span`` finds the piece of a normalised offset by bisection.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from itertools import accumulate
from operator import itemgetter
from typing import cast

from .wordscan import WordIndex, index_words

# Runs of letters and digits. A number glued to a unit ("15jt", "rp500", "1000usd") is split
# in two; mixed words such as "p3mi" or "kp2mi" stay whole.
_TOKEN_RE = re.compile(r"\d+(?=[^\W\d_]+(?![\w]))|[^\W\d_]+(?=\d+(?![\w]))|[^\W_]+")
# Maximal runs of letters and digits: ``split`` returns gap, run, gap, …, run, gap. A run is
# one token, or two when _TOKEN_RE splits a number from its unit; its look-aheads make it
# several times slower than this plain split, so it only runs once per new run (cached).
_RUN_SPLIT_RE = re.compile(r"([^\W_]+)")
# Punctuation kept because rules and money patterns use it; everything else becomes a space.
# "?" since rules 2026.1.0: it ends a clause and tells the text-type model a question.
_KEPT_PUNCT = frozenset("$+@/.,:-%&'?")
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")
# Leetspeak (rules 2026.1.0): a single 0/1/3/4/5/7 between two letters ("g4ji", "l0w0ngan",
# "k4mb0j4") turns the token's digits into letters, same length, so offsets stay exact.
# Mixed words that are names ("p3mi", "bp3mi") are listed in slang.json → keep_mixed.
_LEET_RE = re.compile(r"[^\W\d_][013457](?=[^\W\d_])")
_LEET = str.maketrans("013457", "oieast")

# A normalised piece and, per character of it, its span relative to the piece's start in
# the original text. Inserted spaces have empty spans.
_Piece = tuple[str, tuple[tuple[int, int], ...]]
_TEXT = itemgetter(0)
# Shared (j, j + 1) pairs: a token that only changed case maps letter for letter.
_IDENTITY = tuple((j, j + 1) for j in range(64))
_NOTHING: _Piece = ("", ())


@dataclass(frozen=True)
class NormText:
    """A normalised text and, per normalised character, its original span."""

    original: str
    text: str
    # The pieces (gap, token, gap, …) and where each starts in the normalised and in the
    # original text; built by ``normalize``.
    _pieces: list[_Piece] = field(repr=False, compare=False)
    _nstarts: list[int] = field(repr=False, compare=False)
    _ostarts: list[int] = field(repr=False, compare=False)

    @cached_property
    def word_index(self) -> WordIndex:
        """Where each word starts, shared by every rule and the gazetteer (wordscan.py)."""
        return index_words(self.text)

    @cached_property
    def _offsets(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        pairs = [self._at(i) for i in range(len(self.text))]
        return tuple(s for s, _ in pairs), tuple(e for _, e in pairs)

    @property
    def starts(self) -> tuple[int, ...]:
        """Per normalised character, the start of its span in the original text."""
        return self._offsets[0]

    @property
    def ends(self) -> tuple[int, ...]:
        """Per normalised character, the end of its span in the original text."""
        return self._offsets[1]

    def _at(self, i: int) -> tuple[int, int]:
        """The original span of normalised character ``i``."""
        k = bisect_right(self._nstarts, i) - 1
        s, e = self._pieces[k][1][i - self._nstarts[k]]
        base = self._ostarts[k]
        return base + s, base + e

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
        s = self._at(start)[0]
        e = self._at(end - 1)[1]
        return (s, max(s, e))


@lru_cache(maxsize=1)
def _slang() -> dict[str, object]:
    raw = resources.files("waspada.screening").joinpath("data/slang.json").read_text("utf-8")
    data = json.loads(raw)
    return {
        "expand": {str(k): str(v) for k, v in data["expand"].items() if k != v},
        "keep_mixed": frozenset(str(w) for w in data.get("keep_mixed", ())),
    }


def _expansions() -> dict[str, str]:
    return cast(dict[str, str], _slang()["expand"])


def _keep_mixed() -> frozenset[str]:
    return cast(frozenset[str], _slang()["keep_mixed"])


_TOKEN_CACHE: dict[str, str] = {}
_TOKEN_CACHE_MAX = 100_000


def _norm_token(low: str) -> str:
    """Collapse repeated letters and expand abbreviations; cached because words repeat."""
    new = _TOKEN_CACHE.get(low)
    if new is None:
        new = low if low.isdigit() else _REPEAT_RE.sub(r"\1", low)
        if _LEET_RE.search(new) and new not in _keep_mixed():
            new = _REPEAT_RE.sub(r"\1", new.translate(_LEET))
        new = _expansions().get(new, new)
        if len(_TOKEN_CACHE) >= _TOKEN_CACHE_MAX:
            _TOKEN_CACHE.clear()
        _TOKEN_CACHE[low] = new
    return new


def _token_piece(tok: str) -> _Piece:
    """A token as written → its normalised form and offset map."""
    if tok == "HR":
        # Upper-case "HR" is human resources ("kept by HR"); only "hr" is short for "hari".
        return "hr", _IDENTITY[:2]
    low = tok.lower()
    new = _norm_token(low)
    if new == low and len(low) == len(tok):
        # Only the case changed, letter for letter: each character maps to itself.
        n = len(tok)
        return new, _IDENTITY[:n] if n <= len(_IDENTITY) else tuple((j, j + 1) for j in range(n))
    # A rewritten token: every character points at the whole original token.
    return new, ((0, len(tok)),) * len(new)


def _gap_piece(gap: str, after_word: bool) -> _Piece:
    """The text between tokens: keep the useful punctuation, collapse the rest into one
    space (none at the very start of the text, where ``after_word`` is False)."""
    out: list[str] = []
    rel: list[tuple[int, int]] = []
    last_space = not after_word  # no leading or doubled spaces
    for j, ch in enumerate(gap):
        if ch in _KEPT_PUNCT:
            out.append(ch)
            rel.append((j, j + 1))
            last_space = False
        elif not last_space:
            out.append(" ")
            rel.append((j, j))
            last_space = True
    return "".join(out), tuple(rel)


def _run_piece(run: str) -> _Piece:
    """A run of letters and digits, as ``_TOKEN_RE`` cuts it when no "_" follows: one
    token, or a number and its unit ("15jt", "rp500") joined by a space with an empty span."""
    first, *rest = _TOKEN_RE.findall(run)
    norm, rel = _token_piece(first)
    offset = len(first)
    for tok in rest:
        tok_norm, tok_rel = _token_piece(tok)
        norm += " " + tok_norm
        rel += ((offset, offset), *((s + offset, e + offset) for s, e in tok_rel))
        offset += len(tok)
    return norm, rel


# Run or gap between two runs, as written -> its piece. The two never collide: runs are
# letters and digits, gaps contain none, and only the first and last gap can be empty.
_PIECES: dict[str, _Piece] = {}


def normalize(text: str) -> NormText:
    """Return the normalised form of ``text`` with its offset map (see module docstring)."""
    parts = _RUN_SPLIT_RE.split(text)  # gap, run, gap, …, run, gap
    found = list(map(_PIECES.get, parts))
    if None in found:
        if len(_PIECES) >= _TOKEN_CACHE_MAX:
            _PIECES.clear()
        for k, piece in enumerate(found):
            if piece is None:
                part = parts[k]
                found[k] = _PIECES[part] = _run_piece(part) if k % 2 else _gap_piece(part, True)
    pieces = cast(list[_Piece], found)
    if "_" in text:
        # A number glued to a unit and then to "_" ("15jt_") stays one token.
        for k in range(1, len(parts), 2):
            if parts[k + 1].startswith("_"):
                pieces[k] = _token_piece(parts[k])
    # The first gap starts the text (no leading space); an empty last gap adds nothing.
    pieces[0] = _gap_piece(parts[0], False) if parts[0] else _NOTHING
    if len(parts) > 1 and not parts[-1]:
        pieces[-1] = _NOTHING
    norm = list(map(_TEXT, pieces))
    return NormText(
        original=text,
        text="".join(norm),
        _pieces=pieces,
        _nstarts=list(accumulate(map(len, norm), initial=0)),
        _ostarts=list(accumulate(map(len, parts), initial=0)),
    )
