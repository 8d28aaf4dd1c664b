"""The demo loader creates synthetic legal cases once."""

from __future__ import annotations

from waspada.accounts.models import Organisation
from waspada.accounts.roles import OrganisationType, Role
from waspada.demodata.seed_legal import demo_legal_load
from waspada.legal.models import LegalCase


def test_demo_legal_load_is_idempotent(make_user, db):

    lbh = Organisation.objects.create(
        name="LBH Pelita Keadilan (demo)", type=OrganisationType.NGO_LEGAL_AID
    )
    make_user("legal.lbh", Role.LEGAL_OFFICER, organisation=lbh, is_demo=True)
    assert demo_legal_load() == 3
    assert demo_legal_load() == 0
    cases = LegalCase.objects.all()
    assert all("(contoh)" in case.title for case in cases)
    assert {case.stage for case in cases} == {"appeal", "trial", "investigation"}
    assert LegalCase.objects.filter(verdict="convicted").count() == 1
