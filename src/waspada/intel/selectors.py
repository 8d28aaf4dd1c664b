"""Reads of recruitment intelligence, each sighting only as far as the viewer may see its source.

A viewer sees a sighting in full (its case code, report or legal case) when the scoped
selector of that source's own domain would show them the source; otherwise only a summary
("1 kasus di Yayasan X"). Every lookup and cluster view is audited (without the value).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Min, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse

from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases.selectors import case_queryset_for
from waspada.identification.selectors import interview_queryset_for
from waspada.intel.aggregates import parse_org_key
from waspada.intel.models import Alert, Cluster, ClusterSource, Entity, Link, Sighting, SourceKind
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
    SourceKind.INTERVIEW: "interviews",
    SourceKind.MANUAL: "manual",
}
PER_PAGE = 50
LOOKUP_PER_PAGE = 20  # the lookup shows the newest; the cluster page has them all, paged


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
    # The timeline is paged over all ``sources_total`` sources of the cluster, newest first:
    # ``visible`` are the sources of page ``page`` (of ``pages``) the viewer may open,
    # ``hidden`` the others of that page summed per kind and organisation. ``by_organisation``
    # are the cluster's sources per kind and organisation, visible or not (kept on write).
    page: int = 1
    pages: int = 1
    sources_total: int = 0
    by_organisation: list[Hidden] = field(default_factory=list)

    def link_rows(self) -> list[dict[str, Any]]:
        """The links with the values of both ends, for the split form."""
        value = {i["id"]: f"{i['kind']} {i['value']}" for i in self.identifiers}
        return [{"a": a, "b": b, "a_label": value.get(a, a), "b_label": value.get(b, b)}
                for a, b in self.links]  # fmt: skip

    @property
    def previous_page(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


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


def _scoped(viewer: User, kind: str) -> QuerySet[Any] | None:
    """The sources of one kind the viewer may open, as a query (None: all of that kind)."""
    if kind == SourceKind.CASE:
        return case_queryset_for(viewer)
    if kind == SourceKind.LEGAL_CASE:
        return legal_case_queryset_for(viewer)
    if kind == SourceKind.REPORT:
        return report_queryset_for(viewer)
    if kind == SourceKind.INTERVIEW:
        return interview_queryset_for(viewer)
    allowed = (kind == SourceKind.OFFER and can(viewer, Perm.SCREENING_REVIEW)) or (
        kind == SourceKind.MANUAL and can(viewer, Perm.INTEL_VIEW)
    )
    return None if allowed else Sighting.objects.none()


_CHUNK = 5000  # ids a query names at once (SQLite limits the parameters of one statement)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _openable(viewer: User, kind: str, ids: list[int]) -> set[int]:
    """Which of these source ids of one kind the viewer may open: the kind's own scoped
    selector, narrowed to the ids by primary key (so the database probes the ids named,
    never every source the viewer's organisation holds)."""
    scoped = _scoped(viewer, kind)
    if scoped is None:
        return set(ids)
    if scoped.query.is_empty():
        return set()
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(scoped.filter(pk__in=chunk).values_list("pk", flat=True).order_by())
    return found


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
    if kind == SourceKind.INTERVIEW:
        talks = interview_queryset_for(viewer).filter(pk__in=ids).values_list("pk", "case__code")
        return {pk: (f"{code} · #{pk}", reverse("identification:detail", args=[code, pk]))
                for pk, code in talks}  # fmt: skip
    if kind == SourceKind.OFFER and can(viewer, Perm.SCREENING_REVIEW):
        return {pk: (f"#{pk}", reverse("prevention:review")) for pk in ids}
    if kind == SourceKind.MANUAL and can(viewer, Perm.INTEL_VIEW):
        return {pk: (f"#{pk}", "") for pk in ids}
    return {}


def sightings_all(
    viewer: User, ids: list[int], *, page: int = 1, per_page: int | None = None
) -> tuple[list[SightingRow], list[Hidden], int, int]:
    """Every source of the cluster read and probed at once (for the dossier, which must hold
    all the viewer may open, and the tests' oracle of the paged timeline; its cost grows with
    the cluster): the sources the viewer may open (newest first, one row per source, a page
    of them if ``per_page``), the others summed per kind and organisation, how many may be
    opened in all, and the page (kept within range). ``ids`` are the cluster's identifiers:
    filtering on them (not through a join) lets the database walk the sightings' entity
    index. Visibility is asked of each kind's scoped selector for the cluster's source ids
    by primary key (as a subquery PostgreSQL scanned every case of the viewer's
    organisation)."""
    sightings = Sighting.objects.filter(entity_id__in=ids)
    # One row per source of the cluster (grouped in the database, read through the
    # sightings' entity index), then each kind's visibility asked once for its ids.
    sources: list[dict[str, Any]] = [
        dict(row)
        for row in sightings.values("source_kind", "source_id")
        .annotate(seen=Min("seen_on"), org=Min("organisation_id"), entity=Min("entity_id"))
        .order_by()
    ]
    by_kind_all: dict[str, list[int]] = {}
    for row in sources:
        by_kind_all.setdefault(row["source_kind"], []).append(row["source_id"])
    openable = {kind: _openable(viewer, kind, pks) for kind, pks in by_kind_all.items()}
    shown: list[dict[str, Any]] = []
    hidden_n: dict[tuple[str, int | None], int] = {}
    for row in sources:
        if row["source_id"] in openable[row["source_kind"]]:
            shown.append(row)
        else:
            group = (row["source_kind"], row["org"])
            hidden_n[group] = hidden_n.get(group, 0) + 1
    total = len(shown)
    shown.sort(key=lambda r: r["source_kind"])
    shown.sort(key=lambda r: (r["seen"], r["source_id"]), reverse=True)
    page = max(1, page)
    rows = shown
    if per_page is not None:
        page = min(page, max(1, -(-total // per_page)))
        start = (page - 1) * per_page
        rows = shown[start : start + per_page]
    names = _org_names({r["org"] for r in rows} | {org for _kind, org in hidden_n})
    labels = dict(SourceKind.choices)
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row["source_kind"], []).append(row["source_id"])
    refs = {kind: _visible_ids(viewer, kind, pks) for kind, pks in by_kind.items()}
    visible: list[SightingRow] = []
    for row in rows:
        kind, pk = row["source_kind"], row["source_id"]
        seen = refs[kind].get(pk)
        if seen is None:  # changed since the page was counted: left out, never shown
            continue
        visible.append(SightingRow(kind, str(labels[kind]), row["seen"],
                                   names.get(row["org"], "—"), seen[0], seen[1],
                                   row["entity"]))  # fmt: skip
    hidden = sorted(
        (Hidden(kind, str(labels[kind]), names.get(org, "—"), n)
         for (kind, org), n in hidden_n.items()),
        key=lambda h: (h.kind, h.organisation),
    )  # fmt: skip
    return visible, hidden, total, page


def _timeline_page(
    viewer: User, cluster: Cluster, *, page: int, per_page: int
) -> tuple[list[SightingRow], list[Hidden], int, int]:
    """One page of the cluster's sources (newest first, from the rows kept per source), the
    ones the viewer may open in full and the others of the page summed per kind and
    organisation; with the number of sources in all and the page (kept within range).
    Visibility is asked of each kind's scoped selector for the page's source ids only, so the
    cost is the page's, whatever the cluster's size."""
    total = sum(int(n) for n in (cluster.source_counts or {}).values())
    page = min(max(1, page), max(1, -(-total // per_page)))
    start = (page - 1) * per_page
    rows = list(
        ClusterSource.objects.filter(cluster=cluster)
        .order_by("-seen_on", "-source_id", "source_kind")
        .values_list("source_kind", "source_id", "organisation_id", "seen_on", "entity_id")[
            start : start + per_page
        ]
    )
    by_kind: dict[str, list[int]] = {}
    for kind, pk, _org, _seen, _entity in rows:
        by_kind.setdefault(kind, []).append(pk)
    refs = {kind: _visible_ids(viewer, kind, pks) for kind, pks in by_kind.items()}
    names = _org_names({org for _kind, _pk, org, _seen, _entity in rows})
    labels = dict(SourceKind.choices)
    visible: list[SightingRow] = []
    hidden_n: dict[tuple[str, int | None], int] = {}
    for kind, pk, org, seen_on, entity in rows:
        seen = refs[kind].get(pk)
        if seen is None:
            hidden_n[(kind, org)] = hidden_n.get((kind, org), 0) + 1
            continue
        visible.append(SightingRow(kind, str(labels[kind]), seen_on, names.get(org, "—"),
                                   seen[0], seen[1], entity))  # fmt: skip
    hidden = sorted(
        (Hidden(kind, str(labels[kind]), names.get(org, "—"), n)
         for (kind, org), n in hidden_n.items()),
        key=lambda h: (h.kind, h.organisation),
    )  # fmt: skip
    return visible, hidden, total, page


def _by_organisation(cluster: Cluster) -> list[Hidden]:
    """The cluster's sources per kind and owning organisation, from its row."""
    counts = [(*parse_org_key(key), int(n)) for key, n in (cluster.org_counts or {}).items()]
    names = _org_names({org for _kind, org, _n in counts})
    labels = dict(SourceKind.choices)
    return sorted(
        (Hidden(kind, str(labels.get(kind, kind)), names.get(org, "—"), n)
         for kind, org, n in counts if n > 0),
        key=lambda h: (h.kind, -h.count, h.organisation),
    )  # fmt: skip


_PAIRS_AT_MOST = 60  # identifiers up to which links are probed pair by pair


def _links(ids: list[int]) -> list[tuple[int, int]]:
    """The distinct live links between the cluster's identifiers. A big cluster has a link
    row per source; for a cluster of few identifiers each possible pair is probed through the
    links' unique index instead of reading them all."""
    if len(ids) > _PAIRS_AT_MOST or len(ids) < 2:
        return list(
            Link.objects.filter(a_id__in=ids, severed_at__isnull=True)
            .values_list("a_id", "b_id")
            .distinct()
            .order_by("a_id", "b_id")
        )
    ordered = sorted(ids)
    pairs = [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    values = ", ".join(["(%s, %s)"] * len(pairs))
    sql = (
        f"SELECT p.column1, p.column2 FROM (VALUES {values}) AS p WHERE EXISTS ("  # noqa: S608
        "SELECT 1 FROM intel_link l WHERE l.a_id = p.column1 AND l.b_id = p.column2"
        " AND l.severed_at IS NULL) ORDER BY 1, 2"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [n for pair in pairs for n in pair])
        return [(int(a), int(b)) for a, b in cursor.fetchall()]


def _counts(cluster: Cluster) -> dict[str, int]:
    counts = {key: 0 for key in COUNT_KEYS.values()}
    for kind, n in (cluster.source_counts or {}).items():
        if kind in COUNT_KEYS:
            counts[COUNT_KEYS[SourceKind(kind)]] = int(n)
    return counts


def _require(viewer: User) -> None:
    if not can(viewer, Perm.INTEL_VIEW):
        raise PermissionDenied


def cluster_view(
    *,
    viewer: User,
    cluster: Cluster,
    request: HttpRequest | None = None,
    audit_read: bool = True,
    page: int = 1,
    per_page: int | None = PER_PAGE,
) -> ClusterView:
    """Everything of a cluster the viewer may see, the timeline paged (``per_page`` None: all
    of it, for the dossier); the read is audited. Counts, countries and sources per
    organisation come from the cluster row, the page of the timeline from the rows kept per
    source, so the cost does not grow with the cluster's sightings (but for the dossier)."""
    _require(viewer)
    entities = list(Entity.objects.filter(cluster=cluster).order_by("pk"))
    ids = [e.pk for e in entities]
    key = _raw_key() if entities else None
    identifiers = [
        {"id": e.pk, "kind": e.kind, **entity_value(e, key), "sightings": e.sighting_count}
        for e in entities
    ]
    if per_page is None:
        visible, hidden, _visible_total, page = sightings_all(viewer, ids)
        total, pages = sum(int(n) for n in (cluster.source_counts or {}).values()), 1
    else:
        visible, hidden, total, page = _timeline_page(viewer, cluster, page=page, per_page=per_page)
        pages = max(1, -(-total // per_page))
    countries = sorted(c for c, n in (cluster.country_counts or {}).items() if n)
    if audit_read:
        audit.record("intel.cluster.viewed", actor=viewer, obj=cluster, request=request,
                     details={"visible": len(visible), "page": page})  # fmt: skip
    return ClusterView(
        cluster=cluster,
        identifiers=identifiers,
        visible=visible,
        hidden=hidden,
        counts=_counts(cluster),
        links=_links(ids),
        watched=cluster.watches.filter(user=viewer).exists(),
        countries=countries,
        page=page,
        pages=pages,
        sources_total=total,
        by_organisation=_by_organisation(cluster),
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
    view = cluster_view(viewer=viewer, cluster=entity.cluster, request=request, audit_read=False,
                        per_page=LOOKUP_PER_PAGE)  # fmt: skip
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
    return cluster_view(viewer=viewer, cluster=cluster, audit_read=False, per_page=None)
