"""Kemendagri codes: matching free text, the migration of old rows, the NIK check, and the
dashboard counting a case typed as "jabar" under Jawa Barat."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from waspada import regions
from waspada.accounts.services import token_create
from waspada.cases.models import Case
from waspada.cases.selectors import unmatched_origins
from waspada.cases.services import case_register


@pytest.mark.parametrize(
    "text", ["jabar", "Jawa Barat", "JABAR", "Provinsi Jawa Barat", " jawa  barat ", "32"]
)
def test_province_spellings(text):
    assert regions.province_code_for(text) == "32"


def test_regency_spellings():
    assert regions.regency_code_for("Cianjur", "32") == "32.03"
    assert regions.regency_code_for("32.03", "32") == regions.regency_code_for("3203") == "32.03"
    assert regions.regency_code_for("32.03", "33") is None
    assert regions.regency_code_for("Kab. Cianjur", "32") == "32.03"
    assert regions.regency_code_for("Kota Bandung", "32") == "32.73"
    assert regions.regency_code_for("Bandung", "32") is None  # a regency and a city
    assert regions.regency_code_for("Cianjur", "33") is None  # not in Jawa Tengah
    assert regions.province_code_for("Atlantis") is None
    assert regions.province_name("32") == "Jawa Barat" and len(regions.provinces()) == 38
    assert len(regions.regencies()) == 514


def test_registration_stores_codes_and_refuses_unknown(case_cast):
    case = case_register(
        actor=case_cast.assigned,
        data={"full_name": "A", "sex": "male", "province_of_origin": "jabar",
              "regency_of_origin": "Kab. Cianjur"},
    )  # fmt: skip
    assert (case.person.province_of_origin, case.person.regency_of_origin) == ("32", "32.03")

    with pytest.raises(ValidationError) as caught:
        case_register(
            actor=case_cast.assigned,
            data={"full_name": "B", "sex": "male", "province_of_origin": "Atlantis"},
        )
    assert "province_of_origin" in caught.value.message_dict


def test_nik_check():
    # Siti, born 17 April 1998, woman (17 + 40 = 57), Kota Bandung (32.73)
    assert regions.nik_check("3273015704980002", birth_date=date(1998, 4, 17), sex="female") == []
    findings = regions.nik_check("3273011704980002", birth_date=date(1998, 4, 18), sex="female")
    assert {f.field for f in findings} == {"sex", "birth_date"}
    assert [f.field for f in regions.nik_check("9999015704980002", sex="female")] == ["region"]
    assert regions.nik_check("123", sex="male") == []  # the format is the validator's


@pytest.mark.django_db(transaction=True)
def test_migration_maps_free_text_and_lists_the_rest():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("cases", "0005_transfers_notes_closures")])
    old = executor.loader.project_state([("cases", "0005_transfers_notes_closures")]).apps
    data_key = old.get_model("privacy", "DataKey")
    person_model = old.get_model("cases", "Person")
    typed = [("jabar", "Cianjur"), ("JAWA BARAT", ""), ("Jawa Barat", "Bandung"), ("Atlantis", "")]
    for province, regency in typed:
        person_model.objects.create(
            data_key=data_key.objects.create(master_key_id="m", wrapped="w"),
            sealed="", province_of_origin=province, regency_of_origin=regency,
        )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("cases", "0006_origin_kemendagri_codes")])
    new = executor.loader.project_state([("cases", "0006_origin_kemendagri_codes")]).apps
    stored = sorted(
        new.get_model("cases", "Person").objects.values_list(
            "province_of_origin", "regency_of_origin"
        )
    )
    assert stored == [("32", ""), ("32", "32.03"), ("32", "Bandung"), ("Atlantis", "")]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert sorted(unmatched_origins()) == [("32", "Bandung", 1), ("Atlantis", "", 1)]


def test_nik_mismatch_is_a_warning_the_caseworker_confirms(client, case_cast):
    client.force_login(case_cast.assigned)
    form = {"full_name": "Wulan Sari", "sex": "male", "nik": "3273015704980009",
            "province_of_origin": "32", "regency_of_origin": "32.73"}  # fmt: skip
    page = client.post("/perlindungan/baru/", form)
    assert page.status_code == 200
    assert "Menurut NIK, orang ini perempuan" in page.content.decode()
    before = Case.objects.count()
    assert client.post("/perlindungan/baru/", {**form, "confirm_nik": "on"}).status_code == 302
    assert Case.objects.count() == before + 1


def test_api_reports_nik_warnings_without_refusing(client, case_cast):
    response = client.post(
        "/api/v1/cases",
        {"full_name": "X", "sex": "male", "nik": "9999015704980002"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_create(user=case_cast.assigned)}",
    )
    assert response.status_code == 201
    assert len(response.json()["nik_warnings"]) == 2  # region and sex
