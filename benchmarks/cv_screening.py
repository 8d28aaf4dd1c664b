"""Grouped cross-validation of the screening designs on the project's own corpus.

    .venv/bin/python benchmarks/cv_screening.py [--folds 5] [--json out.json]

Every corpus text is screened once by the full engine (rules, verdict policy, text type) with
a model trained without it and without any near-duplicate of it (``waspada.screening.
crossval``); every risky text once more with seeded spelling noise. Prints, per design:
recall, false-positive rate, ``high`` on legitimate texts, ROC-AUC, recall under noise,
``high`` on risky texts and the flag rate on legitimate news, warnings, stories, notices and
questions. Needs the ``train`` extra (scikit-learn). Figures of the corpus, not of a blind
set: the corpus is team-written, so they overstate what unseen text gets.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from waspada.screening.analysis import RuleEngine
from waspada.screening.corpus import corpus_files, default_corpus_dir, load_examples
from waspada.screening.crossval import DESIGNS, cross_validate
from waspada.screening.registry import sample_registry
from waspada.screening.training import NOISE_SEED, NOISY_COPIES, fit_model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--inner-folds", type=int, default=5, help="folds for the combiner")
    ap.add_argument("--copies", type=int, default=NOISY_COPIES, help="noisy training copies")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args(argv)

    examples = [e for f in corpus_files(default_corpus_dir()) for e in load_examples(f)]
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
    )
    groups = figures.pop("_groups")
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
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
