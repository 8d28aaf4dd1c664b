"""Shared fixtures: a fixed cast of users, one per role, in two organisations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import OrganisationType, Role

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate limits and login throttles count in the cache: every test starts at zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _private_files_outside_the_database(settings, tmp_path):  # type: ignore[no-untyped-def]
    # Audit anchors and the erasure ledger live outside the database: one per test.
    settings.AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.jsonl"
    settings.ERASURE_LEDGER_FILE = tmp_path / "erasure-ledger.jsonl"


@pytest.fixture(autouse=True)
def _jobs_in_the_test(settings, tmp_path):  # type: ignore[no-untyped-def]
    # Background jobs run eagerly (after commit) and e-mails land in a per-test outbox; only
    # tests/workbench/test_real_worker.py uses a real Celery worker and Redis.
    settings.WASPADA_JOBS_EAGER = True
    settings.WASPADA_BROKER_URL = ""
    settings.WASPADA_OUTBOX_DIR = tmp_path / "outbox"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):  # type: ignore[no-untyped-def]
    # PBKDF2 at production strength makes each login take ~0.5 s; tests only need correctness.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_passed_at_login(request):  # type: ignore[no-untyped-def]
    """Every login in a test (``client.force_login``, a POST to ``/akun/login/``, a browser on
    the live server) counts as having passed the second factor, so tests about anything else
    need not enrol their users. Tests of the second factor itself opt out with
    ``@pytest.mark.second_factor``."""
    if request.node.get_closest_marker("second_factor"):
        yield
        return
    from django.contrib.auth.signals import user_logged_in
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def passed(sender, request, user, **kwargs):  # type: ignore[no-untyped-def]
        if request is None or not hasattr(request, "session"):
            return
        device = TOTPDevice.objects.filter(user=user, name="test", confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id

    user_logged_in.connect(passed, dispatch_uid="tests.second_factor_passed")
    try:
        yield
    finally:
        user_logged_in.disconnect(dispatch_uid="tests.second_factor_passed")


@pytest.fixture
def org_iom(db) -> Organisation:  # type: ignore[no-untyped-def]
    return Organisation.objects.create(
        name="IOM Indonesia", short_name="IOM", type=OrganisationType.INTERNATIONAL
    )


@pytest.fixture
def org_ngo(db) -> Organisation:  # type: ignore[no-untyped-def]
    return Organisation.objects.create(
        name="Yayasan Contoh", short_name="YC", type=OrganisationType.NGO_LEGAL_AID
    )


@pytest.fixture
def make_user(org_iom: Organisation) -> Callable[..., User]:
    def make(
        username: str,
        role: Role | str = Role.CASEWORKER,
        organisation: Organisation | None = None,
        **extra: object,
    ) -> User:
        user = User(
            username=username,
            role=role,
            organisation=organisation if organisation is not None else org_iom,
            **extra,
        )
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


@pytest.fixture
def cast(make_user: Callable[..., User]) -> dict[Role, User]:
    """One user per role, all in IOM Indonesia."""
    return {role: make_user(f"{role.value}.user", role) for role in Role}


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    def do_login(user: User) -> Client:
        client.force_login(user)
        return client

    return do_login


# The fixed cast around one victim's case, shared by every protection app's tests.
from tests.case_fixtures import case_cast  # noqa: E402, F401
