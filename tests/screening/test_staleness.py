"""A stored model fits only the rules, gazetteer, slang and corpus it was trained with:
`train --if-missing` keeps an up-to-date one and retrains one from other data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from waspada.screening.corpus import files_hash
from waspada.screening.loading import outdated
from waspada.screening.training import TrainResult, train


def _copy(model_dir: Path, tmp_path: Path, **manifest_changes: object) -> Path:
    copy = tmp_path / "model"
    shutil.copytree(model_dir, copy)
    manifest_file = copy / "manifest.json"
    manifest = json.loads(manifest_file.read_text("utf-8"))
    manifest.update(manifest_changes)
    manifest_file.write_text(json.dumps(manifest), "utf-8")
    return copy


def _manifest(model_dir: Path) -> dict[str, object]:
    return json.loads((model_dir / "manifest.json").read_text("utf-8"))


def test_a_current_model_is_kept(
    trained: TrainResult, model_dir: Path, tmp_path: Path, trained_again: list[object]
) -> None:
    assert outdated(trained.manifest) == ""
    kept = train(out_dir=_copy(model_dir, tmp_path), if_missing=True)
    assert trained_again == []  # nothing was trained
    assert kept.skipped and kept.manifest["model_version"] == trained.manifest["model_version"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [({"rules_version": "2000.1.0"}, "rules 2000.1.0 ->"),
     ({"data_files_version": "0123abcd"}, "rules/gazetteer/slang files 0123abcd ->"),
     ({"training_data_version": "0123456789abcdef"}, "corpus 0123456789abcdef ->")],
)  # fmt: skip
def test_a_model_from_other_rules_or_corpus_is_retrained(
    trained: TrainResult,
    model_dir: Path,
    tmp_path: Path,
    change: dict[str, str],
    reason: str,
    trained_again: list[object],
) -> None:
    stale = _copy(model_dir, tmp_path, **change)
    assert outdated(_manifest(stale)).startswith(reason)
    result = train(out_dir=stale, if_missing=True)
    assert len(trained_again) == 1  # retrained (from the shipped corpus, no extra files)
    assert not result.skipped and result.notes and reason in result.notes[0]
    assert result.manifest["model_version"] == trained.manifest["model_version"]
    assert outdated(_manifest(stale)) == ""
    assert "created_at" in _manifest(stale)  # a model trained here says when


def test_a_model_from_before_the_data_files_hash_is_out_of_date(
    model_dir: Path, tmp_path: Path
) -> None:
    old = _copy(model_dir, tmp_path)
    manifest = _manifest(old)
    del manifest["data_files_version"]
    (old / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert outdated(_manifest(old)).startswith("rules/gazetteer/slang files None ->")


def test_reviewed_labels_are_not_thrown_away_for_a_corpus_change(
    model_dir: Path, tmp_path: Path
) -> None:
    with_reviewed = {"extra_files": ["reviewed.jsonl"], "training_data_version": "ffff"}
    assert outdated(_manifest(_copy(model_dir, tmp_path, **with_reviewed))) == ""


def test_windows_line_ends_do_not_change_the_data_hash(tmp_path: Path) -> None:
    unix, windows = tmp_path / "unix" / "a.jsonl", tmp_path / "windows" / "a.jsonl"
    for path, end in ((unix, b"\n"), (windows, b"\r\n")):
        path.parent.mkdir()
        path.write_bytes(b'{"text": "x"}' + end + b'{"text": "y"}' + end)
    assert files_hash([unix]) == files_hash([windows])
    windows.write_bytes(b'{"text": "x"}\r\n{"text": "z"}\r\n')
    assert files_hash([unix]) != files_hash([windows])
