"""The public reports API: public submission and status, the staff queue and conversion."""

from __future__ import annotations

import pytest

from tests.lapor.conftest import SOS
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.cases.models import Case
from waspada.lapor.models import PublicReport

pytestmark = pytest.mark.django_db

API = "/api/v1/public-reports"


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def sos_json() -> dict:
    data = {key: value for key, value in SOS.items() if key != "person_age"}
    data["person_age"] = 23
    return data


def test_a_report_sent_as_json_answers_201_with_code_and_pin(client):
    response = client.post(API, sos_json(), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    report = PublicReport.objects.get()
    assert body["tracking_code"] == report.tracking_code and len(body["pin"]) == 6
    assert body["priority"] == "urgent" and report.channel == "api"


def test_a_report_sent_as_multipart_takes_files(client):
    from tests.lapor.test_files import jpeg_with_gps, upload

    form = {
        "kind": "suspicious_offer",
        "description": "Lowongan admin Kamboja",
        "recruiter_contacts": ["0812 1212 3434", "@loker"],
        "files": [upload("a.jpg", jpeg_with_gps())],
    }
    response = client.post(API, form)
    assert response.status_code == 201, response.content
    report = PublicReport.objects.get()
    assert report.attachments.count() == 1
    assert sorted(report.contacts.values_list("kind", flat=True)) == ["handle", "phone"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": ""}, "description"),
        ({"kind": "complaint"}, "kind"),
        ({"country": "XX"}, "country"),
        ({"person_phone": "not a phone"}, "person_phone"),
        ({"person_age": "abc"}, "person_age"),
        ({"situations": "confined"}, "situations"),
    ],
)
def test_bad_input_is_400_naming_the_field(client, change, field):
    response = client.post(API, {**sos_json(), **change}, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not PublicReport.objects.exists()


def test_a_body_that_is_not_json_is_400(client):
    response = client.post(API, "kind=sos", content_type="application/json")
    assert response.status_code == 400 and "errors" in response.json()


def test_a_file_of_the_wrong_type_is_400_on_files(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = {"kind": "other", "description": "x", "files": [SimpleUploadedFile("a.exe", b"MZ" * 40)]}
    response = client.post(API, form)
    assert response.status_code == 400 and "files" in response.json()["errors"]


def test_bulk_reports_are_throttled_with_429(client, settings):
    settings.WASPADA_LAPOR_RATE_PER_HOUR = 2
    codes = [
        client.post(API, sos_json(), content_type="application/json").status_code for _ in range(3)
    ]
    assert codes == [201, 201, 429]
    assert PublicReport.objects.count() == 2


def test_status_shows_status_and_messages_and_404s_a_wrong_pin(client, duty):
    from waspada.lapor import triage

    sent = client.post(API, sos_json(), content_type="application/json").json()
    report = PublicReport.objects.get()
    triage.report_message(actor=duty, report=report, body="Kami menghubungi KBRI.")
    triage.report_note(actor=duty, report=report, body="internal")
    ok = client.get(f"{API}/status", {"code": sent["tracking_code"], "pin": sent["pin"]})
    assert ok.status_code == 200
    body = ok.json()
    assert body["status"] == "in_progress"
    assert [m["body"] for m in body["messages"]] == ["Kami menghubungi KBRI."]
    assert set(body) == {
        "tracking_code", "kind", "status", "status_label", "received_at", "target_hours",
        "messages",
    }  # fmt: skip
    posted = client.post(
        f"{API}/status", {"code": sent["tracking_code"], "pin": sent["pin"]},
        content_type="application/json",
    )  # fmt: skip
    assert posted.status_code == 200
    wrong = client.get(f"{API}/status", {"code": sent["tracking_code"], "pin": "000000"})
    assert wrong.status_code == 404 and report.pin_digest not in wrong.content.decode()


def test_wrong_pins_count_toward_the_limit_and_then_429(client, settings):
    settings.WASPADA_LAPOR_PIN_ATTEMPTS = 3
    sent = client.post(API, sos_json(), content_type="application/json").json()
    bad = "000000" if sent["pin"] != "000000" else "111111"
    answers = [
        client.get(f"{API}/status", {"code": sent["tracking_code"], "pin": bad}).status_code
        for _ in range(3)
    ]
    assert answers == [404, 404, 404]
    locked = client.get(f"{API}/status", {"code": sent["tracking_code"], "pin": sent["pin"]})
    assert locked.status_code == 429


def test_the_queue_needs_a_duty_officer_token(client, duty, make_user):
    client.post(API, sos_json(), content_type="application/json")
    assert client.get(API).status_code == 401
    caseworker = make_user("cw", Role.CASEWORKER)
    assert client.get(API, **bearer(caseworker)).status_code == 403
    listed = client.get(API, **bearer(duty)).json()
    assert listed["count"] == 1
    item = listed["results"][0]
    assert item["priority"] == "urgent" and item["priority_reasons"] == ["confined"]
    assert item["priority_explained"] == ["Disekap / tidak boleh pergi"]
    assert "person_name" not in item


def test_one_report_with_personal_fields_for_its_duty_officers_only(client, duty, duty_ngo):
    code = client.post(API, sos_json(), content_type="application/json").json()["tracking_code"]
    body = client.get(f"{API}/{code}", **bearer(duty)).json()
    assert body["personal"]["person_name"] == "Dewi Anggraini Saputri"
    client.post(
        f"{API}/{code}/messages", {"body": "Halo", "to_reporter": True},
        content_type="application/json", **bearer(duty),
    )  # fmt: skip
    assert client.get(f"{API}/{code}", **bearer(duty_ngo)).status_code == 404


def test_convert_to_a_case_answers_201_with_the_case_code(client, duty):
    code = client.post(API, sos_json(), content_type="application/json").json()["tracking_code"]
    response = client.post(
        f"{API}/{code}/convert", {"to": "case"}, content_type="application/json", **bearer(duty)
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert response.json()["case_code"] == case.code
    report = PublicReport.objects.get()
    assert (report.outcome, report.case) == ("case", case)
    assert case.destination_country == "KH" and case.means_of_control == [
        "confinement", "passport_confiscated",
    ]  # fmt: skip


def test_convert_without_a_name_says_which_field_is_missing(client, duty):
    data = {**sos_json(), "person_name": ""}
    code = client.post(API, data, content_type="application/json").json()["tracking_code"]
    response = client.post(
        f"{API}/{code}/convert", {"to": "case"}, content_type="application/json", **bearer(duty)
    )
    assert response.status_code == 400 and "full_name" in response.json()["errors"]
    fixed = client.post(
        f"{API}/{code}/convert", {"to": "case", "case": {"full_name": "Dewi A."}},
        content_type="application/json", **bearer(duty),
    )  # fmt: skip
    assert fixed.status_code == 201


def test_convert_to_something_unknown_is_400(client, duty):
    code = client.post(API, sos_json(), content_type="application/json").json()["tracking_code"]
    response = client.post(
        f"{API}/{code}/convert", {"to": "prison"}, content_type="application/json", **bearer(duty)
    )
    assert response.status_code == 400 and "to" in response.json()["errors"]


def test_the_openapi_schema_documents_json_and_multipart(client, duty):
    schema = client.get("/api/v1/openapi.json", **bearer(duty)).json()
    body = schema["paths"]["/api/v1/public-reports"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert "/api/v1/public-reports/{tracking_code}/convert" in schema["paths"]


@pytest.mark.parametrize("query", ["offset=-1", "limit=0", "limit=201", "offset=10000000000"])
def test_the_queue_bounds_its_page_with_a_422(client, duty, query):
    """Schemathesis found a negative offset answered 500 (Django refuses negative slicing)."""
    answer = client.get(f"/api/v1/public-reports?{query}", **bearer(duty))
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) <= {"offset", "limit"}
