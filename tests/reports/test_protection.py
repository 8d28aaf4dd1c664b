"""Complementary suppression: from the published tables, a reader who subtracts cannot work
out any hidden cell. The reader here is written independently of ``reports.protection``: it
knows which columns add up to which totals, and repeats "one unknown in a sum → solve it"
until nothing changes, across tables too."""

from __future__ import annotations

import random
from typing import Any

import pytest

from waspada.reports import tables
from waspada.reports.protection import SECONDARY, bounds, exposed, relations
from waspada.reports.scope import DashboardFilters, Scope
from waspada.reports.selectors import AGE_BANDS, Raw
from waspada.reports.suppression import SMALL

FILTERS = DashboardFilters(year_from=2021, year_to=2023)
SCOPE = Scope(organisation_id=None, exact=False)
SUMS = {  # table → columns whose rows add up to the total row
    "victims_by_year": ["registered", "identified"],
    "victims_by_destination": ["people"],
    "victims_by_sex": ["people"],
    "victims_by_age": ["people"],
    "awaiting_repatriation": ["people"],
    "repatriated_by_year": ["people"],
    "campaign_reach": ["reached", "female", "male"],
    "public_reports_by_country": ["reports"],
    "public_reports_by_province": ["reports"],
    "public_reports_outcome": ["reports"],
    "public_reports_by_year": ["sos", "suspicious_offer", "other", "reports"],
}


NO_RESTITUTION = {"awarded_cases": 0, "awarded_idr": 0, "paid_cases": 0, "paid_idr": 0}


def _sexes() -> Raw:
    return Raw(
        by_sex={"female": 118, "male": 64, "other": 1},
        restitution=dict(NO_RESTITUTION),
        cases_by_year={2021: {"registered": 183, "identified": 100}},
        cases_by_month={(2021, 3): {"registered": 183, "identified": 100}},
    )


def _small_counts(rng: random.Random, keys: list[Any], *, big: float = 0.5) -> dict[Any, int]:
    return {
        key: rng.choice([0, rng.randint(1, 10), rng.randint(1, 10), rng.randint(11, 80)])
        if rng.random() > big / 4
        else rng.randint(11, 300)
        for key in keys
    }


def _raw(seed: int) -> Raw:
    rng = random.Random(seed)  # noqa: S311  (reproducible test data)
    raw = Raw()
    for year in FILTERS.years:
        registered = rng.choice([rng.randint(1, 10), rng.randint(11, 200)])
        raw.cases_by_year[year] = {
            "registered": registered,
            "identified": rng.randint(0, registered),
        }
    total = sum(c["registered"] for c in raw.cases_by_year.values())

    def split(keys: list[str]) -> dict[str, int]:
        weights = [rng.random() ** 3 for _ in keys]
        counts = [int(total * w / sum(weights)) for w in weights]
        counts[0] += total - sum(counts)
        return {k: n for k, n in zip(keys, counts, strict=True) if n}

    raw.by_destination = split(["KH", "MM", "LA", "PH", "TH"])
    raw.by_sex = split(["female", "male", "other", "unknown"])
    raw.by_age = split([band for band, _top in AGE_BANDS] + ["48+", "unknown"])
    raw.awaiting = _small_counts(rng, ["KH", "MM", "LA"])
    raw.repatriated = _small_counts(rng, FILTERS.years)
    raw.referrals = {
        s: {"n": n, "median": None}
        for s, n in _small_counts(rng, ["pending", "accepted", "declined"]).items()
    }
    raw.referrals["answered"] = {
        "n": raw.referrals["accepted"]["n"] + raw.referrals["declined"]["n"],
        "median": None,
    }
    funnel = {}
    for year in FILTERS.years:
        reported = rng.randint(0, 40)
        investigated = rng.randint(0, reported)
        prosecuted = rng.randint(0, investigated)
        funnel[year] = {
            "reported": reported,
            "investigated": investigated,
            "prosecuted": prosecuted,
            "convicted": rng.randint(0, prosecuted),
        }
    raw.funnel_by_year = funnel
    raw.restitution = dict(NO_RESTITUTION)
    reports = raw.public_reports
    reports.by_year = {
        y: _small_counts(rng, ["sos", "suspicious_offer", "other"]) for y in FILTERS.years
    }
    all_reports = sum(sum(v.values()) for v in reports.by_year.values())
    reports.by_country = {"KH": all_reports - all_reports // 3, "MM": all_reports // 3}
    reports.by_province = {"Jawa Barat": all_reports}
    reports.by_outcome = {"open": all_reports}
    reports.by_priority = {"urgent": {"n": all_reports, "answered": 0, "within": 0, "median": None}}
    # The monthly trends: each year's counts spread over its months, as the database has them.
    for year in FILTERS.years:
        for month, counts in _spread(rng, raw.cases_by_year[year]).items():
            raw.cases_by_month[(year, month)] = counts
        legal = {k: funnel[year][k] for k in ("reported", "convicted")}
        for month, counts in _spread(rng, legal).items():
            raw.legal_by_month[(year, month)] = counts
    return raw


def _spread(rng: random.Random, counts: dict[str, int]) -> dict[int, dict[str, int]]:
    """A year's counts over months 1-12 (each measure spread independently, few months)."""
    months: dict[int, dict[str, int]] = {}
    busy = rng.sample(range(1, 13), rng.randint(1, 12))
    for key, n in counts.items():
        for _one in range(n):
            months.setdefault(rng.choice(busy), dict.fromkeys(counts, 0))[key] += 1
    return months


def _value(cell: Any) -> int | None:
    if cell is None:
        return 0
    return cell if isinstance(cell, int) and not isinstance(cell, bool) else None


def _equations(figures: dict[str, Any]) -> list[tuple[list[Any], Any]]:
    """(parts, whole) as (table, row, column) refs, from the reader's own knowledge."""
    found = {t["key"]: t for s in figures["sections"] for t in s["tables"]}
    equations: list[tuple[list[Any], Any]] = []
    for key, columns in SUMS.items():
        table = found[key]
        if not table["total"]:
            continue
        keys = [c["key"] for c in table["columns"]]
        for column in columns:
            c = keys.index(column)
            equations.append(([(key, r, c) for r in range(len(table["rows"]))], (key, -1, c)))
    by_year = found["public_reports_by_year"]
    for r in [*range(len(by_year["rows"])), -1]:
        equations.append(
            (
                [("public_reports_by_year", r, c) for c in (1, 2, 3)],
                ("public_reports_by_year", r, 4),
            )
        )
    equations.append(([("referrals", 1, 1), ("referrals", 2, 1)], ("referrals", -1, 1)))
    for stage in range(4):
        equations.append(
            ([("legal_by_year", r, stage + 1) for r in range(3)], ("legal_funnel", stage, 1))
        )
    victims = [
        ("victims_by_year", -1, 1),
        ("victims_by_destination", -1, 1),
        ("victims_by_sex", -1, 1),
        ("victims_by_age", -1, 1),
    ]
    reports = [
        ("public_reports_by_year", -1, 4),
        ("public_reports_by_country", -1, 1),
        ("public_reports_by_province", -1, 1),
        ("public_reports_outcome", -1, 1),
    ]
    for same in (victims, reports):
        equations += [([a], b) for a, b in zip(same, same[1:], strict=False)]
    equations.append(
        ([("public_reports_response", r, 1) for r in range(3)], ("public_reports_by_year", -1, 4))
    )
    # Monthly trends: the twelve months of a year add up to that year's row.
    for monthly, yearly, columns in (
        ("victims_by_month", "victims_by_year", [(1, 1), (2, 2)]),
        ("legal_by_month", "legal_by_year", [(1, 1), (2, 4)]),
    ):
        for index in range(len(FILTERS.years)):
            months = range(12 * index, 12 * index + 12)
            for month_column, year_column in columns:
                equations.append(
                    ([(monthly, m, month_column) for m in months], (yearly, index, year_column))
                )

    def exists(ref: Any) -> bool:
        if ref[0] not in found:
            return False
        table = found[ref[0]]
        rows = table["rows"] if ref[1] != -1 else ([table["total"]] if table["total"] else [])
        return (ref[1] == -1 and bool(rows)) or 0 <= ref[1] < len(rows)

    return [(p, w) for p, w in equations if all(exists(r) for r in (*p, w))]


def _derive(figures: dict[str, Any]) -> dict[Any, int]:
    """Every hidden cell a reader can compute by subtraction (all others known)."""
    found = {t["key"]: t for s in figures["sections"] for t in s["tables"]}

    def cell(ref: Any) -> Any:
        table = found[ref[0]]
        return (table["total"] if ref[1] == -1 else table["rows"][ref[1]])[ref[2]]

    known = {}
    equations = _equations(figures)
    for parts, whole in equations:
        for ref in (*parts, whole):
            if _value(cell(ref)) is not None:
                known[ref] = _value(cell(ref))
    derived: dict[Any, int] = {}
    changed = True
    while changed:
        changed = False
        for parts, whole in equations:
            unknown = [r for r in (*parts, whole) if r not in known]
            if len(unknown) != 1:
                continue
            ref = unknown[0]
            if ref == whole:
                known[ref] = sum(known[p] for p in parts)
            else:
                known[ref] = known[whole] - sum(known[p] for p in parts if p != ref)
            derived[ref] = known[ref]
            changed = True
    return {ref: n for ref, n in derived.items() if cell(ref) == SMALL}


def test_the_reported_leak_is_closed():
    raw = _sexes()
    figures = tables.build(raw, scope=SCOPE, filters=FILTERS, suppress=True)
    sexes = tables.find(figures, "victims_by_sex")
    assert [row[1] for row in sexes["rows"]] == [118, SECONDARY, SMALL]
    assert sexes["total"][1] == 183
    assert _derive(figures) == {}


def test_without_protection_the_reader_finds_the_cell():
    """The reader works: on the unprotected tables it recovers 183 − 118 − 64 = 1."""
    raw = _sexes()
    scope, filters = SCOPE, FILTERS
    figures = {
        "sections": [
            {
                "tables": [
                    *tables._prevention(raw, filters, True),
                    *tables._victims(raw, filters, True),
                    *tables._services(raw, True),
                    *tables._returns(raw, filters, True),
                    *tables._prosecution(raw, filters, True),
                    *tables.report_tables(raw.public_reports, filters, True),
                ]
            }
        ]
    }
    assert scope.exact is False
    assert ("victims_by_sex", 2, 1) in _derive(figures)


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_cell_can_be_derived_from_any_table(seed):
    figures = tables.build(_raw(seed), scope=SCOPE, filters=FILTERS, suppress=True)
    assert _derive(figures) == {}
    # and the stronger reader (bounds from "<11" = 1–10) cannot narrow any "<11" cell
    found = {t["key"]: t for s in figures["sections"] for t in s["tables"]}
    assert exposed(found, bounds(found, list(relations(found)))) == []


def test_supervisors_exact_figures_are_left_alone():
    raw = _sexes()
    figures = tables.build(
        raw, scope=Scope(organisation_id=1, exact=True), filters=FILTERS, suppress=False
    )
    assert [row[1] for row in tables.find(figures, "victims_by_sex")["rows"]] == [118, 64, 1]
