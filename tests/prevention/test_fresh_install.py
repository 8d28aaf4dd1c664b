"""A fresh installation screens on the web and the API with the shipped model: no model in
the data dir, and no training step (the trainer is made to fail if called)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.prevention.conftest import SCAM
from waspada.screening import reset_default_screener, shipped_model_dir, training


@pytest.fixture
def fresh(empty_model_dir, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the web process tried to train a screening model")

    monkeypatch.setattr(training, "train_model", refuse)
    reset_default_screener()  # as in a new web worker
    assert not any(empty_model_dir.iterdir())
    manifest = json.loads((shipped_model_dir() / "manifest.json").read_text("utf-8"))
    yield manifest["model_version"]
    reset_default_screener()


def test_api_screens_with_the_shipped_model(client, db, fresh) -> None:
    response = client.post("/api/v1/screen", {"text": SCAM}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["verdict"] == "high"
    assert response.json()["model_version"] == fresh


def test_check_page_screens_with_the_shipped_model(client, db, fresh) -> None:
    response = client.post("/cek/", {"text": SCAM})
    assert response.status_code == 200
    assert "Risiko tinggi" in response.text
