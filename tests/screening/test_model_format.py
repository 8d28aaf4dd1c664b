import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest

from waspada.screening import ModelFormatError, Screener
from waspada.screening.model import MANIFEST_FILE, MODEL_FILE, load_model
from waspada.screening.training import TrainResult, train, train_model


def _copy(model_dir: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "m"
    shutil.copytree(model_dir, dst)
    return dst


def test_model_files_are_inspectable(model_dir: Path) -> None:
    manifest = json.loads((model_dir / MANIFEST_FILE).read_text())
    for key in (
        "model_version",
        "training_data_version",
        "rules_version",
        "sklearn_version",
        "evaluation",
        "created_at",
        "combiner",
    ):
        assert key in manifest
    held = manifest["evaluation"]["held_out"]
    assert held["n"] > 100 and held["recall"] is not None
    with np.load(model_dir / MODEL_FILE, allow_pickle=False) as npz:
        assert set(npz.files) == {"terms", "idf", "coef", "intercept", "combiner"}
        assert npz["terms"].dtype.kind == "U"


def test_pickled_object_array_is_refused(model_dir: Path, tmp_path: Path) -> None:
    d = _copy(model_dir, tmp_path)
    with np.load(d / MODEL_FILE, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["coef"] = np.array([object()] * 3, dtype=object)  # would need pickle to load
    np.savez(d / MODEL_FILE, **arrays)
    with pytest.raises(ModelFormatError, match="refused"):
        load_model(d)


def test_raw_pickle_file_is_refused(model_dir: Path, tmp_path: Path) -> None:
    d = _copy(model_dir, tmp_path)
    (d / MODEL_FILE).write_bytes(pickle.dumps({"coef": [1.0]}))
    with pytest.raises(ModelFormatError):
        Screener(d, on_missing="error")


def test_wrong_dtypes_and_shapes_are_refused(model_dir: Path, tmp_path: Path) -> None:
    d = _copy(model_dir, tmp_path)
    with np.load(d / MODEL_FILE, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["coef"] = arrays["coef"][:-1]
    np.savez(d / MODEL_FILE, **arrays)
    with pytest.raises(ModelFormatError, match="differ in length"):
        load_model(d)


def test_foreign_manifest_is_refused(model_dir: Path, tmp_path: Path) -> None:
    d = _copy(model_dir, tmp_path)
    (d / MANIFEST_FILE).write_text(json.dumps({"format": "sklearn-pickle"}))
    with pytest.raises(ModelFormatError):
        load_model(d)


def test_training_is_deterministic(trained: TrainResult) -> None:
    again = train_model()
    a, b = trained.model, again.model
    assert a.terms == b.terms
    np.testing.assert_array_equal(a.idf, b.idf)
    np.testing.assert_array_equal(a.coef, b.coef)
    np.testing.assert_array_equal(a.combiner, b.combiner)
    assert a.intercept == b.intercept
    assert a.version == b.version


def test_if_missing_keeps_existing_model(model_dir: Path) -> None:
    result = train(out_dir=model_dir, if_missing=True)
    assert result.skipped


def test_numpy_forward_pass_matches_sklearn_features(screener: Screener) -> None:
    from collections import Counter

    from waspada.screening.features import analyze
    from waspada.screening.normalize import normalize

    m = screener.model
    text = normalize("Dibutuhkan CS di Kamboja, gaji 1000 USD, tanpa pengalaman cepat cepat").text
    counts = Counter(t for t in analyze(text) if t in m.vocab)
    idx = np.array([m.vocab[t] for t in counts])
    x = (1 + np.log(np.array(list(counts.values()), dtype=float))) * m.idf[idx]
    expected = m.intercept + float(x @ m.coef[idx]) / float(np.sqrt(x @ x))
    assert m.logit(text) == pytest.approx(expected, abs=1e-9)


def test_features_do_not_depend_on_the_hash_seed() -> None:
    # Training must give the same model in every process, not only twice in one: the
    # feature order used to follow ``set`` iteration, which changes with PYTHONHASHSEED.
    import os
    import subprocess
    import sys

    code = (
        "from waspada.screening.features import analyze;"
        "print(analyze('kerja admin di luar negeri gaji besar tanpa pengalaman paspor'))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1
