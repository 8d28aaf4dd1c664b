"""Benchmark of recruitment intelligence: rebuild, lookup, cluster page, incremental linking.

Generates (or reuses) synthetic cases and public reports with recurring recruiter networks
(``waspada.demodata``: a few hundred networks, each with several numbers and handles written
in different ways), times ``intel_rebuild`` over all of them, then prints p50/p95 over ``--runs``
runs of: a lookup of a known identifier (``selectors.lookup`` as a supervisor, the API answer
and the page through Django's test Client), the cluster page of the busiest clusters, and the
incremental linking of one new source naming three identifiers (one already known).
Targets (issue 13, at 1,000,000 cases / 2,000,000 sightings): lookup p95 < 50 ms, cluster page
p95 < 300 ms, incremental linking < 20 ms, rebuild < 10 minutes.

    python benchmarks/bench_intel.py --database-url postgres://postgres@127.0.0.1:5432/h_intel \\
        --cases 30000 [--seed 1] [--reuse] [--runs 50]

The database must exist; it is migrated here. Never point it at a database with real data.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))
from bench_scale import _machine, _setup, _timed  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--cases", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep the data already there")
    args = parser.parse_args()
    _setup(args.database_url, tempfile.mkdtemp(prefix="bench-intel-"))

    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Max
    from django.test import Client
    from django.utils import timezone

    from waspada.accounts.models import User
    from waspada.accounts.roles import Role
    from waspada.cases.models import Case
    from waspada.demodata.generator import demo_data_generate
    from waspada.intel import selectors, services
    from waspada.intel.models import Cluster, Entity, Sighting, SourceKind
    from waspada.intel.normalise import identify
    from waspada.intel.rebuild import intel_rebuild
    from waspada.intel.sources import count_sources

    call_command("migrate", verbosity=0)
    if not args.reuse or not Case.objects.exists():
        started = time.perf_counter()
        demo_data_generate(cases=args.cases, seed=args.seed)
        print(f"generated {args.cases:,} cases in {time.perf_counter() - started:.0f} s")
    total = count_sources()
    started = time.perf_counter()
    intel_rebuild()
    rebuild_s = time.perf_counter() - started
    from django.db import connection

    if connection.vendor == "postgresql":
        # The rebuild rewrites every sighting and link; a server's autovacuum would then
        # clear the dead rows. This one may run with autovacuum off (the shared test server
        # does), so do it here: otherwise each --reuse run times more dead index entries.
        with connection.cursor() as cursor:
            cursor.execute("SHOW autovacuum")
            print(f"autovacuum: {cursor.fetchone()[0]}; VACUUM (ANALYZE) of the intel tables")
            cursor.execute(
                "VACUUM (ANALYZE) intel_sighting, intel_link, intel_entity, intel_cluster,"
                " intel_clustersource"
            )
    sightings = Sighting.objects.count()
    print(f"machine: {_machine()}")
    print(f"sources {total:,}, sightings {sightings:,}, identifiers {Entity.objects.count():,}, "
          f"clusters {Cluster.objects.filter(merged_into=None, entity_count__gt=0).count():,}")  # fmt: skip
    print(f"intel rebuild: {rebuild_s:.1f} s ({rebuild_s / max(total, 1) * 1000:.2f} ms a source)")

    viewer = User.objects.filter(role=Role.SUPERVISOR, is_active=True).first()
    assert viewer is not None
    client = Client()
    client.force_login(viewer)
    rng = random.Random(args.seed)  # noqa: S311  (benchmark)
    sample = list(Entity.objects.order_by("?")[:200])
    values = [services.entity_value(e)["display"] for e in sample]
    busy = list(
        Cluster.objects.filter(merged_into=None)
        .order_by("-sighting_count")
        .values_list("pk", flat=True)[:20]
    )

    def lookup() -> Any:
        return selectors.lookup(viewer=viewer, text=rng.choice(values))

    def lookup_api() -> Any:

        return client.get(
            "/api/v1/intel/lookup", {"value": rng.choice(values)}, HTTP_AUTHORIZATION=auth
        )

    def page(url: Callable[[], str]) -> Callable[[], Any]:
        def call() -> Any:
            response = client.get(url())
            assert response.status_code == 200, response.status_code
            return response

        return call

    from waspada.accounts.services import token_create

    auth = f"Bearer {token_create(user=viewer)}"
    # New sources each run: the rebuild keeps earlier runs' manual entries, and re-saving one
    # of them (not what is measured here) recounts its cluster.
    last = Sighting.objects.filter(source_kind=SourceKind.MANUAL).aggregate(m=Max("source_id"))
    counter = iter(range(max(10**12, (last["m"] or 0) + 1), 10**13))

    def link_one() -> Any:
        n = next(counter)
        known = identify(rng.choice(values))
        assert known is not None
        new = [identify(f"@bench_{args.seed}_{n}"), identify(f"@bench_{args.seed}_{n}_b")]
        with transaction.atomic():
            return services.source_index(
                services.Source(
                    SourceKind.MANUAL,
                    n,
                    viewer.organisation_id,
                    timezone.localdate(),
                    f"staff:manual:{n}",
                    [known, *[i for i in new if i]],
                )  # fmt: skip
            )

    targets = {"lookup (selector)": 50, "lookup (API)": 50, "lookup (page)": 50,
               "cluster page (20 busiest)": 300, "cluster page, 2nd page": 300,
               "incremental link of one new source": 20}  # fmt: skip
    rows = [
        _timed("lookup (selector)", args.runs, lookup),
        _timed("lookup (API)", args.runs, lookup_api),
        _timed(
            "lookup (page)",
            args.runs,
            page(lambda: f"/intelijen/?value={rng.choice(values).replace('+', '%2B')}"),
        ),  # fmt: skip
        _timed(
            "cluster page (20 busiest)",
            args.runs,
            page(lambda: f"/intelijen/jaringan/{rng.choice(busy)}/"),
        ),  # fmt: skip
        _timed(
            "cluster page, 2nd page",
            args.runs,
            page(lambda: f"/intelijen/jaringan/{rng.choice(busy)}/?page=2"),
        ),  # fmt: skip
        _timed("incremental link of one new source", args.runs, link_one),
    ]
    for label, runs, p50, p95 in rows:
        target = targets[label]
        print(f"{label:40s} runs {runs:4d}  p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  "
              f"target p95 < {target} ms (p95/target {p95 / target:.2f})")  # fmt: skip
    print(f"rebuild: {rebuild_s:.1f} s, target < 600 s at 1,000,000 cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
