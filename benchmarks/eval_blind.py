"""Screen an independent (blind) evaluation set and print AGGREGATE figures only.

    .venv/bin/python benchmarks/eval_blind.py /work/blind6/set.jsonl [--model-dir DIR]

The set is JSONL with ``text``, ``label`` (``risk``/``legit`` or 1/0) and optionally ``kind``,
``lang`` and ``noisy``. Printed: recall, false-positive rate (flagged = medium or high),
``high`` on legitimate texts, ROC-AUC, recall on the texts marked noisy, figures per kind and
per language, and recall under synthetic spelling noise (``waspada.screening.noise``, seed
``--noise-seed``) applied to every risky text. No text, id or single verdict is printed, so
running it on a final set does not turn that set into a development set.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from waspada.screening import Screener
from waspada.screening.evaluate import roc_auc
from waspada.screening.noise import add_noise


def _label(value: Any) -> int:
    return 1 if value in (1, "1", "risk", "scam", True) else 0


def _rates(rows: list[tuple[int, str]]) -> dict[str, Any]:
    pos = [v for y, v in rows if y == 1]
    neg = [v for y, v in rows if y == 0]
    out: dict[str, Any] = {"n": len(rows)}
    if pos:
        out["recall"] = round(sum(v != "low" for v in pos) / len(pos), 3)
        out["high_on_risk"] = round(sum(v == "high" for v in pos) / len(pos), 3)
    if neg:
        out["fpr"] = round(sum(v != "low" for v in neg) / len(neg), 3)
        out["high_on_legit"] = round(sum(v == "high" for v in neg) / len(neg), 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--model-dir", type=Path, default=None)
    ap.add_argument("--noise-seed", default="eval-2026")
    ap.add_argument("--noise-rate", type=float, default=0.3)
    args = ap.parse_args()

    screener = Screener(args.model_dir, fallback=False) if args.model_dir else Screener()
    rows = [json.loads(line) for line in args.path.read_text("utf-8").splitlines() if line.strip()]
    labels, risks, verdicts = [], [], []
    by_kind: dict[str, list[tuple[int, str]]] = defaultdict(list)
    by_lang: dict[str, list[tuple[int, str]]] = defaultdict(list)
    noisy: list[tuple[int, str]] = []
    noised: list[tuple[int, str]] = []
    for row in rows:
        y = _label(row["label"])
        a = screener.screen(row["text"])
        labels.append(y)
        risks.append(a.risk)
        verdicts.append(a.verdict)
        by_kind[str(row.get("kind", "-"))].append((y, a.verdict))
        by_lang[str(row.get("lang", "-"))].append((y, a.verdict))
        if row.get("noisy"):
            noisy.append((y, a.verdict))
        if y == 1:
            b = screener.screen(add_noise(row["text"], args.noise_seed, args.noise_rate))
            noised.append((1, b.verdict))
    overall = _rates(list(zip(labels, verdicts, strict=True)))
    auc = roc_auc(labels, risks)
    overall["auc"] = round(auc, 3) if auc is not None else None
    print(
        f"set: {args.path.name}  rules {screener.engine.rules.version}  model {screener.model.version}"
    )
    print("overall:", json.dumps(overall))
    print("noisy-marked texts:", json.dumps(_rates(noisy)))
    print(
        f"synthetic noise (seed {args.noise_seed}, rate {args.noise_rate}) on risky texts:",
        json.dumps(_rates(noised)),
    )
    for name, group in (("kind", by_kind), ("lang", by_lang)):
        for key in sorted(group):
            print(f"  {name} {key}:", json.dumps(_rates(group[key])))


if __name__ == "__main__":
    main()
