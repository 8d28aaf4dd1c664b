"""Writing the CTDC and synthetic release files (the HTCDS ZIP is in ``htcds``).

Each writer returns a summary that goes into the release's ``checks``; each writes through
``files.atomic_file`` and verifies what it wrote before the file counts as made.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from waspada.cases.models import Case
from waspada.sharing import ctdc, kanon, reference, synthetic
from waspada.sharing.files import atomic_file

SHUFFLE = 10_000  # rows held at once to break the database's order (registration order)


class CheckFailed(RuntimeError):
    """The written file did not pass its own check: it was removed."""


def _kanon_settings() -> dict[str, Any]:
    return {
        "regions": reference.get("regions"),
        "region_other": reference.get("region_other"),
        "age_ladder": reference.get("age_ladder"),
        "max_suppressed_share": reference.get("max_suppressed_share"),
    }


def _shuffled(rows: Iterable[dict[str, str]], rng: random.Random) -> Iterable[dict[str, str]]:
    buffer: list[dict[str, str]] = []
    for row in rows:
        buffer.append(row)
        if len(buffer) >= SHUFFLE:
            rng.shuffle(buffer)
            yield from buffer
            buffer.clear()
    rng.shuffle(buffer)
    yield from buffer


def write_ctdc(cases: QuerySet[Case], target: Path, *, k: int, qis: list[str]) -> dict[str, Any]:
    """A k-anonymous CTDC file of ``cases`` (already filtered on consent) at ``target``.

    Three streamed passes: count the QI combinations, write the generalised rows (leaving out
    suppressed ones), then check the written file; a file that fails the check is removed and
    CheckFailed raised (the data changed between passes). Memory holds only the counts and a
    shuffle buffer."""
    kanon.check_k_value(k)
    counts = ctdc.qi_counts(cases, qis)
    if counts is None:  # a QI the database cannot group on: count while streaming
        counts = Counter(tuple(row[qi] for qi in qis) for row in ctdc.rows(cases))
    plan = kanon.plan(counts, qis=qis, k=k, **_kanon_settings())
    names = ctdc.columns()
    written = 0
    rng = random.SystemRandom()
    with atomic_file(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(names)
        for row in _shuffled(ctdc.rows(cases), rng):
            combo = plan.recode(tuple(row[qi] for qi in qis))
            if combo in plan.suppressed:
                continue
            row.update(zip(qis, combo, strict=True))
            writer.writerow([row[name] for name in names])
            written += 1
        text.flush()
        text.detach()
    check = kanon.check_file(target, qis=qis, k=k, aliases={})
    if not check.ok:
        target.unlink()
        raise CheckFailed(check.message())
    return {
        **plan.summary(),
        "rows_written": written,
        "check_k": {"ok": True, "groups": check.groups, "smallest_group": check.smallest_size},
    }


def write_synthetic(
    cases: QuerySet[Case], target: Path, *, epsilon: float, rows: int | None
) -> dict[str, Any]:
    """A differentially private synthetic CTDC table (``synthetic``) with its utility report.

    The real rows are held in memory while the synthesizer fits (pac-synth needs them all);
    only the synthetic rows are written."""
    names = list(reference.get("synthetic_columns"))
    real = [[row[name] for name in names] for row in ctdc.rows(cases)]
    result = synthetic.synthesize(names, real, epsilon=epsilon, rows=rows)
    with atomic_file(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(names)
        writer.writerows(result.rows)
        text.flush()
        text.detach()
    return {
        "epsilon": epsilon,
        "delta": result.delta,
        "rows_real": len(real),
        "rows_written": len(result.rows),
        "columns": names,
        "utility": synthetic.utility(names, real, result.rows),
        "library": result.library,
    }
