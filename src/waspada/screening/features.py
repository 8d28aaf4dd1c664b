"""Text features of the linear models: word 1–2-grams, character 4-grams within words and
consonant skeletons of words (since model format 2: "lowongan" and "lwngn" share ``k:lwngn``,
so a text written with its vowels dropped still meets the words the model learned).

``analyze`` is the reference used in training (through scikit-learn's
``TfidfVectorizer(analyzer=analyze)``); the numpy forward pass builds the same counts from
``words_of`` and ``char_grams`` with a per-word cache. A test checks they agree.
"""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[^\W_]+")
_DIGIT_RE = re.compile(r"\d")
CHAR_N = 4
QMARK = "p:?"
_VOWELS = str.maketrans("", "", "aeiou")
_DOUBLE_RE = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """The consonant skeleton term of a word (``k:`` + the word without a, e, i, o, u and with
    doubled consonants single: "passport" and "paspor" give ``k:psprt`` and ``k:pspr``,
    "kamboja" and "kkmbja" both ``k:kmbj``), or '' for numbers and words whose skeleton keeps
    fewer than 2 letters ("gj" for "gaji" counts)."""
    if len(word) < 2 or word[0] == "0":
        return ""
    sk = _DOUBLE_RE.sub(r"\1", word.translate(_VOWELS))
    return "k:" + sk if len(sk) >= 2 else ""


def words_of(normalized_text: str) -> list[str]:
    """Words of a normalised text, digits turned into ``0`` so numbers generalise."""
    return _WORD_RE.findall(_DIGIT_RE.sub("0", normalized_text))


def char_grams(word: str) -> list[str]:
    """Character 4-grams of a space-padded word (like ``char_wb``); none for short/numeric."""
    if len(word) < 3 or word[0] == "0":
        return []
    p = " " + word + " "
    return ["c:" + p[i : i + CHAR_N] for i in range(len(p) - CHAR_N + 1)]


def word_terms(word: str) -> list[str]:
    """The per-word terms taken once per distinct word: char 4-grams, then the skeleton."""
    grams = char_grams(word)
    sk = skeleton(word)
    if sk:
        grams.append(sk)
    return grams


def analyze(normalized_text: str) -> list[str]:
    """Return the feature terms of an already normalised text.

    Word unigrams (``w:``) and bigrams (``b:``) count every occurrence; character 4-grams
    (``c:``) and the consonant skeleton (``k:``) are taken once per distinct word and catch
    spellings the slang table misses (typos, dropped vowels); ``p:?`` counts question marks.
    """
    words = words_of(normalized_text)
    feats = ["w:" + w for w in words]
    feats.extend("b:" + a + " " + b for a, b in zip(words, words[1:], strict=False))
    # Distinct words in first-seen order, not ``set`` order: a set of strings iterates in an
    # order that changes with the hash seed of each process, which reordered the sparse
    # matrix and changed the fitted coefficients in their last digits from run to run.
    for w in dict.fromkeys(words):
        feats.extend(word_terms(w))
    # Question marks (kept by normalisation since rules 2026.1.0), for the text-type model.
    feats.extend([QMARK] * normalized_text.count("?"))
    return feats
