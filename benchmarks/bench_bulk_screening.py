"""Throughput of bulk screening (``prevention.bulk``) on real Celery workers with Redis.

Writes ``--files`` CSV files of ``--lines`` job-offer texts each (a few Indonesian and English
templates with varying numbers), starts ``waspada worker --concurrency C`` for each C in
``--concurrency`` (default 1 and 2), enqueues every file as one job and prints the wall time
until all are done and the lines screened per second. One job is screened by one worker
process, so two workers speed up two files, not one.

    python benchmarks/bench_bulk_screening.py [--lines 10000] [--files 2] [--concurrency 1 2]
        [--database-url postgres://postgres@127.0.0.1:5432/wb] [--broker redis://127.0.0.1:6379/14]

Without ``--database-url`` a SQLite file in a temporary data folder is used.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

TEMPLATES = [
    "Dicari {n} admin untuk Kamboja, gaji USD {p}, tiket dan visa ditanggung, tanpa pengalaman. "
    "Hubungi WA 0812{d}",
    "Lowongan kasir minimarket di Bandung, gaji UMR, lamar lewat Disnaker kota, kontrak {n} bulan.",
    "Hiring customer service Thailand, salary {p} USD, free flight, no experience, DM telegram",
    "PT resmi P3MI membuka lowongan perawat ke Jepang, pelatihan {n} bulan, kontrak kerja jelas.",
    "Kerja online dari rumah, komisi {p} ribu per tugas, daftar bayar Rp {n}00.000 dulu.",
]


def write_file(path: str, lines: int, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("text\n")
        for _ in range(lines):
            text = rng.choice(TEMPLATES).format(
                n=rng.randint(2, 90), p=rng.randint(800, 1500), d=rng.randint(1000000, 9999999)
            )
            handle.write('"' + text.replace('"', "'") + '"\n')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=2)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args(argv)
    data_dir = tempfile.mkdtemp(prefix="waspada-bulk-")
    env = {**os.environ, "WASPADA_DATA_DIR": data_dir, "WASPADA_BROKER_URL": args.broker,
           "DJANGO_SETTINGS_MODULE": "waspada.config.settings"}  # fmt: skip
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    os.environ.update(env)
    import django

    django.setup()
    import redis
    from django.core.management import call_command

    from waspada.accounts.models import Organisation, User
    from waspada.jobs.models import Job, JobState
    from waspada.prevention.bulk import bulk_screen_start

    call_command("migrate", interactive=False, verbosity=0)
    organisation, _ = Organisation.objects.get_or_create(name="Bench", type="international")
    user, _ = User.objects.get_or_create(username="bench", role="programme_officer",
                                         organisation=organisation)  # fmt: skip
    paths = []
    for index in range(args.files):
        path = os.path.join(data_dir, f"offers-{index}.csv")
        write_file(path, args.lines, seed=index)
        paths.append(path)
    print(f"{args.files} file(s) of {args.lines:,} lines; broker {args.broker}; "
          f"cpus {os.cpu_count()}, load {os.getloadavg()[0]:.2f}")  # fmt: skip
    for concurrency in args.concurrency:
        redis.Redis.from_url(args.broker).flushdb()
        worker = subprocess.Popen(
            [sys.executable, "-m", "waspada", "worker", "--concurrency", str(concurrency)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            time.sleep(8)  # the worker connects and forks its processes
            started = time.perf_counter()
            jobs = []
            for path in paths:
                with open(path, "rb") as handle:
                    jobs.append(bulk_screen_start(actor=user, name=path, content=handle.read()))
            ids = [job.pk for job in jobs]
            while Job.objects.filter(
                pk__in=ids, state__in=[JobState.QUEUED, JobState.RUNNING]
            ).exists():
                time.sleep(0.5)
            seconds = time.perf_counter() - started
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=60)
        states = set(Job.objects.filter(pk__in=ids).values_list("state", flat=True))
        total = args.files * args.lines
        print(f"workers {concurrency}: {total:,} lines in {seconds:.1f} s = "
              f"{total / seconds:,.0f} lines/s (jobs {sorted(states)})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
