"""A Celery worker killed (SIGKILL) in the middle of a job: nothing is lost.

Real processes, real Redis (127.0.0.1:6379): a bulk screening of 6,000 JSON lines starts on one
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
import subprocess
import sys
from pathlib import Path

import redis

from tests.waspada_processes import cli, process_env
from tests.workbench.test_real_worker import redis_or_skip, wait_for  # noqa: F401

LINES = 6000

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

STATE = """
import django, json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "waspada.config.settings"
django.setup()
from waspada.jobs.models import Job
job = Job.objects.get(pk=int(sys.argv[1]))
print(json.dumps({"state": job.state, "done": job.progress_done, "attempts": job.attempts,
                  "result": job.result, "folder": job.params["folder"]}))
"""


def _worker(data: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "waspada", "worker", "--concurrency", "1"],
        env=process_env(data, **env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )  # fmt: skip


def _state(data: Path, env: dict[str, str], job: str) -> dict:  # type: ignore[type-arg]
    run = subprocess.run([sys.executable, "-c", STATE, job], env=process_env(data, **env),
                         capture_output=True, text=True, check=False, timeout=60)  # fmt: skip
    assert run.returncode == 0, run.stderr
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


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
        assert wait_for(lambda: _state(data, env, job)["done"] > 0, 120), "the job never ran"
        _stop(first, signal.SIGKILL)  # the whole group: the worker and its pool process
        killed = _state(data, env, job)
        assert killed["state"] == "running" and killed["attempts"] == 1
        assert 0 < killed["done"] < LINES, "the job must be killed mid-way"
        second = _worker(data, env)
        assert wait_for(lambda: _state(data, env, job)["state"] == "done", 180), _stop(second)
        finished = _state(data, env, job)
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
