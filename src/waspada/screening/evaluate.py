"""Quality figures: precision, recall, F1, false-positive rate, ROC-AUC, per-kind breakdown.

"Flagged" means verdict ``medium`` or ``high``; ``high_on_legit`` is the share of legitimate
texts given ``high``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float | None:
    """Area under the ROC curve (Mann–Whitney, ties counted half); None if one class only."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y == 1]
    neg = [s for s, y in zip(scores, labels, strict=True) if y == 0]
    if not pos or not neg:
        return None
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2  # ranks are 1-based
        rank_sum += avg * sum(1 for k in range(i, j) if ranked[k][1] == 1)
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def _counts(labels: Sequence[int], verdicts: Sequence[str]) -> dict[str, Any]:
    tp = fp = tn = fn = high_neg = 0
    for y, v in zip(labels, verdicts, strict=True):
        flagged = v in ("medium", "high")
        if y == 1:
            tp += flagged
            fn += not flagged
        else:
            fp += flagged
            tn += not flagged
            high_neg += v == "high"
    n_pos, n_neg = tp + fn, fp + tn
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / n_pos if n_pos else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else None
    )
    return {
        "n": n_pos + n_neg,
        "n_positive": n_pos,
        "n_negative": n_neg,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "false_positive_rate": fp / n_neg if n_neg else None,
        "high_on_legit": high_neg / n_neg if n_neg else None,
        "confusion": {"tp": tp, "fp": fp, "tn": tn, "fn": fn},
    }


def metrics(
    labels: Sequence[int],
    risks: Sequence[float],
    verdicts: Sequence[str],
    kinds: Sequence[str | None] | None = None,
) -> dict[str, Any]:
    """Return the figures above overall and, when ``kinds`` is given, per kind."""
    out = _counts(labels, verdicts)
    out["roc_auc"] = roc_auc(labels, risks)
    if kinds is not None:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(kinds):
            groups[k or "-"].append(i)
        out["by_kind"] = {
            k: _counts([labels[i] for i in idx], [verdicts[i] for i in idx])
            for k, idx in sorted(groups.items())
        }
    return out


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}%"


def format_report(m: dict[str, Any]) -> str:
    """Human-readable report of :func:`metrics` output."""
    c = m["confusion"]
    auc = m.get("roc_auc")
    lines = [
        f"texts: {m['n']} ({m['n_positive']} scam/risk, {m['n_negative']} legitimate)",
        f"precision {_pct(m['precision'])}   recall {_pct(m['recall'])}   F1 {_pct(m['f1'])}",
        f"false-positive rate {_pct(m['false_positive_rate'])}   "
        f"high on legitimate {_pct(m['high_on_legit'])}   "
        f"ROC-AUC {'n/a' if auc is None else f'{auc:.3f}'}",
        "confusion (flagged = medium or high):",
        "                 flagged  not flagged",
        f"  scam/risk     {c['tp']:8d}  {c['fn']:11d}",
        f"  legitimate    {c['fp']:8d}  {c['tn']:11d}",
    ]
    if m.get("by_kind"):
        lines.append("by kind:                         n   flagged-rate  high-rate")
        for k, g in m["by_kind"].items():
            flagged = g["confusion"]["tp"] + g["confusion"]["fp"]
            high = g["high_on_legit"]
            lines.append(
                f"  {k:28s} {g['n']:5d}   {_pct(flagged / g['n'] if g['n'] else None)}"
                f"       {_pct(high) if g['n_negative'] else '   - '}"
            )
    return "\n".join(lines)
