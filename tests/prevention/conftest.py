"""Train the screening model once for the prevention tests and point the engine at it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from waspada.screening import reset_default_screener, train

SCAM = (
    "Dibutuhkan CS online di Kamboja, gaji 15jt/bulan, tanpa pengalaman, lgsg berangkat "
    "minggu ini pakai visa turis, tiket ditanggung. Minat hub WA 0812-3456-7890"
)


@pytest.fixture(scope="session", autouse=True)
def screening_model(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    model_dir = tmp_path_factory.mktemp("screening-model")
    train(out_dir=model_dir)
    previous = os.environ.get("WASPADA_SCREENING_MODEL_DIR")
    os.environ["WASPADA_SCREENING_MODEL_DIR"] = str(model_dir)
    reset_default_screener()
    yield model_dir
    if previous is None:
        os.environ.pop("WASPADA_SCREENING_MODEL_DIR", None)
    else:
        os.environ["WASPADA_SCREENING_MODEL_DIR"] = previous
    reset_default_screener()
