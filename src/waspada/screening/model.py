"""The linear text model: safe storage (JSON + NPZ, never pickle) and a numpy forward pass.

Files in a model directory:

* ``model.npz`` — arrays only, loaded with ``allow_pickle=False``: ``terms`` (unicode),
  ``idf`` and ``coef`` (float64), ``intercept`` and ``combiner`` (float64); since format 2 the
  text-type model over the same terms: ``type_names`` (unicode), ``type_coef`` (float64,
  types × terms) and ``type_intercept`` (float64, one per type).
* ``manifest.json`` — versions, training-data hash, evaluation figures, creation time.

A swapped file can at worst give wrong numbers; it cannot run code, because nothing is
unpickled and the forward pass is re-implemented here with plain arrays.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

import numpy as np

from .errors import ModelFormatError, ModelNotFoundError
from .features import QMARK, word_terms, words_of

MODEL_FILE = "model.npz"
MANIFEST_FILE = "manifest.json"
FORMAT = "waspada-screening-linear/2"
# The stacked combiner: risk = sigmoid(c0 + Σ c_i · feature_i), features in this order.
COMBINER_FEATURES = (
    "model_logit",
    "rule_risk",
    "rule_mitigating",
    "third_party",
    "question",
    "third_party_x_rule_risk",
    "chat",
)
# Text types whose probabilities sum to the "third_party" feature: the text talks about
# offers (news, a warning, a survivor's story, an official notice) instead of making one.
THIRD_PARTY_TYPES = ("news", "warning", "story", "notice")
_ARRAYS = (
    "terms",
    "idf",
    "coef",
    "intercept",
    "combiner",
    "type_names",
    "type_coef",
    "type_intercept",
)
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
# Per word: index of its unigram term or -1, indices of its known char grams.
_Entry = tuple[int, tuple[int, ...]]


@dataclass
class LinearTextModel:
    """TF-IDF (sublinear tf, l2 norm) + logistic regression, plus the rule/model combiner.

    ``combiner`` holds ``[intercept, model_logit_coef, rule_score_coef]`` of the logistic
    combination that turns a model logit and the sum of rule weights into a risk.
    """

    terms: list[str]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    combiner: np.ndarray
    manifest: dict[str, Any]
    type_names: list[str] = field(default_factory=list)
    type_coef: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    type_intercept: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        self.vocab = {t: i for i, t in enumerate(self.terms)}
        # word -> (index of its unigram or -1, indices of its known char grams); words repeat
        # across messages, so this cache removes most of the per-message string work.
        self._word_cache: dict[str, _Entry] = {}
        # (word, next word) -> index of the bigram term, or -1; same reason.
        self._pair_cache: dict[tuple[str, str], int] = {}
        # The last text's counts: contributions() is called right after logit() on the same
        # text when the model indicator is shown. One tuple, replaced atomically: thread-safe.
        self._last: tuple[str, tuple[np.ndarray, np.ndarray]] | None = None
        # Per-term weight folded in advance: logit = sum(tf * idf * coef) / ||tf * idf||.
        self._idf_coef = self.idf * self.coef
        self._qmark = self.vocab.get(QMARK, -1)
        # The same for the text-type model (types × terms), transposed for row look-ups.
        self._type_idf_coef = (
            (self.type_coef * self.idf).T.copy() if len(self.type_names) else np.zeros((0, 0))
        )

    @property
    def version(self) -> str:
        return str(self.manifest.get("model_version", "unknown"))

    def logit(self, normalized_text: str) -> float:
        """Return the model's log-odds that the (normalised) text is a scam offer."""
        idx, tf = self._tf(normalized_text)
        if idx.size == 0:
            return self.intercept
        x = tf * self.idf[idx]
        norm = math.sqrt(float(x @ x))
        return self.intercept + float(tf @ self._idf_coef[idx]) / norm

    def scores(self, normalized_text: str) -> tuple[float, dict[str, float]]:
        """The scam logit and the text-type probabilities (softmax) in one pass."""
        idx, tf = self._tf(normalized_text)
        names = self.type_names
        if idx.size == 0:
            logit, tl = self.intercept, self.type_intercept
        else:
            x = tf * self.idf[idx]
            norm = math.sqrt(float(x @ x))
            logit = self.intercept + float(tf @ self._idf_coef[idx]) / norm
            if not names:
                return logit, {}
            tl = self.type_intercept + (tf @ self._type_idf_coef[idx]) / norm
        if not names:
            return logit, {}
        tl = np.exp(tl - tl.max())
        probs = tl / tl.sum()
        return logit, dict(zip(names, map(float, probs), strict=True))

    def contributions(self, normalized_text: str, limit: int = 40) -> list[tuple[str, float]]:
        """Return the ``limit`` (term, contribution to the logit) pairs, largest first."""
        idx, tf = self._tf(normalized_text)
        if idx.size == 0:
            return []
        x = tf * self.idf[idx]
        norm = math.sqrt(float(x @ x))
        contrib = tf * self._idf_coef[idx] / norm
        order = np.argsort(-contrib, kind="stable")[:limit]
        return [(self.terms[int(idx[i])], float(contrib[i])) for i in order]

    def combine(self, features: list[float]) -> float:
        """Return the calibrated risk (0–1) from the features of :data:`COMBINER_FEATURES`."""
        c = self.combiner
        z = float(c[0]) + sum(float(w) * f for w, f in zip(c[1:], features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def _tf(self, normalized_text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sparse term counts (as in ``features.analyze``) → (indices, sublinear tf)."""
        last = self._last
        if last is not None and last[0] == normalized_text:
            return last[1]
        result = self._count(normalized_text)
        self._last = (normalized_text, result)
        return result

    def _count(self, normalized_text: str) -> tuple[np.ndarray, np.ndarray]:
        # The order of the terms is kept exactly as it always was (unigrams, char grams,
        # bigrams, each in first-seen order): the dot products below sum in that order, and
        # a different order could change the last digit of the risk.
        words = words_of(normalized_text)
        counts = Counter(words)
        cached = list(map(self._word_cache.get, counts))
        entries = (
            self._fill_word_cache(counts, cached) if None in cached else cast(list[_Entry], cached)
        )
        # Distinct words have distinct unigram terms, so one dict() builds the unigram
        # counts in first-seen order; -1 (no such term) is inserted too and dropped after.
        unigrams = dict(zip(map(_FIRST, entries), counts.values(), strict=True))
        unigrams.pop(-1, None)
        acc: Counter[int] = Counter(unigrams)
        acc.update(chain.from_iterable(map(_SECOND, entries)))  # char grams, in C
        pairs = self._pair_cache
        ids = list(map(pairs.get, zip(words, words[1:], strict=False)))
        if None in ids:
            if len(pairs) > 400_000:
                pairs.clear()
            for k, (a, b) in enumerate(zip(words, words[1:], strict=False)):
                if ids[k] is None:
                    ids[k] = pairs[a, b] = self.vocab.get("b:" + a + " " + b, -1)
        acc.update(filter((-1).__ne__, cast(list[int], ids)))
        if self._qmark >= 0 and "?" in normalized_text:
            acc[self._qmark] += normalized_text.count("?")
        if not acc:
            return np.empty(0, dtype=np.intp), np.empty(0)
        idx = np.fromiter(acc.keys(), dtype=np.intp, count=len(acc))
        cnt = np.fromiter(acc.values(), dtype=np.float64, count=len(acc))
        return idx, 1.0 + np.log(cnt)  # sublinear tf, as in training

    def _fill_word_cache(self, counts: Counter[str], entries: list[_Entry | None]) -> list[_Entry]:
        """Compute the entries of the words not cached yet; return the completed list."""
        vocab = self.vocab
        cache = self._word_cache
        if len(cache) > 200_000:
            cache.clear()
        out = []
        for w, entry in zip(counts, entries, strict=True):
            if entry is None:
                entry = cache[w] = (
                    vocab.get("w:" + w, -1),
                    tuple(vocab[g] for g in word_terms(w) if g in vocab),
                )
            out.append(entry)
        return out

    # -- storage ---------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        """Write ``model.npz`` and ``manifest.json`` into ``directory`` (created if needed).

        The same model always gives the same bytes (see :func:`write_npz`), so the model
        shipped in the package can be compared with one rebuilt from the corpus.
        """
        directory.mkdir(parents=True, exist_ok=True)
        write_npz(
            directory / MODEL_FILE,
            {
                "terms": np.array(self.terms, dtype=str),
                "idf": self.idf.astype(np.float64),
                "coef": self.coef.astype(np.float64),
                "intercept": np.array([self.intercept], dtype=np.float64),
                "combiner": self.combiner.astype(np.float64),
                "type_names": np.array(self.type_names, dtype=str),
                "type_coef": self.type_coef.astype(np.float64),
                "type_intercept": self.type_intercept.astype(np.float64),
            },
        )
        manifest = dict(self.manifest, format=FORMAT)
        text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        tmp = directory / (MANIFEST_FILE + ".tmp")
        tmp.write_text(text, "utf-8")
        tmp.replace(directory / MANIFEST_FILE)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` as a compressed ``.npz`` that ``np.load`` reads, reproducibly.

    ``np.savez_compressed`` stamps every member with the current time, so two saves of the
    same arrays differ. Here members keep the given order, a fixed date (1980-01-01, the
    earliest a zip can hold) and fixed attributes; nothing is pickled. Written to a temporary
    file first, then moved into place, so a reader never sees half a model.
    """
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix; the default depends on the platform that writes
            info.external_attr = 0o644 << 16
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            zf.writestr(info, buffer.getvalue(), compresslevel=9)
    tmp.replace(path)


def npz_members(path: Path) -> dict[str, bytes]:
    """The uncompressed bytes of each member of an ``.npz`` (array headers and data).

    Two files with equal members hold the same arrays to the last bit, even if a different
    zlib compressed them differently.
    """
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def model_exists(directory: Path) -> bool:
    """Return True when ``directory`` holds both model files."""
    return (directory / MODEL_FILE).is_file() and (directory / MANIFEST_FILE).is_file()


def load_model(directory: Path) -> LinearTextModel:
    """Load a model directory, refusing anything that is not plain numeric/text arrays."""
    if not model_exists(directory):
        raise ModelNotFoundError(
            f"no screening model in {directory}; run `waspada screening train` to build it"
        )
    try:
        manifest = json.loads((directory / MANIFEST_FILE).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelFormatError(f"{directory / MANIFEST_FILE}: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ModelFormatError(f"{directory / MANIFEST_FILE}: not a {FORMAT} manifest")
    try:
        with np.load(directory / MODEL_FILE, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in _ARRAYS}
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, EOFError) as exc:
        # ValueError is what numpy raises for object (pickled) arrays.
        raise ModelFormatError(f"{directory / MODEL_FILE} refused: {exc}") from exc
    terms, idf, coef = arrays["terms"], arrays["idf"], arrays["coef"]
    if terms.dtype.kind != "U" or terms.ndim != 1:
        raise ModelFormatError("model terms must be a 1-d unicode array")
    for name in ("idf", "coef", "intercept", "combiner"):
        arr = arrays[name]
        if arr.dtype != np.float64 or arr.ndim != 1 or not np.all(np.isfinite(arr)):
            raise ModelFormatError(f"model array {name!r} must be finite 1-d float64")
    if not (idf.shape == coef.shape == terms.shape):
        raise ModelFormatError("model arrays terms/idf/coef differ in length")
    if arrays["intercept"].shape != (1,) or arrays["combiner"].shape != (
        len(COMBINER_FEATURES) + 1,
    ):
        raise ModelFormatError("model intercept/combiner have the wrong shape")
    names, tcoef, tint = arrays["type_names"], arrays["type_coef"], arrays["type_intercept"]
    if names.dtype.kind != "U" or names.ndim != 1 or names.size < 2:
        raise ModelFormatError("model type_names must be a 1-d unicode array of 2+ types")
    for name, arr, ndim in (("type_coef", tcoef, 2), ("type_intercept", tint, 1)):
        if arr.dtype != np.float64 or arr.ndim != ndim or not np.all(np.isfinite(arr)):
            raise ModelFormatError(f"model array {name!r} must be finite {ndim}-d float64")
    if tcoef.shape != (names.size, terms.size) or tint.shape != (names.size,):
        raise ModelFormatError("model type arrays have the wrong shape")
    return LinearTextModel(
        terms=terms.tolist(),
        idf=idf,
        coef=coef,
        intercept=float(arrays["intercept"][0]),
        combiner=arrays["combiner"],
        manifest=manifest,
        type_names=names.tolist(),
        type_coef=tcoef,
        type_intercept=tint,
    )


def model_differences(expected: Path, actual: Path) -> list[str]:
    """What differs between two model directories; ``[]`` when they hold the same model to
    the last bit (same manifest bytes, same uncompressed array members)."""
    for directory in (expected, actual):
        if not model_exists(directory):
            return [f"no model in {directory}"]
    out: list[str] = []
    raw_e = (expected / MANIFEST_FILE).read_bytes()
    raw_a = (actual / MANIFEST_FILE).read_bytes()
    if raw_e != raw_a:
        man_e, man_a = json.loads(raw_e), json.loads(raw_a)
        for key in sorted(set(man_e) | set(man_a)):
            if man_e.get(key) != man_a.get(key):
                out.append(f"manifest {key}: {_short(man_e.get(key))} != {_short(man_a.get(key))}")
        if not out:
            out.append("manifest.json: same content, different bytes")
    members_e, members_a = npz_members(expected / MODEL_FILE), npz_members(actual / MODEL_FILE)
    for name in sorted(set(members_e) | set(members_a)):
        if members_e.get(name) != members_a.get(name):
            out.append(f"{MODEL_FILE}: array {name.removesuffix('.npy')} differs")
    return out


def _short(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
