"""Shared fixtures: the model is built ONCE per test session into a temporary directory,
exactly as ``waspada screening build-model`` builds the shipped one.

Training the whole corpus is the slowest thing these tests do, so no other test trains it
again: tests of *when* the engine trains (staleness, the in-memory fallback) use
``trained_again``, which records the call and hands back a copy of the session build; that
training is reproducible is shown by ``test_the_shipped_model_is_the_one_this_corpus_and_these_
rules_give`` (the session build, made in this process, equals the shipped model to the byte)
and by ``test_training_is_deterministic`` on a small corpus trained twice."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from waspada.screening import Screener, training
from waspada.screening.model import LinearTextModel
from waspada.screening.training import TrainResult, build_model


@pytest.fixture(scope="session")
def trained(tmp_path_factory: pytest.TempPathFactory) -> TrainResult:
    return build_model(tmp_path_factory.mktemp("model"))


@pytest.fixture(scope="session")
def model_dir(trained: TrainResult) -> Path:
    assert trained.out_dir is not None
    return trained.out_dir


@pytest.fixture(scope="session")
def screener(model_dir: Path) -> Screener:
    return Screener(model_dir, fallback=False)


@pytest.fixture
def model_env(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default model location at the session model."""
    monkeypatch.setenv("WASPADA_SCREENING_MODEL_DIR", str(model_dir))
    return model_dir


@pytest.fixture
def trained_again(trained: TrainResult, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Make ``training.train_model`` return a copy of the session build (same data, same
    code: the same model, see the module docstring) and record each call's arguments."""
    calls: list[dict[str, Any]] = []

    def train_model(*args: Any, **kwargs: Any) -> TrainResult:
        calls.append({"args": args, "kwargs": kwargs})
        m = trained.model
        model = LinearTextModel(
            m.terms, m.idf, m.coef, m.intercept, m.combiner, copy.deepcopy(trained.manifest),
            m.type_names, m.type_coef, m.type_intercept,
        )  # fmt: skip
        return TrainResult(model=model, manifest=model.manifest)

    monkeypatch.setattr(training, "train_model", train_model)
    return calls
