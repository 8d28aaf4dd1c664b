"""The client's address behind reverse proxies: believed only from trusted proxies, and seen the
same way by the audit trail, the login throttle and the public screening limit."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent

LOGIN = "/akun/login/"
PROXY = "10.1.2.3"


@pytest.fixture
def behind_proxy(settings):  # type: ignore[no-untyped-def]
    settings.WASPADA_TRUSTED_PROXIES = ["10.0.0.0/8", "::1/128"]
    return settings


def _failed_login_ip(client, **meta: str) -> str | None:  # type: ignore[no-untyped-def]
    client.post(LOGIN, {"username": "nobody", "password": "wrong-password"}, **meta)
    return AuditEvent.objects.filter(action="accounts.user.login_failed").latest("seq").ip


@pytest.mark.django_db
def test_a_trusted_proxy_gives_the_client_address(client, behind_proxy):
    ip = _failed_login_ip(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert ip == "198.51.100.7"


@pytest.mark.django_db
def test_proxies_in_the_trusted_networks_are_skipped_from_the_right(client, behind_proxy):
    # A client's own X-Forwarded-For comes first; each proxy appends the address it saw.
    forwarded = "1.1.1.1, 198.51.100.7, 10.200.0.1"
    ip = _failed_login_ip(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert ip == "198.51.100.7"


@pytest.mark.django_db
def test_an_untrusted_peer_cannot_choose_its_address(client, behind_proxy):
    ip = _failed_login_ip(client, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert ip == "203.0.113.5"


@pytest.mark.django_db
def test_forwarded_headers_are_ignored_when_no_proxy_is_trusted(client, settings):
    settings.WASPADA_TRUSTED_PROXIES = []
    ip = _failed_login_ip(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert ip == PROXY


@pytest.mark.django_db
def test_garbage_from_a_trusted_proxy_stops_at_the_last_known_address(client, behind_proxy):
    forwarded = "198.51.100.7, not-an-address"
    assert _failed_login_ip(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded) == PROXY
    ipv6 = _failed_login_ip(client, REMOTE_ADDR="::1", HTTP_X_FORWARDED_FOR="[2001:db8::7]:443")
    assert ipv6 == "2001:db8::7"


@pytest.mark.django_db
def test_only_a_trusted_proxy_can_say_the_request_came_over_https(client, behind_proxy):
    behind_proxy.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    behind_proxy.SECURE_HSTS_SECONDS = 3600
    spoofed = client.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" not in spoofed.headers
    proxied = client.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert proxied.headers["Strict-Transport-Security"] == "max-age=3600"


def test_the_login_throttle_counts_each_client_behind_the_proxy(client, behind_proxy, make_user):
    behind_proxy.WASPADA_LOGIN_FAILURES_PER_ADDRESS = 2
    make_user("cw", Role.CASEWORKER)
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for number in range(2):
        client.post(LOGIN, {"username": f"guess{number}", "password": "x"}, **attacker)
    locked = client.post(LOGIN, {"username": "cw", "password": PASSWORD}, **attacker)
    assert locked.status_code == 200
    assert AuditEvent.objects.get(action="accounts.user.login_throttled").ip == "198.51.100.66"
    colleague = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    response = client.post(LOGIN, {"username": "cw", "password": PASSWORD}, **colleague)
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="accounts.user.login").ip == "198.51.100.8"


@pytest.mark.django_db
def test_the_public_screening_limit_counts_each_client_behind_the_proxy(client, behind_proxy):
    behind_proxy.WASPADA_SCREEN_RATE_PER_MINUTE = 1
    body = {"text": "Lowongan kerja di Kamboja, gaji 20 juta, tanpa pengalaman."}

    def screen(address: str) -> int:
        return client.post(
            "/api/v1/screen", body, content_type="application/json",
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address,
        ).status_code  # fmt: skip

    assert screen("198.51.100.1") == 200
    assert screen("198.51.100.1") == 429
    assert screen("198.51.100.2") == 200
