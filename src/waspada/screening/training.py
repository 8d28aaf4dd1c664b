"""Reproducible training of the linear model and of the risk combiner.

Steps (all seeded, no randomness left): add noisy copies of every text
(``noise.py``); normalise every text and run the rules; get out-of-fold model logits and
type probabilities of the training split by grouped 5-fold cross-validation (``crossval.py``:
near-duplicates, noisy copies and each outside writer's texts stay in one fold); fit the
combiner on those out-of-fold values, with only the features ``rules.json`` →
``combiner.features`` allows (the design chosen by grouped cross-validation,
docs/screening.md), so the risk is calibrated on texts the models had not seen; fit TF-IDF +
a binary logistic regression (scam or not) and a multinomial one (the text type) on the
training split and measure that model on the fixed held-out split; then fit the same on every
text, held-out split included, with the same combiner: that is the model stored, and the
manifest's figures are a slightly conservative estimate of it.

Training needs scikit-learn, installed by the ``train`` extra; screening needs only numpy.
:func:`build_model` makes the model shipped in the package, :func:`train` one for this
installation (usually with reviewed labels) in the data dir.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .analysis import RuleEngine
from .corpus import (
    TEXT_TYPES,
    Example,
    corpus_files,
    default_corpus_dir,
    files_hash,
    load_examples,
)
from .crossval import combiner_for, oof_features, prepare
from .datafiles import load_json
from .errors import TrainingUnavailableError
from .evaluate import metrics
from .features import analyze
from .loading import data_files_version, default_model_dir, outdated, shipped_model_dir
from .model import (
    COMBINER_FEATURES,
    LinearTextModel,
    load_model,
    model_exists,
)
from .registry import sample_registry

SEED = 20250601
NOISE_SEED = "train-2026"
NOISY_COPIES = 2
C_MODEL = 4.0
C_TYPE = 4.0
MIN_DF = 3
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
    texts: list[str],
    labels: np.ndarray,
    types: np.ndarray,
    analyzer: Callable[[str], list[str]] = analyze,
) -> tuple[list[str], np.ndarray, np.ndarray, float, np.ndarray, np.ndarray]:
    """TF-IDF over the texts, then the scam model (binary) and the text-type model
    (multinomial) on the same terms. Returns terms, idf, coef, intercept, type coef (types
    × terms, rows in the order of ``TEXT_TYPES``) and type intercepts."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(
        analyzer=analyzer, sublinear_tf=True, min_df=MIN_DF, norm="l2", dtype=np.float64
    )
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=C_MODEL, class_weight="balanced", max_iter=5000, solver="lbfgs")
    clf.fit(x, labels)
    tclf = LogisticRegression(C=C_TYPE, class_weight="balanced", max_iter=5000, solver="lbfgs")
    tclf.fit(x, types)
    vocab = vec.vocabulary_
    terms = [""] * len(vocab)
    for t, i in vocab.items():
        terms[i] = t
    # Every type appears in the training data (a test of the corpus checks it), so the
    # classifier's classes are 0..len(TEXT_TYPES)-1 in order.
    tcoef = np.zeros((len(TEXT_TYPES), len(terms)))
    tint = np.full(len(TEXT_TYPES), -30.0)
    for row, cls in enumerate(tclf.classes_):
        tcoef[int(cls)] = tclf.coef_[row]
        tint[int(cls)] = tclf.intercept_[row]
    return (
        terms,
        vec.idf_.astype(np.float64),
        clf.coef_[0].astype(np.float64),
        float(clf.intercept_[0]),
        tcoef,
        tint,
    )


def _with_combiner(fitted: tuple[Any, ...], combiner: np.ndarray) -> tuple[Any, ...]:
    """``_fit_linear``'s result as ``LinearTextModel`` arguments with ``combiner``."""
    terms, idf, coef, b, tcoef, tint = fitted
    return (terms, idf, coef, b, combiner, {}, list(TEXT_TYPES), tcoef, tint)


def combiner_design(rules_data: dict[str, Any]) -> tuple[str, ...] | None:
    """The combiner features ``rules.json`` → ``combiner.features`` lets the risk use (an
    empty list: none, risk = sigmoid(model logit))."""
    features = tuple(rules_data["combiner"]["features"])
    unknown = [f for f in features if f not in COMBINER_FEATURES]
    if unknown:
        raise ValueError(f"rules.json combiner.features: unknown {', '.join(unknown)}")
    return features or None


def fit_model(
    texts: list[str],
    labels: np.ndarray,
    types: np.ndarray,
    analyzer: Callable[[str], list[str]] = analyze,
) -> LinearTextModel:
    """The scam and text-type models fitted on normalised ``texts``, with an empty combiner
    (``analyzer``: ``features.analyze`` or a cache of its results)."""
    empty = np.zeros(len(COMBINER_FEATURES) + 1)
    return LinearTextModel(*_with_combiner(_fit_linear(texts, labels, types, analyzer), empty))


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

    # Every text 1 + NOISY_COPIES times: as written and with seeded spelling noise
    # (noise.py), so the model meets typos, leetspeak and dropped vowels of the words it
    # learns. For the combiner, out-of-fold values over the training split from grouped folds
    # (``crossval``): a text, its noisy copies, its near-duplicates and all texts of one
    # outside writer always fall in the same fold.
    data = prepare(examples, engine, NOISE_SEED, NOISY_COPIES)
    held_mask = np.array([e.held_out for e in examples], dtype=bool)
    train_rows = np.flatnonzero(~held_mask)
    test_ex = [e for e in examples if e.held_out]
    n = len(examples)
    copies = 1 + NOISY_COPIES
    rules_data = load_json("rules.json")
    design = combiner_design(rules_data)
    if design is None:  # no calibration: risk = sigmoid(model logit), nothing to fit
        combiner = combiner_for(None, np.zeros((0, len(COMBINER_FEATURES))), np.zeros(0), SEED)
    else:
        feats, flabels = oof_features(data, train_rows, fit_model, FOLDS, SEED)
        combiner = combiner_for(design, feats, flabels, SEED)

    def fit_rows(rows: np.ndarray) -> tuple[Any, ...]:
        return _fit_linear(
            [data.analyses[k][i].nt.text for k in range(copies) for i in rows],
            np.concatenate([data.labels[rows]] * copies),
            np.concatenate([data.types[rows]] * copies),
            data.terms.__getitem__,
        )

    # The held-out figures are measured on a model fitted on the training split only; the
    # model stored is then fitted on every text (the held-out fifth too) with the same
    # combiner, so it learns from all the data and the figures are a slightly conservative
    # estimate of it (docs/screening.md, rules 2026.1.3).
    split = LinearTextModel(*_with_combiner(fit_rows(train_rows), combiner))
    model = LinearTextModel(*_with_combiner(fit_rows(np.arange(n)), combiner))
    digest = hashlib.sha256()
    for arr in (
        model.idf,
        model.coef,
        combiner,
        np.array([model.intercept]),
        model.type_coef,
        model.type_intercept,
    ):
        digest.update(np.ascontiguousarray(arr).tobytes())
    digest.update("\n".join(model.terms).encode())

    # Held-out evaluation with the full engine (model + rules + verdict policy).
    from .engine import Screener

    screener = Screener(model=split, engine=engine)
    held = [screener.screen(e.text) for e in test_ex]
    held_metrics = metrics(
        [e.label for e in test_ex],
        [a.risk for a in held],
        [a.verdict for a in held],
        [e.kind for e in test_ex],
    )
    type_hits = sum(a.text_type == e.text_type for a, e in zip(held, test_ex, strict=True))
    held_metrics["text_type_accuracy"] = type_hits / len(test_ex) if test_ex else None
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
        "params": {
            "C": C_MODEL,
            "C_type": C_TYPE,
            "min_df": MIN_DF,
            "folds": FOLDS,
            "seed": SEED,
            "noise_seed": NOISE_SEED,
            "noisy_copies": NOISY_COPIES,
        },
        "n_terms": len(model.terms),
        "n_train": len(train_rows),
        "n_train_with_noisy_copies": copies * len(train_rows),
        "n_held_out": len(test_ex),
        "final_fit": "all texts (training split and held-out split); the held-out figures "
        "are of the same procedure fitted on the training split only",
        "n_final_fit": n,
        "text_types": list(TEXT_TYPES),
        "combiner": {
            "formula": "risk = sigmoid(c0 + sum(c_i * feature_i))",
            "design": "raw sigmoid of the model logit" if design is None else list(design),
            "features": list(COMBINER_FEATURES),
            "coefficients": [float(c) for c in combiner],
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
