"""Attendance export: CSV and a hand-written XLSX; names only for the right people; audited."""

# The XML parsed here is the app's own output, not untrusted input.
# ruff: noqa: S314

from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree

import pytest
from django.core.exceptions import PermissionDenied

from tests.trainings.conftest import CERTIFICATE_NAME, add
from waspada import xlsx
from waspada.audit.models import AuditEvent
from waspada.trainings.export import attendance_export

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


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


def test_xlsx_is_a_valid_single_sheet_workbook(training, cast_t):
    add(training, cast_t.officer, institution_name='Polda <Jabar> & "Banten"\x01')
    exported = attendance_export(actor=cast_t.caseworker, training=training, fmt="xlsx")
    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    assert archive.testzip() is None
    assert set(archive.namelist()) == {
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
    }  # fmt: skip
    for name in archive.namelist():
        ElementTree.fromstring(archive.read(name))  # every part is well-formed XML
    sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    rows = sheet.findall(f"{MAIN}sheetData/{MAIN}row")
    assert len(rows) == 2
    cells = rows[1].findall(f"{MAIN}c")
    assert cells[0].get("r") == "A2" and cells[0].find(f"{MAIN}v").text == "1"
    assert cells[2].find(f"{MAIN}is/{MAIN}t").text == 'Polda <Jabar> & "Banten"'
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    assert workbook.find(f"{MAIN}sheets/{MAIN}sheet").get("name") == "Kehadiran"
    assert (
        AuditEvent.objects.get(action="trainings.attendance.exported").details["format"] == "xlsx"
    )


def test_column_letters():
    assert [xlsx.column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip


def test_unknown_format_is_refused(training, cast_t):
    with pytest.raises(ValueError):
        attendance_export(actor=cast_t.officer, training=training, fmt="pdf")
