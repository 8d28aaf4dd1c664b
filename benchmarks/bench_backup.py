"""Benchmark of ``waspada backup`` and of the key ring's rotation check.

Generates a SQLite installation with ``--cases`` synthetic cases (``waspada demo`` and
``waspada demo-data``), then prints the median of ``--runs`` runs of ``backup create``,
``backup verify`` and ``backup restore`` (into a fresh data folder each time, as real
processes), the database and backup sizes and their ratio. Then, in process, the median cost
of one ``privacy.keyring()`` call (which stats the key files to notice a rotation) against the
cached key ring alone.

    python benchmarks/bench_backup.py [--cases 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _waspada(data_dir: Path, *args: str) -> float:
    env = {**os.environ, "WASPADA_DATA_DIR": str(data_dir), "WASPADA_DEMO": "1"}
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "waspada", *args], env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"waspada {' '.join(args)} failed: {result.stderr}")
    return elapsed


def _keyring_cost(data_dir: Path, calls: int = 20000) -> tuple[float, float]:
    os.environ["WASPADA_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.config.settings")
    import django

    django.setup()
    from django.conf import settings

    from waspada.privacy import services

    base = (settings.MASTER_KEY, tuple(settings.MASTER_KEYS_PREVIOUS))
    runs = []
    for function in (services.keyring, lambda: services._keyring(*base)):
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(calls):
                function()
            samples.append((time.perf_counter() - started) / calls * 1e6)
        runs.append(statistics.median(samples))
    return runs[0], runs[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        root = Path(tmp)
        source = root / "source"
        _waspada(source, "demo")
        generated = _waspada(source, "demo-data", "--cases", str(args.cases), "--seed", "1")
        print(f"generated {args.cases} cases in {generated:.1f} s")
        timings: dict[str, list[float]] = {"create": [], "verify": [], "restore": []}
        for run in range(args.runs):
            backup = root / f"run{run}.backup"
            timings["create"].append(_waspada(source, "backup", "create", "--out", str(backup)))
            timings["verify"].append(_waspada(source, "backup", "verify", str(backup)))
            target = root / f"target{run}"
            shutil.copytree(source / "keys", target / "keys")
            timings["restore"].append(
                _waspada(target, "backup", "restore", str(backup), "--no-ledger")
            )
        database = (source / "waspada.sqlite3").stat().st_size
        size = backup.stat().st_size
        for name, values in timings.items():
            print(f"backup {name:<8} median {statistics.median(values):6.2f} s  (runs: "
                  + ", ".join(f"{v:.2f}" for v in values) + ")")  # fmt: skip
        print(f"database {database / 1e6:.1f} MB, backup {size / 1e6:.1f} MB "
              f"(ratio {size / database:.2f})")  # fmt: skip
        with_check, cached = _keyring_cost(source)
        print(f"privacy.keyring(): median {with_check:.2f} µs per call with the rotation check, "
              f"{cached:.2f} µs cached ring alone")  # fmt: skip


if __name__ == "__main__":
    main()
