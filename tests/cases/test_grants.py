"""Access grants: the kernel's record of which other organisation may see a case, and why."""

from __future__ import annotations

from waspada.audit.models import AuditEvent
from waspada.cases.grants import case_access_grant, case_access_revoke
from waspada.cases.models import AccessReason, CaseAccessGrant
from waspada.cases.selectors import case_queryset_for
from waspada.referrals import services as referrals


def test_a_grant_opens_the_case_and_a_revocation_closes_it(case_cast, org_ngo):
    assert list(case_queryset_for(case_cast.recipient)) == []
    case_access_grant(
        actor=case_cast.supervisor, case=case_cast.case, organisation=org_ngo,
        reason=AccessReason.REFERRAL, source_id=7,
    )  # fmt: skip
    assert list(case_queryset_for(case_cast.recipient)) == [case_cast.case]
    assert list(case_queryset_for(case_cast.outsider)) == []

    ended = case_access_revoke(
        actor=case_cast.supervisor, case=case_cast.case, organisation=org_ngo,
        reason=AccessReason.REFERRAL,
    )  # fmt: skip
    assert ended == 1
    assert list(case_queryset_for(case_cast.recipient)) == []
    grant = CaseAccessGrant.objects.get()
    assert grant.revoked_at is not None and grant.source_id == 7  # kept as the record
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["cases.access.granted", "cases.access.revoked"]


def test_revoking_nothing_records_nothing(case_cast, org_ngo):
    before = AuditEvent.objects.count()
    ended = case_access_revoke(
        actor=case_cast.supervisor, case=case_cast.case, organisation=org_ngo,
        reason=AccessReason.REFERRAL,
    )  # fmt: skip
    assert ended == 0 and AuditEvent.objects.count() == before


def test_an_accepted_referral_is_a_grant_of_the_kernel(case_cast, org_ngo):
    referral = referrals.referral_create(
        actor=case_cast.assigned, case=case_cast.case, to_organisation=org_ngo,
        service_type="shelter",
    )  # fmt: skip
    referrals.referral_respond(actor=case_cast.recipient, referral=referral, accept=True)
    grant = CaseAccessGrant.objects.get()
    assert (grant.case, grant.organisation, grant.reason, grant.source_id) == (
        case_cast.case, org_ngo, AccessReason.REFERRAL, referral.pk,
    )  # fmt: skip
    assert grant.granted_by == case_cast.recipient and grant.revoked_at is None


def test_a_declined_referral_grants_nothing(case_cast, org_ngo):
    referral = referrals.referral_create(
        actor=case_cast.assigned, case=case_cast.case, to_organisation=org_ngo,
        service_type="shelter",
    )  # fmt: skip
    referrals.referral_respond(
        actor=case_cast.recipient, referral=referral, accept=False, decline_reason="Penuh"
    )
    assert not CaseAccessGrant.objects.exists()
