"""The word-start scan (wordscan.py) must give exactly the matches of ``re``'s own scan."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waspada.screening.corpus import corpus_files, default_corpus_dir, load_examples
from waspada.screening.gazetteer import default_gazetteer
from waspada.screening.normalize import normalize
from waspada.screening.rules import default_rules
from waspada.screening.wordscan import ScanGroup, WordScanner, find_word, index_words


def _scanners() -> dict[str, WordScanner]:
    rules = default_rules()
    out = {r.code: r.scan for r in rules.rules if r.scan is not None}
    out |= {"context.offer": rules._offer, "context.overseas": rules._overseas}
    out |= {"context.desk_roles": rules._desk, "gazetteer": default_gazetteer()._scan}
    out |= {f"context.{k}": v for k, v in rules._travel.items()}
    return out


@lru_cache(maxsize=1)
def _corpus_texts() -> list[str]:
    return [
        normalize(e.text).text for f in corpus_files(default_corpus_dir()) for e in load_examples(f)
    ]


@lru_cache(maxsize=1)
def _vocabulary() -> list[str]:
    words = Counter(w for t in _corpus_texts() for w in re.findall(r"\w+", t))
    return [w for w, _ in words.most_common(600)]


def _same(scan: WordScanner, text: str) -> None:
    index = index_words(text)
    assert [m.span() for m in scan.finditer(text, index)] == [
        m.span() for m in scan.pattern.finditer(text)
    ]
    fast, slow = scan.search(text, index), scan.pattern.search(text)
    assert (fast and fast.span()) == (slow and slow.span())


def test_every_shipped_pattern_is_analysed() -> None:
    # A pattern without analysis still works (plain finditer) but costs a scan per
    # character; an edit to rules.json that loses the analysis should be noticed.
    assert [name for name, scan in _scanners().items() if scan.heads is None] == []


@pytest.mark.parametrize("name", sorted(_scanners()))
def test_scan_matches_finditer_on_the_corpus(name: str) -> None:
    scan = _scanners()[name]
    for text in _corpus_texts():
        _same(scan, text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_vocabulary()),
            st.sampled_from([" ", " ", ", ", ". ", " - ", "-", "'", ": ", "/", "0", "#", "  "]),
        ),
        max_size=40,
    )
)
def test_scan_matches_finditer_on_generated_texts(parts: list[str]) -> None:
    text = "".join(parts)
    for scan in _scanners().values():
        _same(scan, text)


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        # A first word that goes on with unknown characters: a prefix.
        (r"(?<![\w])(?:stop\w*(?:tppo|scam)\w*|pov:?)(?![\w])", ["#stoptppo", "stopscamnow x"]),
        # A match that may begin with a space: tried before "kakak" after another non-word
        # character; and after any two non-word characters when the word is not known.
        (r"(?<![\w])(?:(?:sudah|nanti)? ?kakak yang)(?![\w])", [", kakak yang", " kakak yang"]),
        (r"(?<![\w])(?:\W+kakak|-\w+ yang)(?![\w])", [", kakak", "--kakak", "a -x yang"]),
        (r"(?<![\w])(?:b[a-c]+ok|x[\w-]y)(?![\w])", ["bacok bok", "x-y xzy"]),
    ],
)
def test_prefix_and_break_starts(pattern: str, texts: list[str]) -> None:
    scan = WordScanner(re.compile(pattern))
    assert scan.heads is not None
    assert scan.prefixes or scan.after_break or scan.breaks
    for text in texts:
        assert scan.pattern.search(text)
        _same(scan, text)
        _same(scan, "a, " + text + " . " + text)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<![\w])(?:\w+ok)(?![\w])",  # any first word
        r"(?<![\w])(?:kakak)?(?![\w])",  # may match empty
        r"(?<![\w])(?i:kakak)(?![\w])",  # case-insensitive
        r"(?:kakak)",  # no word boundaries
    ],
)
def test_unprovable_patterns_fall_back(pattern: str) -> None:
    scan = WordScanner(re.compile(pattern))
    assert scan.heads is None
    _same(scan, "Kakak, kakak ok  bok")


def test_scan_group_leaves_out_only_scanners_that_cannot_match() -> None:
    scanners = list(_scanners().values())
    group = ScanGroup(scanners)
    for text in _corpus_texts()[::7]:
        index = index_words(text)
        found = group.candidates(index)
        for scan in scanners:
            if scan not in found:
                assert scan.pattern.search(text) is None
            else:
                assert [m.span() for m in scan.finditer(text, index, found[scan])] == [
                    m.span() for m in scan.pattern.finditer(text)
                ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*_vocabulary()[:80], " ", ", ", "-", "ü", "0"]), max_size=30),
    st.sampled_from([*_vocabulary()[:80], "gaji-", "a b", "", "ü", "kerja0"]),
)
def test_find_word_is_the_whole_word_search(parts: list[str], word: str) -> None:
    text = "".join(parts)
    m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    assert find_word(text, index_words(text), word) == (m.start() if m else -1)
