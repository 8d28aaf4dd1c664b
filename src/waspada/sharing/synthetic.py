"""Differentially private synthetic data with Microsoft's pac-synth (the successor of the
synthesizer of the Synthetic Data Showcase that CTDC used), and its utility report.

pac-synth's ``DpAggregateSeededSynthesizer`` computes (epsilon, delta)-DP marginals (counts of
attribute combinations up to ``REPORTING_LENGTH`` columns, Gaussian noise, thresholds against
fabricated combinations) and samples records from those noisy counts only. The epsilon given
here is the whole budget of one release (pac-synth splits it between the record count, the
percentile and the combination lengths); delta is set explicitly to 1 / (n ln n) so that the
ledger can record it.

The utility report compares the real and synthetic tables' one- and two-way marginals: mean
absolute error of the counts (the synthetic counts scaled to the real number of rows) and the
share of two-way combinations of the real data whose synthetic count is within ±10 %.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import pacsynth

REPORTING_LENGTH = 3
MIN_ROWS = 50  # below this the noise is the data: refused
# Share of epsilon spent on the noisy number of records (pac-synth's default, 0.005, leaves
# so little that on a few hundred cases the noisy count can come out negative and the
# synthesizer stops; 0.1 keeps that noise at a few records).
RECORDS_SHARE = 0.1
NON_FLAGS = {
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "citizenship",
    "CountryOfExploitation",
    "traffickMonths",
}


class SyntheticError(ValueError):
    """Bad parameters or too little data: nothing is written and no budget is spent."""


@dataclass(frozen=True)
class Synthesized:
    rows: list[list[str]]
    delta: float
    library: str


def delta_for(n: int) -> float:
    return 1.0 / (math.log(n) * n)


def synthesize(
    names: Sequence[str], real: list[list[str]], *, epsilon: float, rows: int | None
) -> Synthesized:
    if epsilon <= 0:
        raise SyntheticError("epsilon must be greater than 0")
    if len(real) < MIN_ROWS:
        raise SyntheticError(f"too few cases for a synthetic release ({len(real)} < {MIN_ROWS})")
    delta = delta_for(len(real))
    parameters = (
        pacsynth.DpAggregateSeededParametersBuilder()
        .reporting_length(REPORTING_LENGTH)
        .epsilon(float(epsilon))
        .delta(delta)
        .number_of_records_epsilon_proportion(RECORDS_SHARE)
        .build()
    )
    synthesizer = pacsynth.DpAggregateSeededSynthesizer(parameters)
    try:
        synthesizer.fit(pacsynth.Dataset([list(names), *real]))
        sampled = synthesizer.sample(rows) if rows else synthesizer.sample()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # pac-synth's Rust panics are BaseExceptions
        raise SyntheticError(f"the synthesizer failed on this data: {exc}") from None
    header, body = sampled[0], sampled[1:]
    order = [header.index(name) for name in names]
    flags = [name not in NON_FLAGS for name in names]
    out = [
        [
            ("0" if flag and not record[i] else record[i])
            for i, flag in zip(order, flags, strict=True)
        ]
        for record in body
    ]
    random.SystemRandom().shuffle(out)  # pac-synth emits records grouped by combination
    return Synthesized(out, delta, "pac-synth DpAggregateSeededSynthesizer")


def _codes(
    names: Sequence[str], real: Sequence[Sequence[str]], synth: Sequence[Sequence[str]]
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Each column as small integer codes shared by both tables: (real, synthetic, sizes).
    Read value by value into int32 arrays, so no copy of the tables is made."""
    width = len(names)
    real_codes = np.empty((len(real), width), dtype=np.int32)
    synth_codes = np.empty((len(synth), width), dtype=np.int32)
    sizes = []
    for column in range(width):
        index: dict[str, int] = {}
        for table, codes in ((real, real_codes), (synth, synth_codes)):
            codes[:, column] = np.fromiter(
                (index.setdefault(row[column], len(index)) for row in table),
                dtype=np.int32,
                count=len(table),
            )
        sizes.append(max(len(index), 1))
    return real_codes, synth_codes, sizes


def _counts(codes: np.ndarray, picked: tuple[int, ...], sizes: list[int]) -> np.ndarray:
    """Counts of every combination of the ``picked`` columns (a dense, flattened table)."""
    key = np.zeros(len(codes), dtype=np.int64)  # int64: the product of sizes may pass int32
    cells = 1
    for column in picked:
        key = key * sizes[column] + codes[:, column]
        cells *= sizes[column]
    return np.bincount(key, minlength=cells)


def utility(
    names: Sequence[str], real: Sequence[Sequence[str]], synth: Sequence[Sequence[str]]
) -> dict[str, Any]:
    """MAE of one- and two-way marginal counts and the share of real two-way combinations
    within ±10 % (synthetic counts scaled to the real number of rows).

    The combinations compared are those present in either table. Computed on integer codes
    with ``numpy.bincount``, one dense table per column pair (at most a few hundred cells),
    instead of one counter update per row and pair (20 million at 100,000 rows)."""
    scale = len(real) / len(synth) if synth else 0.0
    report: dict[str, Any] = {"rows_real": len(real), "rows_synthetic": len(synth)}
    real_codes, synth_codes, sizes = _codes(names, real, synth)
    for width, label in ((1, "one_way"), (2, "two_way")):
        error_sum, n_keys, within, n_truth = 0.0, 0, 0, 0
        for picked in combinations(range(len(names)), width):
            truth = _counts(real_codes, picked, sizes)
            fake = _counts(synth_codes, picked, sizes) * scale
            present = (truth > 0) | (fake > 0)
            error_sum += float(np.abs(truth - fake)[present].sum())
            n_keys += int(present.sum())
            seen = truth > 0
            within += int((np.abs(fake - truth)[seen] <= 0.1 * truth[seen]).sum())
            n_truth += int(seen.sum())
        report[f"{label}_mae"] = round(error_sum / n_keys, 3) if n_keys else 0.0
        report[f"{label}_combinations"] = n_keys
        if width == 2:
            report["two_way_within_10pct"] = round(within / n_truth, 3) if n_truth else 0.0
    return report
