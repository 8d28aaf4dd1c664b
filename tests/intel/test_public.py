"""The "reported before" red flag and the public contact check (silent below 3 sources)."""

from __future__ import annotations

import pytest

from waspada.intel import selectors
from waspada.lapor.services import report_submit
from waspada.prevention.services import offer_screen

from .conftest import REPORT

pytestmark = pytest.mark.django_db

TEXT = "Kerja admin di Myanmar, gaji besar. Chat WA +62 812-3456-7890 sekarang"


def test_a_contact_of_a_cluster_in_a_case_gets_the_red_flag(scene):
    assessment = offer_screen(text=TEXT, lang=None, channel="web")
    flag = next(i for i in assessment["indicators"] if i["code"] == "REPORTED_BEFORE")
    assert flag["evidence"][0]["text"].strip().endswith("7890")
    assert assessment["verdict"] == "high"
    assert "IOM" not in str(flag) and scene.case.code not in str(flag)


def test_a_contact_only_in_public_reports_of_fewer_than_3_clients_says_nothing(db):
    data = {**REPORT, "recruiter_contacts": "0857-1111-2222"}
    report_submit(data=data, client="203.0.113.1")
    report_submit(data=data, client="203.0.113.2")
    report_submit(data=data, client="203.0.113.2")  # same client: not independent
    assert selectors.public_check("0857 1111 2222") == (False, None)
    assessment = offer_screen(text="Hubungi 0857-1111-2222 untuk kerja", lang=None, channel="web")
    assert all(i["code"] != "REPORTED_BEFORE" for i in assessment["indicators"])


def test_three_independent_clients_are_reported_with_their_count(db, client):
    data = {**REPORT, "recruiter_contacts": "0857-1111-2222"}
    for n in range(3):
        report_submit(data=data, client=f"203.0.113.{n}")
    assert selectors.public_check("+62 857 1111 2222") == (True, 3)
    answer = client.get("/api/v1/check-contact", {"value": "6285711112222"})
    assert answer.status_code == 200 and answer.json() == {"reported": True, "sources": 3}
    page = client.get("/cek/kontak/", {"value": "0857-1111-2222"})
    assert "Dilaporkan 3 kali" in page.content.decode()


def test_public_check_api_is_silent_below_three_and_refuses_non_identifiers(scene, client):
    # the handle is named by one public report only
    answer = client.get("/api/v1/check-contact", {"value": "@agen.kh"})
    assert answer.json() == {"reported": False, "sources": None}
    # the number: an offer and a report from two clients, and a case -> three sources
    answer = client.get("/api/v1/check-contact", {"value": "0812-3456-7890"})
    assert answer.json() == {"reported": True, "sources": 3}
    bad = client.get("/api/v1/check-contact", {"value": "apa kabar"})
    assert bad.status_code == 400 and "value" in bad.json()["errors"]


def test_public_check_is_rate_limited(db, client, settings):
    settings.WASPADA_SCREEN_RATE_PER_MINUTE = 2
    codes = [client.get("/api/v1/check-contact", {"value": "0812"}).status_code for _ in range(3)]
    assert codes[-1] == 429
