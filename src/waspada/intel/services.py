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
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.accounts.roles import Role
from waspada.audit import services as audit
from waspada.intel.models import (
    Alert,
    Cluster,
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


def _entities_for(identifiers: Sequence[Identifier]) -> list[Entity]:
    if not identifiers:
        return []
    wanted = {(i.kind.value, value_index(i.kind, i.value)): i for i in identifiers}
    found = {
        (e.kind, e.value_index): e
        for e in Entity.objects.filter(
            value_index__in=[index for _kind, index in wanted]
        ).select_for_update()
        if (e.kind, e.value_index) in wanted
    }
    key: bytes | None = None
    for pair, ident in wanted.items():
        if pair not in found:
            key = key or _raw_key()
            found[pair] = Entity.objects.create(
                kind=pair[0],
                value_index=pair[1],
                sealed=_seal(key, ident),
                cluster=Cluster.objects.create(),
            )
    return [found[pair] for pair in wanted]


def _union(cluster_ids: set[int]) -> Cluster:
    """Join clusters into the biggest one; the others point to it (``merged_into``)."""
    if len(cluster_ids) == 1:
        return Cluster.objects.get(pk=next(iter(cluster_ids)))
    sizes = dict(
        Entity.objects.filter(cluster_id__in=cluster_ids)
        .values_list("cluster_id")
        .annotate(n=Count("pk"))
    )
    ordered = sorted(cluster_ids, key=lambda pk: (-sizes.get(pk, 0), pk))
    target, others = Cluster.objects.get(pk=ordered[0]), ordered[1:]
    if others:
        Entity.objects.filter(cluster_id__in=others).update(cluster=target)
        Cluster.objects.filter(pk__in=others).update(merged_into=target)
        Cluster.objects.filter(merged_into_id__in=others).update(merged_into=target)
        for watch in Watch.objects.filter(cluster_id__in=others):
            Watch.objects.get_or_create(user_id=watch.user_id, cluster=target)
            watch.delete()
        Alert.objects.filter(cluster_id__in=others).update(cluster=target)
    return target


def _refresh(cluster_ids: Iterable[int]) -> None:
    """Recount the clusters' identifiers and sightings (skipping clusters merged away)."""
    live = Cluster.objects.filter(pk__in=set(cluster_ids), merged_into=None)
    for cluster_id in live.values_list("pk", flat=True):
        members = list(Entity.objects.filter(cluster_id=cluster_id).values_list("pk", flat=True))
        counts = Sighting.objects.filter(entity_id__in=members).aggregate(
            n=Count("pk"),
            cases=Count("pk", filter=Q(source_kind=SourceKind.CASE)),
            legal=Count("pk", filter=Q(source_kind=SourceKind.LEGAL_CASE)),
        )
        Cluster.objects.filter(pk=cluster_id).update(
            entity_count=len(members),
            sighting_count=counts["n"],
            in_case=bool(counts["cases"]),
            prosecuted=bool(counts["legal"]),
            updated_at=timezone.now(),
        )


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
    for cluster_id in cluster_ids:
        members = list(Entity.objects.filter(cluster_id=cluster_id).values_list("pk", flat=True))
        if len(members) < 2:
            continue
        parent = {pk: pk for pk in members}
        find = _finder(parent)

        links = Link.objects.filter(a_id__in=members, severed_at__isnull=True).values_list(
            "a_id", "b_id"
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
    return touched


def recompute_all() -> None:
    """Connected components of every identifier from the live links, in memory (for
    ``intel_rebuild``): an identifier whose links are gone leaves its cluster; then every
    cluster's counts are recomputed with a few grouped queries."""
    cluster_of = dict(Entity.objects.values_list("pk", "cluster_id"))
    parent = {pk: pk for pk in cluster_of}
    find = _finder(parent)
    for a, b in Link.objects.filter(severed_at__isnull=True).values_list("a_id", "b_id"):
        parent[find(a)] = find(b)
    parts: dict[int, list[int]] = {}
    for pk in cluster_of:
        parts.setdefault(find(pk), []).append(pk)
    used: set[int] = set()
    for members in sorted(parts.values(), key=len, reverse=True):
        counts = Counter(cluster_of[pk] for pk in members)
        keep = next((c for c, _n in counts.most_common() if c not in used), None)
        if keep is None:
            keep = Cluster.objects.create().pk
        used.add(keep)
        moved = [pk for pk in members if cluster_of[pk] != keep]
        for start in range(0, len(moved), 5000):
            Entity.objects.filter(pk__in=moved[start : start + 5000]).update(cluster_id=keep)
    _refresh_all()


def _refresh_all() -> None:
    entities = dict(Entity.objects.values_list("cluster_id").annotate(n=Count("pk")))
    sightings = {
        row["entity__cluster_id"]: row
        for row in Sighting.objects.values("entity__cluster_id").annotate(
            n=Count("pk"),
            cases=Count("pk", filter=Q(source_kind=SourceKind.CASE)),
            legal=Count("pk", filter=Q(source_kind=SourceKind.LEGAL_CASE)),
        )
    }
    clusters = list(Cluster.objects.filter(merged_into=None))
    empty = {"n": 0, "cases": 0, "legal": 0}
    for cluster in clusters:
        row = sightings.get(cluster.pk, empty)
        cluster.entity_count = entities.get(cluster.pk, 0)
        cluster.sighting_count = row["n"]
        cluster.in_case = bool(row["cases"])
        cluster.prosecuted = bool(row["legal"])
    Cluster.objects.bulk_update(
        clusters, ["entity_count", "sighting_count", "in_case", "prosecuted"], batch_size=2000
    )


@dataclass(frozen=True)
class Source:
    """One source as the sources module reads it."""

    kind: SourceKind
    id: int
    organisation_id: int | None
    seen_on: date
    source_key: str
    identifiers: Sequence[Identifier]


def source_index(source: Source, *, alert: bool = True, fresh: bool = False) -> Cluster | None:
    """Replace the sightings of ``source``, link its identifiers and join their clusters.

    Guarantees: afterwards every identifier ``source`` names has one sighting of it, all of
    them are in one cluster, and clusters it no longer connects are split again. With
    ``alert``, a new sighting in a watched or prosecuted cluster raises alerts. ``fresh`` (for
    ``intel_rebuild`` only) says the source has no sightings yet and leaves the clusters'
    counts to the caller.
    """
    with transaction.atomic():
        previous: set[int] = set()
        had_links = 0
        if not fresh:
            previous = set(
                Sighting.objects.filter(source_kind=source.kind, source_id=source.id)
                .values_list("entity__cluster_id", flat=True)
            )  # fmt: skip
            had_links = Link.objects.filter(source_kind=source.kind, source_id=source.id).delete()[
                0
            ]
            Sighting.objects.filter(source_kind=source.kind, source_id=source.id).delete()
        touched = _recompute(previous) if had_links else set(previous)
        entities = _entities_for(source.identifiers)
        target = None
        if entities:
            Sighting.objects.bulk_create(
                Sighting(
                    entity=entity,
                    source_kind=source.kind,
                    source_id=source.id,
                    organisation_id=source.organisation_id,
                    seen_on=source.seen_on,
                    source_key=source.source_key[:80],
                )
                for entity in entities
            )
            first = entities[0]
            Link.objects.bulk_create(
                [
                    Link(
                        a=min(first, e, key=_pk),
                        b=max(first, e, key=_pk),
                        source_kind=source.kind,
                        source_id=source.id,
                    )  # fmt: skip
                    for e in entities[1:]
                ],
                ignore_conflicts=True,
            )
            target = _union({e.cluster_id for e in entities})
            touched.add(target.pk)
        if not fresh:
            _refresh(touched)
        if target is not None and alert and not previous:
            target.refresh_from_db()
            _alerts(target, source)
    return target


def _pk(entity: Entity) -> int:
    return entity.pk


def _alerts(cluster: Cluster, source: Source) -> None:
    users = set(Watch.objects.filter(cluster=cluster).values_list("user_id", flat=True))
    rows = [
        Alert(user_id=u, cluster=cluster, reason=Alert.Reason.WATCHED, source_kind=source.kind)
        for u in users
    ]
    if cluster.prosecuted and source.kind != SourceKind.LEGAL_CASE:
        orgs = Sighting.objects.filter(
            entity__cluster=cluster, source_kind=SourceKind.LEGAL_CASE
        ).values_list("organisation_id", flat=True)
        legal = User.objects.filter(
            organisation_id__in=set(orgs),
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
        target = _union({cluster.pk, other.pk})
        _refresh([target.pk])
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
