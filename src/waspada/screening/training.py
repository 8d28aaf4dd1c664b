"""Reproducible training of the linear model and of the rule/model combiner.

Steps (all seeded, no randomness left): normalise every text and run the rules; fit
TF-IDF + logistic regression on the training split; get out-of-fold model logits by 5-fold
cross-validation; fit the combiner ``risk = sigmoid(b0 + b1·model_logit + b2·rule_score)``
on those out-of-fold logits so it learns how far to trust each side; measure on the fixed
held-out split. The stored model is the one trained on the training split, so the figures
in its manifest describe exactly that model.

Training needs scikit-learn, installed by the ``train`` extra; screening needs only numpy.
:func:`build_model` makes the model shipped in the package, :func:`train` one for this
installation (usually with reviewed labels) in the data dir.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .analysis import RuleEngine
from .corpus import Example, corpus_files, default_corpus_dir, files_hash, load_examples
from .datafiles import load_json
from .errors import TrainingUnavailableError
from .evaluate import metrics
from .features import analyze
from .loading import data_files_version, default_model_dir, outdated, shipped_model_dir
from .model import LinearTextModel, load_model, model_exists
from .registry import sample_registry

SEED = 20250601
C_MODEL = 4.0
MIN_DF = 2
FOLDS = 5


@dataclass
class TrainResult:
    model: LinearTextModel
    manifest: dict[str, Any]
    out_dir: Path | None = None
    skipped: bool = False
    notes: list[str] = field(default_factory=list)


def _require_sklearn() -> None:
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise TrainingUnavailableError(
            "training the screening model needs scikit-learn, which the 'train' extra "
            "installs: pip install 'waspada[train]' (screening itself does not need it)"
        ) from exc


def _fit_linear(
    texts: list[str], labels: np.ndarray
) -> tuple[list[str], np.ndarray, np.ndarray, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(
        analyzer=analyze, sublinear_tf=True, min_df=MIN_DF, norm="l2", dtype=np.float64
    )
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=C_MODEL, class_weight="balanced", max_iter=5000, solver="lbfgs")
    clf.fit(x, labels)
    vocab = vec.vocabulary_
    terms = [""] * len(vocab)
    for t, i in vocab.items():
        terms[i] = t
    return (
        terms,
        vec.idf_.astype(np.float64),
        clf.coef_[0].astype(np.float64),
        float(clf.intercept_[0]),
    )


def _logits(model: LinearTextModel, texts: list[str]) -> np.ndarray:
    return np.array([model.logit(t) for t in texts])


def _bare(terms: list[str], idf: np.ndarray, coef: np.ndarray, b: float) -> LinearTextModel:
    return LinearTextModel(terms, idf, coef, b, np.array([0.0, 1.0, 0.0]), {})


def train_model(
    corpus_dir: Path | None = None,
    extra: list[Path] | tuple[Path, ...] = (),
    *,
    engine: RuleEngine | None = None,
) -> TrainResult:
    """Train from ``corpus_dir`` (default: the shipped corpus) plus ``extra`` files.

    Returns the model in memory with its manifest; nothing is written. The manifest holds no
    time or machine detail, so the same data and code give the same manifest.
    Raises TrainingUnavailableError without scikit-learn.
    """
    _require_sklearn()
    from scipy import __version__ as scipy_version
    from sklearn import __version__ as sklearn_version
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    engine = engine or RuleEngine()
    cdir = Path(corpus_dir) if corpus_dir else default_corpus_dir()
    files = corpus_files(cdir)
    examples: list[Example] = [e for f in files for e in load_examples(f, strict=True)]
    extra_files = [Path(p) for p in extra]
    for f in extra_files:
        examples.extend(load_examples(f, strict=False))
    # Later files win on duplicate ids (a reviewed label replaces the corpus one).
    by_id = {e.id: e for e in examples}
    examples = sorted(by_id.values(), key=lambda e: e.id)

    analyses = [engine.analyze(e.text) for e in examples]
    norm = [a.nt.text for a in analyses]
    rule_scores = np.array([a.rule_score for a in analyses])
    labels = np.array([e.label for e in examples])
    train_idx = np.array([i for i, e in enumerate(examples) if not e.held_out])
    test_idx = np.array([i for i, e in enumerate(examples) if e.held_out])

    tr_texts = [norm[i] for i in train_idx]
    tr_y = labels[train_idx]
    oof = np.zeros(len(train_idx))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for fit_i, val_i in folds.split(np.zeros(len(tr_y)), tr_y):
        m = _bare(*_fit_linear([tr_texts[i] for i in fit_i], tr_y[fit_i]))
        oof[val_i] = _logits(m, [tr_texts[i] for i in val_i])

    comb = LogisticRegression(C=1.0, max_iter=1000, solver="lbfgs")
    comb.fit(np.column_stack([oof, rule_scores[train_idx]]), tr_y)
    combiner = np.array([comb.intercept_[0], comb.coef_[0][0], comb.coef_[0][1]])

    terms, idf, coef, intercept = _fit_linear(tr_texts, tr_y)
    digest = hashlib.sha256()
    for arr in (idf, coef, combiner, np.array([intercept])):
        digest.update(np.ascontiguousarray(arr).tobytes())
    digest.update("\n".join(terms).encode())
    model = LinearTextModel(terms, idf, coef, intercept, combiner, {})

    # Held-out evaluation with the full engine (rules + model + verdict policy).
    from .engine import Screener

    screener = Screener(model=model, engine=engine)
    held = [screener.screen(examples[i].text) for i in test_idx]
    held_metrics = metrics(
        [examples[i].label for i in test_idx],
        [a.risk for a in held],
        [a.verdict for a in held],
        [examples[i].kind for i in test_idx],
    )
    rules_data = load_json("rules.json")
    model.manifest = {
        "model_version": "screening-" + digest.hexdigest()[:12],
        "training_data_version": files_hash(files + extra_files)[:16],
        "corpus_files": [f.name for f in files],
        "extra_files": [str(f) for f in extra_files],
        "rules_version": engine.rules.version,
        "gazetteer_version": engine.gazetteer.version,
        "data_files_version": data_files_version(),
        "sklearn_version": sklearn_version,
        "scipy_version": scipy_version,
        "numpy_version": np.__version__,
        "params": {"C": C_MODEL, "min_df": MIN_DF, "folds": FOLDS, "seed": SEED},
        "n_terms": len(terms),
        "n_train": int(len(train_idx)),
        "n_held_out": int(len(test_idx)),
        "combiner": {
            "formula": "risk = sigmoid(b0 + b1 * model_logit + b2 * rule_score)",
            "b0": float(combiner[0]),
            "b1": float(combiner[1]),
            "b2": float(combiner[2]),
        },
        "verdict_thresholds": rules_data["verdict"],
        "evaluation": {"held_out": held_metrics},
    }
    return TrainResult(model=model, manifest=model.manifest)


def build_model(out_dir: str | os.PathLike[str] | None = None) -> TrainResult:
    """Build the model shipped in the package (``waspada screening build-model``) into
    ``out_dir`` (default: the package's ``data/model``).

    Reproducible to the byte: only the shipped corpus, the sample agency registry whatever
    ``WASPADA_P3MI_REGISTRY`` says, and a manifest without time, paths or machine details.
    """
    target = Path(out_dir) if out_dir else shipped_model_dir()
    result = train_model(engine=RuleEngine(registry=sample_registry()))
    result.model.save(target)
    result.out_dir = target
    return result


def train(
    corpus_dir: str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    extra: list[Path] | tuple[Path, ...] = (),
    if_missing: bool = False,
) -> TrainResult:
    """Train and write a model for this installation into ``out_dir`` (default: the model
    dir under the data dir), which the Screener then prefers to the shipped model.

    With ``if_missing`` an existing, loadable model is left alone (``skipped=True``) unless it
    is out of date (``outdated``); then it is retrained and ``notes`` says why. A model trained
    with reviewed labels (extra files) is only retrained for new rules or gazetteer.
    """
    target = Path(out_dir) if out_dir else default_model_dir()
    cdir = Path(corpus_dir) if corpus_dir else None
    reason = ""
    if if_missing and model_exists(target):
        existing = load_model(target)
        reason = outdated(existing.manifest, corpus_dir=cdir)
        if not reason:
            return TrainResult(existing, existing.manifest, target, skipped=True)
    result = train_model(cdir, extra)
    result.manifest["created_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    if reason:
        result.notes.append(f"the stored model was out of date ({reason})")
    result.model.save(target)
    result.out_dir = target
    return result
