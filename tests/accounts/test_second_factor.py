"""Two-factor sign-in: who must enrol (from the matrix), enrolment, verification, recovery
codes, demo exemption and reset. These tests sign in through the real second factor."""

from __future__ import annotations

import re
import time

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser import totp
from tests.conftest import PASSWORD
from waspada.accounts import second_factor
from waspada.accounts.models import ApiToken
from waspada.accounts.permissions import MATRIX, PERSONAL_DATA, second_factor_required
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent

pytestmark = pytest.mark.second_factor

LOGIN = "/akun/login/"
ENROL = "/akun/dua-langkah/daftar/"
VERIFY = "/akun/dua-langkah/"
REQUIRED = sorted(role for role in Role if second_factor_required(role))
OPTIONAL = sorted(role for role in Role if not second_factor_required(role))
# One page per role holding personal data (a case list, a legal list, the triage queue, admin).
PERSONAL_PAGE = {
    Role.ADMIN: "/administrasi/",
    Role.SUPERVISOR: "/perlindungan/",
    Role.CASEWORKER: "/perlindungan/",
    Role.LEGAL_OFFICER: "/penegakan-hukum/",
    Role.DUTY_OFFICER: "/lapor/antrean/",
}


@pytest.fixture(autouse=True)
def _no_wait_after_a_wrong_code(settings):  # type: ignore[no-untyped-def]
    # django-otp makes each wrong code double the wait before the next try; tests that type a
    # wrong code and then the right one at once turn that off (test_wrong_codes_are_throttled).
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def test_required_roles_come_from_the_matrix():
    derived = {role for role in Role if any(role in MATRIX[p] for p in PERSONAL_DATA)}
    assert set(REQUIRED) == derived
    assert {Role.CASEWORKER, Role.SUPERVISOR, Role.LEGAL_OFFICER, Role.ADMIN} <= derived
    assert Role.ANALYST not in derived


def _sign_in(client, username):  # type: ignore[no-untyped-def]
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize("role", REQUIRED)
def test_personal_data_roles_cannot_open_a_page_before_enrolling(client, make_user, role):
    make_user("u", role)
    _sign_in(client, "u")
    page = PERSONAL_PAGE[role]
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)
    assert "next=" in response["Location"]
    # and cannot create an API token either
    response = client.post("/akun/token/", {"name": "laptop"})
    assert response.status_code == 302 and response["Location"].startswith(ENROL)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", OPTIONAL)
def test_other_roles_may_skip_enrolment_but_get_no_token_without_it(client, make_user, role):
    make_user("u", role)
    _sign_in(client, "u")
    assert client.get("/dasbor/").status_code == 200
    assert client.post("/akun/token/", {"name": "laptop"}).status_code == 403
    assert not ApiToken.objects.exists()


def _next_code(secret: str) -> str:
    return totp(secret, at=time.time() + 30)


def _enrol(client):  # type: ignore[no-untyped-def]
    page = client.get(ENROL).text
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page)
    assert secret is not None
    response = client.post(ENROL, {"token": totp(secret.group(1))})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.text)
    return secret.group(1), codes


def test_enrolment_shows_recovery_codes_once_and_opens_the_pages(client, make_user):
    user = make_user("cw", Role.CASEWORKER)
    _sign_in(client, "cw")
    assert client.post(ENROL, {"token": "000000"}).status_code == 200  # wrong: stays
    assert not second_factor.is_enrolled(user)
    _secret, codes = _enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/perlindungan/").status_code == 200
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "accounts.second_factor.enrol_failed" in actions
    assert "accounts.second_factor.enrolled" in actions
    # The codes are never shown again: the security page does not list them.
    page = client.get("/akun/").text
    assert not any(code in page for code in codes)
    # Once enrolled, the enrolment page does not hand out a new secret to a verified session
    # without confirming it, and the old device keeps working.
    token = client.post("/akun/token/", {"name": "laptop"})
    assert token.status_code == 200 and "wsp_" in token.text


def test_next_login_asks_for_the_code_and_a_recovery_code_works_once(client, make_user):
    make_user("cw", Role.CASEWORKER)
    _sign_in(client, "cw")
    secret, codes = _enrol(client)
    client.post("/akun/logout/")
    _sign_in(client, "cw")
    response = client.get("/perlindungan/")
    assert response["Location"].startswith(VERIFY)
    wrong = client.post(VERIFY, {"token": "123456", "next": "/perlindungan/"})
    assert wrong.status_code == 200 and "Kode salah" in wrong.text
    # The code used at enrolment cannot be replayed: the next one (within the allowed drift).
    right = client.post(VERIFY, {"token": _next_code(secret), "next": "/perlindungan/"})
    assert right.status_code == 302 and right["Location"] == "/perlindungan/"
    assert client.get("/perlindungan/").status_code == 200
    # A recovery code, in a new session: works once, then never again.
    for expected in (302, 200):
        client.post("/akun/logout/")
        _sign_in(client, "cw")
        response = client.post(VERIFY, {"token": codes[0]})
        assert response.status_code == expected
    event = AuditEvent.objects.filter(action="accounts.second_factor.verified").last()
    assert event is not None and event.details == {"method": "recovery"}
    assert codes[0] not in str(list(AuditEvent.objects.values_list("details", flat=True)))


def test_external_next_is_not_followed(client, make_user):
    make_user("cw", Role.CASEWORKER)
    _sign_in(client, "cw")
    secret, _codes = _enrol(client)
    client.post("/akun/logout/")
    _sign_in(client, "cw")
    response = client.post(VERIFY, {"token": _next_code(secret), "next": "https://evil.example/"})
    assert response["Location"] == "/dasbor/"


def test_demo_users_are_exempt_in_demo_mode_only(client, make_user, settings):
    user = make_user("cw.demo", Role.CASEWORKER, is_demo=True)
    settings.DEMO_MODE = True
    assert not second_factor.is_required(user)
    _sign_in(client, "cw.demo")
    assert client.get("/perlindungan/").status_code == 200
    settings.DEMO_MODE = False
    assert second_factor.is_required(user)


def test_reset_removes_devices_and_ends_tokens_and_sessions(client, make_user):
    admin = make_user("admin", Role.ADMIN)
    user = make_user("cw", Role.CASEWORKER)
    _sign_in(client, "cw")
    _enrol(client)
    token_create(user=user, name="laptop")
    second_factor.second_factor_reset(user=user, actor=admin, reason="lost phone")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert ApiToken.objects.get(user=user).revoked_reason == "second_factor_reset"
    response = client.get("/perlindungan/")  # the session ended too
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    event = AuditEvent.objects.get(action="accounts.second_factor.reset")
    assert event.actor_id == admin.pk and event.details == {"reason": "lost phone"}


def test_wrong_codes_are_throttled(client, make_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    settings.OTP_STATIC_THROTTLE_FACTOR = 60
    make_user("cw", Role.CASEWORKER)
    _sign_in(client, "cw")
    secret, _codes = _enrol(client)
    client.post("/akun/logout/")
    _sign_in(client, "cw")
    client.post(VERIFY, {"token": "123456"})
    # The right code right after a wrong one is refused while the device waits.
    assert client.post(VERIFY, {"token": _next_code(secret)}).status_code == 200
    assert client.get("/perlindungan/")["Location"].startswith(VERIFY)
