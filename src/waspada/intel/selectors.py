"""Reads of recruitment intelligence, each sighting only as far as the viewer may see its source.

A viewer sees a sighting in full (its case code, report or legal case) when the scoped
selector of that source's own domain would show them the source; otherwise only a summary
("1 kasus di Yayasan X"). Every lookup and cluster view is audited (without the value).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse

from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases.models import Case
from waspada.cases.selectors import case_queryset_for
from waspada.intel.models import Alert, Cluster, Entity, Link, Sighting, SourceKind
from waspada.intel.normalise import Identifier, from_entities, identify
from waspada.intel.services import _raw_key, cluster_current, entity_value, value_index
from waspada.lapor.selectors import report_queryset_for
from waspada.legal.selectors import legal_case_queryset_for

PUBLIC_MIN_SOURCES = 3
COUNT_KEYS = {
    SourceKind.OFFER: "offers",
    SourceKind.REPORT: "reports",
    SourceKind.CASE: "cases",
    SourceKind.LEGAL_CASE: "legal_cases",
    SourceKind.MANUAL: "manual",
}


class NotAnIdentifier(ValueError):
    """The text is not a phone, handle, link, e-mail, account or company name."""


@dataclass
class SightingRow:
    kind: str
    kind_label: str
    seen_on: date
    organisation: str
    ref: str = ""
    url: str = ""
    entity_id: int = 0


@dataclass
class Hidden:
    kind: str
    kind_label: str
    organisation: str
    count: int


@dataclass
class ClusterView:
    cluster: Cluster
    identifiers: list[dict[str, Any]]
    visible: list[SightingRow]
    hidden: list[Hidden]
    counts: dict[str, int]
    links: list[tuple[int, int]]
    watched: bool = False
    countries: list[str] = field(default_factory=list)

    def link_rows(self) -> list[dict[str, Any]]:
        """The links with the values of both ends, for the split form."""
        value = {i["id"]: f"{i['kind']} {i['value']}" for i in self.identifiers}
        return [{"a": a, "b": b, "a_label": value.get(a, a), "b_label": value.get(b, b)}
                for a, b in self.links]  # fmt: skip


@dataclass
class LookupResult:
    identifier: Identifier
    entity: Entity | None
    view: ClusterView | None


def _org_names(ids: set[int | None]) -> dict[int | None, str]:
    names: dict[int | None, str] = {None: "—"}
    names.update(
        Organisation.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name")
    )
    return names


def _visible_ids(viewer: User, kind: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Source ids of one kind the viewer may open, with their reference and URL."""
    if kind == SourceKind.CASE:
        rows = case_queryset_for(viewer).filter(pk__in=ids).values_list("pk", "code")
        return {pk: (code, reverse("cases:detail", args=[code])) for pk, code in rows}
    if kind == SourceKind.LEGAL_CASE:
        legal = legal_case_queryset_for(viewer).filter(pk__in=ids).values_list("pk", "code")
        return {pk: (code, reverse("legal:detail", args=[code])) for pk, code in legal}
    if kind == SourceKind.REPORT:
        reports = report_queryset_for(viewer).filter(pk__in=ids).values_list("pk", "tracking_code")
        return {pk: (code, reverse("lapor:detail", args=[code])) for pk, code in reports}
    if kind == SourceKind.OFFER and can(viewer, Perm.SCREENING_REVIEW):
        return {pk: (f"#{pk}", reverse("prevention:review")) for pk in ids}
    if kind == SourceKind.MANUAL and can(viewer, Perm.INTEL_VIEW):
        return {pk: (f"#{pk}", "") for pk in ids}
    return {}


def _sightings(
    viewer: User, sightings: QuerySet[Sighting]
) -> tuple[list[SightingRow], list[Hidden]]:
    rows = list(
        sightings.values("entity_id", "source_kind", "source_id", "organisation_id", "seen_on")
    )
    names = _org_names({r["organisation_id"] for r in rows})
    labels = dict(SourceKind.choices)
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row["source_kind"], []).append(row["source_id"])
    visible_ids = {kind: _visible_ids(viewer, kind, ids) for kind, ids in by_kind.items()}
    visible: list[SightingRow] = []
    hidden: Counter[tuple[str, str]] = Counter()
    hidden_sources: set[tuple[str, int]] = set()
    shown: set[tuple[str, int]] = set()
    for row in rows:
        kind, pk = row["source_kind"], row["source_id"]
        seen = visible_ids[kind].get(pk)
        org = names.get(row["organisation_id"], "—")
        if seen and (kind, pk) not in shown:  # one row per source, not per identifier
            shown.add((kind, pk))
            ref, url = seen
            visible.append(SightingRow(kind, str(labels[kind]), row["seen_on"], org, ref, url,
                                       row["entity_id"]))  # fmt: skip
        elif not seen and (kind, pk) not in hidden_sources:  # one source naming 3 numbers is 1 case
            hidden_sources.add((kind, pk))
            hidden[(kind, org)] += 1
    hidden_rows = [Hidden(k, str(labels[k]), org, n) for (k, org), n in sorted(hidden.items())]
    visible.sort(key=lambda r: (r.seen_on, r.kind))
    return visible, hidden_rows


def _counts(sightings: QuerySet[Sighting]) -> dict[str, int]:
    counts = {key: 0 for key in COUNT_KEYS.values()}
    pairs = sightings.values("source_kind").annotate(n=Count("source_id", distinct=True))
    for row in pairs:
        counts[COUNT_KEYS[SourceKind(row["source_kind"])]] = row["n"]
    return counts


def _require(viewer: User) -> None:
    if not can(viewer, Perm.INTEL_VIEW):
        raise PermissionDenied


def cluster_view(
    *, viewer: User, cluster: Cluster, request: HttpRequest | None = None, audit_read: bool = True
) -> ClusterView:
    """Everything of a cluster the viewer may see; the read is audited."""
    _require(viewer)
    entities = list(Entity.objects.filter(cluster=cluster).order_by("pk"))
    seen = dict(
        Sighting.objects.filter(entity__cluster=cluster)
        .values_list("entity_id")
        .annotate(n=Count("pk"))
    )
    key = _raw_key() if entities else None
    identifiers = [
        {"id": e.pk, "kind": e.kind, **entity_value(e, key), "sightings": seen.get(e.pk, 0)}
        for e in entities
    ]
    sightings = Sighting.objects.filter(entity__cluster=cluster)
    visible, hidden = _sightings(viewer, sightings)
    ids = [e.pk for e in entities]
    links = sorted(
        set(Link.objects.filter(a_id__in=ids, severed_at__isnull=True).values_list("a_id", "b_id"))
    )
    case_ids = sightings.filter(source_kind=SourceKind.CASE).values("source_id")
    countries = sorted(
        set(
            Case.objects.filter(pk__in=case_ids)
            .exclude(destination_country="")
            .values_list("destination_country", flat=True)
        )  # fmt: skip
    )
    if audit_read:
        audit.record("intel.cluster.viewed", actor=viewer, obj=cluster, request=request,
                     details={"visible": len(visible)})  # fmt: skip
    return ClusterView(
        cluster=cluster,
        identifiers=identifiers,
        visible=visible,
        hidden=hidden,
        counts=_counts(sightings),
        links=links,
        watched=cluster.watches.filter(user=viewer).exists(),
        countries=countries,
    )


def get_cluster_for(viewer: User, pk: int) -> Cluster:
    """The cluster (followed through merges) for a viewer with ``intel.view``; 404 if none."""
    _require(viewer)
    cluster = Cluster.objects.filter(pk=pk).first()
    if cluster is None:
        raise Http404
    return cluster_current(cluster)


def _entity(ident: Identifier) -> Entity | None:
    return (
        Entity.objects.filter(kind=ident.kind, value_index=value_index(ident.kind, ident.value))
        .select_related("cluster")
        .first()
    )


def lookup(*, viewer: User, text: str, request: HttpRequest | None = None) -> LookupResult:
    """The identifier ``text`` names and its cluster as the viewer may see it (audited).

    Raises NotAnIdentifier for text that names no identifier.
    """
    _require(viewer)
    ident = identify(text)
    if ident is None:
        raise NotAnIdentifier(text)
    entity = _entity(ident)
    audit.record("intel.lookup", actor=viewer, request=request,
                 details={"kind": ident.kind.value, "found": entity is not None,
                          "cluster": entity.cluster_id if entity else None})  # fmt: skip
    if entity is None:
        return LookupResult(ident, None, None)
    view = cluster_view(viewer=viewer, cluster=entity.cluster, request=request, audit_read=False)
    return LookupResult(ident, entity, view)


def independent_sources(entity: Entity) -> int:
    """How many independent sources name ``entity``: distinct client addresses for public
    submissions (one for all of unknown address), each staff-entered source on its own."""
    return Sighting.objects.filter(entity=entity).values("source_key").distinct().count()


def public_check(text: str) -> tuple[bool, int | None]:
    """``(reported, sources)`` for the public: reported only with at least three independent
    sources, and then their number; never anything else (not even that fewer exist)."""
    ident = identify(text)
    if ident is None:
        raise NotAnIdentifier(text)
    entity = _entity(ident)
    n = independent_sources(entity) if entity else 0
    return (True, n) if n >= PUBLIC_MIN_SOURCES else (False, None)


def reported_spans(entities: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The contact check prevention calls on every screening: spans of identifiers whose
    cluster appears in a case or a legal case, or that three independent sources name."""
    spans: list[tuple[int, int]] = []
    for ident, start, end in from_entities(dict(entities)):
        entity = _entity(ident)
        if entity is None:
            continue
        cluster = cluster_current(entity.cluster)
        if (
            cluster.in_case
            or cluster.prosecuted
            or independent_sources(entity) >= PUBLIC_MIN_SOURCES
        ):
            spans.append((start, end))
    return spans


def alerts_queryset(user: User, *, unread_only: bool = True) -> QuerySet[Alert]:
    """The user's alerts, newest first: the one source of the alerts page and the workbench."""
    if not can(user, Perm.INTEL_VIEW):
        return Alert.objects.none()
    rows = Alert.objects.filter(user=user).select_related("cluster")
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows


def alerts_for(user: User, *, unread_only: bool = True, limit: int = 20) -> list[Alert]:
    """The user's newest alerts (for the alerts page)."""
    return list(alerts_queryset(user, unread_only=unread_only)[:limit])


def clusters_for_dossier(viewer: User, cluster: Cluster) -> ClusterView:
    if not can(viewer, Perm.INTEL_MANAGE):
        raise PermissionDenied
    return cluster_view(viewer=viewer, cluster=cluster, audit_read=False)
