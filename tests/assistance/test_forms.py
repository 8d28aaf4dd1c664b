"""The assistance forms only parse and display: ``assistance.validation`` decides, so the pages
and the API refuse the same input with the same fields and messages."""

from __future__ import annotations

from django.urls import reverse

from waspada.accounts.services import token_create
from waspada.assistance import validation
from waspada.assistance.models import FollowUp, Goal, ServiceDelivery
from waspada.audit.models import AuditEvent

from .conftest import today_plus


def _page(name, case):  # type: ignore[no-untyped-def]
    return reverse(f"assistance:{name}", args=[case.code])


def _api(client, user, path, payload):  # type: ignore[no-untyped-def]
    return client.post(path, payload, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token_create(user=user)}")  # fmt: skip


BAD_SERVICE = {
    "service_type": "spa",  # not in the reference list
    "status": "completed",
    "started_on": today_plus(-2),
    "ended_on": today_plus(-5),  # before the start
    "provider_name": "P" * 121,
    "note": "",
}


def test_page_and_api_refuse_a_service_with_the_same_fields_and_messages(login, cast_):
    client = login(cast_.assigned)
    page = client.post(_page("service_create", cast_.case), BAD_SERVICE)
    assert page.status_code == 200
    page_errors = page.context["form"].errors
    api = _api(client, cast_.assigned, f"/api/v1/cases/{cast_.case.code}/services", BAD_SERVICE)
    assert api.status_code == 400
    api_errors = api.json()["errors"]
    assert set(page_errors) == set(api_errors) == {"service_type", "ended_on", "provider_name"}
    for field in api_errors:
        assert page_errors[field] == api_errors[field]
    assert page_errors["provider_name"] == ["Paling banyak 120 karakter (sekarang 121)."]
    assert not ServiceDelivery.objects.exists()
    assert not AuditEvent.objects.filter(action="assistance.service.recorded").exists()


def test_page_and_api_refuse_a_follow_up_with_the_same_fields_and_messages(login, cast_):
    client = login(cast_.assigned)
    bad = {"due_on": today_plus(-1), "note": "N" * 301}
    page = client.post(_page("follow_up_create", cast_.case), bad)
    api = _api(client, cast_.assigned, f"/api/v1/cases/{cast_.case.code}/follow-ups", bad)
    assert (page.status_code, api.status_code) == (200, 400)
    expected = {
        "due_on": ["Tanggal tindak lanjut tidak boleh sebelum hari ini."],
        "note": ["Paling banyak 300 karakter (sekarang 301)."],
    }
    assert dict(page.context["form"].errors) == api.json()["errors"] == expected
    assert not FollowUp.objects.exists()


def test_the_goal_page_reports_every_problem_in_the_validators_words(login, cast_):
    """A date that does not parse no longer hides the missing description (the form used to
    stop at its own date check, with Django's messages)."""
    response = login(cast_.assigned).post(
        _page("goal_create", cast_.case), {"description": "", "target_date": "kemarin"}
    )
    assert response.status_code == 200
    assert dict(response.context["form"].errors) == {
        "description": ["Wajib diisi."],
        "target_date": ["Tanggal tidak valid (format TTTT-BB-HH)."],
    }
    assert not Goal.objects.exists()


def test_a_recipient_naming_another_provider_is_told_with_every_other_problem(client, cast_):
    """The provider rule of referral recipients is the validator's: reported next to the other
    fields, not after them (a bad service type used to hide it)."""
    bad = {"service_type": "spa", "status": "planned",
           "provider_organisation_id": cast_.case.organisation_id}  # fmt: skip
    response = _api(client, cast_.recipient, f"/api/v1/cases/{cast_.case.code}/services", bad)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "service_type": ["Pilih jenis layanan dari daftar."],
        "provider_organisation": [
            "Organisasi Anda hanya bisa mencatat layanan yang diberikannya sendiri."
        ],
    }
    assert not ServiceDelivery.objects.exists()


def test_a_limit_changed_in_the_validator_is_the_forms_maxlength(login, cast_, monkeypatch):
    monkeypatch.setitem(validation.SERVICE_LIMITS, "note", 5)
    monkeypatch.setitem(validation.GOAL_LIMITS, "description", 7)
    monkeypatch.setitem(validation.FOLLOW_UP_LIMITS, "note", 9)
    client = login(cast_.assigned)
    service_page = client.get(_page("service_create", cast_.case)).content.decode()
    assert 'maxlength="5"' in service_page and 'name="note"' in service_page
    assert 'maxlength="7"' in client.get(_page("goal_create", cast_.case)).content.decode()
    assert 'maxlength="9"' in client.get(_page("follow_up_create", cast_.case)).content.decode()
    six = {"service_type": "shelter", "status": "planned", "note": "enam!!"}
    page = client.post(_page("service_create", cast_.case), six)
    assert page.context["form"].errors["note"] == ["Paling banyak 5 karakter (sekarang 6)."]
    api = _api(client, cast_.assigned, f"/api/v1/cases/{cast_.case.code}/services", six)
    assert api.json()["errors"]["note"] == ["Paling banyak 5 karakter (sekarang 6)."]
    assert not ServiceDelivery.objects.exists()
