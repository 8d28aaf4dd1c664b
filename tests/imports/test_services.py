"""Case import: every bad row reported by line and field, nothing committed until all are
good; KoboToolbox exports; the API."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waspada import xlsx
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases.models import Case
from waspada.imports.services import cases_import

HEADER = ["Nama lengkap", "Jenis kelamin", "Tanggal lahir", "NIK", "Provinsi", "Negara tujuan"]
BAD = {  # line → (column index, bad value, field the error names)
    17: (1, "robot", "sex"), 102: (2, "31-02-1999", "birth_date"), 230: (3, "12345", "nik"),
    301: (4, "Atlantis", "province_of_origin"), 455: (5, "XX", "destination_country"),
    512: (0, "", "full_name"), 640: (2, "2999-01-01", "birth_date"), 777: (3, "32A", "nik"),
    888: (1, "", "sex"), 1001: (4, "Narnia", "province_of_origin"),
}  # fmt: skip


def rows(n: int = 1000, bad: dict[int, tuple[int, str, str]] | None = None) -> list[list[str]]:
    body = []
    for line in range(2, n + 2):  # the header is line 1
        sex = "P" if line % 2 else "Laki-laki"
        province = "jabar" if line % 3 else "Jawa Timur"
        country = "Kamboja" if line % 4 else "KH"
        row = [f"Orang Contoh {line}", sex, "1998-04-17", "", province, country]
        if bad and line in bad:
            index, value, _field = bad[line]
            row[index] = value
        body.append(row)
    return [HEADER, *body]


def as_csv(table: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(table)
    return out.getvalue().encode()


@pytest.fixture
def caseworker(make_user):  # type: ignore[no-untyped-def]
    return make_user("cw", Role.CASEWORKER)


def test_a_thousand_rows_with_ten_bad_report_exactly_those_and_commit_nothing(caseworker):
    content = xlsx.workbook(rows(bad=BAD))
    for dry_run in (True, False):
        result = cases_import(actor=caseworker, content=content, filename="kasus.xlsx",
                              dry_run=dry_run)  # fmt: skip
        assert len(result.sheet.rows) == 1000
        assert sorted((e.line, e.field) for e in result.errors) == sorted(
            (line, field) for line, (_i, _v, field) in BAD.items()
        )
        assert result.created == [] and Case.objects.count() == 0


def test_a_good_file_commits_all_rows_once(caseworker):
    result = cases_import(actor=caseworker, content=as_csv(rows(30)), dry_run=True)
    assert result.errors == [] and Case.objects.count() == 0  # a dry run writes nothing
    result = cases_import(actor=caseworker, content=as_csv(rows(30)), dry_run=False)
    assert len(result.created) == 30 and Case.objects.count() == 30
    case = Case.objects.get(code=result.created[0])
    assert case.person.province_of_origin in ("32", "35") and case.destination_country == "KH"
    assert case.organisation_id == caseworker.organisation_id
    assert AuditEvent.objects.filter(action="imports.cases.imported").count() == 1


def test_kobotoolbox_export_headers_and_metadata(caseworker):
    table = [
        ["start", "end", "identitas/nama_lengkap", "identitas/jenis_kelamin", "asal/provinsi",
         "_id", "_uuid", "_submission_time"],
        ["2026-01-01", "2026-01-01", "Sri Contoh", "female", "JABAR", "1", "u-1", "2026-01-02"],
    ]  # fmt: skip
    result = cases_import(actor=caseworker, content=as_csv(table), dry_run=False)
    assert result.sheet.mapping["identitas/nama_lengkap"] == "full_name"
    assert result.sheet.mapping["_uuid"] == ""
    assert Case.objects.get().person.province_of_origin == "32"


def test_mapping_override_and_refusals(caseworker, make_user):
    table = [["siapa", "kelamin"], ["Ani Contoh", "P"]]
    with pytest.raises(ValidationError) as caught:
        cases_import(actor=caseworker, content=as_csv(table))
    assert "mapping" in caught.value.message_dict
    result = cases_import(actor=caseworker, content=as_csv(table),
                          mapping={"siapa": "full_name", "kelamin": "sex"})  # fmt: skip
    assert result.errors == []
    with pytest.raises(PermissionDenied):
        cases_import(actor=make_user("an", Role.ANALYST), content=as_csv(table))


def test_api_dry_run_and_commit(client, caseworker):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=caseworker)}"}
    bad = io.BytesIO(as_csv(rows(20, bad={5: (1, "robot", "sex")})))
    bad.name = "kasus.csv"
    answer = client.post("/api/v1/imports/cases", {"file": bad, "dry_run": "false"}, **auth)
    assert answer.status_code == 200
    assert answer.json()["errors"] == [
        {"line": 5, "field": "sex", "message": "Pilih jenis kelamin dari daftar."}
    ]
    assert answer.json()["created"] == [] and Case.objects.count() == 0
    good = io.BytesIO(as_csv(rows(3)))
    good.name = "kasus.csv"
    answer = client.post("/api/v1/imports/cases", {"file": good, "dry_run": "false"}, **auth)
    assert len(answer.json()["created"]) == 3 and Case.objects.count() == 3
    wrong = client.post("/api/v1/imports/cases",
                        {"file": io.BytesIO(b"a,b\n1,2\n"), "mapping": "[1]"}, **auth)  # fmt: skip
    assert wrong.status_code == 400 and "mapping" in wrong.json()["errors"]
    assert json.loads(wrong.content)["detail"]
