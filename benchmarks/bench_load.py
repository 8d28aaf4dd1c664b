"""Load test of a running Waspada: many keep-alive clients at once on public pages, staff lists
and the API, printing throughput, p50/p95/p99 latency and errors per kind of request.

    .venv/bin/python benchmarks/bench_load.py --url http://127.0.0.1:8000 --clients 200 \\
        --duration 60 [--mix public,cases,cases-api,screen-api] [--login sup.iom:waspada-demo]

Each client is a thread with one keep-alive HTTP/1.1 connection that sends its next request as
soon as the previous answer is read (a closed loop, like the security review's 200 clients).
Staff pages use sessions of the ``--login`` account (a few logins shared by all clients, since a
login costs a deliberately slow password hash); the API uses a token made with
``waspada token create`` (``--token``). ``--mix`` picks the requests, shared out round robin.

Besides latency it counts clients that got no answer at all during the run: with waitress's
former default of 100 connections, keep-alive clients beyond the 100th waited in the listen
queue the whole time (connection starvation, docs/performance.md).

No dependency beyond the standard library: threads are enough to saturate a server on the same
machine, and the figures stay comparable with the review's.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import re
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

TEXT = "Dicari admin di Kamboja, gaji 20 juta, tiket dibayar, tanpa pengalaman, hubungi WA."

# name: (method, path, needs) where needs is None, "session" or "token"
REQUESTS: dict[str, tuple[str, str, str | None]] = {
    "public": ("GET", "/", None),
    "check-page": ("GET", "/cek/", None),
    "screen-api": ("POST", "/api/v1/screen", None),
    "cases": ("GET", "/perlindungan/", "session"),
    "cases-api": ("GET", "/api/v1/cases", "token"),
    "dashboard": ("GET", "/dasbor/", "session"),
}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0


def _connection(url: urllib.parse.SplitResult) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port or 80, timeout=120)


def log_in(url: urllib.parse.SplitResult, username: str, password: str) -> str:
    """A session cookie header for ``username``."""
    conn = _connection(url)
    conn.request("GET", "/akun/login/")
    response = conn.getresponse()
    page = response.read().decode()
    cookies = dict(
        c.split(";", 1)[0].split("=", 1) for c in response.headers.get_all("Set-Cookie") or []
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise SystemExit("no login form at /akun/login/")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
    )
    conn.request(
        "POST", "/akun/login/", body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                 "Origin": f"{url.scheme}://{url.netloc}"},
    )  # fmt: skip
    response = conn.getresponse()
    response.read()
    for c in response.headers.get_all("Set-Cookie") or []:
        name, value = c.split(";", 1)[0].split("=", 1)
        cookies[name] = value
    if response.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"login as {username} failed ({response.status})")
    conn.close()
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def client(
    url: urllib.parse.SplitResult, names: list[str], headers: dict[str, dict[str, str]],
    stop: float, tallies: dict[str, Tally], served: list[bool], index: int,
    lock: threading.Lock,
) -> None:  # fmt: skip
    conn = _connection(url)
    for name in itertools.cycle(names):
        if time.monotonic() >= stop:
            break
        method, path, _needs = REQUESTS[name]
        body = json.dumps({"text": TEXT}) if method == "POST" else None
        started = time.monotonic()
        try:
            conn.request(method, path, body=body, headers=headers[name])
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = _connection(url)
        except (OSError, http.client.HTTPException):
            with lock:
                tallies[name].errors += 1
            conn.close()
            conn = _connection(url)
            continue
        finished = time.monotonic()
        if finished > stop:
            break  # answered only after the run: counted as never answered during it
        elapsed = finished - started
        served[index] = True
        with lock:
            tally = tallies[name]
            tally.latencies.append(elapsed)
            tally.statuses[status] = tally.statuses.get(status, 0) + 1
    conn.close()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--mix", default="public,cases,cases-api,screen-api")
    parser.add_argument("--login", default="sup.iom:waspada-demo", help="USER:PASSWORD")
    parser.add_argument("--sessions", type=int, default=4, help="logins shared by the clients")
    parser.add_argument("--token", default="", help="API token for cases-api")
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.url)
    names = args.mix.split(",")
    unknown = set(names) - set(REQUESTS)
    if unknown:
        raise SystemExit(f"unknown request kinds: {sorted(unknown)}; known: {sorted(REQUESTS)}")
    needs = {REQUESTS[n][2] for n in names}
    sessions: list[str] = []
    if "session" in needs:
        username, password = args.login.split(":", 1)
        sessions = [log_in(url, username, password) for _ in range(args.sessions)]
    if "token" in needs and not args.token:
        raise SystemExit("cases-api needs --token (waspada token create USERNAME)")

    def headers_for(i: int) -> dict[str, dict[str, str]]:
        result = {}
        for name in names:
            extra = {"Content-Type": "application/json"} if REQUESTS[name][0] == "POST" else {}
            if REQUESTS[name][2] == "session":
                extra["Cookie"] = sessions[i % len(sessions)]
            elif REQUESTS[name][2] == "token":
                extra["Authorization"] = f"Bearer {args.token}"
            # Its own address for the rate limits, believed only when the server trusts this
            # machine as a proxy (WASPADA_TRUSTED_PROXIES=127.0.0.1).
            extra["X-Forwarded-For"] = f"10.{i // 250}.{i % 250}.1"
            result[name] = extra
        return result

    tallies = {name: Tally() for name in names}
    served = [False] * args.clients
    lock = threading.Lock()
    stop = time.monotonic() + args.duration
    threads = []
    for i in range(args.clients):
        rotated = names[i % len(names) :] + names[: i % len(names)]
        thread = threading.Thread(
            target=client,
            args=(url, rotated, headers_for(i), stop, tallies, served, i, lock),
            daemon=True,
        )
        threads.append(thread)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.duration + 180)
    wall = time.monotonic() - started

    print(f"{args.clients} clients, {wall:.0f} s, {args.url}")
    print(f"{'request':<12} {'answers':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'errors':>7}  statuses")  # fmt: skip
    total = 0
    for name in names:
        tally = tallies[name]
        count = len(tally.latencies)
        total += count
        ms = [v * 1000 for v in tally.latencies]
        print(
            f"{name:<12} {count:>8} {count / wall:>7.1f} {percentile(ms, 0.5):>8.0f} "
            f"{percentile(ms, 0.95):>8.0f} {percentile(ms, 0.99):>8.0f} {tally.errors:>7}  "
            f"{dict(sorted(tally.statuses.items()))}"
        )
    all_ms = [v * 1000 for name in names for v in tallies[name].latencies]
    print(
        f"{'all':<12} {total:>8} {total / wall:>7.1f} {percentile(all_ms, 0.5):>8.0f} "
        f"{percentile(all_ms, 0.95):>8.0f} {percentile(all_ms, 0.99):>8.0f}"
    )
    print(f"clients never answered during the run: {served.count(False)} of {args.clients}")
    if all_ms:
        print(f"median latency: {statistics.median(all_ms):.0f} ms")


if __name__ == "__main__":
    main()
