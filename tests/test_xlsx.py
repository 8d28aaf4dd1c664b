"""XLSX files (``waspada.xlsx``): written and read in memory, hostile uploads refused."""

from __future__ import annotations

import io
import tempfile
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.utils.translation import gettext_lazy

from waspada import xlsx

ROWS = [
    ["Nama", "Nilai", "Hadir", "Catatan"],
    ["Nguyễn Thị Hoa", 80, True, None],
    ["王小明", Decimal("55.5"), False, "=1+1"],
]


def _refused(content: bytes, **limits: int) -> str:
    with pytest.raises(xlsx.WorkbookError) as caught:
        xlsx.read_rows(content, max_rows=limits.pop("max_rows", 100), **limits)
    return caught.value.reason


def _zip(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


def test_round_trip_keeps_values_and_types():
    content = xlsx.workbook(ROWS, sheet_name="Peserta")
    assert xlsx.is_xlsx(content)
    assert xlsx.read_rows(content, max_rows=10) == [
        ["Nama", "Nilai", "Hadir", "Catatan"],
        ["Nguyễn Thị Hoa", 80, True],  # trailing empty cells dropped
        ["王小明", 55.5, False, "=1+1"],
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Peserta"]
    assert sheet["D3"].data_type == "s"  # text, not a formula


def test_sheet_names_text_and_other_values_are_made_safe():
    content = xlsx.workbook([["a\x01b\x1fc", gettext_lazy("Hadir")]], sheet_name="2021/2022: [x]?")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["20212022 x"]
    assert [book.active["A1"].value, book.active["B1"].value] == ["abc", "Hadir"]
    long_name = xlsx.workbook([], sheet_name="x" * 40)
    assert openpyxl.load_workbook(io.BytesIO(long_name)).sheetnames == ["x" * 31]


def test_nothing_is_written_to_a_temporary_file(monkeypatch, tmp_path):
    # openpyxl would put each sheet in a named temporary file: with no temporary folder
    # to write into, saving only works if the sheet stays in memory.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    content = xlsx.workbook(ROWS)
    assert xlsx.read_rows(content, max_rows=10)[1][0] == "Nguyễn Thị Hoa"


def test_a_file_that_is_not_a_workbook_is_refused():
    assert not xlsx.is_xlsx(b"institution_type,sex\npolice,male\n")
    assert _refused(b"institution_type,sex\npolice,male\n") == "not_xlsx"
    assert _refused(b"PK\x03\x04 not really a zip") == "not_xlsx"
    assert _refused(_zip(word__document__xml=b"<w/>")) == "not_xlsx"  # a zip, not a workbook
    content = xlsx.workbook(ROWS)
    assert _refused(content[: len(content) // 2]) == "not_xlsx"


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    bomb = _zip(xl__worksheets__sheet1__xml=b"<" * 30_000_000)
    assert len(bomb) < 100_000
    assert _refused(bomb, max_unpacked=10_000_000) == "too_large"


def test_xml_entity_expansion_is_refused():
    content = xlsx.workbook(ROWS)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    parts["xl/worksheets/sheet1.xml"] = laughs
    assert _refused(_zip(**{name.replace("/", "__"): data for name, data in parts.items()})) == (
        "not_xlsx"
    )


def test_rows_are_capped_even_when_the_sheet_declares_a_million():
    book = openpyxl.Workbook()
    book.active["A1"] = "judul"
    book.active["A1000000"] = "jauh"  # every row between is padded when read
    buffer = io.BytesIO()
    book.save(buffer)
    assert _refused(buffer.getvalue(), max_rows=5000) == "too_many_rows"
    assert len(xlsx.read_rows(xlsx.workbook([["x"]] * 50), max_rows=50)) == 50
    assert _refused(xlsx.workbook([["x"]] * 51), max_rows=50) == "too_many_rows"
