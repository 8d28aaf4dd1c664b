"""Regression on a small hand-written challenge set kept out of the training corpus."""

import json
from pathlib import Path

from waspada.screening import Screener
from waspada.screening.evaluate import metrics

DATA = Path(__file__).parent / "data" / "challenge.jsonl"


def test_challenge_set_meets_quality_targets(screener: Screener) -> None:
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines()]
    results = [screener.screen(r["text"]) for r in rows]
    m = metrics([r["label"] for r in rows], [a.risk for a in results], [a.verdict for a in results])
    assert m["recall"] >= 0.95
    assert m["false_positive_rate"] <= 0.05
    assert m["high_on_legit"] == 0.0
