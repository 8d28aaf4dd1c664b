"""Grouped cross-validation of the screening designs on the project's own corpus.

    .venv/bin/python benchmarks/cv_screening.py [--folds 5] [--json out.json]
        [--thresholds 0.4,0.45,0.5] [--dump per_text.jsonl]

Every corpus text is screened once by the full engine (rules, verdict policy, text type) with
a model trained without it and without any near-duplicate of it (``waspada.screening.
crossval``); every risky text once more with seeded spelling noise. Prints, per design:
recall, false-positive rate, ``high`` on legitimate texts, ROC-AUC, recall under noise,
``high`` on risky texts and the flag rate on legitimate news, warnings, stories, notices and
questions; then, for the shipped design (``rules.json`` → ``combiner.features``), the same
figures per corpus file and recall / FPR / noisy recall at other ``medium`` thresholds.
Needs the ``train`` extra (scikit-learn). Figures of the corpus, not of a blind set: the
corpus is team-written, so they overstate what unseen text gets.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from waspada.screening.analysis import RuleEngine
from waspada.screening.corpus import Example, corpus_files, default_corpus_dir, load_examples
from waspada.screening.crossval import DESIGNS, cross_validate, summarize, threshold_figures
from waspada.screening.datafiles import load_json
from waspada.screening.registry import sample_registry
from waspada.screening.training import NOISE_SEED, NOISY_COPIES, combiner_design, fit_model


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def _shipped_design() -> str:
    features = combiner_design(load_json("rules.json"))
    return next(name for name, design in DESIGNS.items() if design == features)


def _by_file(examples: list[Example], files: list[str], res: dict[str, list], design: str) -> None:
    print(f"\n{design} (shipped design), per corpus file:")
    print("file                          risky legit  recall    FPR  high/legit  noisy-recall")
    for name in sorted(set(files)):
        idx = [i for i, f in enumerate(files) if f == name]
        sub = [examples[i] for i in idx]
        f = summarize(
            [e.label for e in sub],
            [res["risk"][i] for i in idx],
            [res["verdict"][i] for i in idx],
            [res["noisy"][i] for i in idx],
            sub,
        )
        print(
            f"{name:28s} {f['n_positive']:6d} {f['n_negative']:5d}  {_fmt(f['recall'])}  "
            f"{_fmt(f['fpr'])}  {_fmt(f['high_on_legit']):>10s}  {_fmt(f['noisy_recall']):>12s}"
        )


def _thresholds(labels: list[int], res: dict[str, list], values: list[float]) -> None:
    print("\nmedium threshold  recall    FPR  noisy-recall   (shipped design)")
    for t in values:
        f = threshold_figures(labels, res["risk"], res["noisy_risk"], t)
        print(f"{t:16.2f}  {f['recall']:6.3f} {f['fpr']:6.3f} {f['noisy_recall']:13.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--inner-folds", type=int, default=5, help="folds for the combiner")
    ap.add_argument("--copies", type=int, default=NOISY_COPIES, help="noisy training copies")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument(
        "--thresholds",
        default="0.35,0.4,0.45,0.5",
        help="medium thresholds to show for the shipped design (comma-separated)",
    )
    ap.add_argument("--dump", type=Path, default=None, help="per-text results (JSONL) here")
    ap.add_argument("--corpus", type=Path, default=None, help="corpus dir (default: shipped)")
    args = ap.parse_args(argv)

    examples: list[Example] = []
    files: list[str] = []
    for path in corpus_files(args.corpus or default_corpus_dir()):
        for e in load_examples(path):
            examples.append(e)
            files.append(path.name)
    engine = RuleEngine(registry=sample_registry())
    started = time.perf_counter()
    figures = cross_validate(
        examples,
        engine,
        fit_model,
        noise_seed=NOISE_SEED,
        copies=args.copies,
        folds=args.folds,
        inner_folds=args.inner_folds,
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
        per_example=True,
    )
    groups = figures.pop("_groups")
    per_example = figures.pop("_per_example")
    print(
        f"{groups['n_texts']} corpus texts in {groups['n_groups']} near-duplicate groups, "
        f"{args.folds} grouped folds ({args.inner_folds} inner), {args.copies} noisy training copies, "
        f"{time.perf_counter() - started:.0f} s"
    )
    head = (
        "design                 recall    FPR  high/legit    AUC  noisy-recall  high/risk  FPR-3rd"
    )
    print(head)
    for name in DESIGNS:
        f = figures[name]
        third = "  -  " if f["fpr_third_party"] is None else f"{f['fpr_third_party']:.3f}"
        print(
            f"{name:22s} {f['recall']:6.3f} {f['fpr']:6.3f} {f['high_on_legit']:10.3f} "
            f"{f['auc']:6.3f} {f['noisy_recall']:13.3f} {f['high_on_risk']:10.3f}  {third}"
        )
    shipped = _shipped_design()
    _by_file(examples, files, per_example[shipped], shipped)
    values = [float(v) for v in args.thresholds.split(",") if v.strip()]
    _thresholds([e.label for e in examples], per_example[shipped], values)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for i, (e, name) in enumerate(zip(examples, files, strict=True)):
                row = {"id": e.id, "file": name, "label": e.label, "kind": e.kind}
                row |= {"text_type": e.text_type, "lang": e.lang}
                for d, res in per_example.items():
                    row[d] = {k: res[k][i] for k in ("risk", "verdict", "noisy", "noisy_risk")}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
