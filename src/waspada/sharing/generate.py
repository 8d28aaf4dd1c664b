"""Writing the CTDC and synthetic release files (the HTCDS ZIP is in ``htcds``).

Each writer returns a summary that goes into the release's ``checks``; each writes through
``files.atomic_file`` and verifies what it wrote before the file counts as made.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from django.db.models import QuerySet

from waspada.cases.models import Case
from waspada.sharing import ctdc, kanon, reference, synthetic
from waspada.sharing.files import atomic_file

SHUFFLE = 10_000  # rows held at once to break the database's order (registration order)
Progress = Callable[[int, int], None]  # (rows done, rows in all)


class CheckFailed(RuntimeError):
    """The written file did not pass its own check: it was removed."""


def _kanon_settings() -> dict[str, Any]:
    return {
        "regions": reference.get("regions"),
        "region_other": reference.get("region_other"),
        "age_ladder": reference.get("age_ladder"),
        "max_suppressed_share": reference.get("max_suppressed_share"),
    }


def _shuffled(rows: Iterable[list[str]], rng: random.Random) -> Iterator[list[list[str]]]:
    """The rows in blocks of ``SHUFFLE``, each shuffled."""
    buffer: list[list[str]] = []
    for row in rows:
        buffer.append(row)
        if len(buffer) >= SHUFFLE:
            rng.shuffle(buffer)
            yield buffer
            buffer = []
    rng.shuffle(buffer)
    yield buffer


def write_ctdc(
    cases: QuerySet[Case],
    target: Path,
    *,
    k: int,
    qis: list[str],
    on_progress: Progress | None = None,
) -> dict[str, Any]:
    """A k-anonymous CTDC file of ``cases`` (already filtered on consent) at ``target``.

    The database counts the QI combinations (one GROUP BY), the rows are streamed once and
    written generalised (leaving out suppressed ones), then the written file is checked; a file
    that fails the check is removed and CheckFailed raised (the data changed between the count
    and the read). Memory holds only the counts, the recoding of each combination seen and a
    shuffle block. ``on_progress(rows read, rows in all)`` is called every block."""
    kanon.check_k_value(k)
    names = ctdc.columns()
    at = [names.index(qi) for qi in qis]
    counts = ctdc.qi_counts(cases, qis)
    if counts is None:  # a QI the database cannot group on: count while streaming
        counts = Counter(tuple(row[i] for i in at) for row in ctdc.records(cases))
    plan = kanon.plan(counts, qis=qis, k=k, **_kanon_settings())
    recoded: dict[tuple[str, ...], tuple[str, ...] | None] = {}  # None: suppressed
    written = read = 0
    rng = random.SystemRandom()
    with atomic_file(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(names)
        for block in _shuffled(ctdc.records(cases), rng):
            kept = []
            for row in block:
                combo = tuple([row[i] for i in at])
                try:
                    new = recoded[combo]
                except KeyError:
                    new = plan.recode(combo)
                    new = recoded[combo] = None if new in plan.suppressed else new
                if new is None:
                    continue
                for i, value in zip(at, new, strict=True):
                    row[i] = value
                kept.append(row)
            writer.writerows(kept)
            written += len(kept)
            read += len(block)
            if on_progress is not None:
                on_progress(read, plan.rows)
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
    cases: QuerySet[Case],
    target: Path,
    *,
    epsilon: float,
    rows: int | None,
    fit_rows: int | None = None,
    on_progress: Progress | None = None,
) -> dict[str, Any]:
    """A differentially private synthetic CTDC table (``synthetic``) with its utility report.

    The consented rows are streamed once: each is encoded for the utility report (small
    integer codes) and kept for the fit with the probability of ``synthetic.sampling_for``,
    so pac-synth holds at most about ``fit_rows`` rows (default ``synthetic_fit_rows`` of
    ``data/sharing.json``) whatever the number of cases. ``rows`` None: as many synthetic
    rows as the noisy count of real rows when they were sampled, else pac-synth's own count.
    ``on_progress(rows read, rows in all)`` is called every block of the read (the fit and
    the sampling that follow report nothing)."""
    names = list(reference.get("synthetic_columns"))
    at = [ctdc.columns().index(name) for name in names]
    fit_rows = fit_rows or int(reference.get("synthetic_fit_rows"))
    rng = synthetic.generator()
    total = cases.count()
    sampling = synthetic.sampling_for(total, epsilon=epsilon, fit_rows=fit_rows, rng=rng)
    coder = synthetic.Coder(len(names))
    chunks: list[np.ndarray] = []
    sample: list[list[str]] = []
    for block in _blocks(ctdc.records(cases)):
        picked = [[row[i] for i in at] for row in block]
        chunks.append(coder.encode(picked))
        keep = rng.random(len(picked)) < sampling.rate
        sample.extend(row for row, kept in zip(picked, keep, strict=True) if kept)
        if on_progress is not None:
            on_progress(sum(len(chunk) for chunk in chunks), total)
    real_codes = np.concatenate(chunks) if chunks else np.empty((0, len(names)), coder.DTYPE)
    del chunks
    if rows is None and sampling.rate < 1:
        rows = min(sampling.noisy_count, int(reference.get("synthetic_max_rows")))
    result = synthetic.synthesize(
        names,
        sample,
        epsilon=sampling.epsilon_fit,
        rows=rows,
        delta=sampling.delta,
        reporting_length=int(reference.get("synthetic_reporting_length")),
    )
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
        "rows_real": len(real_codes),
        "rows_fitted": len(sample),
        "sampling": sampling.summary(),
        "reporting_length": int(reference.get("synthetic_reporting_length")),
        "rows_written": len(result.rows),
        "columns": names,
        "utility": synthetic.utility_of_codes(coder, real_codes, coder.encode(result.rows)),
        "library": result.library,
    }


def _blocks(rows: Iterable[list[str]]) -> Iterator[list[list[str]]]:
    block: list[list[str]] = []
    for row in rows:
        block.append(row)
        if len(block) >= SHUFFLE:
            yield block
            block = []
    if block:
        yield block
