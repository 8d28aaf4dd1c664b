"""One job end to end on a real Celery worker and Redis (127.0.0.1:6379), not eager mode.

A referral to another organisation, made in one process, produces (through `waspada worker`,
another process) an in-app notification for the receiving users and an .eml file in the
outbox holding the case code and no personal field. Skipped without Redis, except in CI.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from tests.case_fixtures import PERSON, SECRETS
from tests.waspada_processes import cli, process_env

REDIS = ("127.0.0.1", 6379)

SCRIPT = """
import django, json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "waspada.config.settings"
django.setup()
from waspada.accounts.models import Organisation, User
from waspada.cases.models import ConsentKind
from waspada.cases.services import case_register, consent_record
from waspada.referrals.services import referral_create
iom = Organisation.objects.create(name="IOM", type="international")
ngo = Organisation.objects.create(name="NGO", type="ngo_legal_aid")
cw = User.objects.create(username="cw", role="caseworker", organisation=iom)
User.objects.create(username="cw.ngo", role="caseworker", organisation=ngo, email="cw@ngo.example")
case = case_register(actor=cw, data=json.loads(sys.argv[1]))
consent_record(case=case, kind=ConsentKind.SHARING, granted=True, actor=cw)
referral_create(actor=cw, case=case, to_organisation=ngo.pk, service_type="shelter")
print(case.code)
"""

CHECK = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "waspada.config.settings"
django.setup()
from waspada.notifications.models import Notification
print(",".join(f"{n.user.username}:{n.kind}:{n.email}" for n in Notification.objects.all()))
"""


def redis_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture
def redis_or_skip() -> None:
    if not redis_up():
        if os.environ.get("CI"):
            pytest.fail("CI must run Redis at 127.0.0.1:6379 (see .ci/run)")
        pytest.skip("no Redis at 127.0.0.1:6379")


def wait_for(predicate, seconds: float = 60.0, every: float = 0.2) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def test_a_referral_notifies_through_a_real_worker(redis_or_skip, tmp_path: Path) -> None:
    data = tmp_path / "data"
    outbox = data / "outbox"
    # A database of Redis's own for this test, emptied first: no stale job reaches the worker.
    broker = "redis://127.0.0.1:6379/13"
    redis.Redis.from_url(broker).flushdb()
    env = {"WASPADA_BROKER_URL": broker}
    assert cli(["manage", "migrate", "-v", "0"], data, **env).returncode == 0
    worker = subprocess.Popen(
        [sys.executable, "-m", "waspada", "worker", "--concurrency", "1"],
        env=process_env(data, **env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        made = subprocess.run(
            [sys.executable, "-c", SCRIPT, json.dumps(PERSON)],
            env=process_env(data, **env), capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        code = made.stdout.strip().splitlines()[-1]
        assert wait_for(lambda: any(outbox.glob("*.eml")), 90), "the worker sent no e-mail"
        (mail,) = [p.read_text() for p in outbox.glob("*.eml")]
        assert code in mail
        assert "cw@ngo.example" in mail
        for secret in SECRETS:
            assert secret not in mail
        check = subprocess.run([sys.executable, "-c", CHECK], env=process_env(data, **env),
                               capture_output=True, text=True, check=False, timeout=60)  # fmt: skip
        assert check.stdout.strip() == "cw.ngo:referral_received:sent"
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            output, _ = worker.communicate()
    assert "waspada.jobs.run" in output  # the job went through Celery, not in-process
