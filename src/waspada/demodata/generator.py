"""``demo_data_generate``: a realistic, clearly synthetic dataset for the last three full years
and the current one, fast.

Deterministic for a seed: seeded ``random.Random`` instances make every choice (case codes
included) and every date is set explicitly, so two runs into fresh databases hold the same
cases, people (statistically), dates and codes; only ciphertexts, keys and password salts
differ, since they must come from the operating system's randomness. Written in batches, each
batch in its own transaction, with one audit event for the whole run (counts only).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

from waspada.audit import services as audit
from waspada.cases.models import Case
from waspada.demodata import fastload
from waspada.demodata.batches import BatchJob, Codes, results, write_batch
from waspada.demodata.lapor import public_reports_generate
from waspada.demodata.organisations import organisations_load
from waspada.demodata.prevention import (
    campaigns_generate,
    screening_counts_generate,
    trainings_generate,
)
from waspada.demodata.tables import Tables
from waspada.demodata.world import World
from waspada.demodata.writer import is_superuser, reset_sequences
from waspada.legal.models import LegalCase
from waspada.reports import facts
from waspada.reports.models import CaseFact

BATCH_SIZE = 2_000  # cases per transaction (about 35,000 rows)


@dataclass(frozen=True)
class GenerationResult:
    cases: int
    seed: int
    seconds: float
    rows: dict[str, int]


def _scaled(cases: int, per: int, low: int, high: int) -> int:
    return max(low, min(high, cases // per))


def demo_data_generate(
    *,
    cases: int,
    seed: int,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> GenerationResult:
    """Add ``cases`` synthetic victims' cases with everything around them; see module doc.

    Organisations and demo users are reused when they exist. Personal data is encrypted as in
    real registrations. Guarantees: the same seed on the same starting database gives the same
    data; a failure leaves whole batches (never half a case) and usable id sequences.
    """
    if cases < 0:
        raise ValueError("cases must be zero or more")
    started = time.monotonic()
    with transaction.atomic():
        orgs = organisations_load()
    tables = Tables()
    tables.start_ids()
    db_tables = [table.db_table for table in tables.all()]
    fastload.indexes_restore_pending()  # from a run that was killed half-way
    outside_transaction = not connection.in_atomic_block
    bulk = fastload.should_drop(cases, Case.objects.count())
    fast = bulk and is_superuser()
    codes = Codes(set(Case.objects.values_list("code", flat=True)), seed)
    codes.used.update(LegalCase.objects.values_list("code", flat=True))
    rows: Counter[str] = Counter()
    if bulk:
        fastload.indexes_drop(db_tables)
    try:
        # The small, fixed part: screening counts, trainings and campaigns.
        world = World(random.Random(seed), tables, orgs)  # noqa: S311  (demo data)
        with transaction.atomic():
            rows["prevention.screeningcount"] = screening_counts_generate(world)
        trainings_generate(world, _scaled(cases, 150, 6, 1_500))
        campaigns_generate(world, _scaled(cases, 40, 12, 10_000))
        write_batch(tables.take(connection.vendor), fast=fast)
        rows.update(tables.counts())
        # The cases, batch by batch.
        first_ids = tables.next_ids()
        jobs = [
            BatchJob(
                number,
                min(batch_size, cases - start),
                batch_size,
                seed,
                first_ids,
                orgs,
                connection.vendor,
            )  # fmt: skip
            for number, start in enumerate(range(0, cases, batch_size))
        ]
        parallel = outside_transaction and len(jobs) > 2
        done = 0
        for result in results(jobs, parallel=parallel):
            codes.settle(result)
            write_batch(result.chunks, fast=fast)
            rows.update(result.counts)
            done += jobs[result.number].size
            if on_progress is not None:
                on_progress(done)
        # Public reports, after the cases: one closed as a case points at a real case.
        before = tables.counts()
        tables.start_ids()
        public_reports_generate(world, _scaled(cases, 20, 24, 50_000))
        write_batch(tables.take(connection.vendor), fast=fast)
        rows.update({name: n - before.get(name, 0) for name, n in tables.counts().items()})
    finally:
        reset_sequences(tables.models())
        if bulk:
            fastload.indexes_restore_pending()
            fastload.analyze(db_tables)
    # The rows were written without signals: derive the dashboard's statistics in one pass.
    facts.rebuild()
    if bulk:
        fastload.analyze([CaseFact._meta.db_table])
    seconds = round(time.monotonic() - started, 1)
    counts = {name: count for name, count in sorted(rows.items()) if count}
    audit.record(
        "demodata.generated",
        details={"seed": seed, "cases": cases, "rows": counts, "seconds": seconds},
    )
    return GenerationResult(cases=cases, seed=seed, seconds=seconds, rows=counts)
