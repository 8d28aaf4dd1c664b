"""The screening model's last evaluation, for the programme officers' workbench section.

The figures are those the training wrote into the model's ``manifest.json`` (held-out texts,
scored by the full engine: model, rules and verdict policy). The model read is the one this
process screens with when it is loaded already; otherwise the manifest of the model the loader
would try first (this installation's own model in the data dir, else the one shipped in the
package), read from its file without loading the model (loading takes seconds).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from waspada.screening.engine import loaded_screener
from waspada.screening.loading import default_model_dir, shipped_model_dir
from waspada.screening.model import MANIFEST_FILE, model_exists

# The held-out figures shown, in this order (keys of manifest["evaluation"]["held_out"]).
FIGURES = ("precision", "recall", "false_positive_rate", "high_on_legit")


@dataclass(frozen=True)
class Evaluation:
    model_version: str
    source: str  # "loaded", "data_dir" or "shipped"
    evaluated_at: datetime | None  # when the manifest was written (its file's time)
    n_held_out: int
    figures: dict[str, float | None]


def _from_manifest(manifest: dict[str, Any], source: str, written: datetime | None) -> Evaluation:
    held = (manifest.get("evaluation") or {}).get("held_out") or {}
    return Evaluation(
        model_version=str(manifest.get("model_version") or "?"),
        source=source,
        evaluated_at=written,
        n_held_out=int(manifest.get("n_held_out") or held.get("n") or 0),
        figures={name: held.get(name) for name in FIGURES},
    )


def _written(directory: Path) -> datetime | None:
    try:
        stamp = (directory / MANIFEST_FILE).stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(stamp, tz=timezone.get_current_timezone())


def last_evaluation() -> Evaluation | None:
    """The evaluation of the model in use, or None when no model with a manifest is there."""
    screener = loaded_screener()
    if screener is not None:
        # model_source: "model in <dir>", "shipped model", "given" or a model trained in memory.
        if screener.model_source.startswith("model in"):
            written = _written(screener.model_dir)
        elif screener.model_source == "shipped model":
            written = _written(shipped_model_dir())
        else:
            written = None
        return _from_manifest(screener.model.manifest, "loaded", written)
    for directory, source in ((default_model_dir(), "data_dir"), (shipped_model_dir(), "shipped")):
        if not model_exists(directory):
            continue
        try:
            manifest = json.loads((directory / MANIFEST_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(manifest, dict):
            return _from_manifest(manifest, source, _written(directory))
    return None
