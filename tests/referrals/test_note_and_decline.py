"""A referral carries a note (what the person needs, urgency, a contact), sealed with the
person's key; declining needs a reason the sender reads; the legal-aid organisation's legal
officer answers its own organisation's incoming referrals (it got 403 before)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from waspada.accounts.models import User
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases.selectors import case_queryset_for
from waspada.demodata.seed_accounts import demo_load
from waspada.demodata.seed_cases import demo_cases_load
from waspada.referrals import services
from waspada.referrals.models import Referral, ReferralStatus

NEEDS = "Rumah aman dua minggu, pendampingan ke polisi"


def _refer(case_cast, org_ngo, **extra):  # type: ignore[no-untyped-def]
    return services.referral_create(
        actor=case_cast.assigned, case=case_cast.case, to_organisation=org_ngo,
        service_type="shelter", needs=NEEDS, contact="Budi, 0812-1111-2222", urgency="urgent",
        **extra,
    )  # fmt: skip


def test_the_note_is_sealed_and_the_recipient_reads_it_before_answering(client, case_cast, org_ngo):
    referral = _refer(case_cast, org_ngo)
    assert referral.urgency == "urgent"
    assert "Rumah aman" not in referral.sealed_request  # encrypted at rest
    assert services.referral_request(referral) == {
        "needs": NEEDS,
        "contact": "Budi, 0812-1111-2222",
    }
    event = AuditEvent.objects.get(action="referrals.referral.created")
    assert "Rumah aman" not in str(event.details) and event.details["urgency"] == "urgent"
    client.force_login(case_cast.recipient)
    page = client.get("/perlindungan/rujukan-masuk/").text
    assert NEEDS in page and "0812-1111-2222" in page and "Mendesak" in page


def test_a_bad_urgency_is_a_field_error(case_cast, org_ngo):
    with pytest.raises(ValidationError) as caught:
        services.referral_create(
            actor=case_cast.assigned, case=case_cast.case, to_organisation=org_ngo,
            service_type="shelter", urgency="whenever",
        )  # fmt: skip
    assert list(caught.value.message_dict) == ["urgency"]


def test_declining_needs_a_reason_which_the_sender_reads(client, case_cast, org_ngo):
    referral = _refer(case_cast, org_ngo)
    with pytest.raises(ValidationError) as caught:
        services.referral_respond(actor=case_cast.recipient, referral=referral, accept=False)
    assert list(caught.value.message_dict) == ["decline_reason"]

    client.force_login(case_cast.recipient)
    url = f"/perlindungan/rujukan-masuk/{referral.pk}/jawab/"
    refused = client.post(url, {"answer": "decline", "decline_reason": "  "})
    assert refused.status_code == 400 and "alasan penolakan" in refused.text
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING

    done = client.post(url, {"answer": "decline", "decline_reason": "Rumah aman kami penuh"})
    assert done.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert "penuh" not in referral.sealed_decline_reason
    assert services.referral_decline_reason(referral) == "Rumah aman kami penuh"
    client.force_login(case_cast.assigned)
    tab = client.get(f"/perlindungan/kasus/{case_cast.case.code}/?tab=rujukan").text
    assert "Rumah aman kami penuh" in tab and NEEDS in tab


def test_the_api_names_the_missing_decline_reason(client, case_cast, org_ngo):
    referral = _refer(case_cast, org_ngo)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.recipient)}"}
    url = f"/api/v1/referrals/{referral.pk}/answer"
    refused = client.post(url, {"accept": False}, content_type="application/json", **auth)
    assert refused.status_code == 400 and list(refused.json()["errors"]) == ["decline_reason"]
    ok = client.post(
        url,
        {"accept": False, "decline_reason": "Di luar wilayah kami"},
        content_type="application/json",
        **auth,
    )
    assert ok.status_code == 200
    body = ok.json()
    assert body["decline_reason"] == "Di luar wilayah kami" and body["needs"] == NEEDS


def test_the_demo_legal_aid_officer_answers_its_organisations_referral(client, db, settings):
    """legal.lbh (legal officer of LBH Pelita Keadilan) got 403 on the incoming referrals."""
    settings.DEMO_MODE = True  # demo accounts work only in demo mode
    demo_load()
    demo_cases_load()
    officer = User.objects.get(username="legal.lbh")
    referral = Referral.objects.get(to_organisation=officer.organisation, status="pending")
    client.force_login(officer)
    inbox = client.get("/perlindungan/rujukan-masuk/")
    assert inbox.status_code == 200
    assert "Pendampingan laporan polisi" in inbox.text
    cases = client.get("/perlindungan/").text
    assert 'href="/perlindungan/rujukan-masuk/"' in cases
    answered = client.post(
        f"/perlindungan/rujukan-masuk/{referral.pk}/jawab/", {"answer": "accept"}
    )
    assert answered.status_code == 302
    assert referral.case in case_queryset_for(officer)
    assert client.get(answered.url).status_code == 200  # and opens the case it accepted
