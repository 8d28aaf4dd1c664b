"""Run word-bounded regexes only where they can start: at words they can begin with.

Python's ``re`` has no fast scan for patterns that open with a look-behind such as the
``(?<![\\w])`` around every rule: it restarts the matcher at every character of the text,
and that made rule matching the largest cost of a screening. But such a match can only start
at the first character of a word, and only at a word its pattern can begin with ("gaji",
"penghasilan", "high"…). So, once per pattern, we derive from the parsed regex the set of
words (cut to ``HEAD`` characters) a match can begin with; once per text, we index its words
by that cut form; and we try ``pattern.match`` only at those positions.

Two shapes need more than a set of words. A first word that goes on with characters we cannot
list (``stop\\w*``, ``[a-z]+``) gives a *prefix*: every word of the text that starts with it is
a candidate. A match that may begin with a non-word character (``(?:sudah )? ?kakak``) can,
after the look-behind, only start at a non-word character that follows another one (or opens
the text): the one just before a word it can go on with ("kakak"), or, when that word is not
known, every such position.

The result is the same list of matches as ``pattern.finditer``: a match starting anywhere
else is impossible, and trying the candidate positions in order, resuming after each match,
is what ``finditer`` does. Patterns the analysis cannot prove (case-insensitive ones, ones
that may match an empty string, constructs it does not know) simply fall back to
``finditer``. ``ScanGroup`` finds the candidate words of many patterns (all the rules) with
one set intersection per text, so a rule with no candidate costs nothing.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Collection, Iterable, Sequence
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
_ANY = "\1"  # stands for "word characters we cannot list": the first word goes on unknown
# A non-word character followed by another: the second may start a match that opens with one.
_NONWORD_PAIR = re.compile(r"\W(?=\W)")

WordIndex = dict[str, list[int]]  # cut word -> start offsets, ascending
_Heads = set[tuple[str, bool]]  # (first characters of a match, first word settled)


def index_words(text: str) -> WordIndex:
    """Start offsets of the words of ``text``, by their first ``HEAD`` characters."""
    index: WordIndex = {}
    for m in _WORDS.finditer(text):
        index.setdefault(m.group()[:HEAD], []).append(m.start())
    return index


def find_word(text: str, index: WordIndex, word: str) -> int:
    """Offset of the first whole-word ``word`` in ``text``, or -1.

    The same answer as ``re.search(rf"(?<!\\w){re.escape(word)}(?!\\w)", text)``, which it
    runs for a ``word`` that is not a run of word characters; ``index`` is
    ``index_words(text)``.
    """
    if not _WORDS.fullmatch(word):
        m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
        return m.start() if m else -1
    end = len(word)
    for pos in index.get(word[:HEAD], ()):
        if text.startswith(word, pos) and not _WORD.match(text, pos + end):
            return pos
    return -1


def _break_starts(text: str) -> list[int]:
    """Offsets of the non-word characters that open the text or follow a non-word one."""
    starts = [m.start() + 1 for m in _NONWORD_PAIR.finditer(text)]
    if text and not _WORD.match(text):
        starts.insert(0, 0)
    return starts


class _GiveUp(Exception):
    pass


def _settle(s: str) -> str:
    """The settled head of ``s``: its first word, cut to HEAD characters; a first word that
    goes on with unknown characters before HEAD keeps the ``_ANY`` mark (a prefix). A match
    that opens with a non-word character keeps it (``_BREAK``) before the word that follows,
    or alone when that word is not known."""
    if s.startswith(_BREAK):
        word = _settle(s[1:])
        if not word or word[0] == _BREAK or _ANY in word:
            return _BREAK
        return _BREAK + word
    s = s.split(_BREAK)[0]
    unknown = s.find(_ANY)
    if 0 <= unknown < HEAD:
        return s[: unknown + 1]
    return s[:HEAD]


def _then(left: _Heads, right: _Heads) -> _Heads:
    out: _Heads = set()
    for a, done in left:
        if done:
            out.add((a, True))
            continue
        for b, fin in right:
            s = a + b
            word = s[1:] if s.startswith(_BREAK) else s  # a leading break does not end it
            if _BREAK in word or _ANY in word or len(word) >= HEAD:
                out.add((_settle(s), True))
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
    return {(c if _WORD.match(c) else _BREAK, False)}


def _class(members: Any) -> _Heads:
    """A character class with word characters we do not list one by one (``\\w``, ``a-z``)."""
    out: _Heads = set()
    for op, av in members:
        if op is _p.LITERAL:
            out |= _char(chr(av))
        elif op is _p.CATEGORY and av in (_p.CATEGORY_WORD, _p.CATEGORY_DIGIT):
            out.add((_ANY, True))
        elif op is _p.CATEGORY and av in (_p.CATEGORY_NOT_WORD, _p.CATEGORY_SPACE):
            out.add((_BREAK, False))
        elif op is _p.RANGE and av[1] - av[0] < 1024:
            chars = [chr(c) for c in range(av[0], av[1] + 1)]
            if any(_WORD.match(c) for c in chars):
                out.add((_ANY, True))
            if not all(_WORD.match(c) for c in chars):
                out.add((_BREAK, False))
        else:
            raise _GiveUp  # negated classes, other categories
    return out


def _heads(items: Any) -> _Heads:
    """How a match of the parsed sequence ``items`` can begin (see module docstring)."""
    out: _Heads = {("", False)}
    for op, av in items:
        if op is _p.LITERAL:
            item = _char(chr(av))
        elif op is _p.IN and all(o is _p.LITERAL for o, _ in av):
            item = set().union(*(_char(chr(a)) for _, a in av))
        elif op is _p.IN and _only_breaks(av):
            item = {(_BREAK, False)}
        elif op is _p.IN:
            item = _class(av)
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


class Heads:
    """How a match of ``(?<![\\w])…(?![\\w])`` can begin (see module docstring)."""

    __slots__ = ("after_break", "breaks", "prefixes", "words")

    def __init__(
        self,
        words: frozenset[str],
        prefixes: tuple[str, ...],
        after_break: frozenset[str],
        breaks: bool,
    ) -> None:
        self.words = words  # cut first words, compared whole
        self.prefixes = prefixes  # the first word starts with one of these
        # Cut words that follow a non-word character opening the match (" kakak").
        self.after_break = after_break
        self.breaks = breaks  # may begin with a non-word character and anything after it


def match_heads(pattern: re.Pattern[str]) -> Heads | None:
    """How a match of ``(?<![\\w])…(?![\\w])`` can begin; None if unsure.

    The two boundaries make the match's first word a whole word of the text, so comparing
    cut words is exact.
    """
    if pattern.flags & re.IGNORECASE:
        return None  # literals would need Unicode case folding
    try:
        data = _p.parse(pattern.pattern, pattern.flags).data
        if len(data) < 3 or not (_boundary(data[0], -1) and _boundary(data[-1], 1)):
            return None
        heads = _heads(data[1:-1])
    except Exception:  # noqa: BLE001 - _GiveUp or anything unforeseen: scan everything
        return None
    found = {h for h, _ in heads}
    if "" in found:
        return None  # the match may be empty
    after_break = frozenset(h[1:] for h in found if h.startswith(_BREAK) and h != _BREAK)
    found -= {_BREAK + h for h in after_break}
    prefixes = tuple(sorted(h[:-1] for h in found if h.endswith(_ANY)))
    if "" in prefixes:
        return None  # the first word may be any word
    words = frozenset(h for h in found if not h.endswith(_ANY) and h != _BREAK)
    return Heads(words, prefixes, after_break, breaks=_BREAK in found)


class WordScanner:
    """``finditer``/``search`` for one pattern, tried only at its candidate words."""

    __slots__ = ("after_break", "breaks", "heads", "pattern", "prefixes", "words")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        analysed = match_heads(pattern)
        heads = analysed or Heads(frozenset(), (), frozenset(), False)
        self.words = heads.words
        self.prefixes = heads.prefixes
        self.after_break = heads.after_break
        self.breaks = heads.breaks
        # The cut words one of which a match needs (unless it has prefixes or break starts);
        # None: no analysis, every call falls back to the pattern's own scan.
        self.heads = heads.words | heads.after_break if analysed is not None else None

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

    def _starts(self, text: str, index: WordIndex, found: Collection[str] | None) -> Sequence[int]:
        """Candidate start offsets, ascending. ``found``: the head words present, if known."""
        words = self._found(index) if found is None else found
        if self.prefixes:
            # Words of the text that start with a prefix (and are not head words already).
            extra = [k for k in index if k.startswith(self.prefixes) and k not in self.words]
        else:
            extra = []
        if not (self.after_break or self.breaks):
            words = [*words, *extra]
            if not words:
                return ()
            if len(words) == 1:
                return index[words[0]]
            return sorted(chain.from_iterable(index[h] for h in words))
        starts: list[int] = []
        for w in words:
            if w in self.words:
                starts += index[w]
            if w in self.after_break:
                # The non-word character before the word, if it follows another one.
                starts += [
                    q - 1 for q in index[w] if q >= 1 and (q == 1 or not _WORD.match(text, q - 2))
                ]
        for k in extra:
            starts += index[k]
        if self.breaks:
            starts += _break_starts(text)
        return sorted(starts)

    def finditer(
        self, text: str, index: WordIndex, found: Collection[str] | None = None
    ) -> list[re.Match[str]]:
        """The matches ``pattern.finditer(text)`` gives; ``index`` is ``index_words(text)``.

        ``found`` may give the head words present in the text (``ScanGroup.candidates``).
        """
        if self.heads is None:
            return list(self.pattern.finditer(text))
        out: list[re.Match[str]] = []
        end = 0
        match = self.pattern.match
        for pos in self._starts(text, index, found):
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
        match = self.pattern.match
        for pos in self._starts(text, index, None):
            m = match(text, pos)
            if m is not None:
                return m
        return None


class ScanGroup:
    """The candidate words of several scanners, found with one set intersection per text."""

    __slots__ = ("_always", "_owners", "_words")

    def __init__(self, scanners: Iterable[WordScanner]) -> None:
        owners: dict[str, list[WordScanner]] = {}
        always: list[WordScanner] = []
        for scan in scanners:
            if scan.heads is None or scan.prefixes or scan.breaks:
                always.append(scan)  # may match without one of its words in the text
            for word in scan.heads or ():
                owners.setdefault(word, []).append(scan)
        self._owners = owners
        self._words = frozenset(owners)
        self._always = tuple(always)

    def candidates(self, index: WordIndex) -> dict[WordScanner, list[str]]:
        """Scanner -> its head words present in the text. A scanner left out cannot match;
        one without analysis, prefixes or break starts is always in (perhaps with [])."""
        found: dict[WordScanner, list[str]] = {scan: [] for scan in self._always}
        owners = self._owners
        for word in self._words.intersection(index):
            for scan in owners[word]:
                if scan in found:
                    found[scan].append(word)
                else:
                    found[scan] = [word]
        return found
