"""Batches of cases, generated independently (in worker processes at scale) and written in
order by the calling process, each in its own transaction.

Batch ``k`` draws from its own ``random.Random(f"{seed}:{k}")`` and owns fixed id ranges
(``tables.ROWS_PER_CASE``), so its content does not depend on which process made it or on
the batches before it: the data is the same with or without workers. The one thing batches
could clash on, reference codes, is settled in order by the writing process (``Codes``).

Workers are forked after the database connection is closed, never inside a transaction
(tests generate in-process), and return text, not objects: pickling millions of row tuples
cost more than generating them.
"""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from waspada.demodata.legal import legal_cases_generate
from waspada.demodata.organisations import Org
from waspada.demodata.stories import LegalLead, case_generate
from waspada.demodata.tables import Tables
from waspada.demodata.world import ALPHABET, World
from waspada.demodata.writer import Chunk, tune_session, write

WORKERS = 2  # this machine's cores; the database server works while they wait


@dataclass(frozen=True)
class BatchJob:
    number: int
    size: int
    batch_size: int
    seed: int
    first_ids: dict[str, int]
    orgs: list[Org]
    vendor: str


@dataclass
class BatchResult:
    number: int
    chunks: list[Chunk]
    codes: list[str]  # the reference codes drawn, in order (cases' and legal cases')
    counts: dict[str, int]


def batch_generate(job: BatchJob) -> BatchResult:
    """Generate one batch of cases with everything around them (no database access)."""
    rng = random.Random(f"{job.seed}:{job.number}")  # noqa: S311  (demo data, not secrets)
    tables = Tables()
    tables.place_batch(job.first_ids, job.number, job.batch_size)
    world = World(rng, tables, job.orgs)
    leads: list[LegalLead] = []
    for _ in range(job.size):
        lead = case_generate(world)
        if lead is not None:
            leads.append(lead)
    legal_cases_generate(world, leads)
    chunks = tables.take(job.vendor)
    return BatchResult(job.number, chunks, world.drawn_codes, tables.counts())


class Codes:
    """Reference codes already in use; clashes between batches are redrawn, in batch order."""

    def __init__(self, existing: set[str], seed: int) -> None:
        self.used = existing
        self.seed = seed

    def settle(self, result: BatchResult) -> None:
        renamed: dict[str, str] = {}
        rng = random.Random(f"{self.seed}:{result.number}:clashes")  # noqa: S311
        for code in result.codes:  # unique within the batch (World.code)
            final = code
            while final in self.used:
                prefix, year, _suffix = code.split("-")
                final = f"{prefix}-{year}-{''.join(rng.choices(ALPHABET, k=6))}"
            if final != code:
                renamed[code] = final
            self.used.add(final)
        if renamed:
            result.chunks = [_rename(chunk, renamed) for chunk in result.chunks]


def _rename(chunk: Chunk, renamed: dict[str, str]) -> Chunk:
    table, columns, payload = chunk
    if "code" not in columns:
        return chunk
    if isinstance(payload, str):  # COPY text: the code is a whole, tab-delimited field
        for old, new in renamed.items():
            payload = payload.replace(f"\t{old}\t", f"\t{new}\t")
        return table, columns, payload
    index = list(columns).index("code")
    rows = [
        row[:index] + (renamed.get(row[index], row[index]),) + row[index + 1 :] for row in payload
    ]
    return table, columns, rows


def results(jobs: Sequence[BatchJob], *, parallel: bool) -> Iterator[BatchResult]:
    """Batch results in order; from worker processes when ``parallel``."""
    if not parallel:
        for job in jobs:
            yield batch_generate(job)
        return
    connection.close()  # forked workers must not share this process's database socket
    context = multiprocessing.get_context("fork")
    with context.Pool(WORKERS) as pool:
        yield from pool.imap(batch_generate, jobs)


def write_batch(chunks: Sequence[Chunk], *, fast: bool) -> None:
    with transaction.atomic():
        tune_session(skip_foreign_key_checks=fast)
        write(chunks)
