"""Consent-gated referrals; the recipient gets access to that case only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.case_fixtures import PERSON
from waspada.audit.models import AuditEvent
from waspada.cases.models import ConsentKind
from waspada.cases.selectors import case_queryset_for
from waspada.cases.services import case_register, consent_record
from waspada.referrals import services
from waspada.referrals.models import Referral, ReferralStatus


def test_referral_and_acceptance_open_only_that_case(case_cast, org_ngo):
    other_case = case_register(actor=case_cast.assigned, data={**PERSON, "nik": ""})
    referral = services.referral_create(
        actor=case_cast.assigned, case=case_cast.case, to_organisation=org_ngo,
        service_type="shelter",
    )  # fmt: skip
    assert list(case_queryset_for(case_cast.recipient)) == []  # not before acceptance
    services.referral_respond(actor=case_cast.recipient, referral=referral, accept=True)
    assert list(case_queryset_for(case_cast.recipient)) == [case_cast.case]
    assert other_case not in case_queryset_for(case_cast.recipient)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.turnaround_hours is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"referrals.referral.created", "referrals.referral.accepted"} <= actions


def test_blocked_without_consent_and_supervisor_override(case_cast, org_ngo):
    case = case_cast.case
    consent_record(case=case, kind=ConsentKind.SHARING, granted=False, actor=case_cast.assigned)
    with pytest.raises(ValidationError) as caught:
        services.referral_create(
            actor=case_cast.assigned, case=case, to_organisation=org_ngo, service_type="shelter"
        )
    assert "consent" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.referral_create(
            actor=case_cast.assigned, case=case, to_organisation=org_ngo,
            service_type="shelter", override_reason="darurat",
        )  # fmt: skip
    assert not Referral.objects.exists()
    referral = services.referral_create(
        actor=case_cast.supervisor, case=case, to_organisation=org_ngo,
        service_type="medical", override_reason="Butuh perawatan segera",
    )  # fmt: skip
    assert referral.consent_overridden
    assert "perawatan" not in referral.sealed_note
    event = AuditEvent.objects.get(action="referrals.referral.created")
    assert event.details["consent_overridden"] is True
    assert "perawatan" not in str(event.details)


def test_only_the_recipient_answers_and_only_once(case_cast, org_ngo):
    referral = services.referral_create(
        actor=case_cast.assigned, case=case_cast.case, to_organisation=org_ngo,
        service_type="legal_aid",
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.referral_respond(actor=case_cast.outsider, referral=referral, accept=True)
    services.referral_respond(
        actor=case_cast.recipient, referral=referral, accept=False, decline_reason="Penuh"
    )
    with pytest.raises(ValidationError):
        services.referral_respond(actor=case_cast.recipient, referral=referral, accept=True)
    assert list(case_queryset_for(case_cast.recipient)) == []


def test_bad_target_and_service_are_field_errors(case_cast, org_iom):
    with pytest.raises(ValidationError) as caught:
        services.referral_create(
            actor=case_cast.assigned, case=case_cast.case, to_organisation=org_iom,
            service_type="spa",
        )  # fmt: skip
    assert set(caught.value.message_dict) == {"to_organisation", "service_type"}


def test_referral_api_round_trip(client, case_cast, org_ngo):
    from waspada.accounts.services import token_create

    sender = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.assigned)}"}
    receiver = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.recipient)}"}
    url = f"/api/v1/cases/{case_cast.case.code}/referrals"
    bad = client.post(url, {"to_organisation_id": org_ngo.pk, "service_type": "spa"},
                      content_type="application/json", **sender)  # fmt: skip
    assert bad.status_code == 400 and "service_type" in bad.json()["errors"]
    made = client.post(url, {"to_organisation_id": org_ngo.pk, "service_type": "shelter"},
                       content_type="application/json", **sender)  # fmt: skip
    assert made.status_code == 201
    incoming = client.get("/api/v1/referrals/incoming", **receiver).json()
    assert [r["id"] for r in incoming] == [made.json()["id"]]
    assert client.get(f"/api/v1/cases/{case_cast.case.code}", **receiver).status_code == 404
    answer = client.post(f"/api/v1/referrals/{made.json()['id']}/answer", {"accept": True},
                         content_type="application/json", **receiver)  # fmt: skip
    assert answer.json()["status"] == "accepted"
    assert client.get(f"/api/v1/cases/{case_cast.case.code}", **receiver).status_code == 200
    assert client.get(url, **receiver).json()[0]["status"] == "accepted"
    outsider = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.outsider)}"}
    assert client.get(url, **outsider).status_code == 404
