"""Writes of recruitment intelligence: sightings of one source, clusters, analysts' decisions.

``source_index`` is the one way sightings are written: it replaces what one source (an offer,
a report, a case, a legal case, an analyst's entry) says, links the identifiers it names to
each other, and joins their clusters (union of connected components, incremental). Removing
links (a source deleted, an analyst's split) recomputes the affected clusters only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.accounts.roles import Role
from waspada.audit import services as audit
from waspada.intel import aggregates
from waspada.intel.models import (
    Alert,
    Cluster,
    ClusterSource,
    Decision,
    Entity,
    IntelKey,
    Link,
    Sighting,
    SourceKind,
    Watch,
)
from waspada.intel.normalise import Identifier, Kind, identify_many
from waspada.intel.signals import alert_raised
from waspada.privacy import crypto
from waspada.privacy import services as privacy

ENTITY_CONTEXT = "intel.entity"
DECISION_SOURCE = "decision"


def value_index(kind: str, value: str) -> str:
    """The keyed blind index an identifier is matched by (its value is never stored in clear)."""
    return privacy.index("intel", value, extra=str(kind))


_unwrapped: dict[tuple[int, str], bytes] = {}


def _raw_key() -> bytes:
    """The intel data key, unwrapped once per process (unwrapping costs tens of ms); keyed by
    the wrapped value, so a rotated or new key is unwrapped again."""
    holder = IntelKey.objects.select_related("data_key").first()
    if holder is None:
        holder = IntelKey.objects.create(data_key=privacy.data_key_create())
    cache_key = (holder.data_key.pk, holder.data_key.wrapped)
    if cache_key not in _unwrapped:
        _unwrapped.clear()
        _unwrapped[cache_key] = privacy.unwrap(holder.data_key)
    return _unwrapped[cache_key]


def entity_value(entity: Entity, key: bytes | None = None) -> dict[str, str]:
    """``{"value": normal form, "display": as first typed}`` of an entity (a system read: the
    selectors audit who is shown it)."""
    raw = crypto.decrypt(key or _raw_key(), entity.sealed, context=ENTITY_CONTEXT)
    data: dict[str, str] = json.loads(raw)
    return data


def _seal(key: bytes, ident: Identifier) -> str:
    payload = json.dumps({"value": ident.value, "display": ident.display[:300]}).encode()
    return crypto.encrypt(key, payload, context=ENTITY_CONTEXT)


def _entities_for(identifiers: Sequence[Identifier]) -> tuple[list[Entity], Cluster, set[int], int]:
    """The entities of ``identifiers`` and the cluster they all go to: the biggest cluster
    among the known ones (locked), or a new one. New identifiers are created straight in it.
    Returns ``(entities, target, other clusters to join into target, how many are new)``."""
    wanted = {(i.kind.value, value_index(i.kind, i.value)): i for i in identifiers}
    found = {
        (e.kind, e.value_index): e
        for e in Entity.objects.filter(
            value_index__in=[index for _kind, index in wanted]
        ).select_for_update()
        if (e.kind, e.value_index) in wanted
    }
    known = {e.cluster_id for e in found.values()}
    clusters = list(Cluster.objects.filter(pk__in=known).select_for_update().order_by("pk"))
    if clusters:
        target = max(clusters, key=lambda c: (c.entity_count, -c.pk))
    else:
        target = Cluster.objects.create()
    missing = [pair for pair in wanted if pair not in found]
    if missing:
        key = _raw_key()
        for pair in missing:
            found[pair] = Entity.objects.create(
                kind=pair[0], value_index=pair[1], sealed=_seal(key, wanted[pair]), cluster=target
            )
    return [found[pair] for pair in wanted], target, known - {target.pk}, len(missing)


def _union(target: Cluster, others: set[int]) -> None:
    """Join clusters into ``target``; the others point to it (``merged_into``)."""
    if not others:
        return
    Entity.objects.filter(cluster_id__in=others).update(cluster=target)
    aggregates.sources_moved(target.pk, sorted(others))
    Cluster.objects.filter(pk__in=others).update(
        merged_into=target, entity_count=0, sighting_count=0, source_counts={}, org_counts={},
        country_counts={},
    )  # fmt: skip
    Cluster.objects.filter(merged_into_id__in=others).update(merged_into=target)
    for watch in Watch.objects.filter(cluster_id__in=others):
        Watch.objects.get_or_create(user_id=watch.user_id, cluster=target)
        watch.delete()
    Alert.objects.filter(cluster_id__in=others).update(cluster=target)


def _refresh(cluster_ids: Iterable[int]) -> None:
    """Recount the clusters' identifiers, sightings and sources (skipping clusters merged
    away) from their sightings and source rows: a few aggregate queries each, in the
    database."""
    clusters = aggregates.recount(cluster_ids)
    for cluster in clusters:
        cluster.updated_at = timezone.now()
    Cluster.objects.bulk_update(clusters, [*aggregates.FIELDS, "updated_at"])


def _finder(parent: dict[int, int]) -> Callable[[int], int]:
    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    return find


def _recompute(cluster_ids: set[int]) -> set[int]:
    """Split clusters whose identifiers are no longer connected; returns every cluster touched."""
    touched = set(cluster_ids)
    split: set[int] = set()
    for cluster_id in cluster_ids:
        members = list(Entity.objects.filter(cluster_id=cluster_id).values_list("pk", flat=True))
        if len(members) < 2:
            continue
        parent = {pk: pk for pk in members}
        find = _finder(parent)

        links = (
            Link.objects.filter(a__cluster_id=cluster_id, severed_at__isnull=True)
            .values_list("a_id", "b_id")
            .distinct()
        )
        for a, b in links:
            if b in parent:
                parent[find(a)] = find(b)
        parts: dict[int, list[int]] = {}
        for pk in members:
            parts.setdefault(find(pk), []).append(pk)
        if len(parts) < 2:
            continue
        ordered = sorted(parts.values(), key=lambda part: (-len(part), min(part)))
        for part in ordered[1:]:  # the biggest part keeps the cluster (and its watchers)
            fresh = Cluster.objects.create()
            Entity.objects.filter(pk__in=part).update(cluster=fresh)
            touched.add(fresh.pk)
            split.add(cluster_id)
    # The sources of a split cluster may now be in either part (or both): their rows are
    # written again from the sightings, for these clusters only.
    aggregates.sources_derive(touched if split else ())
    return touched


def recompute_all() -> None:
    """Connected components of every identifier from the live links, in memory (for
    ``intel_rebuild``): each component keeps the cluster most of its identifiers were in
    (so cluster numbers, watches and alerts survive a rebuild), new components get new
    clusters; moves are written in bulk, then every cluster's counts with grouped queries."""
    cluster_of = dict(Entity.objects.values_list("pk", "cluster_id"))
    parent = {pk: pk for pk in cluster_of}
    find = _finder(parent)
    live = Link.objects.filter(severed_at__isnull=True).values_list("a_id", "b_id").distinct()
    for a, b in live.iterator(chunk_size=10000):
        parent[find(a)] = find(b)
    parts: dict[int, list[int]] = {}
    for pk in cluster_of:
        parts.setdefault(find(pk), []).append(pk)
    used: set[int] = set()
    keep_of: list[tuple[list[int], int | None]] = []
    for members in sorted(parts.values(), key=len, reverse=True):
        counts = Counter(cluster_of[pk] for pk in members)
        keep = next((c for c, _n in counts.most_common() if c not in used), None)
        if keep is not None:
            used.add(keep)
        keep_of.append((members, keep))
    needed = sum(1 for _members, keep in keep_of if keep is None)
    fresh = iter(Cluster.objects.bulk_create([Cluster() for _ in range(needed)], batch_size=2000))
    moved: list[Entity] = []
    for members, keep in keep_of:
        target = keep if keep is not None else next(fresh).pk
        moved += [Entity(pk=pk, cluster_id=target) for pk in members if cluster_of[pk] != target]
    Entity.objects.bulk_update(moved, ["cluster"], batch_size=2000)
    aggregates.sources_derive(None)
    aggregates.recount_all()


@dataclass(frozen=True)
class Source:
    """One source as the sources module reads it."""

    kind: SourceKind
    id: int
    organisation_id: int | None
    seen_on: date
    source_key: str
    identifiers: Sequence[Identifier]
    country: str = ""  # a case's destination country (the cluster page lists them)


def source_index(source: Source, *, alert: bool = True) -> Cluster | None:
    """Replace the sightings of ``source``, link its identifiers and join their clusters.

    Guarantees: afterwards every identifier ``source`` names has one sighting of it, all of
    them are in one cluster, and clusters it no longer connects are split again. With
    ``alert``, a new sighting in a watched or prosecuted cluster raises alerts.

    Incremental: a new source naming identifiers of at most one cluster only adds its rows
    and bumps that cluster's counts (a dozen indexed queries, whatever the cluster's size);
    only re-saved sources, deletions and joins of clusters recount the clusters they touch.
    """
    with transaction.atomic():
        mine = Sighting.objects.filter(source_kind=source.kind, source_id=source.id)
        previous = set(mine.values_list("entity__cluster_id", flat=True))
        touched: set[int] = set()
        if previous:
            had_links = Link.objects.filter(source_kind=source.kind, source_id=source.id).delete()
            mine.delete()
            ClusterSource.objects.filter(source_kind=source.kind, source_id=source.id).delete()
            touched = _recompute(previous) if had_links[0] else set(previous)
        target = None
        if source.identifiers:
            entities, target, others, created = _entities_for(source.identifiers)
            Sighting.objects.bulk_create(_sightings_of(source, entities))
            Link.objects.bulk_create(_links_of(source, entities), ignore_conflicts=True)
            _union(target, others)
            if touched or others:
                touched.add(target.pk)
                aggregates.source_row_add(target.pk, _source_row(source, entities))
            else:  # a new source in one cluster: its counts grow by exactly this source
                aggregates.source_added(
                    target,
                    kind=source.kind.value,
                    source_id=source.id,
                    organisation_id=source.organisation_id,
                    seen_on=source.seen_on,
                    entity_ids=[e.pk for e in entities],
                    country=source.country,
                )
                target.entity_count += created
                target.save(update_fields=[*aggregates.FIELDS, "updated_at"])
        if touched:
            _refresh(touched)
            if target is not None:
                target.refresh_from_db()
        if target is not None and alert and not previous:
            _alerts(target, source)
    return target


def _source_row(source: Source, entities: Sequence[Entity]) -> ClusterSource:
    return ClusterSource(
        source_kind=source.kind,
        source_id=source.id,
        organisation_id=source.organisation_id,
        seen_on=source.seen_on,
        entity_id=min(e.pk for e in entities),
        country=source.country if source.kind == SourceKind.CASE else "",
    )


def _sightings_of(source: Source, entities: Sequence[Entity]) -> list[Sighting]:
    return [
        Sighting(
            entity_id=entity.pk,
            source_kind=source.kind,
            source_id=source.id,
            organisation_id=source.organisation_id,
            seen_on=source.seen_on,
            source_key=source.source_key[:80],
        )
        for entity in entities
    ]


def _links_of(source: Source, entities: Sequence[Entity]) -> list[Link]:
    """A star from the first identifier the source names."""
    if not entities:
        return []
    first = entities[0].pk
    return [
        Link(
            a_id=min(first, e.pk),
            b_id=max(first, e.pk),
            source_kind=source.kind,
            source_id=source.id,
        )  # fmt: skip
        for e in entities[1:]
    ]


def sources_bulk_index(
    batch: Sequence[Source], known: dict[tuple[str, str], int], holding: Cluster, key: bytes
) -> None:
    """Write the sightings and links of many sources at once, for ``intel_rebuild`` only:
    no earlier sightings, no alerts, and no clusters — new identifiers wait in ``holding``
    and ``recompute_all`` makes the clusters afterwards. ``known`` maps (kind, index) to the
    entity id and is extended with the identifiers created here."""
    per_source: list[tuple[Source, list[tuple[str, str]]]] = []
    fresh: dict[tuple[str, str], Entity] = {}
    for source in batch:
        pairs: list[tuple[str, str]] = []
        for ident in source.identifiers:
            pair = (ident.kind.value, value_index(ident.kind, ident.value))
            if pair in pairs:
                continue
            pairs.append(pair)
            if pair not in known and pair not in fresh:
                fresh[pair] = Entity(kind=pair[0], value_index=pair[1], sealed=_seal(key, ident),
                                     cluster=holding)  # fmt: skip
        if pairs:
            per_source.append((source, pairs))
    if fresh:
        Entity.objects.bulk_create(list(fresh.values()), batch_size=1000)
        known.update({pair: entity.pk for pair, entity in fresh.items()})
    sightings: list[Sighting] = []
    links: list[Link] = []
    for source, pairs in per_source:
        entities = [Entity(pk=known[pair]) for pair in pairs]
        sightings += _sightings_of(source, entities)
        links += _links_of(source, entities)
    Sighting.objects.bulk_create(sightings, batch_size=2000)
    Link.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)


def _pk(entity: Entity) -> int:
    return entity.pk


def _alerts(cluster: Cluster, source: Source) -> None:
    users = set(Watch.objects.filter(cluster=cluster).values_list("user_id", flat=True))
    rows = [
        Alert(user_id=u, cluster=cluster, reason=Alert.Reason.WATCHED, source_kind=source.kind)
        for u in users
    ]
    if cluster.prosecuted and source.kind != SourceKind.LEGAL_CASE:
        # The organisations owning its legal cases, from the counts kept on the cluster row.
        orgs = {org for kind, org in map(aggregates.parse_org_key, cluster.org_counts)
                if kind == SourceKind.LEGAL_CASE and org is not None}  # fmt: skip
        legal = User.objects.filter(
            organisation_id__in=orgs,
            role__in=[Role.LEGAL_OFFICER, Role.SUPERVISOR],
            is_active=True,
        ).exclude(pk__in=users)
        rows += [
            Alert(user=u, cluster=cluster, reason=Alert.Reason.PROSECUTED, source_kind=source.kind)
            for u in legal
        ]
    created = Alert.objects.bulk_create(rows)
    for row in created:
        # The hook for e-mail (notifications, later): receivers get the alert after commit.
        transaction.on_commit(partial(alert_raised.send, sender=Alert, alert=row))


def source_forget(*, kind: SourceKind, source_id: int) -> None:
    """A source was deleted or erased: its sightings and links go (the audit trail remains)."""
    source_index(Source(kind, source_id, None, timezone.localdate(), "", ()), alert=False)


def cluster_current(cluster: Cluster) -> Cluster:
    """Follow ``merged_into`` to the cluster that holds the identifiers now."""
    seen = 0
    while cluster.merged_into_id is not None and seen < 50:
        cluster = Cluster.objects.get(pk=cluster.merged_into_id)
        seen += 1
    return cluster


def cluster_merge(
    *,
    actor: User,
    cluster: Cluster,
    other: Cluster,
    reason: str,
    request: HttpRequest | None = None,
) -> Cluster:
    """Join ``other`` into ``cluster`` for the reason an analyst gives (audited)."""
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    if cluster.pk == other.pk or cluster_current(other).pk == cluster_current(cluster).pk:
        errors["other"] = [_("Jaringan tidak bisa digabung dengan dirinya sendiri.")]
    if not reason:
        errors["reason"] = [_("Tulis alasannya.")]
    if errors:
        raise ValidationError(errors)
    cluster, other = cluster_current(cluster), cluster_current(other)
    with transaction.atomic():
        a = Entity.objects.filter(cluster=cluster).first()
        b = Entity.objects.filter(cluster=other).first()
        if a is None or b is None:
            raise ValidationError({"other": [_("Jaringan ini tidak punya pengenal.")]})
        decision = Decision.objects.create(
            action=Decision.Action.MERGE,
            actor=actor,
            reason=reason[:2000],
            details={"cluster": cluster.pk, "other": other.pk},
        )
        Link.objects.create(a=min(a, b, key=_pk), b=max(a, b, key=_pk),
                            source_kind=DECISION_SOURCE, source_id=decision.pk)  # fmt: skip
        # The bigger cluster keeps its number (and the other's watchers follow).
        target, joined = sorted(
            (cluster, other), key=lambda c: (-c.entity_count, c.pk)
        )  # fmt: skip
        _union(target, {joined.pk})
        _refresh([target.pk])
        target.refresh_from_db()
        audit.record("intel.cluster.merged", actor=actor, obj=target, request=request,
                     details={"decision": decision.pk, "other": other.pk})  # fmt: skip
    return target


def link_split(
    *,
    actor: User,
    cluster: Cluster,
    a_id: int,
    b_id: int,
    reason: str,
    request: HttpRequest | None = None,
) -> list[int]:
    """Cut every link between two identifiers of ``cluster`` (audited); returns the clusters
    their identifiers are in afterwards. A link that does not exist is a ValidationError."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Tulis alasannya.")]})
    a_id, b_id = min(a_id, b_id), max(a_id, b_id)
    with transaction.atomic():
        links = Link.objects.filter(
            a_id=a_id, b_id=b_id, a__cluster=cluster, severed_at__isnull=True
        )
        if not links.exists():
            raise ValidationError({"link": [_("Tautan itu tidak ada di jaringan ini.")]})
        decision = Decision.objects.create(
            action=Decision.Action.SPLIT,
            actor=actor,
            reason=reason[:2000],
            details={"cluster": cluster.pk, "a": a_id, "b": b_id},
        )
        links.update(severed_at=timezone.now())
        touched = _recompute({cluster.pk})
        _refresh(touched)
        audit.record("intel.link.split", actor=actor, obj=cluster, request=request,
                     details={"decision": decision.pk, "clusters": sorted(touched)})  # fmt: skip
        return sorted(
            set(Entity.objects.filter(pk__in=[a_id, b_id]).values_list("cluster_id", flat=True))
        )


def watch_set(*, user: User, cluster: Cluster, on: bool) -> bool:
    """Start or stop watching a cluster; returns whether the user now watches it."""
    with transaction.atomic():
        if on:
            Watch.objects.get_or_create(user=user, cluster=cluster)
        else:
            Watch.objects.filter(user=user, cluster=cluster).delete()
        audit.record("intel.cluster.watched" if on else "intel.cluster.unwatched",
                     actor=user, obj=cluster)  # fmt: skip
    return on


def alerts_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    rows = Alert.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def manual_entry(
    *, actor: User, text: str, note_date: date | None = None, request: HttpRequest | None = None
) -> Cluster:
    """An analyst records identifiers seen together (one per line). Each entry is a source."""
    identifiers = identify_many(text)
    if not identifiers:
        raise ValidationError(
            {"text": [_("Tidak ada nomor, akun, tautan atau nama perusahaan yang dikenali.")]}
        )
    with transaction.atomic():
        decision = Decision.objects.create(
            action=Decision.Action.MANUAL,
            actor=actor,
            reason="",
            details={"identifiers": len(identifiers)},
        )
        cluster = source_index(
            Source(
                SourceKind.MANUAL,
                decision.pk,
                actor.organisation_id,
                note_date or timezone.localdate(),
                f"staff:manual:{decision.pk}",
                identifiers,
            )
        )
        assert cluster is not None
        audit.record("intel.manual.recorded", actor=actor, obj=cluster, request=request,
                     details={"identifiers": len(identifiers)})  # fmt: skip
    return cluster


def kinds_of(identifiers: Iterable[Identifier]) -> list[str]:
    return sorted({Kind(i.kind).value for i in identifiers})
