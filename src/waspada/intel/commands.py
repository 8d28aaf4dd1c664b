"""Command handlers of ``waspada intel`` (Django is set up before this is imported)."""

from __future__ import annotations

import argparse
import sys
import time

from waspada.audit import services as audit
from waspada.demodata.progress import Progress
from waspada.intel import services, sources
from waspada.intel.models import Sighting
from waspada.intel.normalise import identify
from waspada.intel.rebuild import intel_rebuild
from waspada.intel.selectors import COUNT_KEYS, _entity, independent_sources


def rebuild(args: argparse.Namespace) -> int:
    """Forget every sighting and link (analysts' merges and splits stay), then index every
    source again with a progress bar; clusters are recomputed from the links."""
    started = time.monotonic()
    done = intel_rebuild(on_progress=Progress(sources.count_sources(), label="sources"))
    print(f"indexed {done:,} source(s), {Sighting.objects.count():,} sighting(s) "
          f"in {time.monotonic() - started:.1f} s")  # fmt: skip
    return 0


def lookup(args: argparse.Namespace) -> int:
    ident = identify(args.value)
    if ident is None:
        print("not a phone number, handle, link, e-mail, account or company name", file=sys.stderr)
        return 2
    entity = _entity(ident)
    audit.record("intel.lookup", details={"kind": ident.kind.value, "found": entity is not None,
                                          "channel": "cli"})  # fmt: skip
    print(f"{ident.kind.value} {ident.value}")
    if entity is None:
        print("not seen")
        return 0
    cluster = services.cluster_current(entity.cluster)
    counts = dict.fromkeys(COUNT_KEYS.values(), 0)
    for kind, key in COUNT_KEYS.items():
        counts[key] = (
            Sighting.objects.filter(entity__cluster=cluster, source_kind=kind)
            .values("source_id").distinct().count()
        )  # fmt: skip
    print(f"cluster {cluster.pk}: {cluster.entity_count} identifier(s); "
          + ", ".join(f"{k} {v}" for k, v in counts.items()))  # fmt: skip
    print(f"independent sources naming it: {independent_sources(entity)}")
    return 0
