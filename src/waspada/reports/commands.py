"""Bodies of the ``waspada reports`` commands. Imported by ``cli`` only after Django is set up,
so models and services of other apps are imported here at module level."""

from __future__ import annotations

import argparse
import time

from waspada.audit import services as audit
from waspada.reports import facts


def rebuild_facts(args: argparse.Namespace) -> int:
    started = time.monotonic()
    rows = facts.rebuild()
    seconds = round(time.monotonic() - started, 1)
    audit.record("reports.facts.rebuilt", details={"rows": rows, "seconds": seconds})
    print(f"Rebuilt the statistics rows of {rows:,} cases in {seconds} s.")
    return 0
