"""The annual report PDF: a real PDF, with the year and the suppressed figures; audited."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from tests.reports.conftest import pdf_text
from waspada.audit.models import AuditEvent
from waspada.reports.annual import annual_report_pdf


def test_pdf_holds_the_year_and_the_suppressed_figures(world):
    content = annual_report_pdf(viewer=world.analyst, year=2022)
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    lines = pdf_text(content)
    assert lines[0] == "Laporan tahunan Waspada 2022"
    assert "Data gabungan semua organisasi." in lines
    assert "Kamboja 15" in lines  # 12 IOM and 3 NGO cases: 11 or more, shown exactly
    assert "Kamboja <11" in lines  # waiting for repatriation: fewer than 11, suppressed
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata is not None
    assert reader.metadata.title == "Laporan tahunan Waspada 2022"


def test_pdf_is_suppressed_for_a_supervisor_too(world):
    lines = pdf_text(annual_report_pdf(viewer=world.supervisor, year=2023))
    assert "Data organisasi IOM Indonesia." in lines
    assert "Myanmar <11" in lines
    assert "Myanmar 5" not in lines  # the 5 Myanmar cases never appear exactly
    assert not any(line.split()[-1] == "5" for line in lines)


def test_names_in_any_script_print_as_written(world):
    world.supervisor.organisation.name = "Yayasan Nguyễn Thị Hoa — 王小明"
    world.supervisor.organisation.save()
    lines = pdf_text(annual_report_pdf(viewer=world.supervisor, year=2023))
    assert "Data organisasi Yayasan Nguyễn Thị Hoa — 王小明." in lines


def test_long_labels_are_cut_with_an_ellipsis_to_their_column(world):
    lines = pdf_text(annual_report_pdf(viewer=world.analyst, year=2022))
    header = next(line for line in lines if line.startswith("Tahun Diperiksa"))
    assert "…" in header  # "Ditandai (sedang + tinggi)" is wider than its column


def test_pdf_refused_without_reports_view(world):
    with pytest.raises(PermissionDenied):
        annual_report_pdf(viewer=world.caseworker, year=2022)


def test_pdf_download_is_audited(client, world):
    client.force_login(world.officer)
    response = client.get(reverse("reports:annual_pdf"), {"year": 2022})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="reports.export.created")
    assert event.details == {"table": "annual_report", "format": "pdf", "year": 2022}
