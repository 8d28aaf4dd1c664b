"""The dashboard page, its downloads and the annual report: permissions, suppression, audit."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from waspada.audit.models import AuditEvent

ALLOWED = ("admin", "supervisor", "officer", "analyst")
REFUSED = ("caseworker", "legal_officer")
PAGES = [
    reverse("reports:dashboard"),
    reverse("reports:export", args=["victims_by_year", "csv"]),
    reverse("reports:annual"),
    reverse("reports:annual_pdf") + "?year=2022",
]


@pytest.mark.parametrize("url", PAGES)
def test_permissions_for_every_role(client, world, url):
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for who in ALLOWED:
        client.force_login(getattr(world, who))
        assert client.get(url).status_code == 200, who
    for who in REFUSED:
        client.force_login(getattr(world, who))
        assert client.get(url).status_code == 403, who


def test_dashboard_shows_charts_tables_and_suppression(client, world):
    client.force_login(world.analyst)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert page.count("<svg") >= 10 and "<script" not in page
    assert "<details" in page and "<table>" in page
    assert "&lt;11" in page
    assert 'href="/laporan/unduh/victims_by_year.csv' in page


def test_the_year_fields_show_the_default_period(client, world):
    client.force_login(world.analyst)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert 'name="year_from" value="2021"' in page
    assert 'name="year_to" value="2023"' in page


def test_a_cell_of_five_is_exact_on_screen_for_the_supervisor_only(client, world):
    url = reverse("reports:dashboard") + "?year_from=2023&year_to=2023"
    client.force_login(world.supervisor)
    page = client.get(url).content.decode()
    assert '<th scope="row">Myanmar</th><td>5</td>' in page
    client.force_login(world.analyst)
    page = client.get(url).content.decode()
    assert '<th scope="row">Myanmar</th><td>&lt;11</td>' in page


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_is_suppressed_even_for_the_supervisor_and_audited(client, world):
    client.force_login(world.supervisor)
    url = reverse("reports:export", args=["victims_by_destination", "csv"])
    rows = _csv(client.get(url, {"year_from": 2021, "year_to": 2023}))
    assert rows[0] == ["Negara", "Orang"]
    # 12 and a total of 17 would give Myanmar (5): complementary suppression hides the 12
    assert ["Myanmar", "<11"] in rows and ["Kamboja", "≥11"] in rows and ["Jumlah", "17"] in rows
    event = AuditEvent.objects.get(action="reports.export.created")
    assert event.actor_id == world.supervisor.pk
    assert event.details["table"] == "victims_by_destination"
    assert event.details["format"] == "csv" and event.details["year_from"] == 2021
    assert "Korban" not in str(event.details)


def test_analyst_csv_of_victims_by_year(client, world):
    client.force_login(world.analyst)
    rows = _csv(client.get(reverse("reports:export", args=["victims_by_year", "csv"])))
    assert rows == [
        ["Tahun", "Kasus didaftarkan", "Korban atau terindikasi korban TPPO"],
        ["2021", "0", "0"],
        ["2022", "≥11", "<11"],
        ["2023", "<11", "0"],
        ["Jumlah", "20", "<11"],
    ]


def test_xlsx_reads_back_with_the_table(client, world):
    client.force_login(world.officer)
    response = client.get(reverse("reports:export", args=["screening", "xlsx"]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Lowongan yang diperiksa"]
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Tahun", "Diperiksa")
    assert 110 in [row[1] for row in rows[1:]]
    assert AuditEvent.objects.filter(
        action="reports.export.created", details__format="xlsx"
    ).exists()


def test_unknown_table_or_format_is_404(client, world):
    client.force_login(world.analyst)
    assert client.get(reverse("reports:export", args=["nothing", "csv"])).status_code == 404
    assert client.get(reverse("reports:export", args=["screening", "pdf"])).status_code == 404
    assert not AuditEvent.objects.filter(action="reports.export.created").exists()


def test_bad_year_range_shows_the_field_error(client, world):
    client.force_login(world.analyst)
    response = client.get(reverse("reports:dashboard"), {"year_from": 2023, "year_to": 2021})
    assert response.status_code == 200
    assert "Tahun akhir tidak boleh sebelum tahun awal." in response.content.decode()


def test_supervisor_has_no_organisation_filter(client, world):
    client.force_login(world.supervisor)
    assert 'name="organisation"' not in client.get(reverse("reports:dashboard")).content.decode()
    client.force_login(world.analyst)
    assert 'name="organisation"' in client.get(reverse("reports:dashboard")).content.decode()


def test_annual_page_is_printable_and_suppressed(client, world):
    client.force_login(world.supervisor)
    page = client.get(reverse("reports:annual"), {"year": 2023}).content.decode()
    assert "/static/reports/annual.css" in page and "Laporan tahunan Waspada 2023" in page
    stylesheet = finders.find("reports/annual.css")
    assert stylesheet and "@media print" in Path(str(stylesheet)).read_text()
    assert '<th scope="row">Myanmar</th><td>&lt;11</td>' in page
    assert 'href="/laporan/tahunan/pdf/?year=2023"' in page
