"""A legal-case share ends when the owner stops it (with a reason) or when the person withdraws
consent to share on a linked victim's case: the sharee loses the case (page and API) and sees
that the share ended and when."""

from __future__ import annotations

from django.test import Client

from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases.models import ConsentKind
from waspada.cases.services import consent_record
from waspada.legal import services


def _sees(user, code: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    page = Client()
    page.force_login(user)
    token = token_create(user=user)
    api = Client().get(f"/api/v1/legal-cases/{code}", HTTP_AUTHORIZATION=f"Bearer {token}")
    return page.get(f"/penegakan-hukum/perkara/{code}/").status_code, api.status_code


def _ended_listed(user, code: str) -> bool:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    page = client.get("/penegakan-hukum/").text
    return "Berbagi perkara yang berakhir" in page and code in page


def test_owner_stops_sharing_with_a_reason(legal_cast, org_ngo):
    code = legal_cast.legal_case.code
    assert _sees(legal_cast.sharee_officer, code) == (200, 200)
    client = Client()
    client.force_login(legal_cast.officer)
    client.post(
        f"/penegakan-hukum/perkara/{code}/berbagi/{org_ngo.pk}/hapus/",
        {"reason": "pendampingan selesai", "confirmed": "1"},
    )
    assert _sees(legal_cast.sharee_officer, code) == (404, 404)
    assert _ended_listed(legal_cast.sharee_officer, code)
    share = legal_cast.legal_case.shares.get()
    assert share.ended_at is not None and share.end_cause == "owner"
    event = AuditEvent.objects.filter(action="legal.legal_case.unshared").last()
    assert event is not None and event.details["reason"] == "pendampingan selesai"
    # Sharing again reopens it.
    services.legal_case_share(
        actor=legal_cast.officer, legal_case=legal_cast.legal_case, organisation_id=org_ngo.pk
    )
    assert _sees(legal_cast.sharee_officer, code) == (200, 200)


def test_withdrawn_consent_on_the_victims_case_ends_the_shares(legal_cast):
    code = legal_cast.legal_case.code
    consent_record(
        case=legal_cast.victim_case,
        kind=ConsentKind.SHARING,
        granted=False,
        actor=legal_cast.caseworker,
    )
    assert _sees(legal_cast.sharee_officer, code) == (404, 404)
    assert legal_cast.legal_case.shares.get().end_cause == "consent_withdrawn"
    assert _ended_listed(legal_cast.sharee_officer, code)
