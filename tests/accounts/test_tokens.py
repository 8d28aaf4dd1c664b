"""API tokens expire, can be revoked (page and CLI) and end with a password change; a user
sees their sessions and ends any; a password change ends the other sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from tests.conftest import PASSWORD
from waspada.accounts.models import ApiToken, UserSession
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create, token_revoke
from waspada.audit.models import AuditEvent
from waspada.cli import main as cli_main


@pytest.fixture(autouse=True)
def _language_kept():  # type: ignore[no-untyped-def]
    # The command line switches to English for its output; keep other tests in Indonesian.
    with translation.override(translation.get_language()):
        yield


def _me(client: Client, token: str) -> int:
    return client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def test_token_expires_after_the_configured_days(client, make_user, settings):
    settings.WASPADA_TOKEN_DAYS = 7
    user = make_user("cw", Role.CASEWORKER)
    token = token_create(user=user, name="laptop")
    stored = ApiToken.objects.get()
    assert timedelta(days=6, hours=23) < stored.expires_at - timezone.now() <= timedelta(days=7)
    assert _me(client, token) == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _me(client, token) == 401


def test_default_lifetime_is_90_days(make_user):
    token_create(user=make_user("cw", Role.CASEWORKER))
    lifetime = ApiToken.objects.get().expires_at - timezone.now()
    assert timedelta(days=89) < lifetime <= timedelta(days=90)


def test_revoked_token_gets_401_and_last_use_is_recorded(client, make_user):
    user = make_user("cw", Role.CASEWORKER)
    token = token_create(user=user)
    assert (
        client.get(
            "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR="10.1.2.3"
        ).status_code
        == 200
    )
    stored = ApiToken.objects.get()
    assert stored.last_used_at is not None and stored.last_used_ip == "10.1.2.3"
    token_revoke(api_token=stored, actor=user)
    assert _me(client, token) == 401
    assert AuditEvent.objects.get(action="accounts.token.revoked").details == {"reason": "revoked"}


def test_owner_lists_creates_and_revokes_tokens_on_their_page(client, make_user):
    user = make_user("cw", Role.CASEWORKER)
    other = make_user("cw2", Role.CASEWORKER)
    foreign = token_create(user=other, name="theirs")
    client.force_login(user)
    created = client.post("/akun/token/", {"name": "laptop"})
    assert created.status_code == 200
    token = created.text.split('id="new-token" class="secret">')[1].split("<")[0]
    assert _me(client, token) == 200
    page = client.get("/akun/").text
    assert "laptop" in page and "theirs" not in page and token not in page
    mine = ApiToken.objects.get(user=user)
    theirs = ApiToken.objects.get(user=other)
    confirmed = {"confirmed": "1"}
    assert client.post(f"/akun/token/{theirs.pk}/cabut/", confirmed).status_code == 404
    assert _me(client, foreign) == 200
    asked = client.post(f"/akun/token/{mine.pk}/cabut/")  # the confirmation step
    assert asked.status_code == 200 and _me(client, token) == 200
    assert client.post(f"/akun/token/{mine.pk}/cabut/", confirmed).status_code == 302
    assert _me(client, token) == 401


def test_password_change_ends_tokens_and_other_sessions(make_user):
    user = make_user("cw", Role.CASEWORKER)
    token = token_create(user=user)
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)
    assert elsewhere.get("/akun/").status_code == 200
    response = here.post(
        "/akun/password/",
        {"old_password": PASSWORD, "new_password1": "a long new passphrase",
         "new_password2": "a long new passphrase"},
    )  # fmt: skip
    assert response.status_code == 302
    assert _me(Client(), token) == 401
    assert ApiToken.objects.get().revoked_reason == "password_changed"
    assert here.get("/akun/").status_code == 200  # this session goes on
    gone = elsewhere.get("/akun/")
    assert gone.status_code == 302 and gone["Location"].startswith("/akun/login/")
    assert UserSession.objects.filter(user=user).count() == 1


def test_user_sees_own_sessions_and_ends_another(make_user):
    user = make_user("cw", Role.CASEWORKER)
    stranger = make_user("cw2", Role.CASEWORKER)
    here, phone, theirs = Client(), Client(), Client()
    here.force_login(user)
    phone.force_login(user)
    theirs.force_login(stranger)
    page = here.get("/akun/").text
    assert page.count("/akun/sesi/") == 1  # one other session to end; this one is marked
    other = UserSession.objects.exclude(session_key=here.session.session_key).get(user=user)
    foreign = UserSession.objects.get(user=stranger)
    assert here.post(f"/akun/sesi/{foreign.pk}/akhiri/").status_code == 403
    assert theirs.get("/akun/").status_code == 200
    assert here.post(f"/akun/sesi/{other.pk}/akhiri/").status_code == 302
    assert phone.get("/akun/").status_code == 302
    assert here.get("/akun/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.session.ended").count() == 1


def test_cli_token_revoke_by_prefix_and_by_user(make_user, capsys):
    user = make_user("cw", Role.CASEWORKER)
    first, second = token_create(user=user), token_create(user=user)
    assert cli_main(["token", "revoke", first[:10]]) == 0
    assert _me(Client(), first) == 401 and _me(Client(), second) == 200
    assert cli_main(["token", "revoke", "--user", "cw"]) == 0
    assert _me(Client(), second) == 401
    assert cli_main(["token", "list", "cw"]) == 0
    assert capsys.readouterr().out.count("revoked_by_operator") == 2
