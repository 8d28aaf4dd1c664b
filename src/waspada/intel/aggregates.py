"""Per-cluster aggregates kept on write, so reads never scan a cluster's sightings.

A cluster keeps one ``ClusterSource`` row per source its identifiers are seen in (the
timeline is paged from these by index), and on its own row the distinct sources per kind
(``source_counts``), per kind and owning organisation (``org_counts``) and the cases per
destination country (``country_counts``); each identifier keeps its ``sighting_count``.

``services`` calls these: ``source_added`` for a new source in one cluster (bumps, a few
indexed writes), ``sources_moved`` when clusters are joined, ``sources_derive`` when
identifiers moved between clusters in ways a bump cannot follow (a split, the rebuild), and
``recount``/``recount_all`` to recount the aggregates of clusters from those rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, QuerySet

from waspada.cases.models import Case
from waspada.intel.models import Cluster, ClusterSource, Entity, Sighting, SourceKind

_CHUNK = 500  # cluster ids one statement names


def org_key(kind: str, organisation_id: int | None) -> str:
    """The key of ``org_counts``: ``"case:3"``; ``"offer:"`` without an organisation."""
    return f"{kind}:{organisation_id or ''}"


def parse_org_key(key: str) -> tuple[str, int | None]:
    kind, _sep, org = key.partition(":")
    return kind, int(org) if org else None


def flags(by_kind: dict[str, int]) -> dict[str, bool]:
    return {
        "in_case": bool(by_kind.get(SourceKind.CASE) or by_kind.get(SourceKind.INTERVIEW)),
        "prosecuted": bool(by_kind.get(SourceKind.LEGAL_CASE)),
    }


def _bump(counts: dict[str, int], key: str, by: int = 1) -> None:
    n = counts.get(key, 0) + by
    if n > 0:
        counts[key] = n
    else:
        counts.pop(key, None)


def source_added(
    cluster: Cluster,
    *,
    kind: str,
    source_id: int,
    organisation_id: int | None,
    seen_on: date,
    entity_ids: Sequence[int],
    country: str,
) -> None:
    """A new source naming ``entity_ids``, all in ``cluster``: its row and every count grow by
    exactly this source. The caller saves the cluster row."""
    ClusterSource.objects.create(
        cluster=cluster,
        source_kind=kind,
        source_id=source_id,
        organisation_id=organisation_id,
        seen_on=seen_on,
        entity_id=min(entity_ids),
        country=country if kind == SourceKind.CASE else "",
    )
    Entity.objects.filter(pk__in=list(entity_ids)).update(sighting_count=F("sighting_count") + 1)
    source_counts, org_counts = dict(cluster.source_counts), dict(cluster.org_counts)
    _bump(source_counts, kind)
    _bump(org_counts, org_key(kind, organisation_id))
    cluster.source_counts, cluster.org_counts = source_counts, org_counts
    if kind == SourceKind.CASE and country:
        countries = dict(cluster.country_counts)
        _bump(countries, country)
        cluster.country_counts = countries
    cluster.sighting_count += len(entity_ids)
    for name, value in flags(source_counts).items():
        setattr(cluster, name, value)


def source_row_add(cluster_id: int, row: ClusterSource) -> None:
    """The row of a source joined to ``cluster_id`` on the slow path (recounted afterwards)."""
    row.cluster_id = cluster_id
    ClusterSource.objects.bulk_create([row], ignore_conflicts=True)


def sources_moved(target: int, others: Iterable[int]) -> None:
    """Clusters ``others`` were joined into ``target``: their rows follow (one at a time, a
    source already in the target keeps the target's row)."""
    for other in others:
        in_target = ClusterSource.objects.filter(
            cluster_id=target, source_kind=OuterRef("source_kind"), source_id=OuterRef("source_id")
        )
        ClusterSource.objects.filter(cluster_id=other).filter(Exists(in_target)).delete()
        ClusterSource.objects.filter(cluster_id=other).update(cluster_id=target)


_DERIVE = (
    "INSERT INTO intel_clustersource (cluster_id, source_kind, source_id, organisation_id,"
    " seen_on, entity_id, country)"
    " SELECT e.cluster_id, s.source_kind, s.source_id, MIN(s.organisation_id),"
    " MIN(s.seen_on), MIN(s.entity_id), COALESCE(MIN(c.{country}), '')"
    " FROM intel_sighting s JOIN intel_entity e ON e.id = s.entity_id"
    " LEFT JOIN {case_table} c ON s.source_kind = %s AND c.{case_pk} = s.source_id"
    " {where} GROUP BY e.cluster_id, s.source_kind, s.source_id"
)


def sources_derive(cluster_ids: Iterable[int] | None) -> None:
    """Write the rows of ``cluster_ids`` (None: of every cluster) again from the sightings:
    one row per (cluster, source), its earliest date, organisation and lowest identifier, and
    for a case its destination country. One grouped ``INSERT … SELECT`` in the database."""
    case = Case._meta
    # Table and column names come from the models' metadata; values are parameters.
    names = {"case_table": case.db_table, "case_pk": case.pk.column,
             "country": case.get_field("destination_country").column}  # fmt: skip
    sql = _DERIVE.format(**names, where="{where}")
    with connection.cursor() as cursor:
        if cluster_ids is None:
            ClusterSource.objects.all().delete()
            cursor.execute(sql.format(where=""), [SourceKind.CASE.value])
            return
        ids = sorted(set(cluster_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            ClusterSource.objects.filter(cluster_id__in=chunk).delete()
            marks = ", ".join(["%s"] * len(chunk))
            where = f"WHERE e.cluster_id IN ({marks})"
            cursor.execute(sql.format(where=where), [SourceKind.CASE.value, *chunk])


def _tallies(rows: QuerySet[ClusterSource]) -> dict[int, dict[str, dict[str, int]]]:
    """Per cluster: ``source_counts``, ``org_counts``, ``country_counts`` from its rows."""
    out: dict[int, dict[str, dict[str, int]]] = {}
    grouped = (
        rows.values_list("cluster_id", "source_kind", "organisation_id", "country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for cluster_id, kind, org, country, n in grouped:
        tally = out.setdefault(cluster_id, {"source": {}, "org": {}, "country": {}})
        _bump(tally["source"], kind, n)
        _bump(tally["org"], org_key(kind, org), n)
        if kind == SourceKind.CASE and country:
            _bump(tally["country"], country, n)
    return out


def _apply(cluster: Cluster, tally: dict[str, dict[str, int]] | None, sightings: int) -> None:
    tally = tally or {"source": {}, "org": {}, "country": {}}
    cluster.source_counts = tally["source"]
    cluster.org_counts = tally["org"]
    cluster.country_counts = tally["country"]
    cluster.sighting_count = sightings
    for name, value in flags(tally["source"]).items():
        setattr(cluster, name, value)


FIELDS = ["entity_count", "sighting_count", "source_counts", "org_counts", "country_counts",
          "in_case", "prosecuted"]  # fmt: skip


def recount(cluster_ids: Iterable[int]) -> list[Cluster]:
    """Recount the clusters' aggregates (and their identifiers' sighting counts) from their
    rows: a few grouped queries per cluster, in the database. Returns the clusters, unsaved."""
    clusters = list(Cluster.objects.filter(pk__in=set(cluster_ids), merged_into=None))
    for cluster in clusters:
        per_entity = dict(
            Sighting.objects.filter(entity__cluster_id=cluster.pk)
            .values_list("entity_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        entities = list(Entity.objects.filter(cluster_id=cluster.pk).only("pk", "sighting_count"))
        changed = [e for e in entities if e.sighting_count != per_entity.get(e.pk, 0)]
        for entity in changed:
            entity.sighting_count = per_entity.get(entity.pk, 0)
        Entity.objects.bulk_update(changed, ["sighting_count"], batch_size=1000)
        tally = _tallies(ClusterSource.objects.filter(cluster_id=cluster.pk)).get(cluster.pk)
        cluster.entity_count = len(entities)
        _apply(cluster, tally, sum(per_entity.values()))
    return clusters


def recount_all() -> None:
    """Every live cluster's aggregates and every identifier's sighting count, with grouped
    queries over all rows (for the rebuild)."""
    per_entity = dict(Sighting.objects.values_list("entity_id").annotate(n=Count("pk")).order_by())
    entities = list(Entity.objects.only("pk", "cluster_id", "sighting_count"))
    changed = [e for e in entities if e.sighting_count != per_entity.get(e.pk, 0)]
    for entity in changed:
        entity.sighting_count = per_entity.get(entity.pk, 0)
    Entity.objects.bulk_update(changed, ["sighting_count"], batch_size=2000)
    members: dict[int, int] = {}
    sightings: dict[int, int] = {}
    for entity in entities:
        members[entity.cluster_id] = members.get(entity.cluster_id, 0) + 1
        sightings[entity.cluster_id] = sightings.get(entity.cluster_id, 0) + per_entity.get(
            entity.pk, 0
        )
    tallies = _tallies(ClusterSource.objects.all())
    clusters = list(Cluster.objects.filter(merged_into=None).only("pk"))
    for cluster in clusters:
        cluster.entity_count = members.get(cluster.pk, 0)
        _apply(cluster, tallies.get(cluster.pk), sightings.get(cluster.pk, 0))
    Cluster.objects.bulk_update(clusters, FIELDS, batch_size=2000)


def source_country_set(*, kind: str, source_id: int, country: str) -> None:
    """A case's destination country changed without its contacts being indexed again: its
    rows and the countries of their clusters follow."""
    rows = ClusterSource.objects.filter(source_kind=kind, source_id=source_id).exclude(
        country=country
    )
    for row in rows:
        cluster = Cluster.objects.select_for_update().get(pk=row.cluster_id)
        countries = dict(cluster.country_counts)
        if row.country:
            _bump(countries, row.country, -1)
        if country:
            _bump(countries, country)
        cluster.country_counts = countries
        cluster.save(update_fields=["country_counts"])
        row.country = country
        row.save(update_fields=["country"])


def source_seen_on_set(*, kind: str, source_id: int, seen_on: date) -> None:
    """A source's date changed without its identifiers being indexed again (a case's
    recruitment date): its sightings and rows follow, so the timeline keeps its order."""
    for model in (Sighting, ClusterSource):
        model.objects.filter(source_kind=kind, source_id=source_id).exclude(seen_on=seen_on).update(
            seen_on=seen_on
        )
