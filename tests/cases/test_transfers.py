"""Transfers: the receiver becomes owner, the sender reads for a while, the chain and BAST."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from waspada.accounts.models import Organisation
from waspada.accounts.roles import OrganisationType, Role
from waspada.audit.models import AuditEvent
from waspada.cases import closure, transfers
from waspada.cases.grants import case_access_end_all, case_access_grant
from waspada.cases.models import AccessReason, CaseAccessGrant, ConsentKind, TransferStatus
from waspada.cases.selectors import case_queryset_for, get_case_for
from waspada.cases.services import consent_record
from waspada.ui.workbench import sections_for


@pytest.fixture
def kp2mi(db):  # type: ignore[no-untyped-def]
    return Organisation.objects.create(
        name="KP2MI", short_name="KP2MI", type=OrganisationType.GOVERNMENT
    )


def test_request_accept_makes_the_receiver_owner(case_cast, kp2mi, make_user, settings):
    settings.WASPADA_TRANSFER_READ_DAYS = 30
    receiver = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    case = case_cast.case
    transfer = transfers.transfer_request(
        actor=case_cast.assigned, case=case, to_organisation_id=kp2mi.pk,
        items=["case_file", "passport_splp"], note="Butuh pendampingan psikososial",
    )  # fmt: skip
    assert transfer.status == TransferStatus.PENDING
    assert "psikososial" not in transfer.sealed_note  # sealed
    # Before the answer the receiver does not see the case, only the request.
    assert list(case_queryset_for(receiver)) == []
    assert list(transfers.incoming_for(receiver)) == [transfer]

    transfers.transfer_answer(actor=receiver, transfer=transfer, accept=True)
    case.refresh_from_db()
    transfer.refresh_from_db()
    assert case.organisation == kp2mi
    assert list(case.assigned.all()) == [receiver]
    assert transfer.status == TransferStatus.ACCEPTED
    assert transfer.bast_number.startswith("BAST/") and case.code in transfer.bast_number
    assert get_case_for(receiver, case.code) == case
    # The sender's caseworker keeps reading, through an expiring read-only grant.
    assert get_case_for(case_cast.assigned, case.code) == case
    grant = CaseAccessGrant.objects.get(reason=AccessReason.TRANSFER)
    assert grant.organisation_id == transfer.from_organisation_id
    assert grant.revoked_at is not None
    assert timedelta(days=29) < grant.revoked_at - timezone.now() <= timedelta(days=30)
    assert not case_queryset_for(case_cast.assigned, writing=True).filter(pk=case.pk).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"cases.transfer.requested", "cases.transfer.accepted"} <= actions


def test_the_senders_access_ends_when_the_period_is_over(case_cast, kp2mi, make_user):
    receiver = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    transfer = transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )
    transfers.transfer_answer(actor=receiver, transfer=transfer, accept=True)
    CaseAccessGrant.objects.filter(reason=AccessReason.TRANSFER).update(
        revoked_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(Http404):
        get_case_for(case_cast.assigned, case_cast.case.code)
    with pytest.raises(Http404):
        get_case_for(case_cast.supervisor, case_cast.case.code)


def test_no_read_period_means_no_grant(case_cast, kp2mi, make_user, settings):
    settings.WASPADA_TRANSFER_READ_DAYS = 0
    receiver = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    transfer = transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )
    transfers.transfer_answer(actor=receiver, transfer=transfer, accept=True)
    with pytest.raises(Http404):
        get_case_for(case_cast.assigned, case_cast.case.code)


def test_declined_transfer_changes_nothing(case_cast, kp2mi, make_user):
    receiver = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    transfer = transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )
    transfers.transfer_answer(actor=receiver, transfer=transfer, accept=False)
    case_cast.case.refresh_from_db()
    assert case_cast.case.organisation == case_cast.assigned.organisation
    assert not CaseAccessGrant.objects.exists()
    with pytest.raises(ValidationError):  # answered once
        transfers.transfer_answer(actor=receiver, transfer=transfer, accept=True)
    # a new request is possible after a decline
    transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )


def test_refusals_name_the_field(case_cast, kp2mi):
    with pytest.raises(ValidationError) as caught:
        transfers.transfer_request(
            actor=case_cast.assigned, case=case_cast.case, to_organisation_id=99999,
            items=["bogus"], note="x" * 2001,
        )  # fmt: skip
    assert set(caught.value.message_dict) == {"to_organisation", "items", "note"}
    with pytest.raises(ValidationError) as caught:
        transfers.transfer_request(
            actor=case_cast.assigned, case=case_cast.case,
            to_organisation_id=case_cast.case.organisation_id,
        )  # fmt: skip
    assert "to_organisation" in caught.value.message_dict


def test_no_transfer_without_consent_to_share(case_cast, kp2mi):
    consent_record(case=case_cast.case, kind=ConsentKind.SHARING, granted=False,
                   actor=case_cast.assigned)  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        transfers.transfer_request(
            actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
        )
    assert "__all__" in caught.value.message_dict


def test_one_pending_transfer_at_a_time(case_cast, kp2mi, org_ngo):
    transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )
    with pytest.raises(ValidationError):
        transfers.transfer_request(
            actor=case_cast.assigned, case=case_cast.case, to_organisation_id=org_ngo.pk
        )


def test_only_the_owner_side_asks_and_only_the_receiver_answers(case_cast, kp2mi, make_user):
    recipient_org = case_cast.recipient.organisation
    case_access_grant(actor=None, case=case_cast.case, organisation=recipient_org,
                      reason=AccessReason.REFERRAL)  # fmt: skip
    with pytest.raises(PermissionDenied):  # a referral recipient does not own the case
        transfers.transfer_request(
            actor=case_cast.recipient, case=case_cast.case, to_organisation_id=kp2mi.pk
        )
    transfer = transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )
    for intruder in (case_cast.outsider, case_cast.recipient, case_cast.supervisor):
        with pytest.raises(PermissionDenied):
            transfers.transfer_answer(actor=intruder, transfer=transfer, accept=True)
    analyst = make_user("analyst.kp2mi", Role.ANALYST, organisation=kp2mi)
    assert list(transfers.incoming_for(analyst)) == []


def test_chain_and_bast_of_each_hand_over(case_cast, kp2mi, org_ngo, make_user):
    kp2mi_cw = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    first = transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )
    transfers.transfer_answer(actor=kp2mi_cw, transfer=first, accept=True)
    case_cast.case.refresh_from_db()
    second = transfers.transfer_request(
        actor=kp2mi_cw, case=case_cast.case, to_organisation_id=org_ngo.pk
    )
    transfers.transfer_answer(actor=case_cast.recipient, transfer=second, accept=True)
    chain = transfers.transfer_chain(case_cast.case)
    assert [(t.from_organisation.name, t.to_organisation.name) for t in chain] == [
        ("IOM Indonesia", "KP2MI"), ("KP2MI", "Yayasan Contoh"),
    ]  # fmt: skip
    bast = transfers.bast_for(viewer=case_cast.recipient, case=case_cast.case,
                              transfer_id=second.pk)  # fmt: skip
    assert bast["personal"]["full_name"] == "Siti Rahmawati Kusuma"
    # the NGO was not a side of the first hand-over: no BAST for it
    with pytest.raises(Http404):
        transfers.bast_for(viewer=case_cast.recipient, case=case_cast.case, transfer_id=first.pk)
    assert AuditEvent.objects.filter(action="cases.transfer.bast_printed").count() == 1


def test_a_pending_transfer_waits_on_the_receivers_workbench_only(case_cast, kp2mi, make_user):
    def listed(user):  # type: ignore[no-untyped-def]
        found = [f for f in sections_for(user) if f.section.key == "transfers_incoming"]
        return [item.text for item in found[0].items] if found else None

    receiver = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )
    assert listed(receiver) == [case_cast.case.code]
    assert listed(case_cast.assigned) == []  # the sender waits; it has nothing to answer
    assert listed(case_cast.outsider) == []


def test_a_read_period_that_ran_out_keeps_its_end_when_access_ends_later(
    case_cast, kp2mi, make_user, monkeypatch
):
    """One definition of a grant in force: a transfer read period that is over is not ended a
    second time (moving its end) when every access to the case ends later."""
    receiver = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    transfer = transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )
    transfers.transfer_answer(actor=receiver, transfer=transfer, accept=True)
    grant = CaseAccessGrant.objects.get(reason=AccessReason.TRANSFER)
    ended_at = grant.revoked_at
    later = timezone.now() + timedelta(days=40)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert case_access_end_all(actor=receiver, case=case_cast.case, cause="consent_withdrawn") == 0
    grant.refresh_from_db()
    assert grant.revoked_at == ended_at
    assert ended_at is not None and ended_at < later


def test_the_sender_cannot_close_or_write_on_a_case_it_handed_over(case_cast, kp2mi, make_user):
    receiver = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    transfer = transfers.transfer_request(
        actor=case_cast.assigned, case=case_cast.case, to_organisation_id=kp2mi.pk
    )
    transfers.transfer_answer(actor=receiver, transfer=transfer, accept=True)
    case = get_case_for(case_cast.supervisor, case_cast.case.code)  # still readable
    with pytest.raises(PermissionDenied):
        closure.case_close(
            actor=case_cast.supervisor, case=case,
            data={"reason": "transferred", "summary": "Diserahkan ke KP2MI."},
        )  # fmt: skip
    case.refresh_from_db()
    assert case.status != "closed"
    assert not case_queryset_for(case_cast.supervisor, writing=True).filter(pk=case.pk).exists()
