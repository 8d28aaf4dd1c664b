"""Dashboards open on the last three complete years and the annual report on the last
complete year, whatever year it is (it was hard-coded to 2021–2023)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from waspada.accounts.roles import Role
from waspada.reports.scope import DashboardFilters
from waspada.ui import periods


@pytest.fixture
def december_2026(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(periods, "timezone", SimpleNamespace(localdate=lambda: date(2026, 12, 4)))


def test_defaults_follow_the_clock(december_2026):
    assert periods.last_complete_years() == (2023, 2025)
    assert periods.last_complete_year() == 2025
    assert DashboardFilters().years == [2023, 2024, 2025]
    assert DashboardFilters.coerce({}).years == [2023, 2024, 2025]


def test_the_dashboard_and_annual_report_open_on_complete_years(client, make_user, december_2026):
    client.force_login(make_user("sup.iom", Role.SUPERVISOR))
    dashboard = client.get("/laporan/")
    assert dashboard.status_code == 200
    assert 'name="year_from" value="2023"' in dashboard.text
    assert 'name="year_to" value="2025"' in dashboard.text
    annual = client.get("/laporan/tahunan/")
    assert annual.context["year"] == 2025
    monitoring = client.get("/penegakan-hukum/pemantauan/")
    assert monitoring.status_code == 200 and 'value="2023"' in monitoring.text
