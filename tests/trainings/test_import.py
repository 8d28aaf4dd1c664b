"""CSV and XLSX import: good lines imported together, bad lines reported by line number."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from waspada import xlsx
from waspada.audit.models import AuditEvent
from waspada.trainings import services
from waspada.trainings.models import Participant

HEADER = "institution_type,institution_name,role,sex,attended,pre_score,post_score\n"


def _import(training, actor, text: str | bytes, filename: str = ""):  # type: ignore[no-untyped-def]
    content = text.encode("utf-8") if isinstance(text, str) else text
    return services.participants_import(
        actor=actor, training=training, content=content, filename=filename
    )


def test_good_lines_imported_bad_lines_reported(training, cast_t):
    text = HEADER + (
        "police,Polda Jabar,Penyidik,female,ya,50,80\n"  # line 2
        "pilot,Garuda,Kapten,male,1,50,60\n"  # line 3: unknown type
        "\n"  # line 4: blank, skipped
        'Kejaksaan,Kejari Cianjur,Jaksa,L,,"55,5",70\n'  # line 5: labels, comma decimal
        "judge,PN Bandung,Hakim,P,mungkin,40,140\n"  # line 6: two problems
        "ngo,LSM,Staf,unknown,tidak,,\n"  # line 7: no scores, absent
    )
    result = _import(training, cast_t.officer, text)
    assert len(result.imported) == 3 and result.imported_lines == [2, 5, 7]
    assert [error.line for error in result.errors] == [3, 6]
    assert "institution_type" in result.errors[0].messages[0]
    assert {m.split(":")[0] for m in result.errors[1].messages} == {"attended", "post_score"}
    rows = list(Participant.objects.order_by("pk").values_list(
        "institution_type", "sex", "attended", "pre_score", "post_score"
    ))  # fmt: skip
    assert rows == [
        ("police", "female", True, Decimal("50.0"), Decimal("80.0")),
        ("prosecutor", "male", True, Decimal("55.5"), Decimal("70.0")),
        ("ngo", "unknown", False, None, None),
    ]
    event = AuditEvent.objects.get(action="trainings.participants.imported")
    assert event.details == {"imported": 3, "rejected_lines": [3, 6]}


def test_semicolons_bom_and_windows_encoding(training, cast_t):
    text = "\ufeffinstitution_type;sex;institution_name\nvillage_official;female;Desa Sukamaju\n"
    assert len(_import(training, cast_t.officer, text).imported) == 1
    latin = "institution_type,sex,institution_name\nngo,male,Yayasan Pelita Harapan Ã©\n"
    assert len(_import(training, cast_t.officer, latin.encode("cp1252")).imported) == 1
    assert Participant.objects.count() == 2


def test_only_bad_lines_imports_nothing_and_records_no_event(training, cast_t):
    result = _import(training, cast_t.officer, HEADER + "pilot,,,,,,\n")
    assert (result.imported, [e.line for e in result.errors]) == ([], [2])
    assert not Participant.objects.exists()
    assert not AuditEvent.objects.filter(action="trainings.participants.imported").exists()


def test_too_many_cells_is_a_line_error(training, cast_t):
    result = _import(training, cast_t.officer, "institution_type,sex\npolice,male,extra\n")
    assert [e.line for e in result.errors] == [2]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "kosong"),
        ("institution_name,role\nPolda,Penyidik\n", "institution_type, sex"),
    ],
)
def test_unusable_file_is_refused_whole(training, cast_t, text, fragment):
    with pytest.raises(ValidationError) as caught:
        _import(training, cast_t.officer, text)
    assert fragment in caught.value.message_dict["file"][0]
    assert not Participant.objects.exists()


def test_oversized_file_is_refused(training, cast_t):
    with pytest.raises(ValidationError):
        _import(training, cast_t.officer, HEADER + "x" * 1_000_001)


def test_xlsx_good_rows_imported_bad_rows_reported_by_sheet_row(training, cast_t):
    content = xlsx.workbook([
        ["Institution_Type", "sex", "institution_name", "attended", "pre_score", "post_score"],
        ["Kepolisian", "P", "Polda Jabar", True, 50, 80.5],  # row 2: labels, typed cells
        [],  # row 3: blank, skipped
        ["police", "male", "Polres", "mungkin", 40, 140],  # row 4: two bad fields
        ["ngo", "female", "Yayasan Nguyễn Thị Hoa", "tidak"],  # row 5: no scores
    ])  # fmt: skip
    result = _import(training, cast_t.officer, content, "peserta.xlsx")
    assert result.imported_lines == [2, 5]
    assert [error.line for error in result.errors] == [4]
    assert {m.split(":")[0] for m in result.errors[0].messages} == {"attended", "post_score"}
    rows = list(Participant.objects.order_by("pk").values_list(
        "institution_type", "sex", "institution_name", "attended", "pre_score", "post_score"
    ))  # fmt: skip
    assert rows == [
        ("police", "female", "Polda Jabar", True, Decimal("50.0"), Decimal("80.5")),
        ("ngo", "female", "Yayasan Nguyễn Thị Hoa", False, None, None),
    ]
    event = AuditEvent.objects.get(action="trainings.participants.imported")
    assert event.details == {"imported": 2, "rejected_lines": [4]}


def test_the_content_decides_not_the_name(training, cast_t):
    content = xlsx.workbook([["institution_type", "sex"], ["police", "male"]])
    assert len(_import(training, cast_t.officer, content, "peserta.csv").imported) == 1
    text = "institution_type,sex\njudge,female\n"
    assert len(_import(training, cast_t.officer, text, "peserta.txt").imported) == 1


def _far_row() -> bytes:
    """A header and one row a million rows down: read, every row between is blank."""
    book = openpyxl.Workbook()
    book.active.append(["institution_type", "sex"])
    book.active["A1000000"] = "police"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "filename", "fragment"),
    [
        (b"institution_type,sex\npolice,male\n", "peserta.xlsx", "bernama .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "peserta.xls", "(.xls)"),
        (b"PK\x03\x04 rusak", "peserta.xlsx", "tidak dapat dibaca sebagai XLSX"),
        (xlsx.workbook([["nama"], ["Budi"]]), "peserta.xlsx", "institution_type, sex"),
        (_far_row(), "peserta.xlsx", "Terlalu banyak baris"),
    ],
)
def test_unusable_xlsx_is_refused_whole(training, cast_t, content, filename, fragment):
    with pytest.raises(ValidationError) as caught:
        _import(training, cast_t.officer, content, filename)
    assert fragment in caught.value.message_dict["file"][0]
    assert not Participant.objects.exists()


def test_too_many_participant_rows_in_xlsx(training, cast_t):
    content = xlsx.workbook([["institution_type", "sex"]] + [["police", "male"]] * 2001)
    with pytest.raises(ValidationError) as caught:
        _import(training, cast_t.officer, content, "peserta.xlsx")
    assert "paling banyak 2000" in caught.value.message_dict["file"][0]
