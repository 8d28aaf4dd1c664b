"""Reads of repatriation data. Cases always come from ``waspada.cases.selectors``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from waspada.accounts.models import Organisation
from waspada.accounts.permissions import Perm, can
from waspada.cases import reference as case_reference
from waspada.cases.models import Case, CaseStatus
from waspada.cases.selectors import case_queryset_for, is_owner_side
from waspada.repatriation import reference
from waspada.repatriation.models import Repatriation, StageEntry


@dataclass(frozen=True)
class Summary:
    """What the case tab and the API show about one case's repatriation."""

    entries: list[StageEntry]
    current: reference.Stage | None
    started_on: date | None
    total_cost_idr: int
    next_stages: list[reference.Stage]
    skipped: list[reference.Stage]  # stages passed over without an entry

    @property
    def latest(self) -> StageEntry | None:
        return self.entries[-1] if self.entries else None

    @property
    def departed(self) -> bool:
        departure = reference.marked("departure")
        return self.current is not None and self.current.order >= departure.order


def stage_entries(case: Case) -> list[StageEntry]:
    return list(StageEntry.objects.filter(repatriation__case=case).select_related("organisation"))


def voided_entries(case: Case) -> list[StageEntry]:
    """Stages voided as entered by mistake: the history the tab shows, counted nowhere."""
    return list(
        StageEntry.all_objects.filter(repatriation__case=case, voided_at__isnull=False)
        .select_related("voided_by", "repatriation__case__person__data_key")
        .order_by("voided_at")
    )


def summary(case: Case) -> Summary:
    entries = stage_entries(case)
    latest = entries[-1] if entries else None
    current = reference.stage(latest.stage) if latest else None
    recorded = {entry.stage for entry in entries}
    last_order = latest.order if latest else 0
    return Summary(
        entries=entries,
        current=current,
        started_on=entries[0].reached_on if entries else None,
        total_cost_idr=sum(entry.cost_idr or 0 for entry in entries),
        next_stages=reference.stages_after(last_order),
        skipped=[s for s in reference.stages() if s.order < last_order and s.code not in recorded],
    )


def latest_entry(case: Case) -> StageEntry | None:
    return StageEntry.objects.filter(repatriation__case=case).order_by("-order", "-pk").first()


def may_record(user: Any, case: Case) -> bool:
    """Owner side with PROTECTION_MANAGE, or a referral recipient with that permission (who
    may then record only stages their own organisation is responsible for)."""
    if not can(user, Perm.PROTECTION_MANAGE):
        return False
    return case_queryset_for(user, writing=True).filter(pk=case.pk).exists()


def responsible_organisations(user: Any, case: Case) -> QuerySet[Organisation]:
    """Organisations the user may name as responsible for a stage of this case."""
    active = Organisation.objects.filter(is_active=True)
    if is_owner_side(user, case):
        return active
    return active.filter(pk=user.organisation_id)


@dataclass(frozen=True)
class Waiting:
    code: str
    stage: reference.Stage | None
    started_on: date | None
    days_waiting: int | None


@dataclass
class CountryGroup:
    country: str  # ISO 3166-1 alpha-2, or "" when unknown
    name: str
    cases: list[Waiting] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.cases)


def awaiting_return(*, viewer: Any, today: date | None = None) -> list[CountryGroup]:
    """Visible, open cases whose repatriation started but has not reached departure, grouped
    by destination country (most cases first). Holds case codes only, no personal data."""
    today = today or timezone.localdate()
    departure = reference.marked("departure")
    rows = (
        Repatriation.objects.filter(
            case__in=case_queryset_for(viewer).values("pk"), current_order__lt=departure.order
        )
        .exclude(case__status=CaseStatus.CLOSED)
        .values_list("case__code", "case__destination_country", "current_stage", "started_on")
    )
    groups: dict[str, CountryGroup] = {}
    for code, country, stage, started_on in rows:
        group = groups.get(country)
        if group is None:
            name = case_reference.country_name(country) if country else ""
            group = groups[country] = CountryGroup(country=country, name=name)
        days = (today - started_on).days if started_on else None
        group.cases.append(Waiting(code, reference.stage(stage), started_on, days))
    for group in groups.values():
        group.cases.sort(key=lambda item: (-(item.days_waiting or 0), item.code))
    return sorted(groups.values(), key=lambda g: (-g.count, g.country == "", g.name))
