"""Shared fixtures: the model is built ONCE per test session into a temporary directory,
exactly as ``waspada screening build-model`` builds the shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest

from waspada.screening import Screener
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
