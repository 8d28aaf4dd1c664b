"""The facts behind the identification's conclusions: promised and actual job and pay, fees
and to whom, visa, how the person got out, risks on return; sealed where they are words;
cross-checked against the case profile; on the page and in the API."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from tests.identification.conftest import answers
from waspada.accounts.services import token_create
from waspada.identification import facts, services
from waspada.identification.models import Interview

FACTS = {
    "promised_job": "Customer service di perusahaan game",
    "actual_job": "Menipu lewat aplikasi kencan",
    "promised_pay_usd": "1.200",
    "actual_pay_usd": "0",
    "fees_paid_idr": "15.000.000",
    "fees_paid_to": "broker",
    "visa_type": "tourist",
    "exit_method": "ransom",
    "return_risks": ["debt", "prosecution"],
}


def test_facts_are_kept_the_words_sealed_and_read_back(case_cast):
    interview = services.interview_record(
        actor=case_cast.assigned, case=case_cast.case, data=answers(**FACTS)
    )
    interview.refresh_from_db()
    assert interview.facts == {
        "promised_pay_usd": 1200, "actual_pay_usd": 0, "fees_paid_idr": 15_000_000,
        "fees_paid_to": "broker", "visa_type": "tourist", "exit_method": "ransom",
        "return_risks": ["debt", "prosecution"],
    }  # fmt: skip
    assert "kencan" not in interview.sealed_facts and interview.sealed_facts
    texts = services.interview_texts(viewer=case_cast.assigned, interview=interview)
    assert texts.promised_job == FACTS["promised_job"]
    assert texts.actual_job == FACTS["actual_job"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"promised_pay_usd": "seribu"}, "promised_pay_usd"),
        ({"fees_paid_idr": "99999999999"}, "fees_paid_idr"),
        ({"visa_type": "golden"}, "visa_type"),
        ({"exit_method": "teleport"}, "exit_method"),
        ({"return_risks": ["none", "debt"]}, "return_risks"),
        ({"fees_paid_to": "none"}, "fees_paid_idr"),
        ({"actual_job": "x" * 501}, "actual_job"),
    ],
)
def test_bad_facts_are_refused_by_field_and_nothing_is_written(case_cast, change, field):
    with pytest.raises(ValidationError) as caught:
        services.interview_record(
            actor=case_cast.assigned, case=case_cast.case, data=answers(**{**FACTS, **change})
        )
    assert set(caught.value.message_dict) == {field}
    assert not Interview.objects.exists()


def test_cross_check_names_what_the_profile_does_not_say(case_cast):
    case = case_cast.case  # exited 2023-06-10, no means of control, not marked as suspect
    notes = facts.cross_check({"promised_pay_usd": 1200, "actual_pay_usd": 0,
                               "exit_method": "ransom", "return_risks": ["prosecution"],
                               "visa_type": "work"}, case)  # fmt: skip
    joined = " ".join(notes)
    assert "Janji palsu" in joined and "tebusan" in joined and "status ganda" in joined
    assert "Kamboja dan Myanmar bukan negara penempatan" in joined
    assert "tanggal keluar" not in joined  # the profile has the exit date
    case.means_of_control = ["false_promises", "ransom"]
    case.also_suspect = True
    case.destination_country = "MY"
    assert facts.cross_check({"promised_pay_usd": 1200, "actual_pay_usd": 0,
                              "exit_method": "ransom", "return_risks": ["prosecution"],
                              "visa_type": "work"}, case) == []  # fmt: skip


def test_record_page_then_detail_shows_facts_and_checks(client, case_cast):
    client.force_login(case_cast.assigned)
    form = {**answers(**FACTS), "summary": "Ringkasan"}
    response = client.post(f"/perlindungan/kasus/{case_cast.case.code}/identifikasi/baru/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(response["Location"]).content.decode()
    for text in ("Fakta di balik kesimpulan", "Customer service di perusahaan game",
                 "USD 1.200", "Rp 15.000.000", "Calo / sponsor perorangan",
                 "Visa kunjungan / turis", "Ditebus (keluarga membayar)",
                 "Periksa dengan profil kasus"):  # fmt: skip
        assert text in page, text


def test_record_page_names_the_bad_fact(client, case_cast):
    client.force_login(case_cast.assigned)
    form = {**answers(**FACTS), "visa_type": "golden"}
    response = client.post(f"/perlindungan/kasus/{case_cast.case.code}/identifikasi/baru/", form)
    assert response.status_code == 200 and not Interview.objects.exists()
    assert "Pilihan tidak dikenal: golden" in response.content.decode()


def test_api_takes_and_returns_the_facts(client, case_cast):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.assigned)}"}
    body = {
        **answers(),
        "promised_job": "Admin",
        "promised_pay_usd": 1000,
        "actual_pay_usd": 200,
        "visa_type": "visa_free",
        "return_risks": ["stigma"],
    }
    url = f"/api/v1/cases/{case_cast.case.code}/interviews"
    created = client.post(url, json.dumps(body), content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    assert created.json()["facts"]["visa_type"] == "visa_free"
    assert any("Janji palsu" in note for note in created.json()["cross_check"])
    detail = client.get(f"{url}/{created.json()['id']}", **auth).json()
    assert detail["promised_job"] == "Admin"
