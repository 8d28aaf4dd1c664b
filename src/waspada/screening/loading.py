"""Where the Screener's model comes from, and whether a stored model still fits.

In order (``docs/screening.md``, *Which model screens*):

1. a model trained on this installation (``waspada screening train``, usually with reviewed
   labels) in the model directory under the data dir, if it is there and fresh;
2. the model shipped in the package (``data/model``, built by ``waspada screening
   build-model``), if it is fresh for this installation's rules, gazetteer and corpus;
3. as a last resort, one trained in memory from the shipped corpus, only when the ``train``
   extra (scikit-learn) is installed.

When none of them is possible :class:`ModelNotFoundError` says why: the engine never screens
without its model. "Fresh" means trained with the same rules, gazetteer, slang table and
corpus: the combiner was fitted on the rule scores of those rules, so a model from other rules
is miscalibrated, not just older.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .analysis import RuleEngine
from .corpus import corpus_files, default_corpus_dir, files_hash
from .errors import ModelNotFoundError
from .model import LinearTextModel, load_model, model_exists

logger = logging.getLogger(__name__)
MODEL_DIR_ENV = "WASPADA_SCREENING_MODEL_DIR"
DATA_DIR_ENV = "WASPADA_DATA_DIR"
SHIPPED_MODEL = "data/model"
# The data files that decide the features and rule scores a model was trained on.
DATA_FILES = ("rules.json", "places.json", "slang.json")
BUILD_COMMAND = "waspada screening build-model"


def default_model_dir() -> Path:
    """Where this installation's own model lives: ``$WASPADA_SCREENING_MODEL_DIR``, else
    ``$WASPADA_DATA_DIR/models/screening`` (``./var`` without a data dir)."""
    explicit = os.environ.get(MODEL_DIR_ENV)
    if explicit:
        return Path(explicit)
    return Path(os.environ.get(DATA_DIR_ENV) or "var") / "models" / "screening"


def shipped_model_dir() -> Path:
    """The model shipped inside the package (``waspada/screening/data/model``)."""
    return Path(str(resources.files("waspada.screening").joinpath(SHIPPED_MODEL)))


@lru_cache(maxsize=1)
def data_files_version() -> str:
    """Hash of the shipped rules, gazetteer and slang files (any edit changes it, with or
    without a new version number)."""
    data = Path(str(resources.files("waspada.screening").joinpath("data")))
    return files_hash([data / name for name in DATA_FILES])[:16]


def corpus_version(corpus_dir: Path | None = None) -> str:
    """Hash of the corpus files: the ``training_data_version`` of a model trained on them."""
    return files_hash(corpus_files(corpus_dir or default_corpus_dir()))[:16]


def outdated(
    manifest: dict[str, Any], engine: RuleEngine | None = None, corpus_dir: Path | None = None
) -> str:
    """Why a stored model no longer fits this installation ('' when it does).

    A model trained with reviewed labels (extra files) is not judged by the corpus: its data
    hash differs anyway, and new corpus examples are no reason to throw the labels away.
    """
    engine = engine or RuleEngine()
    for key, label, current in (
        ("rules_version", "rules", engine.rules.version),
        ("gazetteer_version", "gazetteer", engine.gazetteer.version),
        ("data_files_version", "rules/gazetteer/slang files", data_files_version()),
    ):
        if manifest.get(key) != current:
            return f"{label} {manifest.get(key)} -> {current}"
    if not manifest.get("extra_files"):
        corpus = corpus_version(corpus_dir)
        if manifest.get("training_data_version") != corpus:
            return f"corpus {manifest.get('training_data_version')} -> {corpus}"
    return ""


def training_available() -> bool:
    """True when scikit-learn (the ``train`` extra) can be imported."""
    return importlib.util.find_spec("sklearn") is not None


def load_screening_model(
    model_dir: Path, engine: RuleEngine, *, fallback: bool = True
) -> tuple[LinearTextModel, str]:
    """Return the model to screen with and where it came from (for logs and tests).

    Without ``fallback`` only ``model_dir`` is used (an out-of-date one with a warning).
    A damaged or foreign model file raises ModelFormatError rather than being passed over.
    """
    if not fallback:
        model = load_model(model_dir)
        reason = outdated(model.manifest, engine)
        if reason:
            logger.warning("the screening model in %s is out of date (%s)", model_dir, reason)
        return model, f"model in {model_dir}"

    passed_over: list[str] = []
    if model_exists(model_dir):
        model = load_model(model_dir)
        reason = outdated(model.manifest, engine)
        if not reason:
            return model, f"model in {model_dir}"
        passed_over.append(
            f"the model in {model_dir} is out of date ({reason}); retrain it with "
            "`waspada screening train` or remove it"
        )
        logger.warning("%s; passing it over", passed_over[-1])
    else:
        passed_over.append(f"no model in {model_dir}")

    shipped = shipped_model_dir()
    if model_exists(shipped):
        model = load_model(shipped)
        reason = outdated(model.manifest, engine)
        if not reason:
            return model, "shipped model"
        passed_over.append(
            f"the shipped model is out of date ({reason}); rebuild it with `{BUILD_COMMAND}`"
        )
    else:
        passed_over.append(f"no model shipped in {shipped}; build it with `{BUILD_COMMAND}`")

    if not training_available():
        raise ModelNotFoundError(
            "no usable screening model: "
            + "; ".join(passed_over)
            + ". Training one needs the 'train' extra: pip install 'waspada[train]'"
        )
    msg = (
        "; ".join(passed_over) + ". Training a screening model in memory from the shipped "
        "corpus (run `waspada screening train` to store one)"
    )
    warnings.warn(msg, RuntimeWarning, stacklevel=3)
    logger.warning(msg)
    from . import training  # scikit-learn is only needed here

    return training.train_model(engine=engine).model, "trained in memory"
