"""`waspada screening train --include-reviewed` folds reviewed public texts into the model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.utils import translation

from tests.prevention.conftest import SCAM
from waspada.audit.models import AuditEvent
from waspada.cli import main as waspada_main
from waspada.prevention import services
from waspada.prevention.export import reviewed_jsonl
from waspada.prevention.models import ReviewLabel
from waspada.screening import shipped_model_dir, training


def _labelled(text: str, label: ReviewLabel) -> None:
    assessment = services.offer_screen(text=text, lang=None, channel="web")
    offer = services.offer_share(text=text, assessment=assessment)
    services.shared_offer_label(offer=offer, label=label, reviewer=None)


def test_export_writes_only_decided_labels(db, tmp_path):
    _labelled(SCAM, ReviewLabel.SCAM)
    _labelled("Lowongan kasir toko roti di Solo, gaji UMR.", ReviewLabel.LEGITIMATE)
    _labelled("ada kerjaan bagus, mau?", ReviewLabel.UNSURE)
    path, count = reviewed_jsonl(tmp_path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert count == 2
    assert sorted(row["label"] for row in rows) == [0, 1]
    assert path.stat().st_mode & 0o777 == 0o600
    assert AuditEvent.objects.get(action="prevention.reviewed.exported").details == {"count": 2}


def test_train_include_reviewed_counts_them(db, tmp_path, capsys, monkeypatch):
    # What is tested is which examples go in, not the noise nor the calibration: training
    # without noisy copies and with 2 inner folds for the combiner counts the same examples in
    # a fraction of the time.
    monkeypatch.setattr(training, "NOISY_COPIES", 0)
    monkeypatch.setattr(training, "FOLDS", 2)
    _labelled(SCAM + " (reviewed)", ReviewLabel.SCAM)
    before = json.loads((shipped_model_dir() / "manifest.json").read_text())
    baseline = before["n_train"] + before["n_held_out"]
    out = tmp_path / "model"
    with translation.override("id"):  # the command line switches to English; keep it here
        code = waspada_main(["screening", "train", "--out", str(out), "--include-reviewed"])
    assert code == 0
    assert "including 1 reviewed example(s)" in capsys.readouterr().out
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["n_train"] + manifest["n_held_out"] == baseline + 1
    assert manifest["created_at"]
    assert AuditEvent.objects.filter(action="prevention.reviewed.exported").count() == 1
    [exported] = manifest["extra_files"]
    assert Path(exported).name.startswith("reviewed-")
    assert not Path(exported).exists()  # the export of personal texts is not left behind


def test_include_reviewed_without_the_train_extra_exports_nothing(db, monkeypatch, capsys):
    from waspada.screening import loading

    _labelled(SCAM, ReviewLabel.SCAM)
    monkeypatch.setattr(loading, "training_available", lambda: False)
    monkeypatch.setitem(sys.modules, "sklearn", None)
    with translation.override("id"):
        assert waspada_main(["screening", "train", "--include-reviewed"]) == 1
    assert "pip install 'waspada[train]'" in capsys.readouterr().err
    assert not AuditEvent.objects.filter(action="prevention.reviewed.exported").exists()
