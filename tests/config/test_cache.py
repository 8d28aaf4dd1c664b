"""With WASPADA_CACHE_URL every web process counts rate limits together, in a real Redis."""

from __future__ import annotations

import json
import os
import secrets
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from tests.accounts.test_login import THROTTLED
from tests.server import demo_data_dir, waspada_server  # noqa: F401  (fixture)

REDIS = ("127.0.0.1", 6379)


def _need_redis() -> None:
    try:
        socket.create_connection(REDIS, timeout=2).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("Redis is required in CI at 127.0.0.1:6379 (.ci/run starts it)")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")


def _screen(port: int, client: str) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/screen",
        data=json.dumps({"text": "Lowongan admin di Kamboja, gaji 25 juta."}).encode(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": client},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_two_processes_share_the_public_screening_limit(demo_data_dir, tmp_path):  # noqa: F811
    _need_redis()
    # A client address of its own, so that nothing else using this Redis counts with us.
    client = f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"
    shared = {
        "WASPADA_CACHE_URL": "redis://127.0.0.1:6379/1",
        "WASPADA_SCREEN_RATE_PER_MINUTE": "2",
        "WASPADA_TRUSTED_PROXIES": "127.0.0.1",  # the test stands in for the proxy
    }
    with (
        waspada_server(demo_data_dir, tmp_path, **shared) as first,
        waspada_server(demo_data_dir, tmp_path, **shared) as second,
    ):
        # The limit counts per fixed minute: with less than 20 s left in this one, wait for the
        # next, or the four requests can straddle two windows on a slow machine (seen once in
        # CI: 200, not 429).
        left = 60 - time.time() % 60
        if left < 20:
            time.sleep(left + 0.2)
        assert _screen(first.port, client) == 200
        assert _screen(second.port, client) == 200
        assert _screen(first.port, client) == 429
        assert _screen(second.port, client) == 429
        other = client.rsplit(".", 1)[0] + ".0"
        assert _screen(second.port, other) == 200


def test_login_failures_are_counted_in_redis(settings, client, db):
    _need_redis()
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/1",
            "KEY_PREFIX": secrets.token_hex(6),
        }
    }
    settings.WASPADA_LOGIN_FAILURES_PER_ADDRESS = 2
    address = {"REMOTE_ADDR": "192.0.2.44"}
    for number in range(2):
        client.post("/akun/login/", {"username": f"u{number}", "password": "x"}, **address)
    cache = caches.create_connection("default")
    keys = cache._cache.get_client().keys(f"{settings.CACHES['default']['KEY_PREFIX']}:*")  # type: ignore[attr-defined]
    assert any(b"login-address:192.0.2.44" in key for key in keys)
    response = client.post("/akun/login/", {"username": "u9", "password": "x"}, **address)
    assert THROTTLED in response.text
    cache._cache.get_client().delete(*keys)  # type: ignore[attr-defined]


def test_several_processes_serve_one_port(demo_data_dir, tmp_path):  # noqa: F811
    _need_redis()
    shared = {"WASPADA_CACHE_URL": "redis://127.0.0.1:6379/1", "WASPADA_PROCESSES": "3"}
    with waspada_server(demo_data_dir, tmp_path, **shared) as server:
        pid = server.process.pid
        # The port answers once the first child is forked; the others follow (a fork of the
        # loaded application takes a while on a busy machine).
        for _ in range(100):
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            if len(children) >= 3:
                break
            time.sleep(0.1)
        statuses = {_get(server.port, "/healthz") for _ in range(20)}
    assert len(children) == 3
    assert statuses == {200}


def _get(port: int, path: str) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:  # noqa: S310
        return int(response.status)
