"""Cases without consent to de-identified statistics are left out of every dashboard figure.

The world (tests/reports/conftest) registers every case with that consent granted; here some
people refuse or withdraw it, and one case never had the question answered."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tests.reports.conftest import column, make_cases
from waspada.cases.models import ConsentKind
from waspada.cases.services import consent_record
from waspada.reports import facts
from waspada.reports.models import CaseFact
from waspada.reports.scope import DashboardFilters
from waspada.reports.selectors import dashboard_figures

pytestmark = pytest.mark.django_db


def _refuse(world, *cases) -> None:  # type: ignore[no-untyped-def]
    for case in cases:
        consent_record(
            case=case, kind=ConsentKind.STATISTICS, granted=False, actor=world.caseworker
        )


def test_the_fact_row_follows_the_latest_statistics_decision(world):
    case = world.mm_2023[0]
    assert CaseFact.objects.get(case=case).statistics_consent is True
    _refuse(world, case)
    assert CaseFact.objects.get(case=case).statistics_consent is False
    # consent to other uses does not stand in for it
    consent_record(case=case, kind=ConsentKind.SHARING, granted=True, actor=world.caseworker)
    assert CaseFact.objects.get(case=case).statistics_consent is False
    consent_record(case=case, kind=ConsentKind.STATISTICS, granted=True, actor=world.caseworker)
    assert CaseFact.objects.get(case=case).statistics_consent is True
    # a rebuild reads the same decision
    _refuse(world, case)
    facts.rebuild()
    assert CaseFact.objects.get(case=case).statistics_consent is False


def test_refused_and_undecided_cases_are_not_counted(world):
    kh, mm = world.kh_2022, world.mm_2023
    # kh[0]: a shelter service and an accepted referral; kh[4]: awaiting repatriation;
    # kh[5]: repatriated in 2023; two Myanmar cases of 2023
    _refuse(world, kh[0], kh[4], kh[5], mm[0], mm[1])
    # a 2023 case registered without any consent question answered
    make_cases(world.caseworker, 1, year=2023, age=19, sex="male", consents={},
               province_of_origin="Jawa Timur", destination_country="MM")  # fmt: skip
    figures = dashboard_figures(viewer=world.supervisor, filters=DashboardFilters())
    assert column(figures, "victims_by_year", "registered") == {
        2021: 0, 2022: 9, 2023: 3, "Jumlah": 12,
    }  # fmt: skip
    assert column(figures, "victims_by_year", "identified") == {
        2021: 0, 2022: 7, 2023: 0, "Jumlah": 7,
    }  # fmt: skip
    assert column(figures, "victims_by_destination", "people") == {
        "Kamboja": 9, "Myanmar": 3, "Jumlah": 12,
    }  # fmt: skip
    assert column(figures, "victims_by_sex", "people") == {
        "Perempuan": 9, "Laki-laki": 3, "Jumlah": 12,
    }  # fmt: skip
    assert column(figures, "assistance_by_type", "services") == {"Rumah aman / penampungan": 1}
    assert list(column(figures, "referrals", "referrals").values()) == [1, 1, 1, 2]
    assert column(figures, "awaiting_repatriation", "people") == {}
    assert column(figures, "repatriated_by_year", "people") == {
        2021: 0, 2022: 1, 2023: 0, "Jumlah": 1,
    }  # fmt: skip


def test_the_province_filter_and_the_csv_download_leave_them_out_too(client, world):
    _refuse(world, *world.mm_2023)
    figures = dashboard_figures(viewer=world.supervisor, filters={"province": "Jawa Timur"})
    assert column(figures, "victims_by_year", "registered")["Jumlah"] == 0
    client.force_login(world.analyst)
    response = client.get(reverse("reports:export", args=["victims_by_year", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[-1][:2] == ["Jumlah", "15"]  # 12 + 3 (NGO) of 2022, no 2023 case
    assert ["2023", "0", "0"] in rows
