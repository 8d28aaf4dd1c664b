"""Run word-bounded regexes only where they can start: at words they can begin with.

Python's ``re`` has no fast scan for patterns that open with a look-behind such as the
``(?<![\\w])`` around every rule: it restarts the matcher at every character of the text,
and that made rule matching the largest cost of a screening. But such a match can only start
at the first character of a word, and only at a word its pattern can begin with ("gaji",
"penghasilan", "high"…). So, once per pattern, we derive from the parsed regex the set of
words (cut to ``HEAD`` characters) a match can begin with; once per text, we index its words
by that cut form; and we try ``pattern.match`` only at those positions.

The result is the same list of matches as ``pattern.finditer``: a match starting anywhere
else is impossible, and trying the candidate positions in order, resuming after each match,
is what ``finditer`` does. Patterns the analysis cannot prove (case-insensitive ones, ones
that may begin with punctuation, exotic constructs) simply fall back to ``finditer``.
"""

from __future__ import annotations

import importlib
import re
from itertools import chain
from typing import Any

# The stdlib's regex parser (``sre_parse`` before 3.11), imported this way because typeshed
# has no stub for the private module. Any failure to analyse falls back to plain finditer.
_p: Any = importlib.import_module("re._parser")

HEAD = 6  # words are compared by their first HEAD characters
_MAX_HEADS = 2000
_WORD = re.compile(r"\w")
_WORDS = re.compile(r"\w+")
_BREAK = "\0"  # stands for "a non-word character": the first word ends there

WordIndex = dict[str, list[int]]  # cut word -> start offsets, ascending
_Heads = set[tuple[str, bool]]  # (first characters of a match, first word finished)


def index_words(text: str) -> WordIndex:
    """Start offsets of the words of ``text``, by their first ``HEAD`` characters."""
    index: WordIndex = {}
    for m in _WORDS.finditer(text):
        index.setdefault(m.group()[:HEAD], []).append(m.start())
    return index


class _GiveUp(Exception):
    pass


def _then(left: _Heads, right: _Heads) -> _Heads:
    out: _Heads = set()
    for a, done in left:
        if done:
            out.add((a, True))
            continue
        for b, fin in right:
            s = a + b
            if _BREAK in s or len(s) >= HEAD:
                out.add((s.split(_BREAK)[0][:HEAD], True))
            else:
                out.add((s, fin))
    if len(out) > _MAX_HEADS:
        raise _GiveUp
    return out


def _only_breaks(members: Any) -> bool:
    """True for a class of non-word characters only (``\\W``, ``\\s``, ``[- ]``…)."""
    for op, av in members:
        if op is _p.CATEGORY and av in (_p.CATEGORY_NOT_WORD, _p.CATEGORY_SPACE):
            continue
        if op is _p.LITERAL and not _WORD.match(chr(av)):
            continue
        return False
    return True


def _char(c: str) -> _Heads:
    return {(c, False) if _WORD.match(c) else (_BREAK, True)}


def _heads(items: Any) -> _Heads:
    """How a match of the parsed sequence ``items`` can begin (see module docstring)."""
    out: _Heads = {("", False)}
    for op, av in items:
        if op is _p.LITERAL:
            item = _char(chr(av))
        elif op is _p.IN and all(o is _p.LITERAL for o, _ in av):
            item = set().union(*(_char(chr(a)) for _, a in av))
        elif op is _p.IN and _only_breaks(av):
            item = {(_BREAK, True)}
        elif op in (_p.AT, _p.ASSERT, _p.ASSERT_NOT):
            item = {("", False)}  # zero width
        elif op is _p.SUBPATTERN and not av[1] & re.IGNORECASE:
            item = _heads(av[3])
        elif op is _p.BRANCH:
            item = set().union(*(_heads(alt) for alt in av[1]))
        elif op in (_p.MAX_REPEAT, _p.MIN_REPEAT) and av[0] <= HEAD:
            # Beyond HEAD repetitions the head is settled (or the body matched empty).
            body = _heads(av[2])
            item = {("", False)} if av[0] == 0 else set()
            reps: _Heads = {("", False)}
            for n in range(1, min(av[1], HEAD) + 1):
                reps = _then(reps, body)
                if n >= av[0]:
                    item |= reps
        else:
            raise _GiveUp
        out = _then(out, item)
        if all(done for _, done in out):
            break
    return out


def _boundary(item: Any, direction: int) -> bool:
    """Is ``item`` ``(?<![\\w…])`` (direction -1) or ``(?![\\w…])`` (direction 1)?"""
    op, av = item
    if op is not _p.ASSERT_NOT or av[0] != direction or len(av[1]) != 1:
        return False
    cop, cav = av[1][0]
    return bool(cop is _p.IN and (_p.CATEGORY, _p.CATEGORY_WORD) in cav)


def match_heads(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Cut first words a match of ``(?<![\\w])…(?![\\w])`` can begin with; None if unsure.

    The two boundaries make the match's first word a whole word of the text, so comparing
    cut words is exact.
    """
    if pattern.flags & re.IGNORECASE:
        return None  # literals would need Unicode case folding
    try:
        data = _p.parse(pattern.pattern, pattern.flags).data
        if len(data) < 3 or not (_boundary(data[0], -1) and _boundary(data[-1], 1)):
            return None
        heads = {s.split(_BREAK)[0] for s, _ in _heads(data[1:-1])}
    except Exception:  # noqa: BLE001 - _GiveUp or anything unforeseen: scan everything
        return None
    return None if "" in heads else frozenset(heads)


class WordScanner:
    """``finditer``/``search`` for one pattern, tried only at its candidate words."""

    __slots__ = ("heads", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.heads = match_heads(pattern)

    def _found(self, index: WordIndex) -> set[str] | frozenset[str]:
        """The candidate cut words present in the text."""
        heads = self.heads
        assert heads is not None
        # Both forms run in C, but each iterates over its right-hand side: ``heads`` often
        # has fewer entries than a long text has distinct words, and then checking each
        # head against the index is cheaper than checking each word against the heads.
        if len(heads) < len(index):
            return index.keys() & heads
        return heads.intersection(index)

    def finditer(self, text: str, index: WordIndex) -> list[re.Match[str]]:
        """The matches ``pattern.finditer(text)`` gives; ``index`` is ``index_words(text)``."""
        if self.heads is None:
            return list(self.pattern.finditer(text))
        found = self._found(index)
        if not found:
            return []
        if len(found) == 1:
            starts: list[int] = index[next(iter(found))]
        else:
            starts = sorted(chain.from_iterable(index[h] for h in found))
        out: list[re.Match[str]] = []
        end = 0
        match = self.pattern.match
        for pos in starts:
            if pos >= end:  # finditer resumes after the previous match
                m = match(text, pos)
                if m is not None:
                    out.append(m)
                    end = m.end()
        return out

    def search(self, text: str, index: WordIndex) -> re.Match[str] | None:
        """The match ``pattern.search(text)`` gives."""
        if self.heads is None:
            return self.pattern.search(text)
        found = self._found(index)
        if not found:
            return None
        match = self.pattern.match
        for pos in sorted(chain.from_iterable(index[h] for h in found)):
            m = match(text, pos)
            if m is not None:
                return m
        return None
