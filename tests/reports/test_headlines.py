"""Headline figures and monthly trends at the top of the 3P dashboard: the same cells as the
tables (one source of truth), compared with the previous period, suppressed like the tables."""

from __future__ import annotations

from django.urls import reverse

from tests.reports.conftest import column
from waspada.reports.headlines import dashboard_headlines, previous_period
from waspada.reports.scope import DashboardFilters
from waspada.reports.selectors import dashboard_figures
from waspada.reports.tables import NOT_BY_MONTH


def _figure(headlines, key):  # type: ignore[no-untyped-def]
    for section in headlines["sections"]:
        for figure in section["figures"]:
            if figure["key"] == key:
                return figure
    raise KeyError(key)


def test_previous_period_has_the_same_length_and_stops_at_2000():
    assert previous_period(DashboardFilters(2022, 2024)) == DashboardFilters(2019, 2021)
    assert previous_period(DashboardFilters(2023, 2023)) == DashboardFilters(2022, 2022)
    assert previous_period(DashboardFilters(2000, 2001)) is None


def test_supervisor_sees_exact_headlines_with_the_change(world):
    filters = DashboardFilters(2023, 2023)
    figures = dashboard_figures(viewer=world.supervisor, filters=filters)
    headlines = dashboard_headlines(viewer=world.supervisor, filters=filters, figures=figures)
    assert headlines["previous"] == {"year_from": 2022, "year_to": 2022}
    screened = _figure(headlines, "screening.screened.-1")
    # the same cell as the table below (2023: 10 texts), against 2022's 100
    assert screened["value"] == column(figures, "screening", "screened")["Jumlah"] == 10
    assert (screened["previous"], screened["change"], screened["change_pct"]) == (100, -90, -90.0)
    reported = _figure(headlines, "legal_funnel.legal_cases.0")
    assert (reported["value"], reported["previous"], reported["change"]) == (1, 2, -1)
    convicted = _figure(headlines, "legal_funnel.legal_cases.3")
    assert (convicted["value"], convicted["previous"], convicted["change"]) == (1, 0, 1)
    assert convicted["change_pct"] is None  # no percentage of nothing
    assert [s["key"] for s in headlines["sections"]] == ["prevention", "protection", "prosecution"]


def test_suppressed_headlines_show_no_change(world):
    filters = DashboardFilters(2023, 2023)
    figures = dashboard_figures(viewer=world.analyst, filters=filters)
    headlines = dashboard_headlines(viewer=world.analyst, filters=filters, figures=figures)
    reported = _figure(headlines, "legal_funnel.legal_cases.0")
    assert reported["value"] == "<11" and reported["previous"] == "<11"
    assert reported["change"] is None and reported["change_pct"] is None
    screened = _figure(headlines, "screening.screened.-1")  # texts are never suppressed
    assert screened["change"] == -90


def test_monthly_trends_add_up_to_the_years_and_are_suppressed(world):
    exact = dashboard_figures(viewer=world.supervisor, filters=DashboardFilters(2022, 2023))
    months = column(exact, "victims_by_month", "registered")
    assert len(months) == 24 and months["Jun 2022"] == 12 and months["Jun 2023"] == 5
    assert sum(months.values()) == column(exact, "victims_by_year", "registered")["Jumlah"]
    legal = column(exact, "legal_by_month", "reported")
    assert (legal["Jan 2022"], legal["Feb 2022"], legal["Mar 2023"]) == (1, 1, 1)
    assert column(exact, "screening_by_month", "screened")["Mar 2022"] > 0
    hidden = dashboard_figures(viewer=world.analyst, filters=DashboardFilters(2022, 2023))
    identified = column(hidden, "victims_by_month", "identified")
    # 2022 has 10 identified people in all (a "<11" year): not broken down by month
    assert {identified[m] for m in identified if m.endswith("2022")} == {NOT_BY_MONTH}
    # June holds all 15 of 2022: shown, it would pin the year (and through the total 2023's
    # "<11"), so complementary suppression hides it as the yearly table does
    assert column(hidden, "victims_by_month", "registered")["Jun 2022"] == "≥11"
    assert column(hidden, "victims_by_year", "registered")[2022] == "≥11"


def test_dashboard_page_starts_with_headlines_then_trends(client, world):
    client.force_login(world.officer)
    page = client.get(reverse("reports:dashboard"), {"year_from": 2023, "year_to": 2023})
    html = page.content.decode()
    assert html.index("Angka utama") < html.index("Tren bulanan") < html.index('id="protection"')
    assert 'class="chart trend"' in html and "<script" not in html
    assert "turun 90 dari 100 (2022–2022)" in html


def test_a_previous_period_without_any_record_is_no_comparison(world):
    """Before records began every headline of the previous period is 0: the page says there is
    nothing to compare with instead of "up 10 from 0"."""
    filters = DashboardFilters(2022, 2023)  # the previous period, 2020-2021, has no record
    figures = dashboard_figures(viewer=world.supervisor, filters=filters)
    headlines = dashboard_headlines(viewer=world.supervisor, filters=filters, figures=figures)
    assert headlines["previous"] == {"year_from": 2020, "year_to": 2021}
    assert headlines["previous_empty"] is True
    screened = _figure(headlines, "screening.screened.-1")
    assert screened["value"] == 110
    assert (screened["previous"], screened["change"], screened["change_pct"]) == (None, None, None)
    one_year = DashboardFilters(2023, 2023)
    exact = dashboard_figures(viewer=world.supervisor, filters=one_year)
    compared = dashboard_headlines(viewer=world.supervisor, filters=one_year, figures=exact)
    assert compared["previous_empty"] is False


def test_a_p_without_records_before_is_not_compared_while_the_others_are(world):
    filters = DashboardFilters(2023, 2023)
    figures = dashboard_figures(viewer=world.supervisor, filters=filters)
    headlines = dashboard_headlines(viewer=world.supervisor, filters=filters, figures=figures)
    flags = {s["key"]: s["previous_empty"] for s in headlines["sections"]}
    assert flags["prevention"] is False and flags["prosecution"] is False
    assert headlines["previous_empty"] is False
