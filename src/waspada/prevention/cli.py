"""``waspada screening train --include-reviewed``: train on the texts labelled in the review
queue too. The screening engine knows nothing of the platform, so the option is added here,
to the parser the engine's command line returns."""

from __future__ import annotations

import argparse
from typing import Any

from waspada.screening import loading
from waspada.screening.cli import cmd_train


def add_parsers(screening: dict[str, argparse.ArgumentParser], setup: Any) -> None:
    train = screening["train"]
    train.add_argument(
        "--include-reviewed",
        action="store_true",
        help="also train on public texts labelled in the platform's review queue",
    )
    train.set_defaults(func=lambda args: _train(args, setup))


def _train(args: argparse.Namespace, setup: Any) -> int:
    """Export the reviewed texts (audited) and train on them as an extra file; without the
    'train' extra, ``cmd_train`` says so before anything is exported."""
    if not args.include_reviewed or not loading.training_available():
        return cmd_train(args)
    setup()
    from waspada.prevention.export import reviewed_jsonl  # needs Django set up

    reviewed, count = reviewed_jsonl()
    print(f"including {count} reviewed example(s) from the review queue")
    try:
        args.extra = [*args.extra, reviewed]
        return cmd_train(args)
    finally:
        reviewed.unlink(missing_ok=True)
