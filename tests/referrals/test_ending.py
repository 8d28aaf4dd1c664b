"""A referral's access ends by each path: the owner ends it (with a reason), the person
withdraws consent to share, the case is closed (after the grace period), or the kernel's
``case_access_revoke``. Each path removes the recipient's access on pages and in the API, and
the recipient sees that it ended and when. The recipient's audit tab shows only its own events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases.grants import case_access_revoke
from waspada.cases.models import AccessReason, CaseAccessGrant, CaseStatus, ConsentKind
from waspada.cases.services import case_transition, consent_record
from waspada.referrals.models import EndCause, Referral, ReferralStatus
from waspada.referrals.services import referral_create, referral_end_note, referral_respond


@pytest.fixture
def accepted(case_cast):  # type: ignore[no-untyped-def]
    referral = referral_create(
        actor=case_cast.assigned,
        case=case_cast.case,
        to_organisation=case_cast.recipient.organisation,
        service_type="shelter",
    )
    referral_respond(actor=case_cast.recipient, referral=referral, accept=True)
    return referral


def _sees(user, code: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(page status, API status) of the case for ``user``."""
    page = Client()
    page.force_login(user)
    token = token_create(user=user)
    api = Client().get(f"/api/v1/cases/{code}", HTTP_AUTHORIZATION=f"Bearer {token}")
    return page.get(f"/perlindungan/kasus/{code}/").status_code, api.status_code


def _ended_seen_by_recipient(recipient, cause: str) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(recipient)
    page = client.get("/perlindungan/rujukan-masuk/").text
    assert "Rujukan yang berakhir" in page
    token = token_create(user=recipient)
    ended = Client().get("/api/v1/referrals/ended", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert [row["end_cause"] for row in ended] == [cause]
    assert ended[0]["ended_at"] is not None


def test_recipient_sees_the_case_while_the_referral_runs(case_cast, accepted):
    assert _sees(case_cast.recipient, case_cast.case.code) == (200, 200)


def test_owner_ends_with_a_reason_on_the_page(case_cast, accepted):
    client = Client()
    client.force_login(case_cast.assigned)
    url = f"/perlindungan/kasus/{case_cast.case.code}/rujukan/{accepted.pk}/akhiri/"
    client.post(url, {"reason": ""})
    accepted.refresh_from_db()
    assert accepted.status == ReferralStatus.ACCEPTED  # a reason is required
    client.post(url, {"reason": "Layanan rumah aman selesai"})
    accepted.refresh_from_db()
    assert accepted.status == ReferralStatus.ENDED and accepted.end_cause == EndCause.OWNER
    assert referral_end_note(accepted) == "Layanan rumah aman selesai"
    assert "selesai" not in accepted.sealed_end_note
    assert _sees(case_cast.recipient, case_cast.case.code) == (404, 404)
    _ended_seen_by_recipient(case_cast.recipient, "owner")
    assert AuditEvent.objects.filter(action="referrals.referral.ended").count() == 1


def test_owner_ends_through_the_api_and_recipient_cannot(case_cast, accepted):
    code = case_cast.case.code
    url = f"/api/v1/cases/{code}/referrals/{accepted.pk}/end"
    theirs = token_create(user=case_cast.recipient)
    refused = Client().post(
        url, {"reason": "not mine to end"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {theirs}",
    )  # fmt: skip
    assert refused.status_code == 403
    mine = token_create(user=case_cast.assigned)
    response = Client().post(
        url, {"reason": "Layanan selesai"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {mine}",
    )  # fmt: skip
    assert response.status_code == 200 and response.json()["status"] == "ended"
    assert _sees(case_cast.recipient, code) == (404, 404)


def test_withdrawn_consent_ends_access_at_once(case_cast, accepted):
    pending = referral_create(
        actor=case_cast.assigned,
        case=case_cast.case,
        to_organisation=case_cast.outsider.organisation,
        service_type="legal_aid",
    )
    consent_record(
        case=case_cast.case, kind=ConsentKind.SHARING, granted=False, actor=case_cast.assigned
    )
    accepted.refresh_from_db()
    pending.refresh_from_db()
    assert accepted.status == pending.status == ReferralStatus.ENDED
    assert accepted.end_cause == EndCause.CONSENT_WITHDRAWN
    assert _sees(case_cast.recipient, case_cast.case.code) == (404, 404)
    _ended_seen_by_recipient(case_cast.recipient, "consent_withdrawn")


def test_case_closure_ends_access_after_the_grace_period(case_cast, accepted, settings):
    settings.WASPADA_CLOSED_CASE_ACCESS_DAYS = 14
    case_transition(actor=case_cast.supervisor, case=case_cast.case, to_status=CaseStatus.CLOSED)
    accepted.refresh_from_db()
    assert accepted.end_cause == EndCause.CASE_CLOSED
    assert timedelta(days=13) < accepted.ended_at - timezone.now() <= timedelta(days=14)
    assert _sees(case_cast.recipient, case_cast.case.code) == (200, 200)  # grace period
    CaseAccessGrant.objects.update(revoked_at=timezone.now() - timedelta(seconds=1))
    assert _sees(case_cast.recipient, case_cast.case.code) == (404, 404)


def test_case_closure_with_no_grace_ends_at_once(case_cast, accepted, settings):
    settings.WASPADA_CLOSED_CASE_ACCESS_DAYS = 0
    case_transition(actor=case_cast.supervisor, case=case_cast.case, to_status=CaseStatus.CLOSED)
    assert _sees(case_cast.recipient, case_cast.case.code) == (404, 404)
    _ended_seen_by_recipient(case_cast.recipient, "case_closed")


def test_kernel_revocation_ends_the_referral(case_cast, accepted):
    case_access_revoke(
        actor=case_cast.supervisor,
        case=case_cast.case,
        organisation=case_cast.recipient.organisation,
        reason=AccessReason.REFERRAL,
        source_id=accepted.pk,
    )
    accepted.refresh_from_db()
    assert accepted.status == ReferralStatus.ENDED and accepted.end_cause == EndCause.REVOKED
    assert _sees(case_cast.recipient, case_cast.case.code) == (404, 404)
    _ended_seen_by_recipient(case_cast.recipient, "revoked")


def test_recipient_audit_tab_shows_only_its_own_organisations_events(case_cast, accepted):
    owner = Client()
    owner.force_login(case_cast.assigned)
    owner.get(f"/perlindungan/kasus/{case_cast.case.code}/?show=personal")
    recipient = Client()
    recipient.force_login(case_cast.recipient)
    page = recipient.get(f"/perlindungan/kasus/{case_cast.case.code}/?tab=audit").text
    owner_actions = AuditEvent.objects.filter(
        object_type="cases.case", organisation_id=case_cast.assigned.organisation_id
    )
    assert owner_actions.exists()
    assert "cw.assigned" not in page
    assert "Kasus didaftarkan" not in page
    mine = owner.get(f"/perlindungan/kasus/{case_cast.case.code}/?tab=audit").text
    assert "Kasus didaftarkan" in mine  # the action's label, not its code


def test_ended_referral_cannot_be_ended_or_answered_again(case_cast, accepted):
    from waspada.referrals.services import referral_end

    referral_end(actor=case_cast.assigned, referral=accepted, reason="selesai sudah")
    with pytest.raises(Exception):  # noqa: B017
        referral_end(actor=case_cast.assigned, referral=accepted, reason="lagi sekali")
    assert Referral.objects.get(pk=accepted.pk).status == ReferralStatus.ENDED
