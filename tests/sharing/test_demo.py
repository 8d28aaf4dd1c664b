"""The demo's data-sharing agreements: made once, in force today, without personal fields."""

from __future__ import annotations

import pytest
from django.utils import timezone

from waspada.demodata.seed_accounts import demo_load
from waspada.demodata.seed_sharing import demo_agreements_load
from waspada.sharing.models import Agreement

pytestmark = pytest.mark.django_db


def test_demo_agreements_are_made_once_and_in_force():
    demo_load()
    assert demo_agreements_load() == 2
    assert demo_agreements_load() == 0
    today = timezone.localdate()
    for agreement in Agreement.objects.all():
        assert agreement.valid_from <= today <= agreement.valid_to
        assert agreement.personal_fields == []
    assert Agreement.objects.filter(organisation__isnull=True, kinds=["htcds"]).count() == 1
