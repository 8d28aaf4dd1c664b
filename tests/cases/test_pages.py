"""Registration, edit and consent pages; the API's create endpoint."""

from __future__ import annotations

import json

from tests.case_fixtures import PERSON
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.cases.models import Case


def _form(**overrides):  # type: ignore[no-untyped-def]
    data = {k: v for k, v in PERSON.items() if not isinstance(v, list)}
    data["exploitation_types"] = PERSON["exploitation_types"]
    data.update(overrides)
    return data


def test_register_page_creates_case_with_consents(client, make_user):
    client.force_login(make_user("cw", Role.CASEWORKER))
    response = client.post("/perlindungan/baru/", _form(consent_sharing="on"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == f"/perlindungan/kasus/{case.code}/"
    assert case.consents.get(kind="sharing").granted is True
    assert case.consents.get(kind="services").granted is False


def test_register_page_shows_field_errors_and_keeps_nothing(client, make_user):
    client.force_login(make_user("cw", Role.CASEWORKER))
    response = client.post("/perlindungan/baru/", _form(nik="123", returned_on="2020-01-01"))
    assert response.status_code == 200
    assert "NIK harus 16 angka" in response.text
    assert "lebih awal dari tanggal sebelumnya" in response.text
    assert not Case.objects.exists()


def test_the_validator_decides_every_field_of_the_form_at_once(client, make_user):
    """The form only parses: an unknown choice, a missing name and an overlong city are all
    reported by the one validator (its messages), in one answer."""
    client.force_login(make_user("cw", Role.CASEWORKER))
    response = client.post(
        "/perlindungan/baru/",
        _form(full_name="", sex="robot", education="phd", destination_city="K" * 81),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["full_name"] == ["Nama lengkap wajib diisi."]
    assert errors["sex"] == ["Pilih jenis kelamin dari daftar."]
    assert errors["education"] == ["Pilihan tidak dikenal: phd"]
    assert errors["destination_city"] == ["Paling banyak 80 karakter (sekarang 81)."]
    assert not Case.objects.exists()


def test_duplicate_warning_then_confirm(client, case_cast):
    client.force_login(case_cast.outsider)
    first = client.post("/perlindungan/baru/", _form())
    assert "Mungkin orang ini sudah terdaftar" in first.text
    # what matched is named in the reader's words, not as index keys ("nik, phone")
    matched = first.text.split("cocok pada:")[1].split("</li>")[0]
    assert "NIK" in matched and "nik" not in matched and "_" not in matched
    assert "IOM Indonesia" in first.text
    assert case_cast.case.code not in first.text
    assert Case.objects.count() == 1
    second = client.post("/perlindungan/baru/", _form(confirm_duplicate="on"))
    assert second.status_code == 302
    assert Case.objects.count() == 2


def test_edit_conflict_is_reported(client, case_cast):
    code = case_cast.case.code
    client.force_login(case_cast.assigned)
    stale = _form(compound="A", version=1)
    assert client.post(f"/perlindungan/kasus/{code}/ubah/", stale).status_code == 302
    again = client.post(f"/perlindungan/kasus/{code}/ubah/", _form(compound="B", version=1))
    assert "sudah diubah orang lain" in again.text
    case_cast.case.refresh_from_db()
    assert case_cast.case.compound == "A"


def test_api_create_201_and_validation_400(client, make_user):
    token = token_create(user=make_user("cw", Role.CASEWORKER))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {
        "full_name": "Budi Santoso", "sex": "male", "birth_date": "1995-02-03",
        "nik": "3201020302950001", "passport_number": "B1234567", "phone": "081299990000",
        "destination_country": "MM",
    }  # fmt: skip
    created = client.post("/api/v1/cases", body, content_type="application/json", **auth)
    assert created.status_code == 201
    code = created.json()["code"]
    assert code.startswith("WSP-") and created.json()["duplicates"] == []
    got = client.get(f"/api/v1/cases/{code}?personal=true", **auth).json()
    assert got["personal"]["nik"] == "3201020302950001"
    bad = client.post(
        "/api/v1/cases", {**body, "nik": "1", "destination_country": "ZZ"},
        content_type="application/json", **auth,
    )  # fmt: skip
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"nik", "destination_country"}
    overlong = client.post(
        "/api/v1/cases", {**body, "compound": "C" * 500}, content_type="application/json", **auth
    )  # on PostgreSQL this reached the varchar(120) column (500)
    assert overlong.status_code == 400 and set(overlong.json()["errors"]) == {"compound"}
    malformed = client.post("/api/v1/cases", "{not json", content_type="application/json", **auth)
    assert malformed.status_code == 400
    assert "detail" in json.loads(malformed.content)
    assert Case.objects.count() == 1


def test_api_refuses_roles_that_cannot_register(client, make_user):
    token = token_create(user=make_user("an", Role.ANALYST))
    response = client.post(
        "/api/v1/cases", {"full_name": "X", "sex": "male"},
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert response.status_code == 403
