"""The assistance tab, its forms and the overdue page, for the fixed cast."""

from __future__ import annotations

import pytest
from django.urls import reverse

from waspada.assistance import services
from waspada.assistance.models import FollowUp, Goal, ServiceDelivery
from waspada.audit.models import AuditEvent

from .conftest import make_overdue, today_plus


def _tab(case):  # type: ignore[no-untyped-def]
    return reverse("cases:detail", args=[case.code]) + "?tab=layanan"


def _url(name, case, *args):  # type: ignore[no-untyped-def]
    return reverse(f"assistance:{name}", args=[case.code, *args])


@pytest.fixture
def filled(cast_):  # type: ignore[no-untyped-def]
    actor, case = cast_.assigned, cast_.case
    goal = services.goal_create(actor=actor, case=case, data={"description": "Dapat KTP baru"})
    follow_up = services.follow_up_create(
        actor=actor, case=case, data={"due_on": today_plus(1), "note": "Telepon ibu korban"}
    )
    make_overdue(follow_up)
    service = services.service_record(
        actor=actor, case=case,
        data={"service_type": "shelter", "status": "ongoing", "started_on": today_plus(-3),
              "note": "Kamar 4 di rumah aman", "cost_idr": 750000},
    )  # fmt: skip
    return goal, follow_up, service


def test_tab_shows_plan_follow_ups_and_services(login, cast_, filled):
    goal, follow_up, service = filled
    response = login(cast_.assigned).get(_tab(cast_.case))
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("Dapat KTP baru", "Telepon ibu korban", "Kamar 4 di rumah aman", "750"):
        assert text in body
    assert "Rumah aman / penampungan" in body  # the reference list's label
    assert 'class="tag"' in body  # the overdue follow-up is highlighted
    assert _url("goal_create", cast_.case) in body
    assert _url("service_edit", cast_.case, service.pk) in body
    event = AuditEvent.objects.get(action="assistance.notes.viewed")
    assert event.details == {
        "case": cast_.case.code, "goals": [goal.pk], "follow_ups": [follow_up.pk],
        "services": [service.pk],
    }  # fmt: skip


def test_recipient_sees_figures_not_the_owners_text(login, cast_, filled):
    response = login(cast_.recipient).get(_tab(cast_.case))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dapat KTP baru" not in body and "Kamar 4" not in body
    assert "Hanya untuk organisasi pemilik kasus." in body
    assert _url("goal_create", cast_.case) not in body
    assert _url("service_create", cast_.case) in body  # it records what it delivers
    assert not AuditEvent.objects.filter(action="assistance.notes.viewed").exists()


@pytest.mark.parametrize(("who", "status"), [
    ("assigned", 200), ("supervisor", 200), ("legal", 200), ("recipient", 200),
    ("colleague", 404), ("outsider", 404), ("analyst", 403),
])  # fmt: skip
def test_tab_access(login, cast_, who, status):
    assert login(getattr(cast_, who)).get(_tab(cast_.case)).status_code == status


def test_anonymous_is_sent_to_login(client, cast_):
    for url in (_tab(cast_.case), _url("goal_create", cast_.case), _url("overdue", cast_.case)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/akun/login/")


def test_add_goal_and_bad_input_shows_field_error(login, cast_):
    client = login(cast_.assigned)
    response = client.post(_url("goal_create", cast_.case),
                           {"description": "", "target_date": "kemarin"})  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="error"') >= 2
    assert not Goal.objects.exists()
    good = {"description": "Kembali sekolah", "target_date": today_plus(90)}
    response = client.post(_url("goal_create", cast_.case), good)
    assert response.status_code == 302 and response["Location"] == _tab(cast_.case)
    assert Goal.objects.get().case == cast_.case


def test_past_follow_up_date_is_refused_on_its_field(login, cast_):
    response = login(cast_.assigned).post(
        _url("follow_up_create", cast_.case), {"due_on": today_plus(-1), "note": "cek"}
    )
    assert response.status_code == 200
    assert "Tanggal tindak lanjut tidak boleh sebelum hari ini." in response.content.decode()
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(("who", "status"), [
    ("recipient", 403), ("colleague", 404), ("outsider", 404), ("analyst", 403), ("legal", 403),
])  # fmt: skip
def test_plan_forms_refused(login, cast_, who, status):
    client = login(getattr(cast_, who))
    assert client.post(_url("goal_create", cast_.case), {"description": "x"}).status_code == status
    response = client.post(_url("follow_up_create", cast_.case),
                           {"due_on": today_plus(2), "note": "x"})  # fmt: skip
    assert response.status_code == status
    assert not Goal.objects.exists() and not FollowUp.objects.exists()


def test_mark_follow_up_done(login, cast_, filled):
    _, follow_up, _ = filled
    client = login(cast_.supervisor)
    response = client.post(_url("follow_up_done", cast_.case, follow_up.pk))
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_by == cast_.supervisor
    assert AuditEvent.objects.filter(action="assistance.follow_up.completed").count() == 1
    assert client.get(_url("follow_up_done", cast_.case, follow_up.pk)).status_code == 405


def test_record_service_with_field_errors_then_success(login, cast_):
    client = login(cast_.assigned)
    bad = {"service_type": "medical", "status": "completed", "started_on": today_plus(-2),
           "ended_on": today_plus(-5), "cost_idr": "-10"}  # fmt: skip
    response = client.post(_url("service_create", cast_.case), bad)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in body
    assert "Biaya tidak boleh negatif." in body
    assert not ServiceDelivery.objects.exists()
    good = {**bad, "ended_on": today_plus(-1), "cost_idr": "250.000", "outcome": "achieved"}
    assert client.post(_url("service_create", cast_.case), good).status_code == 302
    assert ServiceDelivery.objects.get().cost_idr == 250_000


def test_recipient_records_a_service_for_its_organisation(login, cast_):
    client = login(cast_.recipient)
    page = client.get(_url("service_create", cast_.case)).content.decode()
    assert 'name="provider_organisation"' not in page
    response = client.post(_url("service_create", cast_.case),
                           {"service_type": "legal_aid", "status": "planned"})  # fmt: skip
    assert response.status_code == 302
    assert ServiceDelivery.objects.get().provider_organisation == cast_.org_ngo


def test_edit_service_conflict_keeps_the_newer_save(login, cast_, filled):
    _, _, service = filled
    client = login(cast_.assigned)
    page = client.get(_url("service_edit", cast_.case, service.pk)).content.decode()
    assert "Kamar 4 di rumah aman" in page and 'name="version" value="1"' in page
    services.service_update(actor=cast_.supervisor, service=service, data={"cost_idr": 5},
                            version=1)  # fmt: skip
    form = {"service_type": "shelter", "status": "ongoing", "started_on": today_plus(-3),
            "cost_idr": "9", "version": "1"}  # fmt: skip
    response = client.post(_url("service_edit", cast_.case, service.pk), form)
    assert response.status_code == 409
    assert "sudah diubah orang lain" in response.content.decode()
    service.refresh_from_db()
    assert (service.cost_idr, service.version) == (5, 2)


def test_edit_goal(login, cast_, filled):
    goal, _, _ = filled
    client = login(cast_.assigned)
    assert "Dapat KTP baru" in client.get(_url("goal_edit", cast_.case, goal.pk)).content.decode()
    response = client.post(
        _url("goal_edit", cast_.case, goal.pk),
        {"description": "Dapat KTP dan KK baru", "status": "achieved", "version": "1"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.status, goal.version) == ("achieved", 2)
    assert login(cast_.recipient).get(_url("goal_edit", cast_.case, goal.pk)).status_code == 403


def test_overdue_page(login, cast_, filled):
    _, follow_up, _ = filled
    response = login(cast_.supervisor).get(_url("overdue", cast_.case))
    body = response.content.decode()
    assert response.status_code == 200
    assert cast_.case.code in body and "Telepon ibu" not in body  # no notes on the list
    assert login(cast_.recipient).get(_url("overdue", cast_.case)).status_code == 200
    assert login(cast_.outsider).get(_url("overdue", cast_.case)).status_code == 404
    assert login(cast_.analyst).get(_url("overdue", cast_.case)).status_code == 403


def test_tab_links_to_the_overdue_page(login, cast_):
    body = login(cast_.assigned).get(_tab(cast_.case)).content.decode()
    assert _url("overdue", cast_.case) in body


def test_overdue_view_also_works_outside_a_case(rf, cast_, filled):
    """``overview_urls`` mounts the same view without a case code."""
    from django.contrib.messages.storage.fallback import FallbackStorage

    from waspada.assistance.views import overdue

    request = rf.get("/")
    request.user = cast_.assigned
    request.session = {}
    request._messages = FallbackStorage(request)
    response = overdue(request)
    assert response.status_code == 200
    assert cast_.case.code in response.content.decode()
