"""Re-extract and re-link every source: after a restore, a bulk load (demo data) or a change
of the normalisation rules. Analysts' merges and splits are kept."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from waspada.audit import services as audit
from waspada.intel import services, sources
from waspada.intel.models import Link, Sighting


def intel_rebuild(*, on_progress: Callable[[int], None] | None = None, every: int = 100) -> int:
    """Forget every sighting and source link, index every source again (no alerts), then
    recompute the clusters from the links. Returns how many sources were read; one
    transaction, so a failure leaves the previous state."""
    with transaction.atomic():
        Sighting.objects.all().delete()
        Link.objects.exclude(source_kind=services.DECISION_SOURCE).delete()
        done = 0
        for source in sources.all_sources():
            services.source_index(source, alert=False, fresh=True)
            done += 1
            if on_progress is not None and done % every == 0:
                on_progress(done)
        services.recompute_all()
        audit.record("intel.rebuilt", details={"sources": done})
    if on_progress is not None:
        on_progress(done)
    return done
