"""Services and follow-ups entered by mistake are voided with a reason: kept in the history
(the tab shows them struck through, with who, when and why), audited, and counted nowhere —
not in the overdue lists, the workbench, the reminders nor the 3P dashboard. The page and the
API refuse the same bad input, naming the same field."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waspada.accounts.services import token_create
from waspada.assistance import selectors, services
from waspada.assistance.models import FollowUp, ServiceDelivery
from waspada.audit.models import AuditEvent
from waspada.cases.models import ConsentKind
from waspada.cases.services import consent_record
from waspada.reports.scope import DashboardFilters, Scope
from waspada.reports.selectors import raw_figures
from waspada.workbench import reminders
from waspada.workbench import selectors as workbench

from .conftest import make_overdue, today_plus


def _follow_up(cast_, days: int = 2) -> FollowUp:  # type: ignore[no-untyped-def]
    return services.follow_up_create(
        actor=cast_.assigned, case=cast_.case, data={"due_on": today_plus(days), "note": "Cek"}
    )


def _service(cast_) -> ServiceDelivery:  # type: ignore[no-untyped-def]
    return services.service_record(
        actor=cast_.assigned,
        case=cast_.case,
        data={"service_type": "psychosocial", "status": "ongoing",
              "started_on": today_plus(-5), "note": "Konseling"},
    )  # fmt: skip


def test_a_voided_follow_up_leaves_overdue_lists_and_keeps_its_history(cast_):
    follow_up = make_overdue(_follow_up(cast_))
    assert selectors.overdue_case_ids(cast_.assigned) == {cast_.case.pk}
    services.follow_up_void(actor=cast_.assigned, follow_up=follow_up, reason="Kasus salah")
    assert selectors.overdue_case_ids(cast_.assigned) == set()
    assert list(selectors.overdue_follow_ups(viewer=cast_.assigned)) == []
    assert list(workbench.follow_ups_overdue(cast_.assigned)) == []
    assert selectors.follow_ups_of(cast_.case) == []
    history = selectors.voided_follow_ups_of(cast_.case)
    assert [(f.pk, f.voided_by) for f in history] == [(follow_up.pk, cast_.assigned)]
    assert "Kasus salah" not in history[0].sealed_void_reason  # sealed
    assert services.void_reason_open(case=cast_.case, item=history[0]) == "Kasus salah"
    event = AuditEvent.objects.get(action="assistance.follow_up.voided")
    assert event.details == {"case": cast_.case.code, "has_reason": True}
    assert "Kasus salah" not in str(event.details)


def test_a_follow_up_due_today_is_no_longer_reminded_once_voided(cast_):
    voided = make_overdue(_follow_up(cast_), days=0)
    make_overdue(_follow_up(cast_), days=0)
    services.follow_up_void(actor=cast_.assigned, follow_up=voided, reason="Dobel")
    # one reminder per assigned person, for the follow-up still standing only
    assigned = cast_.case.assigned.count()
    assert assigned >= 1
    assert reminders.follow_up_reminders(voided.due_on) == assigned


def test_void_needs_a_reason_once_and_the_right_person(cast_):
    follow_up = _follow_up(cast_)
    with pytest.raises(ValidationError) as caught:
        services.follow_up_void(actor=cast_.assigned, follow_up=follow_up, reason="  ")
    assert list(caught.value.message_dict) == ["reason"]
    with pytest.raises(ValidationError) as too_long:
        services.follow_up_void(actor=cast_.assigned, follow_up=follow_up, reason="x" * 1001)
    assert list(too_long.value.message_dict) == ["reason"]
    with pytest.raises(PermissionDenied):  # a referral recipient never edits the plan
        services.follow_up_void(actor=cast_.recipient, follow_up=follow_up, reason="x")
    assert FollowUp.objects.count() == 1
    services.follow_up_void(actor=cast_.assigned, follow_up=follow_up, reason="x")
    with pytest.raises(ValidationError) as again:
        services.follow_up_void(actor=cast_.assigned, follow_up=follow_up, reason="y")
    assert list(again.value.message_dict) == ["voided_at"]
    assert AuditEvent.objects.filter(action="assistance.follow_up.voided").count() == 1


def test_a_voided_service_leaves_the_counts(cast_):
    service = _service(cast_)
    other = _service(cast_)
    with pytest.raises(PermissionDenied):
        services.service_void(actor=cast_.analyst, service=service, reason="x")
    services.service_void(actor=cast_.assigned, service=service, reason="Salah jenis")
    assert list(ServiceDelivery.objects.values_list("pk", flat=True)) == [other.pk]
    assert ServiceDelivery.all_objects.count() == 2
    assert cast_.case.services_delivered.count() == 1  # related managers count standing rows
    assert [s.pk for s in selectors.services_of(cast_.case)] == [other.pk]
    assert [s.pk for s in selectors.voided_services_of(cast_.case)] == [service.pk]
    assert AuditEvent.objects.filter(action="assistance.service.voided").count() == 1


def test_the_tab_confirms_then_voids_and_shows_the_history(client, cast_):
    service = _service(cast_)
    follow_up = _follow_up(cast_)
    client.force_login(cast_.assigned)
    base = f"/perlindungan/kasus/{cast_.case.code}/layanan"
    tab = client.get(f"/perlindungan/kasus/{cast_.case.code}/?tab=layanan").text
    assert f"{base}/{service.pk}/batalkan/" in tab
    assert f"{base}/tindak-lanjut/{follow_up.pk}/batalkan/" in tab
    # the confirmation step is a page of its own (no JavaScript): nothing changes on GET
    confirm = client.get(f"{base}/{service.pk}/batalkan/")
    assert confirm.status_code == 200
    assert 'name="reason"' in confirm.text and 'for="id_reason"' in confirm.text
    assert "Dukungan psikososial" in confirm.text
    assert ServiceDelivery.objects.count() == 1
    refused = client.post(f"{base}/{service.pk}/batalkan/", {"reason": ""})
    assert refused.status_code == 400
    assert "Alasan pembatalan: Tuliskan alasan pembatalan." in refused.text  # error summary
    assert ServiceDelivery.objects.count() == 1
    done = client.post(f"{base}/{service.pk}/batalkan/", {"reason": "Dicatat di kasus lain"},
                       follow=True)  # fmt: skip
    assert done.redirect_chain[-1][0].endswith("?tab=layanan")
    assert "Layanan yang dibatalkan (riwayat)" in done.text
    assert "Dicatat di kasus lain" in done.text
    client.post(f"{base}/tindak-lanjut/{follow_up.pk}/batalkan/", {"reason": "Dobel"})
    tab = client.get(f"/perlindungan/kasus/{cast_.case.code}/?tab=layanan").text
    assert "Tindak lanjut yang dibatalkan (riwayat)" in tab and "Dobel" in tab
    # a voided record cannot be edited, voided again or completed
    assert client.get(f"{base}/{service.pk}/ubah/").status_code == 404
    assert client.post(f"{base}/{service.pk}/batalkan/", {"reason": "x"}).status_code == 404
    assert client.post(f"{base}/tindak-lanjut/{follow_up.pk}/selesai/").status_code == 404


def test_the_void_pages_follow_the_tab_rules(client, cast_):
    service = _service(cast_)
    follow_up = _follow_up(cast_)
    base = f"/perlindungan/kasus/{cast_.case.code}/layanan"
    client.force_login(cast_.recipient)  # sees the case, may not void the owner's records
    assert client.get(f"{base}/{service.pk}/batalkan/").status_code == 403
    assert client.get(f"{base}/tindak-lanjut/{follow_up.pk}/batalkan/").status_code == 403
    client.force_login(cast_.outsider)
    assert client.get(f"{base}/{service.pk}/batalkan/").status_code == 404


def _auth(user):  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def test_the_api_voids_and_refuses_the_same_bad_input(client, cast_):
    service = _service(cast_)
    follow_up = _follow_up(cast_)
    code = cast_.case.code
    url = f"/api/v1/cases/{code}/services/{service.pk}/void"
    bad = client.post(url, {"reason": " "}, content_type="application/json",
                      **_auth(cast_.assigned))  # fmt: skip
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["reason"]
    assert client.post(url, {"reason": "x"}, content_type="application/json",
                       **_auth(cast_.recipient)).status_code == 403  # fmt: skip
    ok = client.post(url, {"reason": "Salah kasus"}, content_type="application/json",
                     **_auth(cast_.assigned))  # fmt: skip
    assert ok.status_code == 200 and ok.json()["voided_at"]
    listed = client.get(f"/api/v1/cases/{code}/services", **_auth(cast_.assigned)).json()
    assert listed == []
    again = client.post(url, {"reason": "x"}, content_type="application/json",
                        **_auth(cast_.assigned))  # fmt: skip
    assert again.status_code == 404
    follow_url = f"/api/v1/cases/{code}/follow-ups/{follow_up.pk}/void"
    done = client.post(follow_url, {"reason": "Dobel"}, content_type="application/json",
                       **_auth(cast_.assigned))  # fmt: skip
    assert done.status_code == 200 and done.json()["voided_at"]
    assert client.get(f"/api/v1/cases/{code}/follow-ups", **_auth(cast_.assigned)).json() == []


def test_a_voided_service_leaves_the_3p_dashboard(cast_):
    year = int(today_plus(-5)[:4])
    filters = DashboardFilters(year_from=year, year_to=year)
    scope = Scope(organisation_id=None, exact=True)
    # The dashboard counts only cases whose person consented to de-identified statistics.
    consent_record(case=cast_.case, kind=ConsentKind.STATISTICS, granted=True, actor=cast_.assigned)
    service = _service(cast_)
    _service(cast_)

    def psychosocial() -> int:
        rows = raw_figures(scope, filters).assistance
        return sum(r["services"] for r in rows if r["service_type"] == "psychosocial")

    assert psychosocial() == 2
    services.service_void(actor=cast_.assigned, service=service, reason="Dobel")
    assert psychosocial() == 1
