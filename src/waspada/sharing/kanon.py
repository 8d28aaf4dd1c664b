"""k-anonymity by global recoding then row suppression, and the checker of any file.

Plain Python (no Django): the CTDC release (``ctdc``) and ``waspada export check-k`` use it.

How a release is made k-anonymous (``plan``):

1. Count the rows of every combination of the quasi-identifiers (QIs). Only these counts are
   held in memory, never the rows: their number is bounded by the QIs' domains (years ×
   genders × age bands × countries²), not by the number of cases.
2. Generalise, one step at a time, until the rows still in a group smaller than k are at most
   ``max_suppressed_share`` of all rows: (a) a country seen fewer than k times becomes its
   region; (b) age bands merge (0–17, 18–29, 30–47, 48+); (c) a region seen fewer than k times
   becomes "other"; (d) age bands merge again (0–17, 18+). Each step recodes a value for every
   row alike (global recoding), so the file stays consistent.
3. Suppress (leave out) every row whose generalised combination still occurs fewer than k
   times. The result says how many rows and values were generalised and suppressed.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Combo = tuple[str, ...]
COUNTRY_COLUMNS = ("citizenship", "CountryOfExploitation")
AGE_COLUMN = "ageBroad"


class KAnonError(ValueError):
    """Bad parameters (unknown quasi-identifier, k < 2): nothing is written."""


def resolve_qis(
    names: Iterable[str], *, columns: Sequence[str], aliases: Mapping[str, str]
) -> list[str]:
    """Quasi-identifier names as columns of the file (``year`` → ``yearOfRegistration``).
    Raises KAnonError naming an unknown one, or when none is given."""
    resolved: list[str] = []
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        column = aliases.get(name, name)
        if column not in columns:
            raise KAnonError(f"unknown quasi-identifier: {name!r}")
        if column not in resolved:
            resolved.append(column)
    if not resolved:
        raise KAnonError("no quasi-identifier given")
    return resolved


def check_k_value(k: int) -> int:
    if k < 2:
        raise KAnonError(f"k must be at least 2 (got {k})")
    return k


@dataclass
class Plan:
    """How each QI value is recoded and which generalised combinations are suppressed."""

    qis: list[str]
    k: int
    mappings: dict[str, dict[str, str]] = field(default_factory=dict)
    suppressed: set[Combo] = field(default_factory=set)
    steps: list[str] = field(default_factory=list)
    rows: int = 0
    rows_generalised: int = 0
    values_generalised: int = 0
    rows_suppressed: int = 0

    def recode(self, combo: Combo) -> Combo:
        return tuple(
            self.mappings.get(qi, {}).get(value, value)
            for qi, value in zip(self.qis, combo, strict=True)
        )

    def summary(self) -> dict[str, object]:
        return {
            "k": self.k,
            "quasi_identifiers": self.qis,
            "rows_in": self.rows,
            "rows_released": self.rows - self.rows_suppressed,
            "rows_generalised": self.rows_generalised,
            "values_generalised": self.values_generalised,
            "rows_suppressed": self.rows_suppressed,
            "steps": self.steps,
        }


def _regroup(counts: Counter[Combo], plan: Plan) -> Counter[Combo]:
    grouped: Counter[Combo] = Counter()
    for combo, n in counts.items():
        grouped[plan.recode(combo)] += n
    return grouped


def _at_risk(grouped: Counter[Combo], k: int) -> int:
    return sum(n for n in grouped.values() if n < k)


def _marginal(grouped: Counter[Combo], index: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    for combo, n in grouped.items():
        counts[combo[index]] += n
    return counts


def plan(
    counts: Counter[Combo],
    *,
    qis: list[str],
    k: int,
    regions: Mapping[str, str],
    region_other: str,
    age_ladder: Sequence[Mapping[str, str]],
    max_suppressed_share: float,
) -> Plan:
    """Decide the generalisation and suppression for rows whose QI combinations are counted
    in ``counts`` (see the module's docstring)."""
    check_k_value(k)
    result = Plan(qis=qis, k=k)
    result.rows = sum(counts.values())
    originals = {qi: {combo[i] for combo in counts} for i, qi in enumerate(qis)}
    budget = max_suppressed_share * result.rows

    def recode_column(
        qi: str, rule: Callable[[str, Counter[str], Counter[str]], str], name: str
    ) -> None:
        grouped = _regroup(counts, result)
        index = qis.index(qi)
        marginal = _marginal(grouped, index)
        risky = _marginal(Counter({c: n for c, n in grouped.items() if n < k}), index)
        mapping = result.mappings.setdefault(qi, {})
        changed = False
        for value in originals[qi]:
            now = mapping.get(value, value)
            new = rule(now, marginal, risky)
            if new != now:
                mapping[value] = new
                changed = True
        if changed:
            result.steps.append(name)

    def rare(value: str, marginal: Counter[str], risky: Counter[str]) -> bool:
        """Seen fewer than k times, or most of its rows are in groups smaller than k."""
        return marginal[value] < k or 2 * risky[value] > marginal[value]

    def rare_country(value: str, marginal: Counter[str], risky: Counter[str]) -> str:
        if not value or value in regions.values() or value == region_other:
            return value
        return regions.get(value, region_other) if rare(value, marginal, risky) else value

    def rare_region(value: str, marginal: Counter[str], risky: Counter[str]) -> str:
        if value and value in regions.values() and rare(value, marginal, risky):
            return region_other
        return value

    def ladder_step(ladder: Mapping[str, str]) -> Callable[[str, Counter[str], Counter[str]], str]:
        return lambda value, _marginal, _risky: ladder.get(value, value)

    countries = [q for q in COUNTRY_COLUMNS if q in qis]
    steps: list[tuple[str, Callable[[str, Counter[str], Counter[str]], str], str]] = []
    if AGE_COLUMN in qis and age_ladder:
        steps.append((AGE_COLUMN, ladder_step(age_ladder[0]), "ageBroad: bands merged"))
    steps += [(qi, rare_country, f"{qi}: rare countries → region") for qi in countries]
    for level, ladder in enumerate(age_ladder[1:], start=2):
        if AGE_COLUMN in qis:
            steps.append((AGE_COLUMN, ladder_step(ladder), f"ageBroad: bands merged ({level})"))
    steps += [(qi, rare_region, f"{qi}: rare regions → other") for qi in countries]

    grouped = _regroup(counts, result)
    for qi, rule, name in steps:
        if _at_risk(grouped, k) <= budget:
            break
        recode_column(qi, rule, name)
        grouped = _regroup(counts, result)

    result.suppressed = {combo for combo, n in grouped.items() if n < k}
    for combo, n in counts.items():
        recoded = result.recode(combo)
        if recoded in result.suppressed:
            result.rows_suppressed += n
            continue
        changed = sum(1 for a, b in zip(combo, recoded, strict=True) if a != b)
        if changed:
            result.rows_generalised += n
            result.values_generalised += changed * n
    return result


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    k: int
    qis: list[str]
    rows: int
    groups: int
    smallest: Combo | None
    smallest_size: int
    failing_groups: int

    def message(self) -> str:
        if self.rows == 0:
            return f"OK: no rows (k={self.k})."
        group = ", ".join(
            f"{qi}={value!r}" for qi, value in zip(self.qis, self.smallest or (), strict=True)
        )
        if self.ok:
            return (
                f"OK: {self.rows} rows in {self.groups} groups; every group has at least "
                f"k={self.k} rows (smallest: {self.smallest_size}, {group})."
            )
        return (
            f"FAIL: {self.failing_groups} of {self.groups} groups have fewer than k={self.k} rows; "
            f"smallest group has {self.smallest_size} row(s): {group}."
        )


def check_rows(rows: Iterable[Mapping[str, str]], *, qis: list[str], k: int) -> CheckResult:
    """Every combination of ``qis`` must occur at least ``k`` times in ``rows``."""
    check_k_value(k)
    return _result(Counter(tuple(row[qi] for qi in qis) for row in rows), qis=qis, k=k)


def _result(counts: Counter[Combo], *, qis: list[str], k: int) -> CheckResult:
    if not counts:
        return CheckResult(True, k, qis, 0, 0, None, 0, 0)
    smallest, size = min(counts.items(), key=lambda item: (item[1], item[0]))
    failing = sum(1 for n in counts.values() if n < k)
    return CheckResult(
        failing == 0, k, qis, sum(counts.values()), len(counts), smallest, size, failing
    )


def check_file(
    path: Path, *, qis: Iterable[str], k: int, aliases: Mapping[str, str]
) -> CheckResult:
    """Check a CSV file (header first) streamed row by row. Raises KAnonError for k < 2 or a
    quasi-identifier that is not a column of the file, OSError when it cannot be read."""
    check_k_value(k)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        columns = next(reader, [])
        resolved = resolve_qis(qis, columns=columns, aliases=aliases)
        at = [columns.index(qi) for qi in resolved]
        width = max(at) + 1
        counts: Counter[Combo] = Counter(
            tuple([line[i] for i in at] if len(line) >= width else [_cell(line, i) for i in at])
            for line in reader
            if line  # csv.DictReader skipped blank lines too
        )
        return _result(counts, qis=resolved, k=k)


def _cell(line: Sequence[str], index: int) -> str:
    """A short line's missing cell reads as empty."""
    return line[index] if index < len(line) else ""
