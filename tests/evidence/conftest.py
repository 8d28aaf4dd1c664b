"""A fixed cast around one legal case and one linked victim's case, a private data folder,
and small files of every family."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import OrganisationType, Role
from waspada.cases.models import Case
from waspada.cases.services import case_register
from waspada.demodata.seed_evidence import _png
from waspada.evidence import services
from waspada.evidence.models import EvidenceItem
from waspada.legal.models import LegalCase, LegalCaseShare
from waspada.privacy import services as privacy

PNG = _png(8, 8)
MARKER = b"RAHASIA-BUKTI-7f3k9q-" * 50  # distinctive plaintext to look for on disk
TEXT = b"Bukti transfer contoh\n" + MARKER


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@dataclass
class Cast:
    legal_case: LegalCase
    case: Case
    legal: User  # legal officer of the owning organisation
    supervisor: User
    caseworker: User  # assigned to the linked victim's case
    colleague: User  # caseworker of the owning organisation, not assigned
    other_legal: User  # legal officer of an unrelated organisation
    shared_legal: User  # legal officer of the organisation the case is shared with
    analyst: User


@pytest.fixture
def cast(make_user, org_iom, org_ngo) -> Cast:  # type: ignore[no-untyped-def]
    other = Organisation.objects.create(name="Other NGO", type=OrganisationType.NGO_LEGAL_AID)
    caseworker = make_user("cw.assigned", Role.CASEWORKER)
    case = case_register(
        actor=caseworker,
        data={"full_name": "Dewi Contoh", "sex": "female", "destination_country": "KH"},
    )
    legal_case = LegalCase.objects.create(
        code="LGL-2026-7F3K9Q",
        organisation=org_iom,
        title="Perkara contoh",
        data_key=privacy.data_key_create(),
    )
    legal_case.victim_cases.add(case)
    LegalCaseShare.objects.create(legal_case=legal_case, organisation=org_ngo)
    return Cast(
        legal_case=legal_case,
        case=case,
        legal=make_user("legal.iom", Role.LEGAL_OFFICER),
        supervisor=make_user("sup.iom", Role.SUPERVISOR),
        caseworker=caseworker,
        colleague=make_user("cw.colleague", Role.CASEWORKER),
        other_legal=make_user("legal.other", Role.LEGAL_OFFICER, organisation=other),
        shared_legal=make_user("legal.ngo", Role.LEGAL_OFFICER, organisation=org_ngo),
        analyst=make_user("analyst", Role.ANALYST),
    )


@pytest.fixture
def store(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Upload through the service and run the on-commit move into place."""

    def do(actor, name="bukti.txt", content=TEXT, kind="transfer_receipt", **owner):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return services.item_upload(
                actor=actor,
                upload=SimpleUploadedFile(name, content),
                kind=kind,
                description="Diserahkan oleh korban",
                **owner,
            )

    return do


@pytest.fixture
def item(cast, store) -> EvidenceItem:  # type: ignore[no-untyped-def]
    return store(cast.legal, legal_case=cast.legal_case)
