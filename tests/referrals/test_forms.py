"""The referral form only parses and displays: ``referrals.validation`` decides, so the case
page and the API refuse the same input, naming the same fields with the same messages."""

from __future__ import annotations

from django.contrib.messages import get_messages

from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases.models import ConsentKind
from waspada.cases.services import consent_record
from waspada.referrals import validation
from waspada.referrals.models import Referral

LABELS = {
    "to_organisation_id": "Rujuk ke organisasi",
    "service_type": "Layanan yang dibutuhkan",
    "override_reason": "Alasan darurat (hanya supervisor, jika belum ada persetujuan berbagi data)",
}


def _both(client, user, case, page_data, api_data):  # type: ignore[no-untyped-def]
    """The messages the case page shows and the API's errors written the page's way."""
    client.force_login(user)
    page = client.post(f"/perlindungan/kasus/{case.code}/rujukan/baru/", page_data)
    assert page.status_code == 302
    shown = [str(m) for m in get_messages(page.wsgi_request) if m.level_tag == "error"]
    api = client.post(f"/api/v1/cases/{case.code}/referrals", api_data,
                      content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {token_create(user=user)}")  # fmt: skip
    assert api.status_code == 400, api.content
    answered = [
        f"{LABELS[field]}: {message}" if field in LABELS else message
        for field, messages in api.json()["errors"].items()
        for message in messages
    ]
    return shown, answered


def test_a_referral_is_refused_alike(client, case_cast, org_iom):
    """To its own organisation, for an unknown service, without consent: the page used to
    stop at its own checks of the first two (in Django's words) and say nothing of consent."""
    consent_record(case=case_cast.case, kind=ConsentKind.SHARING, granted=False,
                   actor=case_cast.assigned)  # fmt: skip
    page_data = {"to_organisation": org_iom.pk, "service_type": "spa"}
    api_data = {"to_organisation_id": org_iom.pk, "service_type": "spa"}
    shown, answered = _both(client, case_cast.assigned, case_cast.case, page_data, api_data)
    assert (
        shown
        == answered
        == [
            "Rujuk ke organisasi: Pilih organisasi lain yang aktif.",
            "Layanan yang dibutuhkan: Pilih jenis layanan dari daftar.",
            "Belum ada persetujuan korban untuk berbagi data. Catat persetujuannya dulu.",
        ]
    )
    assert not Referral.objects.exists()
    assert not AuditEvent.objects.filter(action="referrals.referral.created").exists()


def test_an_unknown_organisation_is_refused_alike(client, case_cast):
    """The API answered 'unknown' in English, the page Django's invalid choice."""
    shown, answered = _both(client, case_cast.assigned, case_cast.case,
                            {"to_organisation": "424242", "service_type": "shelter"},
                            {"to_organisation_id": 424242, "service_type": "shelter"})  # fmt: skip
    assert shown == answered == ["Rujuk ke organisasi: Pilih organisasi lain yang aktif."]


def test_a_limit_changed_in_the_validator_is_the_forms_maxlength(
    client, case_cast, org_ngo, monkeypatch
):
    monkeypatch.setitem(validation.REFERRAL_LIMITS, "override_reason", 5)
    client.force_login(case_cast.assigned)
    tab = client.get(f"/perlindungan/kasus/{case_cast.case.code}/?tab=rujukan").text
    assert 'maxlength="5"' in tab and 'name="override_reason"' in tab
    long = {"service_type": "shelter", "override_reason": "darurat"}
    shown, answered = _both(client, case_cast.assigned, case_cast.case,
                            {**long, "to_organisation": org_ngo.pk},
                            {**long, "to_organisation_id": org_ngo.pk})  # fmt: skip
    assert shown == answered == [f"{LABELS['override_reason']}: Paling banyak 5 karakter."]
    assert not Referral.objects.exists()
