"""User and organisation administration on pages: who manages whom, deactivation instead of
deletion, resets with a reason (audited), last login shown, organisations by platform admins."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from tests.conftest import PASSWORD
from waspada.accounts.models import ApiToken, Organisation, User
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent


@pytest.fixture
def platform_admin(make_user):  # type: ignore[no-untyped-def]
    return make_user("root", Role.ADMIN, is_platform_admin=True)


def _in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_org_admin_creates_a_user_in_own_org_with_a_temporary_password(make_user, org_ngo):
    admin = make_user("admin.iom", Role.ADMIN)
    client = _in(admin)
    response = client.post(
        "/administrasi/pengguna/",
        {"username": "cw.new", "organisation": admin.organisation_id, "role": "caseworker"},
    )
    assert response.status_code == 200
    password = response.text.split('id="temporary-password" class="secret">')[1].split("<")[0]
    user = User.objects.get(username="cw.new")
    assert user.role == Role.CASEWORKER and user.check_password(password)
    event = AuditEvent.objects.get(action="accounts.user.created")
    assert event.actor_id == admin.pk and password not in str(event.details)
    # not in another organisation
    client.post(
        "/administrasi/pengguna/",
        {"username": "cw.other", "organisation": org_ngo.pk, "role": "caseworker"},
    )
    assert not User.objects.filter(username="cw.other").exists()


def test_org_admin_sees_only_own_users_and_platform_admin_all(make_user, org_ngo, platform_admin):
    admin = make_user("admin.iom", Role.ADMIN)
    make_user("cw.iom", Role.CASEWORKER)
    stranger = make_user("cw.ngo", Role.CASEWORKER, organisation=org_ngo)
    page = _in(admin).get("/administrasi/pengguna/").text
    assert "cw.iom" in page and "cw.ngo" not in page and "root" not in page
    assert _in(admin).get(f"/administrasi/pengguna/{stranger.pk}/").status_code == 403
    page = _in(platform_admin).get("/administrasi/pengguna/").text
    assert "cw.iom" in page and "cw.ngo" in page


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_other_roles_cannot_manage_users(make_user, role):
    user = make_user("u", role)
    assert _in(user).get("/administrasi/pengguna/").status_code == 403


def test_deactivation_needs_a_reason_keeps_the_user_and_ends_access(make_user):
    admin = make_user("admin.iom", Role.ADMIN)
    user = make_user("cw", Role.CASEWORKER)
    token = token_create(user=user)
    theirs = _in(user)
    client = _in(admin)
    client.post(f"/administrasi/pengguna/{user.pk}/nonaktifkan/", {"reason": ""})
    user.refresh_from_db()
    assert user.is_active
    client.post(f"/administrasi/pengguna/{user.pk}/nonaktifkan/", {"reason": "left the NGO"})
    user.refresh_from_db()
    assert not user.is_active and User.objects.filter(pk=user.pk).exists()
    assert ApiToken.objects.get().revoked_reason == "deactivated"
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert theirs.get("/dasbor/").status_code == 302
    event = AuditEvent.objects.get(action="accounts.user.deactivated")
    assert event.details == {"reason": "left the NGO"} and event.actor_id == admin.pk


def test_password_reset_with_reason_shows_a_temporary_password_once(make_user):
    admin = make_user("admin.iom", Role.ADMIN)
    user = make_user("cw", Role.CASEWORKER)
    response = _in(admin).post(
        f"/administrasi/pengguna/{user.pk}/atur-ulang-sandi/", {"reason": "forgot it"}
    )
    password = response.text.split('id="temporary-password" class="secret">')[1].split("<")[0]
    user.refresh_from_db()
    assert user.check_password(password) and not user.check_password(PASSWORD)
    assert AuditEvent.objects.get(action="accounts.user.password_reset").details == {
        "reason": "forgot it"
    }


def test_role_and_last_login_on_the_user_page(make_user):
    admin = make_user("admin.iom", Role.ADMIN)
    user = make_user("cw", Role.CASEWORKER)
    Client().post("/akun/login/", {"username": "cw", "password": PASSWORD})
    user.refresh_from_db()
    client = _in(admin)
    page = client.get("/administrasi/pengguna/").text
    client.post(
        f"/administrasi/pengguna/{user.pk}/ubah/",
        {"role": "supervisor", "organisation": admin.organisation_id},
    )
    user.refresh_from_db()
    assert user.role == Role.SUPERVISOR
    shown = date_format(timezone.localtime(user.last_login), "DATETIME_FORMAT")
    assert shown in page and re.search(r"\b\d{1,2} [A-Z][a-z]{2} 20\d\d \d\d:\d\d\b", shown)
    assert AuditEvent.objects.get(action="accounts.user.updated").details == {"role": "supervisor"}


def test_platform_admin_creates_renames_and_deactivates_organisations(platform_admin, make_user):
    admin = make_user("admin.iom", Role.ADMIN)
    assert _in(admin).get("/administrasi/organisasi/").status_code == 403
    client = _in(platform_admin)
    client.post(
        "/administrasi/organisasi/", {"name": "KBRI Yangon", "short_name": "", "type": "embassy"}
    )
    org = Organisation.objects.get(name="KBRI Yangon")
    client.post(f"/administrasi/organisasi/{org.pk}/ubah/", {"name": "KBRI Yangon (Myanmar)"})
    org.refresh_from_db()
    assert org.name == "KBRI Yangon (Myanmar)"
    worker = make_user("cw.kbri", Role.CASEWORKER, organisation=org)
    token = token_create(user=worker)
    client.post(f"/administrasi/organisasi/{org.pk}/ubah/", {"active": "0"})
    org.refresh_from_db()
    assert not org.is_active
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"accounts.organisation.created", "accounts.organisation.renamed",
            "accounts.organisation.deactivated"} <= actions  # fmt: skip
