"""The shapes of the synthetic data (``data/*.json``) and fast weighted draws from them."""

from __future__ import annotations

import json
import random
from bisect import bisect
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any, Generic, TypeVar

DATA = Path(__file__).resolve().parent / "data"
T = TypeVar("T")


@lru_cache(maxsize=4)
def load(name: str) -> dict[str, Any]:
    """A data file of this package (``distributions`` or ``names``)."""
    data: dict[str, Any] = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return data


class Weighted(Generic[T]):
    """Draw values in proportion to their weights, with one ``random()`` call per draw."""

    def __init__(self, values: Sequence[T], weights: Sequence[float]) -> None:
        if len(values) != len(weights) or not values:
            raise ValueError("values and weights must be non-empty and of the same length")
        self.values = list(values)
        self._cumulative = list(accumulate(float(w) for w in weights))
        self._total = self._cumulative[-1]

    @classmethod
    def of(cls, mapping: Mapping[T, float]) -> Weighted[T]:
        return cls(list(mapping), list(mapping.values()))

    def share(self, value: T) -> float:
        """The expected share of ``value`` (used by the tests and the docs)."""
        index = self.values.index(value)
        low = self._cumulative[index - 1] if index else 0.0
        return (self._cumulative[index] - low) / self._total

    def pick(self, rng: random.Random) -> T:
        return self.values[bisect(self._cumulative, rng.random() * self._total)]


# random.Random's randint/choice/randrange are pure Python; these use one C-level random().
def between(rng: random.Random, low: int, high: int) -> int:
    """An integer in [low, high], like ``rng.randint``."""
    return low + int(rng.random() * (high - low + 1))


def below(rng: random.Random, n: int) -> int:
    """An integer in [0, n), like ``rng.randrange(n)``."""
    return int(rng.random() * n)


def one_of(rng: random.Random, items: Sequence[T]) -> T:
    """One item, like ``rng.choice``."""
    return items[int(rng.random() * len(items))]


def amount(rng: random.Random, low: int, high: int, step: int) -> int:
    """A multiple of ``step`` from ``low`` up to (not including) ``high``."""
    return low + step * int(rng.random() * ((high - low) // step))
