"""The utility report of a synthetic release (``synthetic.utility``), computed with numpy,
gives the figures of the plain definition: counters of one- and two-way combinations."""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations
from typing import Any

import pytest

from waspada.sharing.synthetic import utility


def _by_definition(
    names: list[str], real: list[list[str]], synth: list[list[str]]
) -> dict[str, Any]:
    scale = len(real) / len(synth) if synth else 0.0
    report: dict[str, Any] = {"rows_real": len(real), "rows_synthetic": len(synth)}
    for width, label in ((1, "one_way"), (2, "two_way")):
        truth: Counter[tuple[Any, ...]] = Counter()
        fake: Counter[tuple[Any, ...]] = Counter()
        for picked in combinations(range(len(names)), width):
            truth.update((picked, tuple(r[i] for i in picked)) for r in real)
            fake.update((picked, tuple(r[i] for i in picked)) for r in synth)
        keys = set(truth) | set(fake)
        errors = [abs(truth[key] - fake[key] * scale) for key in keys]
        report[f"{label}_mae"] = round(sum(errors) / len(errors), 3)
        report[f"{label}_combinations"] = len(keys)
        if width == 2:
            close = sum(1 for key, n in truth.items() if abs(fake[key] * scale - n) <= 0.1 * n)
            report["two_way_within_10pct"] = round(close / len(truth), 3)
    return report


def test_a_hand_counted_example() -> None:
    real = [["a", "x"], ["a", "y"], ["b", "x"]]
    synth = [["a", "x"], ["a", "x"]]  # scaled by 1.5: (a, x) counts 3
    assert utility(["p", "q"], real, synth) == {
        "rows_real": 3, "rows_synthetic": 2,
        "one_way_mae": 1.0, "one_way_combinations": 4,
        "two_way_mae": 1.333, "two_way_combinations": 3, "two_way_within_10pct": 0.0,
    }  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_figures_as_the_definition_on_random_tables(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311  (test data, reproducible)
    names = ["year", "gender", "age", "country", "flag"]
    domains = [["2022", "2023"], ["Male", "Female", ""], ["18-20", "21-23", "48+"],
               ["KHM", "MMR", "LAO", "PHL"], ["0", "1"]]  # fmt: skip
    real = [[rng.choice(d) for d in domains] for _ in range(rng.randint(50, 400))]
    # the synthetic table misses a value and has one the real data does not
    synth = [[rng.choice(d[:-1]) for d in domains] for _ in range(rng.randint(30, 500))]
    synth[0][3] = "THA"
    got, expected = utility(names, real, synth), _by_definition(names, real, synth)
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=1e-3), key


def test_an_empty_synthetic_table_counts_every_real_combination_as_missed() -> None:
    report = utility(["p"], [["a"], ["a"], ["b"]], [])
    assert (report["one_way_mae"], report["one_way_combinations"]) == (1.5, 2)
    assert report["two_way_within_10pct"] == 0.0
