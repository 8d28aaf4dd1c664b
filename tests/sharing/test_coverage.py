"""A platform agreement may cover only chosen organisations' cases: its releases read those
organisations' cases and no others, and the choice is checked when the agreement is recorded."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from waspada.accounts.models import Organisation, OrganisationType
from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.cases.models import ConsentKind
from waspada.cases.services import case_register
from waspada.sharing import services

pytestmark = pytest.mark.django_db


def _terms(**extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "partner": "CTDC", "purpose": "Data global", "kinds": ["ctdc"],
        "valid_from": today - timedelta(days=1), "valid_to": today + timedelta(days=30), **extra,
    }  # fmt: skip


@pytest.fixture
def orgs(org_iom, org_ngo):  # type: ignore[no-untyped-def]
    third = Organisation.objects.create(
        name="Lembaga Ketiga", short_name="L3", type=OrganisationType.NGO_LEGAL_AID
    )
    return {"iom": org_iom, "ngo": org_ngo, "third": third}


def _cases(make_user, organisation, count: int, name: str) -> None:  # type: ignore[no-untyped-def]
    worker = make_user(f"cw.{name}", Role.CASEWORKER, organisation)
    for number in range(count):
        case_register(
            actor=worker,
            data={"full_name": f"Korban {number}", "sex": "female", "destination_country": "KH"},
            consents={ConsentKind.STATISTICS.value: True},
        )


def test_a_platform_agreement_over_two_organisations_leaves_the_third_out(people, make_user, orgs):
    _cases(make_user, orgs["iom"], 11, "iom")
    _cases(make_user, orgs["ngo"], 11, "ngo")
    _cases(make_user, orgs["third"], 5, "third")
    agreement = services.agreement_create(
        actor=people["admin"], organisation_id=None,
        data=_terms(covered_organisations=[str(orgs["iom"].pk), orgs["ngo"].pk]),
    )  # fmt: skip
    assert set(agreement.covered_organisations.all()) == {orgs["iom"], orgs["ngo"]}
    assert agreement.organisation_ids() == sorted([orgs["iom"].pk, orgs["ngo"].pk])
    event = AuditEvent.objects.get(action="sharing.agreement.created")
    assert event.details["covered_organisations"] == agreement.organisation_ids()
    release = services.release_request(
        actor=people["analyst"], agreement=agreement, data={"kind": "ctdc", "k": 11,
        "quasi_identifiers": "gender,CountryOfExploitation"},
    )  # fmt: skip
    release = services.release_approve(actor=people["admin"], release=release)
    assert release.rows == 22  # not the third organisation's 5
    assert release.checks["organisations"] == agreement.organisation_ids()
    path = services.release_path(release)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == 22


def test_a_platform_agreement_without_a_choice_covers_every_organisation(people, make_user, orgs):
    _cases(make_user, orgs["iom"], 6, "iom")
    _cases(make_user, orgs["third"], 6, "third")
    agreement = services.agreement_create(
        actor=people["admin"], organisation_id=None, data=_terms()
    )
    assert agreement.organisation_ids() is None
    release = services.release_request(
        actor=people["analyst"], agreement=agreement,
        data={"kind": "ctdc", "k": 11, "quasi_identifiers": "gender"},
    )  # fmt: skip
    release = services.release_approve(actor=people["admin"], release=release)
    assert release.rows == 12 and release.checks["organisations"] is None


@pytest.mark.parametrize(
    ("owner", "covered", "message"),
    [
        ("iom", ["ngo"], "platform"),  # a data owner's agreement covers its own cases only
        (None, ["999999"], "tidak dikenal"),
        (None, ["x"], "tidak dikenal"),
    ],
)
def test_bad_choices_name_the_field_and_record_nothing(people, orgs, owner, covered, message):
    ids = [str(orgs[c].pk) if c in orgs else c for c in covered]
    with pytest.raises(ValidationError) as caught:
        services.agreement_create(
            actor=people["admin"], organisation_id=orgs[owner].pk if owner else None,
            data=_terms(covered_organisations=ids),
        )  # fmt: skip
    assert message in " ".join(caught.value.message_dict["covered_organisations"])
    assert not AuditEvent.objects.filter(action="sharing.agreement.created").exists()


def test_an_inactive_organisation_cannot_be_chosen(people, orgs):
    orgs["third"].is_active = False
    orgs["third"].save()
    with pytest.raises(ValidationError) as caught:
        services.agreement_create(
            actor=people["admin"], organisation_id=None,
            data=_terms(covered_organisations=[orgs["third"].pk]),
        )  # fmt: skip
    assert "covered_organisations" in caught.value.message_dict
