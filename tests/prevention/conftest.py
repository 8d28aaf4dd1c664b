"""The prevention tests screen as a fresh installation does: no model of its own in the data
dir, so the model shipped in the package serves (nothing is trained)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from waspada.screening import reset_default_screener

SCAM = (
    "Dibutuhkan CS online di Kamboja, gaji 15jt/bulan, tanpa pengalaman, lgsg berangkat "
    "minggu ini pakai visa turis, tiket ditanggung. Minat hub WA 0812-3456-7890"
)


@pytest.fixture(scope="session", autouse=True)
def empty_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    model_dir = tmp_path_factory.mktemp("screening-model")
    previous = os.environ.get("WASPADA_SCREENING_MODEL_DIR")
    os.environ["WASPADA_SCREENING_MODEL_DIR"] = str(model_dir)
    reset_default_screener()
    yield model_dir
    if previous is None:
        os.environ.pop("WASPADA_SCREENING_MODEL_DIR", None)
    else:
        os.environ["WASPADA_SCREENING_MODEL_DIR"] = previous
    reset_default_screener()
