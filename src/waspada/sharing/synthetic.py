"""Differentially private synthetic data with Microsoft's pac-synth (the successor of the
synthesizer of the Synthetic Data Showcase that CTDC used), and its utility report.

pac-synth's ``DpAggregateSeededSynthesizer`` computes (epsilon, delta)-DP marginals (counts of
attribute combinations up to ``reporting_length`` columns, Gaussian noise, thresholds against
fabricated combinations) and samples records from those noisy counts only. Its fit holds about
15 KiB per row, so at national scale it is fitted on a **Poisson sample** of the real rows
(``Sampling``): a small share of epsilon (``COUNT_SHARE``) buys a noisy count of the rows (the
two-sided geometric mechanism), which fixes the sampling rate q = min(1, fit_rows / noisy
count); every row is then kept independently with probability q, and pac-synth gets the rest
of epsilon. What is claimed (add/remove one case of the consented rows): the noisy count is
epsilon_count-DP; given it, q is fixed, and Poisson sampling at a fixed rate followed by an
(epsilon_fit, delta)-DP mechanism is (ln(1 + q(e^epsilon_fit - 1)), q delta)-DP (privacy
amplification by subsampling), at most (epsilon_fit, delta); by composition the release is
(epsilon, delta)-DP. The amplification is not credited: the ledger spends the declared epsilon.
delta is 1 / (m ln m) for the expected sample size m = min(noisy count, fit_rows).

The utility report compares the real and synthetic tables' one- and two-way marginals: mean
absolute error of the counts (the synthetic counts scaled to the real number of rows) and the
share of two-way combinations of the real data whose synthetic count is within ±10 %. The real
table is every consented row (not only the sample), held as small integer codes.
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import pacsynth

REPORTING_LENGTH = 3  # pac-synth's default; a release's value comes from data/sharing.json
COUNT_SHARE = 0.01  # share of epsilon spent on the noisy count that sets the sampling rate
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


@dataclass(frozen=True)
class Sampling:
    """How the rows the synthesizer is fitted on are drawn (see the module's docstring)."""

    fit_rows: int  # the bound on the expected sample size
    noisy_count: int  # the real number of rows plus two-sided geometric noise
    rate: float  # each real row is kept with this probability
    epsilon_count: float
    epsilon_fit: float
    delta: float

    def summary(self) -> dict[str, Any]:
        return {
            "fit_rows_max": self.fit_rows,
            "rate": round(self.rate, 6),
            "noisy_count": self.noisy_count,
            "epsilon_count": self.epsilon_count,
            "epsilon_fit": self.epsilon_fit,
        }


def _geometric_noise(epsilon: float, rng: np.random.Generator) -> int:
    """Two-sided geometric noise, P(z) proportional to exp(-epsilon |z|): a count of
    sensitivity 1 plus this is epsilon-DP (integer noise: no low-order bits of a float to give
    the count away; numpy's geometric sampler is not an exact discrete sampler)."""
    p = -math.expm1(-epsilon)
    return int(rng.geometric(p)) - int(rng.geometric(p))


def sampling_for(
    n: int, *, epsilon: float, fit_rows: int, rng: np.random.Generator | None = None
) -> Sampling:
    """The sampling of ``n`` real rows for a release of budget ``epsilon``."""
    if epsilon <= 0:
        raise SyntheticError("epsilon must be greater than 0")
    if fit_rows < MIN_ROWS:
        raise SyntheticError(f"the fit sample must allow at least {MIN_ROWS} rows")
    if n < MIN_ROWS:
        raise SyntheticError(f"too few cases for a synthetic release ({n} < {MIN_ROWS})")
    rng = rng or generator()
    epsilon_count = COUNT_SHARE * epsilon
    noisy = max(n + _geometric_noise(epsilon_count, rng), 1)
    rate = min(1.0, fit_rows / noisy)
    expected = max(min(noisy, fit_rows), MIN_ROWS)
    return Sampling(
        fit_rows, noisy, rate, epsilon_count, epsilon - epsilon_count, delta_for(expected)
    )


def generator() -> np.random.Generator:
    """A numpy generator seeded from the operating system (not reproducible, by design)."""
    return np.random.default_rng(secrets.randbits(128))


def synthesize(
    names: Sequence[str],
    real: list[list[str]],
    *,
    epsilon: float,
    rows: int | None,
    delta: float | None = None,
    reporting_length: int = REPORTING_LENGTH,
) -> Synthesized:
    """Fit pac-synth on ``real`` with (epsilon, delta) and sample ``rows`` records (None:
    pac-synth's noisy count of ``real``). delta defaults to 1 / (n ln n)."""
    if epsilon <= 0:
        raise SyntheticError("epsilon must be greater than 0")
    if len(real) < MIN_ROWS:
        raise SyntheticError(f"too few cases for a synthetic release ({len(real)} < {MIN_ROWS})")
    delta = delta if delta is not None else delta_for(len(real))
    parameters = (
        pacsynth.DpAggregateSeededParametersBuilder()
        .reporting_length(reporting_length)
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


class Coder:
    """Tables as small integer codes per column, one code book shared by every table encoded
    (the real rows block by block, then the synthetic ones), so the real table is held as
    ``width`` uint16 per row (28 bytes for 14 columns) rather than as lists of strings."""

    DTYPE = np.uint16
    MAX_VALUES = int(np.iinfo(np.uint16).max)

    def __init__(self, width: int) -> None:
        self.books: list[dict[str, int]] = [{} for _ in range(width)]

    def encode(self, table: Sequence[Sequence[str]]) -> np.ndarray:
        codes = np.empty((len(table), len(self.books)), dtype=self.DTYPE)
        for column, book in enumerate(self.books):
            codes[:, column] = np.fromiter(
                (book.setdefault(row[column], len(book)) for row in table),
                dtype=np.int64,
                count=len(table),
            )
            if len(book) > self.MAX_VALUES:
                raise SyntheticError(f"column {column} has more than {self.MAX_VALUES} values")
        return codes

    def sizes(self) -> list[int]:
        return [max(len(book), 1) for book in self.books]


def _counts(codes: np.ndarray, picked: tuple[int, ...], sizes: list[int]) -> np.ndarray:
    """Counts of every combination of the ``picked`` columns (a dense, flattened table)."""
    key = np.zeros(len(codes), dtype=np.int64)  # int64: the product of sizes may pass int32
    cells = 1
    for column in picked:
        key = key * sizes[column] + codes[:, column].astype(np.int64)
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
    coder = Coder(len(names))
    real_codes = coder.encode(real)
    return utility_of_codes(coder, real_codes, coder.encode(synth))


def utility_of_codes(
    coder: Coder, real_codes: np.ndarray, synth_codes: np.ndarray
) -> dict[str, Any]:
    """``utility`` on tables encoded by the same ``coder`` (encode the synthetic one last)."""
    sizes = coder.sizes()
    width_all = len(sizes)
    scale = len(real_codes) / len(synth_codes) if len(synth_codes) else 0.0
    report: dict[str, Any] = {"rows_real": len(real_codes), "rows_synthetic": len(synth_codes)}
    for width, label in ((1, "one_way"), (2, "two_way")):
        error_sum, n_keys, within, n_truth = 0.0, 0, 0, 0
        for picked in combinations(range(width_all), width):
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
