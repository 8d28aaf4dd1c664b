"""The dashboard's statistics rows (``reports.facts``) follow every change of their sources."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tests.case_fixtures import Cast
from waspada.cases.models import Case, Person
from waspada.cases.services import case_register, case_update
from waspada.cases.signals import cases_changed
from waspada.repatriation.models import Repatriation, StageEntry
from waspada.reports import facts
from waspada.reports.models import CaseFact

pytestmark = pytest.mark.django_db


def _rows() -> list[tuple[object, ...]]:
    return list(
        CaseFact.objects.order_by("case_id").values_list(
            "case_id", "organisation_id", "year", "province", "destination", "sex", "age",
            "trafficking_status", "repatriated_year",
        )
    )  # fmt: skip


def test_a_registered_case_gets_its_row(case_cast: Cast) -> None:
    case = case_register(
        actor=case_cast.assigned,
        data={"full_name": "Siti Aminah", "sex": "female", "province_of_origin": "Jawa Barat",
              "destination_country": "KH", "age_at_identification": 24},
    )  # fmt: skip
    fact = CaseFact.objects.get(case=case)
    assert (fact.organisation_id, fact.year) == (case.organisation_id, timezone.localdate().year)
    # typed as a name, stored and counted as the Kemendagri code
    assert (fact.province, fact.destination, fact.sex) == ("32", "KH", "female")
    assert (fact.trafficking_status, fact.repatriated_year) == ("", None)


def test_editing_the_person_or_the_case_updates_the_row(case_cast: Cast) -> None:
    case = case_cast.case
    case_update(
        actor=case_cast.assigned, case=case, version=case.version,
        data={"sex": "male", "destination_country": "MM"},
    )  # fmt: skip
    fact = CaseFact.objects.get(case=case)
    assert (fact.sex, fact.destination) == ("male", "MM")


def test_updates_without_save_are_caught_by_the_cases_changed_signal(case_cast: Cast) -> None:
    case = case_cast.case
    Case.objects.filter(pk=case.pk).update(trafficking_status="possible")
    assert CaseFact.objects.get(case=case).trafficking_status == ""  # no signal yet
    cases_changed.send(sender=Case, case_ids=[case.pk])
    assert CaseFact.objects.get(case=case).trafficking_status == "possible"


def test_repatriation_year_is_the_arrival_stage_else_the_return_date(case_cast: Cast) -> None:
    case = case_cast.case
    Case.objects.filter(pk=case.pk).update(returned_on=date(2022, 9, 1))
    facts.refresh([case.pk])
    assert CaseFact.objects.get(case=case).repatriated_year == 2022
    repatriation = Repatriation.objects.create(case=case, current_stage="arrival", current_order=60)
    arrival = StageEntry.objects.create(
        repatriation=repatriation, stage="arrival", order=60, reached_on=date(2023, 1, 5)
    )
    assert CaseFact.objects.get(case=case).repatriated_year == 2023
    arrival.delete()
    assert CaseFact.objects.get(case=case).repatriated_year == 2022


@pytest.mark.parametrize("through", ["instance", "queryset"])
def test_a_deleted_case_loses_its_row(case_cast: Cast, through: str) -> None:
    case = case_cast.case
    person = case.person
    # Its repatriation stages go with it; their delete signal must not bring the row back.
    repatriation = Repatriation.objects.create(case=case, current_stage="arrival", current_order=60)
    StageEntry.objects.create(
        repatriation=repatriation, stage="arrival", order=60, reached_on=date(2023, 1, 5)
    )
    if through == "instance":
        case.delete()
    else:
        Case.objects.filter(pk=case.pk).delete()
    person.delete()
    assert not CaseFact.objects.filter(case_id=case.pk).exists()
    facts.refresh([case.pk])  # refreshing a case that is gone is harmless
    assert not CaseFact.objects.exists()


def test_rebuild_gives_the_same_rows_as_the_incremental_updates(case_cast: Cast) -> None:
    for number, (sex, country) in enumerate((("female", "KH"), ("male", "MM"), ("female", ""))):
        case = case_register(
            actor=case_cast.assigned,
            data={"full_name": f"Orang Uji {number}", "sex": sex, "destination_country": country},
        )
        Person.objects.filter(pk=case.person_id).update(age_at_identification=20 + number)
        Case.objects.filter(pk=case.pk).update(returned_on=date(2021 + number, 3, 1))
        cases_changed.send(sender=Case, case_ids=[case.pk])
        Person.objects.get(pk=case.person_id).save()  # a person's save refreshes their cases
    incremental = _rows()
    assert len(incremental) == 4 and {row[6] for row in incremental} >= {20, 21, 22}
    CaseFact.objects.all().delete()
    assert facts.rebuild() == 4
    assert _rows() == incremental
