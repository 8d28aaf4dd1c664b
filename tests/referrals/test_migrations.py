"""The data migration that turns accepted referrals into the kernel's access grants."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("referrals", "0001_initial"), ("cases", "0003_list_filter_indexes")]
AFTER = [("referrals", "0002_access_grants_from_referrals")]


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_accepted_referrals_become_grants_and_nothing_else_does():
    old = _migrate(BEFORE)
    try:
        organisation = old.get_model("accounts", "Organisation")
        owner = organisation.objects.create(name="Owner", type="ngo")
        recipient = organisation.objects.create(name="Recipient", type="ngo")
        data_key = old.get_model("privacy", "DataKey")
        case_model, person_model = old.get_model("cases", "Case"), old.get_model("cases", "Person")
        referral_model = old.get_model("referrals", "Referral")
        now = timezone.now()
        referrals = {}
        for number, status in enumerate(("accepted", "declined", "pending")):
            key = data_key.objects.create(master_key_id="m", wrapped="w")
            person = person_model.objects.create(data_key=key, sealed="")
            case = case_model.objects.create(
                code=f"WSP-TEST-{number}", person=person, organisation=owner
            )
            referrals[status] = referral_model.objects.create(
                case=case, from_organisation=owner, to_organisation=recipient,
                service_type="shelter", status=status,
                responded_at=now if status != "pending" else None,
            )  # fmt: skip

        new = _migrate(AFTER)
        grant = new.get_model("cases", "CaseAccessGrant").objects.get()
        accepted = referrals["accepted"]
        assert (grant.case_id, grant.organisation_id, grant.reason, grant.source_id) == (
            accepted.case_id, recipient.pk, "referral", accepted.pk,
        )  # fmt: skip
        assert grant.revoked_at is None
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
