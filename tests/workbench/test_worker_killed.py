"""A Celery worker killed (SIGKILL) in the middle of a job: nothing is lost.

Real processes, real Redis (127.0.0.1:6379): a bulk screening of 10,000 JSON lines starts on one
`waspada worker`; when it has made progress the worker's whole process group is killed, as
the kernel's OOM killer or a pulled plug would. The job stays *running* (nobody is left to
say otherwise); a new worker takes the message back once its visibility timeout has passed
(here 3 seconds, `WASPADA_BROKER_VISIBILITY_TIMEOUT`), runs the job again from the start and
finishes it: every line screened once in the result, no partial file left behind.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import redis

from tests.waspada_processes import cli, process_env
from tests.workbench.test_real_worker import redis_or_skip, wait_for  # noqa: F401

LINES = 10000

START = """
import django, json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "waspada.config.settings"
django.setup()
from waspada.accounts.models import Organisation, User
from waspada.prevention.bulk import bulk_screen_start
iom = Organisation.objects.create(name="IOM", type="international")
officer = User.objects.create(username="prog", role="programme_officer", organisation=iom)
lines = "\\n".join(json.dumps({"text": f"Lowongan {n}: kerja admin di Phnom Penh, gaji 15 juta, "
                   f"tiket gratis, kirim foto paspor ke WA 0812-3456-{n:04d}"}) for n in range(%d))
job = bulk_screen_start(actor=officer, name="offers.jsonl", content=lines.encode())
print(job.pk)
"""


def _state(data: Path, job: str) -> dict[str, Any]:
    """The job's row, read straight from the SQLite file: fast enough to poll every 50 ms, so
    the worker is killed a few hundred lines in, long before the job could finish."""
    with closing(sqlite3.connect(data / "waspada.sqlite3", timeout=10)) as db:
        row = db.execute(
            "SELECT state, progress_done, attempts, result, params FROM jobs_job WHERE id = ?",
            (int(job),),
        ).fetchone()
    state, done, attempts, result, params = row
    return {
        "state": state, "done": done, "attempts": attempts,
        "result": json.loads(result or "{}"), "folder": json.loads(params)["folder"],
    }  # fmt: skip


def _worker(data: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "waspada", "worker", "--concurrency", "1"],
        env=process_env(data, **env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )  # fmt: skip


def _stop(worker: subprocess.Popen[str], sig: int = signal.SIGTERM) -> str:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, sig)
    try:
        output, _ = worker.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        output, _ = worker.communicate()
    return output


def test_a_job_of_a_killed_worker_is_finished_by_the_next_one(
    redis_or_skip, tmp_path: Path  # noqa: F811
) -> None:  # fmt: skip
    data = tmp_path / "data"
    broker = "redis://127.0.0.1:6379/12"
    redis.Redis.from_url(broker).flushdb()
    env = {"WASPADA_BROKER_URL": broker, "WASPADA_BROKER_VISIBILITY_TIMEOUT": "3"}
    assert cli(["manage", "migrate", "-v", "0"], data, **env).returncode == 0
    first = _worker(data, env)
    second = None
    try:
        made = subprocess.run([sys.executable, "-c", START % LINES], env=process_env(data, **env),
                              capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
        assert made.returncode == 0, made.stderr
        job = made.stdout.strip().splitlines()[-1]
        assert wait_for(lambda: _state(data, job)["done"] > 0, 120, every=0.05), "never ran"
        _stop(first, signal.SIGKILL)  # the whole group: the worker and its pool process
        killed = _state(data, job)
        assert killed["state"] == "running" and killed["attempts"] == 1
        assert 0 < killed["done"] < LINES, "the job must be killed mid-way"
        second = _worker(data, env)
        assert wait_for(lambda: _state(data, job)["state"] == "done", 300), _stop(second)
        finished = _state(data, job)
        assert finished["attempts"] == 2
        assert finished["result"]["screened"] == LINES and finished["result"]["bad_count"] == 0
        folder = data / "jobs" / finished["folder"]
        with open(folder / "result.csv", encoding="utf-8", newline="") as handle:
            numbers = [row[0] for row in csv.reader(handle)][1:]
        assert numbers == [str(n) for n in range(1, LINES + 1)]  # each line once, in order
        assert not list(folder.glob("*.part"))
    finally:
        _stop(first, signal.SIGKILL)
        if second is not None:
            _stop(second)
