"""The organisation responsible for a repatriation stage sees the case while the stage is
open, and loses it when the next stage is recorded or the case is closed."""

from __future__ import annotations

import pytest
from django.http import Http404

from waspada.accounts.models import Organisation
from waspada.accounts.roles import OrganisationType, Role
from waspada.cases.closure import case_close
from waspada.cases.selectors import get_case_for
from waspada.repatriation.services import repatriation_stage_record


def record(actor, case, stage, on, organisation=None):  # type: ignore[no-untyped-def]
    data = {"stage": stage, "reached_on": on}
    if organisation is not None:
        data["organisation"] = organisation.pk
    return repatriation_stage_record(actor=actor, case=case, data=data)


def test_stage_access_follows_the_open_stage(people, make_user):
    kbri = Organisation.objects.create(name="KBRI Phnom Penh", type=OrganisationType.EMBASSY)
    kp2mi = Organisation.objects.create(name="KP2MI", type=OrganisationType.GOVERNMENT)
    kbri_cw = make_user("cw.kbri", Role.CASEWORKER, organisation=kbri)
    kp2mi_cw = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    case = people.case
    with pytest.raises(Http404):
        get_case_for(kbri_cw, case.code)  # "not found" before the stage, as the issue saw

    record(people.assigned, case, "embassy_shelter", "2024-01-12", kbri)
    assert get_case_for(kbri_cw, case.code) == case
    with pytest.raises(Http404):
        get_case_for(kp2mi_cw, case.code)

    record(people.assigned, case, "arrival", "2024-01-20", kp2mi)
    assert get_case_for(kp2mi_cw, case.code) == case
    with pytest.raises(Http404):
        get_case_for(kbri_cw, case.code)  # its stage is done

    case_close(actor=people.supervisor, case=case,
               data={"reason": "reintegrated", "summary": "Selesai"})  # fmt: skip
    with pytest.raises(Http404):
        get_case_for(kp2mi_cw, case.code)
