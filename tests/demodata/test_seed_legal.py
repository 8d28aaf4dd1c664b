"""The demo loader creates synthetic legal cases once."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from waspada.accounts.models import Organisation
from waspada.accounts.roles import OrganisationType, Role
from waspada.demodata.seed_legal import demo_legal_load
from waspada.legal.models import Charge, LegalCase, StageChange


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


def test_demo_legal_cases_follow_the_clock(make_user, db):
    """Open legal cases look like today: the newest stage began weeks ago, not years, and no
    offence falls after the 2026 KUHP took effect (the charges' articles stay the right ones)."""
    lbh = Organisation.objects.create(
        name="LBH Pelita Keadilan (demo)", type=OrganisationType.NGO_LEGAL_AID
    )
    make_user("legal.lbh", Role.LEGAL_OFFICER, organisation=lbh, is_demo=True)
    demo_legal_load()
    today = timezone.localdate()
    changes = [c.changed_at.date() for c in StageChange.objects.all()]
    assert today - timedelta(days=90) <= max(changes) <= today
    assert min(changes) >= today - timedelta(days=2 * 366)
    assert all(
        charge.offence_date is None or charge.offence_date < date(2026, 1, 2)
        for charge in Charge.objects.all()
    )
    for case in LegalCase.objects.all():
        assert case.police_report_date is not None and case.police_report_date <= today
