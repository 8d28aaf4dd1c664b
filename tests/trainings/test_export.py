"""Attendance export: CSV and XLSX; names only for the right people; audited."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from tests.trainings.conftest import CERTIFICATE_NAME, add
from waspada.audit.models import AuditEvent
from waspada.trainings.export import attendance_export


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_has_no_names_by_default_and_is_audited(training, cast_t):
    add(training, cast_t.officer, certificate_name=CERTIFICATE_NAME)
    add(training, cast_t.officer, institution_name="=HYPERLINK(1)", pre_score=None)
    exported = attendance_export(actor=cast_t.analyst, training=training, fmt="csv")
    assert exported.filename == f"pelatihan-{training.pk}-kehadiran.csv"
    rows = _csv_rows(exported.content)
    assert rows[0][:3] == ["No.", "Jenis instansi", "Nama instansi"]
    assert len(rows[0]) == 9
    assert rows[1] == ["1", "Kepolisian", "Polda Jawa Barat", "Penyidik", "Perempuan", "ya",
                       "50.0", "80.0", "30.0"]  # fmt: skip
    assert rows[2][2] == "'=HYPERLINK(1)" and rows[2][6] == "" and rows[2][8] == ""
    assert "Wahyuningsih" not in exported.content.decode("utf-8-sig")
    event = AuditEvent.objects.get(action="trainings.attendance.exported")
    assert event.actor_id == cast_t.analyst.pk
    assert event.details == {"format": "csv", "rows": 2, "with_names": False}


@pytest.mark.parametrize("who", ["legal_officer", "supervisor"])
def test_names_for_managers_with_prosecution_manage(training, cast_t, who):
    add(training, cast_t.officer, certificate_name=CERTIFICATE_NAME)
    add(training, cast_t.officer)
    exported = attendance_export(
        actor=getattr(cast_t, who), training=training, fmt="csv", with_names=True
    )
    rows = _csv_rows(exported.content)
    assert rows[0][-1] == "Nama untuk sertifikat"
    assert [rows[1][-1], rows[2][-1]] == [CERTIFICATE_NAME, ""]
    assert AuditEvent.objects.get(action="trainings.attendance.exported").details["with_names"]


@pytest.mark.parametrize(
    "who", ["officer", "analyst", "caseworker", "other_legal_officer", "admin"]
)
def test_names_refused_to_others(training, cast_t, who):
    add(training, cast_t.officer, certificate_name=CERTIFICATE_NAME)
    with pytest.raises(PermissionDenied):
        attendance_export(actor=getattr(cast_t, who), training=training, fmt="csv", with_names=True)
    assert not AuditEvent.objects.filter(action="trainings.attendance.exported").exists()


def test_xlsx_reads_back_with_typed_cells_and_text_never_a_formula(training, cast_t):
    add(training, cast_t.officer, institution_name='=HYPERLINK("x") <Jabar> & "Banten"\x01')
    exported = attendance_export(actor=cast_t.caseworker, training=training, fmt="xlsx")
    assert exported.filename == f"pelatihan-{training.pk}-kehadiran.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(exported.content))
    assert book.sheetnames == ["Kehadiran"]
    rows = [[cell.value for cell in row] for row in book["Kehadiran"].iter_rows()]
    assert rows[0][:3] == ["No.", "Jenis instansi", "Nama instansi"]
    assert rows[1] == [1, "Kepolisian", '=HYPERLINK("x") <Jabar> & "Banten"', "Penyidik",
                       "Perempuan", "ya", 50, 80, 30]  # fmt: skip
    assert book["Kehadiran"]["C2"].data_type == "s"  # kept as text: no formula runs
    assert (
        AuditEvent.objects.get(action="trainings.attendance.exported").details["format"] == "xlsx"
    )


def test_unknown_format_is_refused(training, cast_t):
    with pytest.raises(ValueError):
        attendance_export(actor=cast_t.officer, training=training, fmt="pdf")
