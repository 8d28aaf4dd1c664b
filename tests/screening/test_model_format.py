"""Model files: safe to load, reproducible to the byte, and the shipped one is current."""

import json
import pickle
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from waspada.screening import ModelFormatError, Screener, shipped_model_dir
from waspada.screening.corpus import Example, default_corpus_dir
from waspada.screening.model import (
    COMBINER_FEATURES,
    MANIFEST_FILE,
    MODEL_FILE,
    load_model,
    model_differences,
    npz_members,
)
from waspada.screening.training import train, train_model


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
        "gazetteer_version",
        "data_files_version",
        "sklearn_version",
        "evaluation",
        "combiner",
    ):
        assert key in manifest
    # Nothing that changes from one build to the next (time, paths, Python version).
    assert not {"created_at", "python_version"} & set(manifest)
    assert manifest["extra_files"] == []
    held = manifest["evaluation"]["held_out"]
    assert held["n"] > 100 and held["recall"] is not None
    # Since rules 2026.1.3 the stored model learns from every text; the held-out figures are
    # of the same procedure fitted on the training split.
    assert manifest["n_held_out"] == held["n"]
    assert manifest["n_final_fit"] == manifest["n_train"] + manifest["n_held_out"]
    with np.load(model_dir / MODEL_FILE, allow_pickle=False) as npz:
        assert set(npz.files) == {
            "terms",
            "idf",
            "coef",
            "intercept",
            "combiner",
            "type_names",
            "type_coef",
            "type_intercept",
        }
        assert npz["terms"].dtype.kind == "U"
        assert npz["type_coef"].shape == (npz["type_names"].size, npz["terms"].size)
    assert manifest["combiner"]["features"] == list(COMBINER_FEATURES)


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
        Screener(d, fallback=False)


def test_wrong_dtypes_and_shapes_are_refused(model_dir: Path, tmp_path: Path) -> None:
    d = _copy(model_dir, tmp_path)
    with np.load(d / MODEL_FILE, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["coef"] = arrays["coef"][:-1]
    np.savez(d / MODEL_FILE, **arrays)
    with pytest.raises(ModelFormatError, match="differ in length"):
        load_model(d)


def test_text_type_arrays_of_the_wrong_shape_are_refused(model_dir: Path, tmp_path: Path) -> None:
    d = _copy(model_dir, tmp_path)
    with np.load(d / MODEL_FILE, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["type_coef"] = arrays["type_coef"][:, :-1]
    np.savez(d / MODEL_FILE, **arrays)
    with pytest.raises(ModelFormatError, match="type arrays"):
        load_model(d)


def test_foreign_manifest_is_refused(model_dir: Path, tmp_path: Path) -> None:
    d = _copy(model_dir, tmp_path)
    (d / MANIFEST_FILE).write_text(json.dumps({"format": "sklearn-pickle"}))
    with pytest.raises(ModelFormatError):
        load_model(d)


def _small_corpus(tmp_path: Path, per_file: int = 30) -> Path:
    """The first ``per_file`` examples of every corpus file (both labels, several types)."""
    small = tmp_path / "corpus"
    small.mkdir()
    for f in sorted(default_corpus_dir().glob("*.jsonl")):
        lines = [line for line in f.read_text("utf-8").splitlines() if line.strip()]
        (small / f.name).write_text("\n".join(lines[:per_file]) + "\n", "utf-8")
    return small


def test_training_is_deterministic(tmp_path: Path) -> None:
    # The same procedure as the shipped build, twice, on a small corpus (the whole corpus is
    # trained once per session; the shipped-model test below shows that build equals the one
    # made in another process to the byte).
    small = _small_corpus(tmp_path)
    a, b = train_model(small).model, train_model(small).model
    assert len(a.terms) > 500 and np.any(a.combiner[1:] != 0)
    assert a.terms == b.terms
    np.testing.assert_array_equal(a.idf, b.idf)
    np.testing.assert_array_equal(a.coef, b.coef)
    np.testing.assert_array_equal(a.combiner, b.combiner)
    np.testing.assert_array_equal(a.type_coef, b.type_coef)
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
    # The text-type model runs on the same terms: a softmax over the types.
    logit, types = m.scores(text)
    assert logit == pytest.approx(expected, abs=1e-9)
    t_logits = m.type_intercept + (m.type_coef[:, idx] @ x) / float(np.sqrt(x @ x))
    probs = np.exp(t_logits - t_logits.max())
    probs /= probs.sum()
    assert [types[n] for n in m.type_names] == pytest.approx(list(probs), abs=1e-9)


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


def test_the_shipped_model_is_the_one_this_corpus_and_these_rules_give(model_dir: Path) -> None:
    # ``model_dir`` was built in this test process by the same function as the shipped model,
    # under another hash seed: equal bytes also show training is reproducible across processes.
    differences = model_differences(shipped_model_dir(), model_dir)
    assert not differences, (
        "the model shipped in src/waspada/screening/data/model is out of date: "
        + "; ".join(differences)
        + ". Run `waspada screening build-model` (needs the 'train' extra) and commit the result."
    )
    assert (shipped_model_dir() / MANIFEST_FILE).read_bytes() == (
        model_dir / MANIFEST_FILE
    ).read_bytes()


def test_model_differences_names_what_changed(model_dir: Path, tmp_path: Path) -> None:
    d = _copy(model_dir, tmp_path)
    assert model_differences(model_dir, d) == []
    with np.load(d / MODEL_FILE, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["coef"] = arrays["coef"].copy()
    arrays["coef"][0] = np.nextafter(arrays["coef"][0], np.inf)  # one bit of one weight
    model = load_model(model_dir)
    model.coef = arrays["coef"]
    model.save(d)
    manifest = json.loads((d / MANIFEST_FILE).read_text("utf-8"))
    manifest["rules_version"] = "2000.1.0"
    (d / MANIFEST_FILE).write_text(json.dumps(manifest), "utf-8")
    assert model_differences(model_dir, d) == [
        f'manifest rules_version: "{load_model(model_dir).manifest["rules_version"]}" '
        '!= "2000.1.0"',
        "model.npz: array coef differs",
    ]
    assert model_differences(model_dir, tmp_path / "none") == [f"no model in {tmp_path / 'none'}"]


def test_saving_is_byte_for_byte_reproducible(model_dir: Path, tmp_path: Path) -> None:
    model = load_model(model_dir)
    model.save(tmp_path / "a")
    model.save(tmp_path / "b")
    for name in (MODEL_FILE, MANIFEST_FILE):
        assert (tmp_path / "a" / name).read_bytes() == (model_dir / name).read_bytes()
        assert (tmp_path / "b" / name).read_bytes() == (model_dir / name).read_bytes()
    # No member carries the time it was written (np.savez_compressed stamps the clock).
    with zipfile.ZipFile(tmp_path / "a" / MODEL_FILE) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert [info.filename for info in zf.infolist()] == [
            "terms.npy", "idf.npy", "coef.npy", "intercept.npy", "combiner.npy",
            "type_names.npy", "type_coef.npy", "type_intercept.npy",
        ]  # fmt: skip
    assert npz_members(tmp_path / "a" / MODEL_FILE) == npz_members(model_dir / MODEL_FILE)


def test_the_stored_model_learns_from_the_held_out_texts_too(tmp_path: Path) -> None:
    # Rules 2026.1.3: the figures come from the training split; the model stored is refitted
    # on every text. A word only the held-out texts contain must be among its terms.
    small = _small_corpus(tmp_path)
    held_ids = [
        i for i in (f"held-{k}" for k in range(200)) if Example(i, "", 0, "", "", "").held_out
    ]
    rows = [
        {
            "id": held_ids[k],
            "text": f"lowongan zorblax toko roti nomor {k}",
            "label": 0,
            "kind": "legit_ad_domestic",
            "lang": "id",
            "provenance": "test",
            "text_type": "offer",
        }
        for k in range(2)
    ]
    (small / "zz_held.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    result = train_model(small)
    assert "w:zorblax" in result.model.terms
    assert (
        result.manifest["n_final_fit"] == result.manifest["n_train"] + result.manifest["n_held_out"]
    )
