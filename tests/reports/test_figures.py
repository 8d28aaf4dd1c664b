"""Dashboard numbers against figures counted by hand from the fixture (tests/reports/conftest)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from tests.reports.conftest import column
from waspada.reports.scope import DashboardFilters
from waspada.reports.selectors import dashboard_figures

SMALL = "<11"


def test_supervisor_sees_own_organisation_exactly(world):
    figures = dashboard_figures(viewer=world.supervisor, filters=DashboardFilters())
    assert figures["suppressed"] is False
    assert figures["filters"]["organisation"] == world.iom.pk
    assert column(figures, "victims_by_year", "registered") == {
        2021: 0, 2022: 12, 2023: 5, "Jumlah": 17,
    }  # fmt: skip
    assert column(figures, "victims_by_year", "identified") == {
        2021: 0, 2022: 10, 2023: 0, "Jumlah": 10,
    }  # fmt: skip
    assert column(figures, "victims_by_destination", "people") == {
        "Kamboja": 12, "Myanmar": 5, "Jumlah": 17,
    }  # fmt: skip
    assert column(figures, "victims_by_sex", "people") == {
        "Perempuan": 12, "Laki-laki": 5, "Jumlah": 17,
    }  # fmt: skip
    assert column(figures, "victims_by_age", "people") == {"18-20": 5, "24-26": 12, "Jumlah": 17}
    assert column(figures, "assistance_by_type", "services") == {"Rumah aman / penampungan": 2}
    referrals = column(figures, "referrals", "referrals")
    medians = column(figures, "referrals", "median_hours")
    assert list(referrals.values()) == [1, 2, 1, 3]  # pending, accepted, declined, answered
    assert list(medians.values()) == [None, 3.0, 10.0, 4.0]
    assert column(figures, "awaiting_repatriation", "people") == {"Kamboja": 1, "Jumlah": 1}
    assert column(figures, "repatriated_by_year", "people") == {
        2021: 0, 2022: 1, 2023: 1, "Jumlah": 2,
    }  # fmt: skip
    assert column(figures, "legal_funnel", "legal_cases") == {
        "Dilaporkan": 3, "Disidik": 3, "Dituntut": 2, "Dihukum": 1,
    }  # fmt: skip
    assert column(figures, "legal_by_year", "convicted") == {2021: 0, 2022: 0, 2023: 1}
    assert column(figures, "legal_by_year", "reported") == {2021: 0, 2022: 2, 2023: 1}
    assert column(figures, "restitution", "amount_idr") == {
        "Diputus": 50_000_000, "Dibayar": 20_000_000,
    }  # fmt: skip
    # the supervisor's campaigns only; screening belongs to no organisation
    assert column(figures, "campaign_reach", "reached") == {
        "Jawa Barat": 120, "Jawa Timur": 40, "Jumlah": 160,
    }  # fmt: skip
    assert column(figures, "screening", "screened") == {
        2021: 0, 2022: 100, 2023: 10, "Jumlah": 110,
    }  # fmt: skip


def test_analyst_sees_all_organisations_suppressed(world):
    figures = dashboard_figures(viewer=world.analyst, filters=DashboardFilters())
    assert figures["suppressed"] is True
    assert column(figures, "victims_by_year", "registered") == {
        2021: 0, 2022: "≥11", 2023: SMALL, "Jumlah": 20,  # 15 would give 2023 (5)
    }  # fmt: skip
    assert column(figures, "victims_by_year", "identified") == {
        2021: 0, 2022: SMALL, 2023: 0, "Jumlah": SMALL,
    }  # fmt: skip
    assert column(figures, "victims_by_destination", "people") == {
        "Kamboja": "≥11", "Myanmar": SMALL, "Jumlah": 20,
    }  # fmt: skip
    assert column(figures, "victims_by_age", "people") == {
        "18-20": SMALL, "24-26": 12, "Tidak diketahui": SMALL, "Jumlah": 20,
    }  # fmt: skip
    # medians from fewer than 11 referrals are blanked, counts shown as <11
    assert set(column(figures, "referrals", "median_hours").values()) == {None}
    assert column(figures, "referrals", "referrals")["Diterima"] == SMALL
    assert column(figures, "restitution", "amount_idr") == {"Diputus": None, "Dibayar": None}
    reach = column(figures, "campaign_reach", "reached")
    assert reach == {"Jawa Barat": 128, "Jawa Timur": 40, "Jumlah": 168}
    assert column(figures, "campaign_reach", "female") == {
        "Jawa Barat": 75, "Jawa Timur": None, "Jumlah": 75,
    }  # fmt: skip
    # screening counts texts, not people: never suppressed; the share is computed exactly
    assert column(figures, "screening", "flagged") == {2021: 0, 2022: 30, 2023: 10, "Jumlah": 40}
    assert column(figures, "screening", "flagged_pct") == {
        2021: None, 2022: 30.0, 2023: 100.0, "Jumlah": 36.4,
    }  # fmt: skip


def test_filters_by_province_organisation_and_years(world):
    west_java = dashboard_figures(viewer=world.analyst, filters={"province": "Jawa Barat"})
    assert column(west_java, "victims_by_year", "registered")[2022] == 15
    assert column(west_java, "victims_by_year", "registered")[2023] == 0
    assert list(column(west_java, "campaign_reach", "reached")) == ["Jawa Barat", "Jumlah"]
    ngo = dashboard_figures(viewer=world.analyst, filters={"organisation": world.ngo.pk})
    assert column(ngo, "victims_by_year", "registered") == {2021: 0, 2022: SMALL, 2023: 0,
                                                            "Jumlah": SMALL}  # fmt: skip
    wide = dashboard_figures(viewer=world.supervisor, filters={"year_from": 2020, "year_to": 2023})
    assert column(wide, "victims_by_year", "registered")[2020] == 1


def test_supervisor_cannot_widen_to_another_organisation(world):
    figures = dashboard_figures(viewer=world.supervisor, filters={"organisation": world.ngo.pk})
    assert figures["filters"]["organisation"] == world.iom.pk
    assert column(figures, "victims_by_year", "registered")["Jumlah"] == 17


@pytest.mark.parametrize("who", ["caseworker", "legal_officer"])
def test_roles_without_reports_view_are_refused(world, who):
    with pytest.raises(PermissionDenied):
        dashboard_figures(viewer=getattr(world, who), filters=None)


def test_bad_year_range_is_refused(world):
    with pytest.raises(ValueError):
        dashboard_figures(viewer=world.analyst, filters={"year_from": 2024, "year_to": 2021})


def test_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        dashboard_figures(viewer=world.analyst, filters=DashboardFilters())
