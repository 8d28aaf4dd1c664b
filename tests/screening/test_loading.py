"""Which model screens: this installation's own if fresh, else the shipped one if fresh, else
one trained in memory (only with the 'train' extra), else a clear error."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from waspada.screening import (
    ModelFormatError,
    ModelNotFoundError,
    Screener,
    loading,
    shipped_model_dir,
    training,
)
from waspada.screening.model import MANIFEST_FILE, MODEL_FILE

SCAM = (
    "Dibutuhkan CS di Phnom Penh, Kamboja! Gaji USD 1.000-1.200/bulan, tnpa pengalaman, tiket "
    "ditanggung perusahaan, lgsg berangkat minggu ini. Pakai visa turis, kontrak di sana. "
    "Minat hub WA +855 12 345 678"
)


def _shipped_version() -> str:
    return json.loads((shipped_model_dir() / MANIFEST_FILE).read_text("utf-8"))["model_version"]


def _copy(source: Path, target: Path, **manifest_changes: object) -> Path:
    shutil.copytree(source, target)
    manifest = json.loads((target / MANIFEST_FILE).read_text("utf-8"))
    manifest.update(manifest_changes)
    (target / MANIFEST_FILE).write_text(json.dumps(manifest), "utf-8")
    return target


@pytest.fixture
def no_training(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine tried to train a model")

    monkeypatch.setattr(training, "train_model", refuse)


@pytest.fixture
def stale_shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped model as it would be after a rules change nobody rebuilt it for."""
    stale = _copy(shipped_model_dir(), tmp_path / "shipped", rules_version="2000.1.0")
    monkeypatch.setattr(loading, "shipped_model_dir", lambda: stale)
    return stale


def test_with_no_model_of_its_own_the_shipped_model_screens(tmp_path, no_training) -> None:
    screener = Screener(tmp_path / "empty")
    assert screener.model_source == "shipped model"
    assert screener.model.version == _shipped_version()
    assert screener.screen(SCAM).verdict == "high"


def test_a_fresh_model_of_its_own_comes_first(model_dir, tmp_path, no_training) -> None:
    local = _copy(model_dir, tmp_path / "local")
    assert Screener(local).model_source == f"model in {local}"


def test_an_out_of_date_model_of_its_own_is_passed_over(
    model_dir, tmp_path, no_training, caplog
) -> None:
    local = _copy(model_dir, tmp_path / "local", rules_version="2000.1.0")
    with caplog.at_level(logging.WARNING, logger="waspada.screening.loading"):
        screener = Screener(local)
    assert screener.model_source == "shipped model"
    assert f"the model in {local} is out of date (rules 2000.1.0 ->" in caplog.text


def test_a_damaged_model_of_its_own_is_an_error_not_passed_over(model_dir, tmp_path) -> None:
    local = _copy(model_dir, tmp_path / "local")
    (local / MODEL_FILE).write_bytes(b"not a zip file")
    with pytest.raises(ModelFormatError):
        Screener(local)


def test_out_of_date_shipped_model_trains_in_memory_with_the_extra(
    tmp_path, stale_shipped, screener, trained_again
) -> None:
    with pytest.warns(RuntimeWarning, match="the shipped model is out of date"):
        fallback = Screener(tmp_path / "empty", engine=screener.engine)
    assert fallback.model_source == "trained in memory"
    assert [call["kwargs"] for call in trained_again] == [{"engine": screener.engine}]
    assert fallback.model.version == screener.model.version


def test_without_the_extra_an_unusable_shipped_model_is_a_clear_error(
    tmp_path, stale_shipped, monkeypatch
) -> None:
    monkeypatch.setattr(loading, "training_available", lambda: False)
    with pytest.raises(ModelNotFoundError) as exc:
        Screener(tmp_path / "empty")
    message = str(exc.value)
    assert f"no model in {tmp_path / 'empty'}" in message
    assert "the shipped model is out of date (rules 2000.1.0 ->" in message
    assert "waspada screening build-model" in message
    assert "pip install 'waspada[train]'" in message


def test_without_fallback_only_the_given_directory_counts(tmp_path, no_training) -> None:
    with pytest.raises(ModelNotFoundError, match="waspada screening train"):
        Screener(tmp_path / "none", fallback=False)


def test_training_without_scikit_learn_says_which_extra(monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "sklearn", None)  # as if it were not installed
    assert not loading.training_available()
    with pytest.raises(training.TrainingUnavailableError, match=r"waspada\[train\]"):
        training.train_model()
