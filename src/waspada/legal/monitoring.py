"""Aggregates for the prosecution monitoring page: no personal data, only counts and sums.

Legal officers and supervisors see figures over the legal cases they may see. Other viewers
with REPORTS_VIEW (analysts, programme officers, administrators) see all organisations'
aggregates, with every count from 1 to 10 shown as "<11" and medians or sums resting on
fewer than 11 cases withheld (k = 11, as CTDC uses).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from waspada.accounts.permissions import Perm, can
from waspada.cases import reference as case_reference
from waspada.legal import stages
from waspada.legal.models import STAGE_ORDER, LegalCase, Stage, StageChange, Verdict
from waspada.legal.selectors import legal_case_queryset_for

K = 11
FUNNEL = ("reported", "investigated", "prosecuted", "convicted")


def scope_for(viewer: Any) -> tuple[QuerySet[LegalCase], bool]:
    """(legal cases counted, whether small cells are suppressed); PermissionDenied otherwise."""
    if can(viewer, Perm.PROSECUTION_MANAGE):
        return legal_case_queryset_for(viewer), False
    if can(viewer, Perm.REPORTS_VIEW):
        return LegalCase.objects.all(), True
    raise PermissionDenied


@dataclass
class Report:
    suppressed: bool
    year_from: int
    year_to: int
    total: dict[str, Any] = field(default_factory=dict)
    by_year: list[dict[str, Any]] = field(default_factory=list)
    by_country: list[dict[str, Any]] = field(default_factory=list)
    median_days: list[dict[str, Any]] = field(default_factory=list)
    restitution: dict[str, Any] = field(default_factory=dict)


def _cell(count: int, suppressed: bool) -> int | str:
    return "<11" if suppressed and 0 < count < K else count


def _funnel(rows: list[dict[str, Any]], suppressed: bool) -> dict[str, Any]:
    counts = {
        "reported": len(rows),
        "investigated": sum(1 for r in rows if r["furthest"] >= stages.position("investigation")),
        "prosecuted": sum(1 for r in rows if r["furthest"] >= stages.position("prosecution")),
        "convicted": sum(1 for r in rows if r["verdict"] == Verdict.CONVICTED),
    }
    return {key: _cell(value, suppressed) for key, value in counts.items()}


def prosecution_report(*, viewer: Any, year_from: int, year_to: int) -> Report:
    """The funnel (reported → investigated → prosecuted → convicted) by year of the police
    report (the case's creation date when no report date is recorded) and by destination
    country of the linked victims, median days per stage, restitution awarded vs paid."""
    cases, suppressed = scope_for(viewer)
    report = Report(suppressed=suppressed, year_from=year_from, year_to=year_to)
    rows: list[dict[str, Any]] = []
    for case in cases.values(
        "pk", "police_report_date", "created_at", "verdict",
        "restitution_awarded_idr", "restitution_paid_idr",
    ):  # fmt: skip
        year = (case["police_report_date"] or case["created_at"]).year
        if year_from <= year <= year_to:
            rows.append({**case, "year": year})
    ids: list[int] = [row["pk"] for row in rows]
    changes: dict[int, list[StageChange]] = defaultdict(list)
    for change in StageChange.objects.filter(legal_case_id__in=ids):
        changes[change.legal_case_id].append(change)
    for row in rows:
        row["furthest"] = stages.position(stages.furthest_stage(changes[row["pk"]]))
    report.total = _funnel(rows, suppressed)
    for year in range(year_from, year_to + 1):
        in_year = [row for row in rows if row["year"] == year]
        report.by_year.append({"year": year, **_funnel(in_year, suppressed)})
    report.by_country = _by_country(rows, suppressed)
    report.median_days = _medians(changes, suppressed)
    report.restitution = _restitution(rows, suppressed)
    return report


def _by_country(rows: list[dict[str, Any]], suppressed: bool) -> list[dict[str, Any]]:
    through = LegalCase.victim_cases.through.objects.filter(
        legalcase_id__in=[row["pk"] for row in rows]
    )
    countries: dict[str, set[int]] = defaultdict(set)
    for legal_case_id, country in through.values_list("legalcase_id", "case__destination_country"):
        countries[country or ""].add(legal_case_id)
    result = []
    for country, case_ids in sorted(countries.items(), key=lambda item: -len(item[1])):
        in_country = [row for row in rows if row["pk"] in case_ids]
        name = case_reference.country_name(country) if country else "–"
        result.append({"country": country, "name": name, **_funnel(in_country, suppressed)})
    return result


def _medians(changes: dict[int, list[StageChange]], suppressed: bool) -> list[dict[str, Any]]:
    durations: dict[str, list[float]] = defaultdict(list)
    for case_changes in changes.values():
        for span in stages.spans(case_changes):
            if span.ended_at is not None:  # a stage still running has no duration yet
                durations[span.stage].append(span.days)
    result = []
    for stage in STAGE_ORDER:
        values = durations.get(stage, [])
        hidden = suppressed and len(values) < K
        median = None if hidden or not values else round(statistics.median(values), 1)
        result.append(
            {"stage": stage, "label": Stage(stage).label, "median": median,
             "n": _cell(len(values), suppressed)}
        )  # fmt: skip
    return result


def _restitution(rows: list[dict[str, Any]], suppressed: bool) -> dict[str, Any]:
    awarded = [row["restitution_awarded_idr"] for row in rows if row["restitution_awarded_idr"]]
    paid = [row["restitution_paid_idr"] for row in rows if row["restitution_paid_idr"]]
    return {
        "awarded_cases": _cell(len(awarded), suppressed),
        "awarded_idr": None if suppressed and len(awarded) < K else sum(awarded),
        "paid_cases": _cell(len(paid), suppressed),
        "paid_idr": None if suppressed and len(paid) < K else sum(paid),
    }
