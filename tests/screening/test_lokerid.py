"""False alarms on real Loker.id ads (measurement data outside the repository)."""

import json
from pathlib import Path

import pytest

from waspada.screening import Screener

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "lokerid_legit_ads.jsonl"


@pytest.mark.skipif(not DATA.exists(), reason="../shared/data/lokerid_legit_ads.jsonl absent")
def test_false_alarm_rate_on_real_ads_is_under_one_percent(screener: Screener) -> None:
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    flagged = [r["id"] for r in rows if screener.screen(r["text"][:20_000]).verdict != "low"]
    assert len(flagged) / len(rows) < 0.01, flagged[:20]
