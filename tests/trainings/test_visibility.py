"""Participants' rows are for the organising organisation and training managers; other
viewers see counts by sex and institution type with small cells suppressed."""

from __future__ import annotations

from django.test import Client

from tests.trainings.conftest import add
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create


def _page(user, training) -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    response = client.get(f"/penegakan-hukum/pelatihan/{training.pk}/")
    assert response.status_code == 200
    return response.text


def test_other_organisations_see_aggregates_with_small_cells_suppressed(
    cast_t, training, make_user
):
    for _ in range(12):
        add(training, cast_t.officer)
    add(training, cast_t.officer, sex="male", institution_name="Kejari Bandung",
        institution_type="prosecutor")  # fmt: skip
    outsider = make_user("analyst.ngo", Role.ANALYST, cast_t.other_organisation)
    caseworker = make_user("cw.ngo", Role.CASEWORKER, cast_t.other_organisation)
    for viewer in (outsider, caseworker):
        page = _page(viewer, training)
        assert "Polda Jawa Barat" not in page and "Penyidik" not in page
        assert 'id="participant-summary"' in page
        assert "&lt;11" in page and ">12<" in page  # 1 man suppressed, 12 women shown
        token = token_create(user=viewer)
        body = (
            Client()
            .get(f"/api/v1/trainings/{training.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
            .json()
        )
        assert body["participants"] == []


def test_organiser_and_training_managers_see_the_rows(cast_t, training):
    add(training, cast_t.officer)
    for viewer in (cast_t.analyst, cast_t.caseworker, cast_t.other_legal_officer):
        page = _page(viewer, training)
        assert "Polda Jawa Barat" in page, viewer.username
