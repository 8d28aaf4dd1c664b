"""The annual report PDF: a real PDF, with the year and the suppressed figures; audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from waspada.audit.models import AuditEvent
from waspada.reports.annual import annual_report_pdf
from waspada.reports.pdf import Document


def test_pdf_starts_with_the_header_and_holds_the_year(world):
    content = annual_report_pdf(viewer=world.analyst, year=2022)
    assert content.startswith(b"%PDF-1.4")
    assert content.rstrip().endswith(b"%%EOF")
    assert b"Laporan tahunan Waspada 2022" in content
    assert b"Kamboja" in content and b"<11" in content
    assert b"/Type /Page" in content and b"startxref" in content


def test_pdf_is_suppressed_for_a_supervisor_too(world):
    content = annual_report_pdf(viewer=world.supervisor, year=2023)
    assert b"(Myanmar) Tj" in content
    assert b"(<11) Tj" in content
    assert b"(5) Tj" not in content  # the 5 Myanmar cases never appear exactly


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


def test_xref_offsets_point_at_objects():
    doc = Document(title="Uji (kurung) \\ garis")
    doc.line("Halo dunia — 2024")
    content = doc.render()
    xref = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert content[xref:].startswith(b"xref")
    entries = content[xref:].split(b"\n")
    offsets = [int(line[:10]) for line in entries if line.endswith(b" n ")]
    assert len(offsets) == 7
    for number, offset in enumerate(offsets, start=1):
        assert content[offset:].startswith(b"%d 0 obj" % number)
    assert b"Uji \\(kurung\\) \\\\ garis" in content
