"""Benchmark of the screening engine on a generated 10,000-message corpus.

Prints messages per second (one process, median of ``--repeats`` runs, and with a worker pool), p50/p99 latency per message
with full explanations (``Assessment.to_dict()``), model load time and peak memory. The
single-process figure is also given in CPU time (``time.process_time``), which a shared,
loaded machine disturbs far less than the wall clock.
The corpus is generated deterministically from the shipped training corpus: each message
joins one to three examples, with numbers, case and spacing varied, so lengths range from a
short chat line to a long ad.

    python benchmarks/bench_screening.py [--n 10000] [--workers 2] [--model-dir DIR] [--cv]

``--cv`` also prints the grouped cross-validation figures of every design on the corpus
(``benchmarks/cv_screening.py``; needs the 'train' extra and several minutes).

The model is the one shipped in the package unless ``--model-dir`` names another; nothing is
trained, so the benchmark needs no 'train' extra.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from waspada.screening import Screener, shipped_model_dir
from waspada.screening.corpus import corpus_files, default_corpus_dir, load_examples


def make_corpus(n: int, seed: int = 7) -> list[str]:
    """Return ``n`` messages built deterministically from the shipped corpus."""
    rng = random.Random(seed)
    base = [e.text for f in corpus_files(default_corpus_dir()) for e in load_examples(f)]
    out = []
    for _ in range(n):
        parts = rng.sample(base, rng.choice((1, 1, 1, 2, 3)))
        text = "\n".join(parts)
        text = re.sub(r"\d", lambda _m: str(rng.randint(0, 9)), text)
        if rng.random() < 0.2:
            text = text.lower()
        out.append(text[:20_000])
    return out


_COLD = (
    "import time; t0 = time.perf_counter()\n"
    "from waspada.screening import Screener\n"
    "t1 = time.perf_counter(); Screener({!r}, fallback=False); t2 = time.perf_counter()\n"
    "print(round((t1 - t0) * 1000), round((t2 - t1) * 1000))"
)
_WORKER: Screener | None = None


def _init(model_dir: str) -> None:
    global _WORKER
    _WORKER = Screener(model_dir, fallback=False)


def _screen_chunk(texts: list[str]) -> int:
    assert _WORKER is not None
    for t in texts:
        json.dumps(_WORKER.screen(t).to_dict(), ensure_ascii=False)
    return len(texts)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    p.add_argument("--model-dir", type=Path, default=None)
    p.add_argument("--repeats", type=int, default=3, help="single-process runs (median)")
    p.add_argument(
        "--cv",
        action="store_true",
        help="also print the grouped cross-validation figures (cv_screening.py, slow)",
    )
    args = p.parse_args(argv)
    model_dir = args.model_dir or shipped_model_dir()
    texts = make_corpus(args.n)
    chars = sum(map(len, texts))
    print(f"corpus: {len(texts)} messages, mean {chars / len(texts):.0f} characters")

    cold = subprocess.run(
        [sys.executable, "-c", _COLD.format(str(model_dir))], capture_output=True, text=True
    ).stdout.split()
    print(f"cold start in a new process: imports {cold[0]} ms, rules + model load {cold[1]} ms")
    t0 = time.perf_counter()
    screener = Screener(model_dir, fallback=False)
    load_s = time.perf_counter() - t0
    print(f"model load (warm process): {load_s * 1000:.0f} ms ({screener.model.version})")

    rates, cpu_rates, lat = [], [], []
    for _ in range(args.repeats):
        lat = []
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            s = time.perf_counter()
            json.dumps(screener.screen(t).to_dict(), ensure_ascii=False)
            lat.append(time.perf_counter() - s)
        single, cpu = time.perf_counter() - t0, time.process_time() - c0
        rates.append(len(texts) / single)
        cpu_rates.append(len(texts) / cpu)
    q = statistics.quantiles(lat, n=100)
    print(
        f"single process, median of {args.repeats} runs: {statistics.median(rates):.0f} "
        f"messages/s ({statistics.median(cpu_rates):.0f} messages per CPU second; runs "
        + " / ".join(f"{r:.0f}" for r in rates)
        + ")"
    )
    print(f"latency per message (last run): p50 {q[49] * 1000:.2f} ms, p99 {q[98] * 1000:.2f} ms")

    # Memory is measured in a separate pass: tracing slows everything down.
    tracemalloc.start()
    traced = Screener(model_dir, fallback=False)
    for t in texts[:2000]:
        traced.screen(t).to_dict()
    _, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced Python memory (load + 2,000 messages): {peak_traced / 2**20:.1f} MiB")

    # Worker pool, as used by `waspada screen --workers N`.
    chunks = [texts[i : i + 200] for i in range(0, len(texts), 200)]
    with ProcessPoolExecutor(args.workers, initializer=_init, initargs=(str(model_dir),)) as ex:
        list(ex.map(_screen_chunk, chunks[: args.workers]))  # warm the workers up
        t0 = time.perf_counter()
        done = sum(ex.map(_screen_chunk, chunks))
        pooled = time.perf_counter() - t0
    print(f"{args.workers} workers: {done / pooled:.0f} messages/s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the main process: {rss:.0f} MiB")
    if args.cv:
        sys.path.insert(0, str(Path(__file__).parent))
        import cv_screening

        cv_screening.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
