"""The stage form only parses and displays: ``repatriation.validation`` decides, so the page
and the API refuse the same input with the same fields and messages."""

from __future__ import annotations

from django.urls import reverse

from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.repatriation import validation
from waspada.repatriation.models import StageEntry
from waspada.repatriation.services import repatriation_stage_record

# The API spells the organisation ``organisation_id``; every other field alike.
_PAGE_NAMES = {"organisation_id": "organisation"}


def _both(client, user, case, page_data, api_data):  # type: ignore[no-untyped-def]
    """The errors of the page (400, on its fields) and of the API (400), by the page's names."""
    client.force_login(user)
    page = client.post(reverse("repatriation:stage_record", args=[case.code]), page_data)
    api = client.post(f"/api/v1/cases/{case.code}/repatriation/stages", api_data,
                      content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {token_create(user=user)}")  # fmt: skip
    assert (page.status_code, api.status_code) == (400, 400), api.content
    api_errors = {_PAGE_NAMES.get(k, k): v for k, v in api.json()["errors"].items()}
    return dict(page.context["form"].errors), api_errors


def test_a_stage_is_refused_alike(client, people):
    first = {"stage": "travel_documents", "reached_on": "2024-01-20"}
    repatriation_stage_record(actor=people.assigned, case=people.case, data=first)
    bad = {"stage": "in_destination", "reached_on": "2024-01-15", "cost_idr": "12,5",
           "cost_payer": "uncle", "responsible_party": "R" * 201, "note": "N" * 2001}  # fmt: skip
    page, api = _both(client, people.assigned, people.case, bad, bad)
    assert page == api
    assert set(page) == {"stage", "reached_on", "cost_idr", "cost_payer", "responsible_party",
                         "note"}  # fmt: skip
    assert page["responsible_party"] == ["Paling banyak 200 karakter."]
    assert StageEntry.objects.count() == 1


def test_a_recipient_naming_another_organisation_is_refused_alike(client, people, org_iom):
    """The page said so on the field and the API answered 403: now both name the field."""
    page_data = {"stage": "embassy_shelter", "reached_on": "2024-01-12",
                 "organisation": org_iom.pk}  # fmt: skip
    api_data = {"stage": "embassy_shelter", "reached_on": "2024-01-12",
                "organisation_id": org_iom.pk}  # fmt: skip
    page, api = _both(client, people.recipient, people.case, page_data, api_data)
    own_only = "Organisasi Anda hanya bisa mencatat tahap yang ditanganinya sendiri."
    assert page == api == {"organisation": [own_only]}
    page_data["organisation"], api_data["organisation_id"] = "", None
    blank, blank_api = _both(client, people.recipient, people.case, page_data, api_data)
    assert blank == blank_api == page
    assert not StageEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="repatriation.stage.recorded").exists()


def test_a_limit_changed_in_the_validator_is_the_forms_maxlength(client, people, monkeypatch):
    monkeypatch.setitem(validation.STAGE_LIMITS, "responsible_party", 6)
    monkeypatch.setitem(validation.STAGE_LIMITS, "note", 9)
    client.force_login(people.assigned)
    page = client.get(reverse("repatriation:stage_record", args=[people.case.code])).text
    assert 'maxlength="6"' in page and 'maxlength="9"' in page
    long_party = {"stage": "in_destination", "reached_on": "2024-01-11",
                  "responsible_party": "KBRI PP"}  # fmt: skip
    page_errors, api_errors = _both(client, people.assigned, people.case, long_party, long_party)
    assert page_errors == api_errors == {"responsible_party": ["Paling banyak 6 karakter."]}
    assert not StageEntry.objects.exists()
