"""`train --if-missing` keeps an up-to-date model and retrains one from other rules or corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from waspada.screening.training import TrainResult, outdated, train


def _copy(model_dir: Path, tmp_path: Path, **manifest_changes: object) -> Path:
    copy = tmp_path / "model"
    shutil.copytree(model_dir, copy)
    manifest_file = copy / "manifest.json"
    manifest = json.loads(manifest_file.read_text("utf-8"))
    manifest.update(manifest_changes)
    manifest_file.write_text(json.dumps(manifest), "utf-8")
    return copy


def test_a_current_model_is_kept(trained: TrainResult, model_dir: Path, tmp_path: Path) -> None:
    assert outdated(trained.manifest) == ""
    kept = train(out_dir=_copy(model_dir, tmp_path), if_missing=True)
    assert kept.skipped and kept.manifest["model_version"] == trained.manifest["model_version"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [({"rules_version": "2000.1.0"}, "rules 2000.1.0 ->"),
     ({"training_data_version": "0123456789abcdef"}, "corpus 0123456789abcdef ->")],
)  # fmt: skip
def test_a_model_from_other_rules_or_corpus_is_retrained(
    trained: TrainResult, model_dir: Path, tmp_path: Path, change: dict[str, str], reason: str
) -> None:
    stale = _copy(model_dir, tmp_path, **change)
    assert outdated(json.loads((stale / "manifest.json").read_text("utf-8"))).startswith(reason)
    result = train(out_dir=stale, if_missing=True)
    assert not result.skipped and result.notes and reason in result.notes[0]
    assert result.manifest["model_version"] == trained.manifest["model_version"]  # reproducible
    assert outdated(json.loads((stale / "manifest.json").read_text("utf-8"))) == ""


def test_reviewed_labels_are_not_thrown_away_for_a_corpus_change(
    model_dir: Path, tmp_path: Path
) -> None:
    with_reviewed = {"extra_files": ["reviewed.jsonl"], "training_data_version": "ffff"}
    assert outdated(json.loads((_copy(model_dir, tmp_path, **with_reviewed) / "manifest.json")
                               .read_text("utf-8"))) == ""  # fmt: skip
