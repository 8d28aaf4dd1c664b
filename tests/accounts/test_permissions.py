"""The permission matrix, checked through the pages each role can and cannot open."""

from __future__ import annotations

from pathlib import Path

import pytest

from waspada.accounts.permissions import MATRIX, Perm, can, matrix_markdown
from waspada.accounts.roles import Role

# Expected access per page, written out by hand so that a change to the matrix is a
# deliberate change to this table too.
EXPECTED_PAGES: dict[str, set[Role]] = {
    "/pencegahan/": set(Role),
    "/perlindungan/": {Role.SUPERVISOR, Role.CASEWORKER, Role.LEGAL_OFFICER, Role.DUTY_OFFICER},
    "/penegakan-hukum/": {Role.SUPERVISOR, Role.LEGAL_OFFICER, Role.CASEWORKER},
    "/laporan/": {Role.ADMIN, Role.SUPERVISOR, Role.PROGRAMME_OFFICER, Role.ANALYST},
    "/administrasi/": {Role.ADMIN},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("path", list(EXPECTED_PAGES))
def test_section_access_follows_matrix(cast, login, role, path):
    response = login(cast[role]).get(path)
    expected = 200 if role in EXPECTED_PAGES[path] else 403
    assert response.status_code == expected, (role, path)


def test_every_permission_has_a_row_and_description():
    from waspada.accounts.permissions import DESCRIPTIONS

    assert set(MATRIX) == set(Perm)
    assert set(DESCRIPTIONS) == set(Perm)


@pytest.mark.parametrize("perm", list(Perm))
def test_user_without_organisation_gets_nothing(make_user, perm):
    user = make_user("orphan", Role.ADMIN)
    user.organisation = None
    user.save()
    assert not can(user, perm)


@pytest.mark.parametrize("perm", list(Perm))
def test_user_without_role_gets_nothing(make_user, perm):
    assert not can(make_user("norole", ""), perm)


def test_inactive_user_and_inactive_organisation_get_nothing(make_user, org_ngo):
    inactive = make_user("gone", Role.ADMIN, is_active=False)
    member = make_user("member", Role.ADMIN, organisation=org_ngo)
    org_ngo.is_active = False
    org_ngo.save()
    member.refresh_from_db()
    assert not any(can(inactive, perm) for perm in Perm)
    assert not any(can(member, perm) for perm in Perm)


def test_anonymous_gets_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert not any(can(AnonymousUser(), perm) for perm in Perm)
    assert not any(can(None, perm) for perm in Perm)


def test_analyst_never_sees_personal_data_sections():
    assert Role.ANALYST not in MATRIX[Perm.PROTECTION_VIEW]
    assert Role.ANALYST not in MATRIX[Perm.PROSECUTION_VIEW]


def test_docs_permissions_table_matches_the_matrix():
    doc = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
    assert matrix_markdown() in doc.read_text(encoding="utf-8"), (
        "docs/permissions.md is out of date: paste the output of `waspada permissions`"
    )
