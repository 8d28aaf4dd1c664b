"""Benchmark of the public report endpoint (``POST /api/v1/public-reports``) under load.

Starts ``waspada run`` (waitress) on a fresh data folder, then lets N concurrent clients
(threads with keep-alive connections) send realistic SOS and offer reports as JSON for D
seconds, and prints throughput, p50/p95/p99 latency and every answer by status. An answer of
429 is the deliberate throttle (``WASPADA_LAPOR_RATE_PER_HOUR`` per client address); any other
non-201 answer, or a connection error, is an error.

    python benchmarks/bench_lapor.py [--clients 100] [--seconds 60] [--threads 8]
                                      [--rate-per-hour 20] [--database-url URL]

All clients come from 127.0.0.1, so with the default limit nearly every request after the
first 20 is throttled: that run shows throttling holds with no errors. Run it again with
``--rate-per-hour 1000000000`` to measure the write path itself (validation, priority, a new
data key, sealing, blind indexes, contacts, the audit row) under the same load. Target: 100
clients for 60 s with zero errors other than deliberate throttling.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

SOS = {
    "kind": "sos",
    "description": "Data benchmark: adik saya disekap dan dipaksa menipu, paspornya ditahan.",
    "person_name": "Contoh Benchmark",
    "person_age": 24,
    "person_phone": "+855 00 000 0000",
    "country": "KH",
    "city": "Sihanoukville",
    "situations": ["confined", "passport_taken"],
    "reporter_contact": "0800 0000 0000",
    "reporter_relation": "family",
}
OFFER = {
    "kind": "suspicious_offer",
    "description": "Data benchmark: dicari CS Kamboja gaji 15 juta, visa turis, hub WA 0800 1234 5678",
    "recruiter_contacts": ["+855 00 000 7788", "@loker_benchmark"],
    "seen_on": "facebook",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
        finally:
            conn.close()  # an idle connection left open would hold one of waitress's channels
    raise SystemExit("the server did not come up")


def _client(port: int, until: float, seed: int, results: list, lock: threading.Lock) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    local: list[tuple[float, int]] = []
    while time.monotonic() < until:
        body = dict(SOS if rng.random() < 0.6 else OFFER)
        body["person_phone"] = f"+855 00 {rng.randrange(10**6):06d}"
        payload = json.dumps(body)
        started = time.perf_counter()
        try:
            conn.request(
                "POST", "/api/v1/public-reports", body=payload,
                headers={"Content-Type": "application/json"},
            )  # fmt: skip
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            status = -1  # a connection error
            if os.environ.get("BENCH_DEBUG"):
                print(
                    f"client {seed}: {exc!r} after {time.perf_counter() - started:.1f} s, "
                    f"{until - time.monotonic():.1f} s before the end",
                    file=sys.stderr,
                )
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local.append((time.perf_counter() - started, status))
    conn.close()
    with lock:
        results.extend(local)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--rate-per-hour", type=int, default=20)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default SQLite)")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="waspada-bench-lapor-"))
    env = {**os.environ, "WASPADA_DATA_DIR": str(data_dir),
           "WASPADA_LAPOR_RATE_PER_HOUR": str(args.rate_per_hour), "WASPADA_LOG_LEVEL": "WARNING"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    waspada = [sys.executable, "-m", "waspada"]
    subprocess.run([*waspada, "manage", "migrate", "-v", "0"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    port = _free_port()
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115  (a pipe nobody reads would fill)
    server = subprocess.Popen(  # noqa: S603
        [*waspada, "run", "--port", str(port), "--threads", str(args.threads)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_for(port)
        results: list[tuple[float, int]] = []
        lock = threading.Lock()
        started = time.monotonic()
        until = started + args.seconds
        clients = [
            threading.Thread(target=_client, args=(port, until, n, results, lock))
            for n in range(args.clients)
        ]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    statuses = Counter(status for _latency, status in results)
    latencies = sorted(latency * 1000 for latency, _status in results)
    created = statuses.get(201, 0)
    errors = sum(n for status, n in statuses.items() if status not in (201, 429))
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{args.clients} clients, {elapsed:.0f} s, waitress {args.threads} threads, {database}, "
          f"limit {args.rate_per_hour}/hour per client, load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"requests: {len(results)} ({len(results) / elapsed:.1f}/s); created 201: {created} "
          f"({created / elapsed:.1f}/s); throttled 429: {statuses.get(429, 0)}")  # fmt: skip
    print(f"latency ms: p50 {quantiles[49]:.0f}, p95 {quantiles[94]:.0f}, p99 {quantiles[98]:.0f}, "
          f"max {latencies[-1]:.0f}")  # fmt: skip
    print(f"errors other than throttling: {errors} {dict(statuses)}")
    server_log = (data_dir / "server.log").read_text(errors="replace")
    errors_logged = [line for line in server_log.splitlines() if " ERROR " in line]
    print(f"server log: {len(errors_logged)} ERROR lines; "
          f"{server_log.count('Task queue depth')} waitress queue warnings ({data_dir})")  # fmt: skip
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
