"""Login, logout, failed logins, demo accounts, password change and idle expiry."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.conftest import PASSWORD
from waspada.accounts.models import User
from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.demodata.seed_accounts import DEMO_PASSWORD, DEMO_USERS, demo_load

LOGIN = "/akun/login/"


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


def test_login_success_redirects_and_is_audited(client, make_user):
    user = make_user("cw", Role.CASEWORKER)
    response = client.post(LOGIN, {"username": "cw", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"
    event = AuditEvent.objects.get(action="accounts.user.login")
    assert event.actor_id == user.pk
    assert event.organisation_id == user.organisation_id
    assert event.ip == "127.0.0.1"


@pytest.mark.parametrize(("username", "password"), [("cw", "wrong-password"), ("nobody", PASSWORD)])
def test_failed_login_gives_one_generic_message_and_is_audited(
    client, make_user, username, password
):
    make_user("cw", Role.CASEWORKER)
    response = client.post(LOGIN, {"username": username, "password": password})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah, atau akun tidak aktif." in response.text
    event = AuditEvent.objects.get(action="accounts.user.login_failed")
    assert event.actor_id is None
    assert event.details == {"reason": "invalid_credentials"}
    assert username not in str(event.details)


THROTTLED = "Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit, lalu coba lagi."


def test_failed_logins_lock_the_account_for_the_window(client, make_user, settings):
    settings.WASPADA_LOGIN_FAILURES_PER_ACCOUNT = 3
    make_user("cw", Role.CASEWORKER)
    for _ in range(3):
        response = client.post(LOGIN, {"username": "cw", "password": "wrong-password"})
        assert THROTTLED not in response.text
    # Now even the right password is refused without being checked, and that is audited.
    response = client.post(LOGIN, {"username": " CW", "password": PASSWORD})
    assert response.status_code == 200 and THROTTLED in response.text
    assert "_auth_user_id" not in client.session
    assert _actions().count("accounts.user.login_failed") == 3
    event = AuditEvent.objects.get(action="accounts.user.login_throttled")
    assert event.details == {"reason": "too_many_failures", "count": 1}
    assert event.ip == "127.0.0.1"
    # Another account from another address is not affected.
    make_user("sup", Role.SUPERVISOR)
    other = client.post(LOGIN, {"username": "sup", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_failed_logins_across_accounts_lock_the_address(client, make_user, settings):
    settings.WASPADA_LOGIN_FAILURES_PER_ADDRESS = 4
    make_user("cw", Role.CASEWORKER)
    for number in range(4):
        client.post(LOGIN, {"username": f"guess{number}", "password": "x"})
    response = client.post(LOGIN, {"username": "cw", "password": PASSWORD})
    assert THROTTLED in response.text
    elsewhere = client.post(LOGIN, {"username": "cw", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert elsewhere.status_code == 302


def test_a_flood_of_bad_logins_is_aggregated_in_the_audit_trail(client, db):
    """300 anonymous bad logins from one address: the 30 failures the address is allowed are
    rows of their own; the 270 refusals after them are counted, not written one by one: one
    row at the first refusal, then one each time the count reaches 10, 100, 1000…"""
    for number in range(300):
        response = client.post(LOGIN, {"username": f"nobody{number}", "password": "x"})
    assert THROTTLED in response.text
    assert _actions().count("accounts.user.login_failed") == 30
    throttled = AuditEvent.objects.filter(action="accounts.user.login_throttled").order_by("seq")
    assert [(e.details["count"], e.ip) for e in throttled] == [
        (1, "127.0.0.1"), (10, "127.0.0.1"), (100, "127.0.0.1"),
    ]  # fmt: skip
    assert AuditEvent.objects.count() == 33  # 300 before
    # Another address is counted on its own.
    for number in range(31):
        client.post(LOGIN, {"username": f"x{number}", "password": "x"}, REMOTE_ADDR="10.0.0.5")
    other = AuditEvent.objects.filter(action="accounts.user.login_throttled", ip="10.0.0.5")
    assert [e.details["count"] for e in other] == [1]


def test_the_lock_ends_with_the_window(client, make_user, settings, monkeypatch):
    settings.WASPADA_LOGIN_FAILURES_PER_ACCOUNT = 1
    make_user("cw", Role.CASEWORKER)
    client.post(LOGIN, {"username": "cw", "password": "wrong-password"})
    assert THROTTLED in client.post(LOGIN, {"username": "cw", "password": PASSWORD}).text
    later = time.time() + 15 * 60
    monkeypatch.setattr("waspada.ratelimit.time.time", lambda: later)
    assert client.post(LOGIN, {"username": "cw", "password": PASSWORD}).status_code == 302


def test_the_cache_holds_no_username(client, make_user):
    from django.core.cache import cache

    make_user("cw", Role.CASEWORKER)
    client.post(LOGIN, {"username": "cw", "password": "wrong-password"})
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]  (local-memory cache)
    assert any("login-account" in key for key in keys)
    assert not any(":cw:" in key or key.endswith(":cw") for key in keys)


def test_inactive_user_gets_the_same_message(client, make_user):
    make_user("gone", Role.CASEWORKER, is_active=False)
    response = client.post(LOGIN, {"username": "gone", "password": PASSWORD})
    assert "Nama pengguna atau kata sandi salah, atau akun tidak aktif." in response.text
    assert "_auth_user_id" not in client.session


def test_logout_is_audited_and_requires_post(client, make_user):
    user = make_user("cw", Role.CASEWORKER)
    client.force_login(user)
    assert client.get("/akun/logout/").status_code == 405
    response = client.post("/akun/logout/")
    assert response.status_code == 302
    assert "accounts.user.logout" in _actions()
    assert client.get("/dasbor/").status_code == 302


def test_every_demo_user_can_log_in_in_demo_mode(client, settings, db):
    settings.DEMO_MODE = True
    demo_load()
    for demo in DEMO_USERS:
        response = client.post(LOGIN, {"username": demo.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, demo.username
        assert client.get("/dasbor/").status_code == 200
        client.post("/akun/logout/")


def test_demo_accounts_are_refused_outside_demo_mode(client, settings, db):
    settings.DEMO_MODE = False
    demo_load()
    response = client.post(LOGIN, {"username": "cw.iom", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_demo_load_is_idempotent_and_matches_the_issue(db):
    assert demo_load() == (6, 12)
    assert demo_load() == (0, 0)
    expected = {
        "admin": (Role.ADMIN, "IOM Indonesia"),
        "sup.iom": (Role.SUPERVISOR, "IOM Indonesia"),
        "cw.iom": (Role.CASEWORKER, "IOM Indonesia"),
        "legal.lbh": (Role.LEGAL_OFFICER, "LBH Pelita Keadilan (demo)"),
        "prog.iom": (Role.PROGRAMME_OFFICER, "IOM Indonesia"),
        "analyst": (Role.ANALYST, "IOM Indonesia"),
        "piket.iom": (Role.DUTY_OFFICER, "IOM Indonesia"),
        # the hand-over chain KBRI → KP2MI → UPTD PPA (issue 15)
        "cw.kbri": (Role.CASEWORKER, "KBRI Phnom Penh (demo)"),
        "cw.kp2mi": (Role.CASEWORKER, "UPT KP2MI Jakarta (demo)"),
        "sup.kp2mi": (Role.SUPERVISOR, "UPT KP2MI Jakarta (demo)"),
        "cw.ppa": (Role.CASEWORKER, "UPTD PPA Jawa Barat (demo)"),
    }
    for username, (role, org) in expected.items():
        user = User.objects.get(username=username)
        assert (user.role, user.organisation.name, user.is_demo) == (role, org, True)
    assert User.objects.get(username="cw.ngo").organisation.type == "ngo_legal_aid"
    assert User.objects.count() == 12


def test_password_change_validates_and_audits(client, make_user):
    user = make_user("cw", Role.CASEWORKER)
    client.force_login(user)
    url = "/akun/password/"
    bad = client.post(url, {"old_password": "nope", "new_password1": "x", "new_password2": "y"})
    assert bad.status_code == 200
    assert "Kata sandi lama salah." in bad.text
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    new = "sungai-batu-merah-42"
    ok = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert ok.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert "accounts.user.password_changed" in _actions()
    assert client.get("/dasbor/").status_code == 200  # still logged in after the change


def test_session_expires_after_inactivity(client, make_user, settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    client.force_login(make_user("cw", Role.CASEWORKER))
    assert client.get("/dasbor/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/dasbor/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
