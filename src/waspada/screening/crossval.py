"""Grouped cross-validation of screening designs on the project's own corpus.

Used to choose how the learned model, the rules and the text type combine into the risk
(docs/screening.md, *Choosing the design by cross-validation*) and printed by
``benchmarks/cv_screening.py``. Needs scikit-learn (the ``train`` extra).

* **Groups.** Near-duplicates (composed examples often paraphrase one another) must never
  straddle folds, or the figures reward memorising phrases: texts whose normalised word
  1–2-gram TF-IDF vectors have a cosine of at least ``DUPLICATE_COSINE`` are joined (union
  find) into one group; a text's noisy training copies always follow it.
* **Authors.** All texts of one outside corpus writer (``provenance`` "composed by corpus
  writer X") form one group too, so the out-of-fold values the combiner is fitted on come
  from models that never saw that writer's style — as on an independent set, where the model
  meets new authors and its logit is less sure than on paraphrases of its own corpus
  (rules 2026.1.3, docs/screening.md).
* **Outer folds.** ``StratifiedGroupKFold`` over the whole corpus (training and held-out
  split alike). In each outer fold the design is trained exactly as the build trains it
  (noisy copies, inner grouped folds for the out-of-fold values the combiner is fitted on)
  and the full engine (rules, verdict policy, text type) screens the unseen fold.
* **Noise.** Every risky text of the unseen fold is screened once more with seeded spelling
  noise (``noise.add_noise``, a seed the training never uses): "noisy recall".

Every design shares the base models of a fold; they differ only in the combiner features
they may use (:data:`DESIGNS`), so comparing them costs one set of fits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .analysis import Analysis, RuleEngine, combiner_features
from .corpus import TEXT_TYPES, Example
from .evaluate import roc_auc
from .features import analyze
from .model import COMBINER_FEATURES, LinearTextModel
from .noise import add_noise

DUPLICATE_COSINE = 0.5
EVAL_NOISE_SEED = "cv-eval-2026"
EVAL_NOISE_RATE = 0.3

# Designs: name -> the combiner features it may use (None: no calibration, risk =
# sigmoid(model logit), the "plain logistic regression").
DESIGNS: dict[str, tuple[str, ...] | None] = {
    "stacked (2026.1.0)": COMBINER_FEATURES,
    "model + rules": ("model_logit", "rule_risk", "rule_mitigating"),
    "model + text type": ("model_logit", "third_party", "question", "chat"),
    "model, calibrated": ("model_logit",),
    "model, raw sigmoid": None,
}


def near_duplicate_groups(texts: Sequence[str], threshold: float = DUPLICATE_COSINE) -> list[int]:
    """A group id per text: connected components of pairs with cosine >= ``threshold`` over
    word 1–2-gram TF-IDF of the (normalised) texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts)
    sim = (x @ x.T).tocoo()
    pairs = (
        (int(i), int(j))
        for i, j, v in zip(sim.row, sim.col, sim.data, strict=True)
        if i < j and v >= threshold
    )
    return components(len(texts), pairs)


def components(n: int, pairs: Iterable[tuple[int, int]]) -> list[int]:
    """Connected components (union find) of nodes ``0..n-1`` joined by ``pairs``: a label
    per node, numbered in the order of their first node."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(n)]


_AUTHOR_RE = re.compile(r"corpus writer (\w+)")


def author_groups(examples: Sequence[Example], groups: list[int]) -> list[int]:
    """``groups`` (near-duplicate groups) joined so that every outside corpus writer's texts
    share one group; a near-duplicate group touching a writer's text joins that writer's
    group whole, so near-duplicates never straddle folds. Team texts keep their groups."""
    first: dict[str, int] = {}
    joins = []
    for e, g in zip(examples, groups, strict=True):
        m = _AUTHOR_RE.search(e.provenance)
        if m:
            joins.append((first.setdefault(m.group(1), g), g))
    label = components(max(groups, default=-1) + 1, joins)
    roots: dict[int, int] = {}
    return [roots.setdefault(label[g], len(roots)) for g in groups]


def combiner_for(
    design: tuple[str, ...] | None, feats: np.ndarray, labels: np.ndarray, seed: int
) -> np.ndarray:
    """Fit the combiner of ``design`` on out-of-fold features: the coefficients of the
    features the design does not use are 0 (same model format for every design)."""
    from sklearn.linear_model import LogisticRegression

    out = np.zeros(len(COMBINER_FEATURES) + 1)
    if design is None:
        out[1 + COMBINER_FEATURES.index("model_logit")] = 1.0
        return out
    cols = [COMBINER_FEATURES.index(f) for f in design]
    comb = LogisticRegression(C=1.0, max_iter=1000, solver="lbfgs", random_state=seed)
    comb.fit(feats[:, cols], labels)
    out[0] = float(comb.intercept_[0])
    for k, c in zip(cols, comb.coef_[0], strict=True):
        out[1 + k] = float(c)
    return out


def grouped_folds(
    labels: np.ndarray, groups: Sequence[int], n_splits: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds that keep each group whole."""
    from sklearn.model_selection import StratifiedGroupKFold

    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return list(folds.split(np.zeros(len(labels)), labels, np.asarray(groups)))


@dataclass
class FoldData:
    """Everything the rules found in the corpus, computed once for all folds."""

    examples: list[Example]
    analyses: list[list[Analysis]]  # per copy (0 = as written, k = noisy copy k), per example
    labels: np.ndarray
    types: np.ndarray
    groups: list[int]
    terms: dict[str, list[str]]  # features.analyze of every normalised text, computed once


def prepare(examples: list[Example], engine: RuleEngine, noise_seed: str, copies: int) -> FoldData:
    texts = [[e.text for e in examples]]
    texts += [[add_noise(e.text, f"{noise_seed}-{k}") for e in examples] for k in range(copies)]
    analyses = [[engine.analyze(t) for t in block] for block in texts]
    labels = np.array([e.label for e in examples])
    types = np.array([TEXT_TYPES.index(e.text_type) for e in examples])
    groups = author_groups(examples, near_duplicate_groups([a.nt.text for a in analyses[0]]))
    terms = {a.nt.text: analyze(a.nt.text) for block in analyses for a in block}
    return FoldData(examples, analyses, labels, types, groups, terms)


FitFn = Callable[[list[str], np.ndarray, np.ndarray, Callable[[str], list[str]]], LinearTextModel]


def oof_features(
    data: FoldData, rows: np.ndarray, fit: FitFn, folds: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold combiner features (and labels) of ``rows`` and all their noisy copies,
    from inner grouped folds."""
    copies = len(data.analyses)
    feats = np.zeros((copies * len(rows), len(COMBINER_FEATURES)))
    labels = np.concatenate([data.labels[rows]] * copies)
    inner = grouped_folds(data.labels[rows], [data.groups[i] for i in rows], folds, seed)
    for fit_i, val_i in inner:
        fit_rows = rows[fit_i]
        m = fit(
            [data.analyses[k][i].nt.text for k in range(copies) for i in fit_rows],
            np.concatenate([data.labels[fit_rows]] * copies),
            np.concatenate([data.types[fit_rows]] * copies),
            data.terms.__getitem__,
        )
        for k in range(copies):
            for j in val_i:
                a = data.analyses[k][rows[j]]
                logit, probs = m.scores(a.nt.text)
                feats[k * len(rows) + j] = combiner_features(logit, probs, a)
    return feats, labels


def cross_validate(
    examples: list[Example],
    engine: RuleEngine,
    fit: FitFn,
    *,
    noise_seed: str,
    copies: int,
    folds: int = 5,
    inner_folds: int = 5,
    seed: int = 20250601,
    designs: dict[str, tuple[str, ...] | None] | None = None,
    progress: Callable[[str], None] | None = None,
    per_example: bool = False,
) -> dict[str, dict[str, Any]]:
    """Figures per design over the outer folds (every corpus text is scored once, by a
    model that never saw it nor a near-duplicate of it). With ``per_example`` the result
    also holds, under ``"_per_example"``, each design's risk and verdict per text (in the
    order of ``examples``) and, for risky texts, those of the noisy copy (for figures by
    corpus file or at another threshold, ``threshold_figures``)."""
    from .engine import Screener

    designs = designs if designs is not None else DESIGNS
    data = prepare(examples, engine, noise_seed, copies)
    n = len(examples)
    noisy_eval = [
        add_noise(e.text, EVAL_NOISE_SEED, EVAL_NOISE_RATE) if e.label else None for e in examples
    ]
    results: dict[str, dict[str, list[Any]]] = {
        d: {"risk": [0.0] * n, "verdict": [""] * n, "noisy": [""] * n, "noisy_risk": [0.0] * n}
        for d in designs
    }
    outer = grouped_folds(data.labels, data.groups, folds, seed)
    for f, (train_i, test_i) in enumerate(outer):
        if progress:
            progress(f"fold {f + 1}/{folds}: {len(train_i)} training, {len(test_i)} unseen")
        feats, flabels = oof_features(data, train_i, fit, inner_folds, seed)
        k_all = range(len(data.analyses))
        base = fit(
            [data.analyses[k][i].nt.text for k in k_all for i in train_i],
            np.concatenate([data.labels[train_i]] * len(data.analyses)),
            np.concatenate([data.types[train_i]] * len(data.analyses)),
            data.terms.__getitem__,
        )
        for name, design in designs.items():
            model = LinearTextModel(
                base.terms,
                base.idf,
                base.coef,
                base.intercept,
                combiner_for(design, feats, flabels, seed),
                {},
                base.type_names,
                base.type_coef,
                base.type_intercept,
            )
            screener = Screener(model=model, engine=engine)
            res = results[name]
            for i in test_i:
                a = screener.screen(examples[i].text)
                res["risk"][i], res["verdict"][i] = a.risk, a.verdict
                noisy = noisy_eval[i]
                if noisy is not None:
                    b = screener.screen(noisy)
                    res["noisy"][i], res["noisy_risk"][i] = b.verdict, b.risk
    labels = [e.label for e in examples]
    out: dict[str, dict[str, Any]] = {
        name: summarize(labels, res["risk"], res["verdict"], res["noisy"], examples)
        for name, res in results.items()
    }
    out["_groups"] = {"n_texts": n, "n_groups": len(set(data.groups))}
    if per_example:
        out["_per_example"] = results
    return out


def threshold_figures(
    labels: Sequence[int],
    risks: Sequence[float],
    noisy_risks: Sequence[float],
    threshold: float,
) -> dict[str, float]:
    """Recall, false-positive rate and noisy recall if ``medium`` started at ``threshold``
    (a text is flagged exactly when its risk reaches ``medium``: ``high`` needs more)."""
    pos = [r for y, r in zip(labels, risks, strict=True) if y == 1]
    neg = [r for y, r in zip(labels, risks, strict=True) if y == 0]
    noisy = [r for y, r in zip(labels, noisy_risks, strict=True) if y == 1]
    return {
        "recall": sum(r >= threshold for r in pos) / len(pos) if pos else float("nan"),
        "fpr": sum(r >= threshold for r in neg) / len(neg) if neg else float("nan"),
        "noisy_recall": sum(r >= threshold for r in noisy) / len(noisy) if noisy else float("nan"),
    }


def summarize(
    labels: list[int],
    risks: list[float],
    verdicts: list[str],
    noisy: list[str],
    examples: list[Example],
) -> dict[str, Any]:
    pos = [v for y, v in zip(labels, verdicts, strict=True) if y == 1]
    neg = [v for y, v in zip(labels, verdicts, strict=True) if y == 0]
    noisy_pos = [v for y, v in zip(labels, noisy, strict=True) if y == 1]
    third = [
        v
        for e, v in zip(examples, verdicts, strict=True)
        if e.label == 0 and e.text_type in ("news", "warning", "story", "notice", "question")
    ]
    return {
        "recall": _share(pos, ("medium", "high")),
        "fpr": _share(neg, ("medium", "high")),
        "high_on_legit": _share(neg, ("high",)),
        "auc": roc_auc(labels, risks),
        "noisy_recall": _share(noisy_pos, ("medium", "high")),
        "high_on_risk": _share(pos, ("high",)),
        "fpr_third_party": _share(third, ("medium", "high")),
        "n_positive": len(pos),
        "n_negative": len(neg),
    }


def _share(verdicts: list[str], hits: tuple[str, ...]) -> float | None:
    """The share of ``verdicts`` among ``hits``; None for none (a subset of one class)."""
    return sum(v in hits for v in verdicts) / len(verdicts) if verdicts else None
