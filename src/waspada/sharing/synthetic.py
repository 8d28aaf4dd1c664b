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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

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


def _marginals(names: Sequence[str], data: list[list[str]], width: int) -> Counter[tuple[Any, ...]]:
    counts: Counter[tuple[Any, ...]] = Counter()
    for picked in combinations(range(len(names)), width):
        for record in data:
            counts[(picked, tuple(record[i] for i in picked))] += 1
    return counts


def utility(names: Sequence[str], real: list[list[str]], synth: list[list[str]]) -> dict[str, Any]:
    """MAE of one- and two-way marginal counts and the share of real two-way combinations
    within ±10 % (synthetic counts scaled to the real number of rows)."""
    scale = len(real) / len(synth) if synth else 0.0
    report: dict[str, Any] = {"rows_real": len(real), "rows_synthetic": len(synth)}
    for width, label in ((1, "one_way"), (2, "two_way")):
        truth = _marginals(names, real, width)
        fake = _marginals(names, synth, width)
        keys = set(truth) | set(fake)
        errors = [abs(truth.get(key, 0) - fake.get(key, 0) * scale) for key in keys]
        report[f"{label}_mae"] = round(sum(errors) / len(errors), 3) if errors else 0.0
        report[f"{label}_combinations"] = len(keys)
        if width == 2:
            within = sum(
                1 for key, n in truth.items() if abs(fake.get(key, 0) * scale - n) <= 0.1 * n
            )
            report["two_way_within_10pct"] = round(within / len(truth), 3) if truth else 0.0
    return report
