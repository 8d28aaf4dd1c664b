"""Re-extract and re-link every source: after a restore, a bulk load (demo data) or a change
of the normalisation rules. Analysts' merges, splits and manual entries are kept (a manual
entry has no other record to be read again from)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from waspada.audit import services as audit
from waspada.intel import services, sources
from waspada.intel.models import Cluster, Entity, Link, Sighting, SourceKind


def intel_rebuild(
    *, on_progress: Callable[[int], None] | None = None, every: int = 100, batch: int = 1000
) -> int:
    """Forget every sighting and source link (but analysts' own), index every source again
    (no alerts), then recompute the clusters from the links. Returns how many sources were read; one
    transaction, so a failure leaves the previous state.

    Bulk: sources are read in batches of ``batch``; each batch's new identifiers, sightings
    and links are written with a few multi-row inserts (``services.sources_bulk_index``), and
    the clusters are made once at the end in memory (``services.recompute_all``)."""
    with transaction.atomic():
        kept = [services.DECISION_SOURCE, SourceKind.MANUAL]
        Sighting.objects.exclude(source_kind=SourceKind.MANUAL).delete()
        Link.objects.exclude(source_kind__in=kept).delete()
        known = {(kind, index): pk for pk, kind, index in
                 Entity.objects.values_list("pk", "kind", "value_index")}  # fmt: skip
        holding = Cluster.objects.create()  # new identifiers wait here until recompute_all
        key = services._raw_key()
        done = 0
        pending: list[services.Source] = []
        for source in sources.all_sources(batch=batch):
            pending.append(source)
            done += 1
            if len(pending) >= batch:
                services.sources_bulk_index(pending, known, holding, key)
                pending = []
            if on_progress is not None and done % every == 0:
                on_progress(done)
        services.sources_bulk_index(pending, known, holding, key)
        services.recompute_all()
        if not Entity.objects.filter(cluster=holding).exists():
            holding.delete()
        audit.record("intel.rebuilt", details={"sources": done})
        if connection.vendor == "postgresql":  # fresh statistics after a bulk load, so
            with connection.cursor() as cursor:  # lookups get index plans at once
                cursor.execute(
                    "ANALYZE intel_entity, intel_sighting, intel_link, intel_cluster,"
                    " intel_clustersource"
                )
    if on_progress is not None:
        on_progress(done)
    return done
