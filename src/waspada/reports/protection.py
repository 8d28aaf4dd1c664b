"""Complementary (secondary) suppression: no hidden cell can be worked out from the others.

Primary suppression (``suppression.people``) shows a count of 1–10 people as ``"<11"``. Alone
it leaks: a total of 183 with 64 and 118 shown gives the hidden cell, 1. This module treats
the published tables as a reader would: every additive relation between published cells (a
column and its total, a row and its row total, the same total repeated in several tables,
the legal funnel against the per-year table) bounds each hidden cell. It propagates those
bounds to a fixed point (``bounds``: what any reader can derive by subtraction and by the
knowledge that "<11" means 1–10) and, while some ``"<11"`` cell is narrowed to fewer than
``PROTECTION`` possible values (or a ``"≥11"`` cell to one), hides one more published count
(the smallest count of 11 or more in a relation of the exposed cell) as ``"≥11"``
(``SECONDARY``), or, when no such count is left among the parts, the relation's total.
Reading ``"≥11"`` a reader learns only that the count is at least 11.

It works on the built tables only (``tables.build`` calls ``protect`` when suppressing), so
the page, the API, the CSV/XLSX downloads and the annual report's PDF all show the same
protected cells. Comparing two downloads with different filters is not covered (the
differences of two filtered tables are a relation this module does not see).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from waspada.reports.suppression import SMALL, K

SECONDARY = "≥11"
# A "<11" cell must keep at least this many possible values for a reader (1–10 hidden in a
# sum of known total keeps many; "1 or 2" is not protection enough).
PROTECTION = 3
INF = 10**15


def note() -> str:
    """What ``SECONDARY`` means, added to the note of each table that shows it."""
    return _("≥11: angka 11 atau lebih yang disembunyikan agar angka <11 tidak dapat dihitung.")


Ref = tuple[str, int, int]  # table key, row (-1: the total row), column
Bounds = dict[Ref, tuple[int, int]]

# Columns that are not counts adding up to their total (medians, shares, targets, money).
NOT_ADDITIVE = frozenset(
    {"flagged_pct", "median_hours", "within_target_pct", "target_hours", "amount_idr"}
)
# Tables whose "total" row is not the sum of the rows (or that publish no counts of people).
NO_COLUMN_SUM = frozenset({"referrals", "screening", "shared_texts"})
# Tables whose totals count the same people (the victims registered in the period; the
# public reports received in the period).
SAME_TOTAL = (
    (("victims_by_year", "registered"), ("victims_by_destination", "people"),
     ("victims_by_sex", "people"), ("victims_by_age", "people")),
    (("public_reports_by_year", "reports"), ("public_reports_by_country", "reports"),
     ("public_reports_by_province", "reports"), ("public_reports_outcome", "reports")),
)  # fmt: skip


@dataclass(frozen=True)
class Relation:
    """``sum(parts) == whole``."""

    parts: tuple[Ref, ...]
    whole: Ref


def _tables(figures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {table["key"]: table for section in figures["sections"] for table in section["tables"]}


def _column(table: dict[str, Any], key: str) -> int | None:
    keys = [column["key"] for column in table["columns"]]
    return keys.index(key) if key in keys else None


def _cell(tables: dict[str, dict[str, Any]], ref: Ref) -> Any:
    table = tables[ref[0]]
    row = table["total"] if ref[1] == -1 else table["rows"][ref[1]]
    return row[ref[2]]


def _set(tables: dict[str, dict[str, Any]], ref: Ref, value: Any) -> None:
    table = tables[ref[0]]
    row = table["total"] if ref[1] == -1 else table["rows"][ref[1]]
    row[ref[2]] = value


def relations(tables: dict[str, dict[str, Any]]) -> Iterator[Relation]:
    """Every additive relation between published cells that this module knows of."""
    for key, table in tables.items():
        columns = [column["key"] for column in table["columns"]]
        if table["total"] and key not in NO_COLUMN_SUM and table["rows"]:
            for index, column in enumerate(columns[1:], start=1):
                if column not in NOT_ADDITIVE:
                    parts = tuple((key, row, index) for row in range(len(table["rows"])))
                    yield Relation(parts, (key, -1, index))
    by_year = tables.get("public_reports_by_year")
    if by_year:  # each year's kinds add up to that year's reports (and so does the total)
        last = len(by_year["columns"]) - 1
        for row in [*range(len(by_year["rows"])), -1]:
            yield Relation(tuple(("public_reports_by_year", row, c) for c in range(1, last)),
                           ("public_reports_by_year", row, last))  # fmt: skip
    response = tables.get("public_reports_response")
    if by_year and response and by_year["total"]:  # priorities partition the reports
        yield Relation(
            tuple(("public_reports_response", row, 1) for row in range(len(response["rows"]))),
            ("public_reports_by_year", -1, len(by_year["columns"]) - 1),
        )
    referrals = tables.get("referrals")
    if referrals and referrals["total"]:  # answered = accepted + declined
        labels = [row[0] for row in referrals["rows"]]
        yield from _answered(labels)
    funnel, per_year = tables.get("legal_funnel"), tables.get("legal_by_year")
    if funnel and per_year:  # each stage's total is the sum of its years
        for stage in range(len(funnel["rows"])):
            yield Relation(
                tuple(("legal_by_year", row, stage + 1) for row in range(len(per_year["rows"]))),
                ("legal_funnel", stage, 1),
            )
    yield from _months(tables)
    for group in SAME_TOTAL:
        present = [
            (k, _column(tables[k], c)) for k, c in group if k in tables and tables[k]["total"]
        ]
        refs = [(k, -1, c) for k, c in present if c is not None]
        for first, other in zip(refs, refs[1:], strict=False):
            yield Relation((first,), other)


# Monthly trend tables whose months add up to a row (same year) of a yearly table, column by
# column of the same key.
MONTHS_OF = {"victims_by_month": "victims_by_year", "legal_by_month": "legal_by_year"}


def _months(tables: dict[str, dict[str, Any]]) -> Iterator[Relation]:
    for monthly_key, yearly_key in MONTHS_OF.items():
        monthly, yearly = tables.get(monthly_key), tables.get(yearly_key)
        if not monthly or not yearly:
            continue
        year_row = {row[0]: index for index, row in enumerate(yearly["rows"])}
        for index, column in enumerate(monthly["columns"][1:], start=1):
            target = _column(yearly, column["key"])
            if target is None:
                continue
            for year, row in year_row.items():
                parts = tuple(
                    (monthly_key, number, index)
                    for number, (y, _month) in enumerate(monthly["periods"])
                    if y == year
                )
                if parts:
                    yield Relation(parts, (yearly_key, row, target))


def _answered(labels: list[Any]) -> Iterator[Relation]:
    # Rows follow ReferralStatus (pending, accepted, declined, …); the total row is accepted +
    # declined. Found by position of the statuses in tables._services.
    if len(labels) >= 3:
        yield Relation((("referrals", 1, 1), ("referrals", 2, 1)), ("referrals", -1, 1))


def _initial(value: Any) -> tuple[int, int] | None:
    if value is None:
        return (0, 0)  # a blank count (not recorded) adds nothing to the total
    if value == SMALL:
        return (1, K - 1)
    if value == SECONDARY:
        return (K, INF)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return (value, value)


def bounds(tables: dict[str, dict[str, Any]], rels: Iterable[Relation]) -> Bounds:
    """What a reader can derive about every cell of the relations (interval propagation)."""
    usable: list[Relation] = []
    known: Bounds = {}
    for relation in rels:
        cells = [*relation.parts, relation.whole]
        initial = [_initial(_cell(tables, ref)) for ref in cells]
        if any(value is None for value in initial):
            continue
        usable.append(relation)
        for ref, value in zip(cells, initial, strict=True):
            known.setdefault(ref, value)  # type: ignore[arg-type]
    for _round in range(100):
        changed = False
        for relation in usable:
            parts = relation.parts
            low_sum = sum(known[p][0] for p in parts)
            high_sum = min(INF, sum(known[p][1] for p in parts))
            whole_low, whole_high = known[relation.whole]
            new_whole = (max(whole_low, low_sum), min(whole_high, high_sum))
            if new_whole != known[relation.whole]:
                known[relation.whole], changed = new_whole, True
            whole_low, whole_high = new_whole
            for part in parts:
                low, high = known[part]
                others_low = low_sum - low
                others_high = high_sum - high if high_sum < INF else INF
                new = (max(low, whole_low - others_high), min(high, whole_high - others_low))
                if new != (low, high):
                    known[part], changed = new, True
        if not changed:
            break
    return known


def exposed(tables: dict[str, dict[str, Any]], known: Bounds) -> list[Ref]:
    """Hidden cells the published ones narrow too much: a "<11" cell to fewer than
    ``PROTECTION`` possible values, a "≥11" cell to one value."""
    found = []
    for ref, (low, high) in known.items():
        value = _cell(tables, ref)
        narrowed = high - low + 1 < PROTECTION if value == SMALL else low >= high
        if value in (SMALL, SECONDARY) and narrowed:
            found.append(ref)
    return sorted(found)


def _candidates(tables: dict[str, dict[str, Any]], rels: list[Relation], ref: Ref) -> list[Ref]:
    """Published counts of at least 11 in the relations around ``ref``, nearest first."""
    seen, frontier = {ref}, [ref]
    for _depth in range(6):
        around = [r for r in rels if any(c in frontier for c in (*r.parts, r.whole))]
        shown = {
            cell for r in around for cell in (*r.parts, r.whole)
            if isinstance(_cell(tables, cell), int) and not isinstance(_cell(tables, cell), bool)
            and _cell(tables, cell) >= K
        }  # fmt: skip
        if shown:
            # parts before totals, then the smallest count (hiding it costs the least)
            return sorted(shown, key=lambda c: (c[1] == -1, _cell(tables, c), c))
        frontier = [c for r in around for c in (*r.parts, r.whole) if c not in seen]
        seen.update(frontier)
        if not frontier:
            break
    return []


def protect(figures: dict[str, Any]) -> int:
    """Add secondary suppression to built, suppressed figures in place until no hidden cell
    is exposed; returns the number of cells hidden as ``SECONDARY``."""
    tables = _tables(figures)
    rels = list(relations(tables))
    added = 0
    for _step in range(10_000):
        found = exposed(tables, bounds(tables, rels))
        choice = next((c[0] for c in (_candidates(tables, rels, ref) for ref in found) if c), None)
        if choice is None:
            break  # nothing exposed, or nothing left to hide around it
        _set(tables, choice, SECONDARY)
        added += 1
    for table in tables.values():
        cells = [*table["rows"], *([table["total"]] if table["total"] else [])]
        if any(cell == SECONDARY for row in cells for cell in row):
            table["note"] = " ".join(filter(None, [table["note"], note()]))
    return added
