"""Pages: the register, request, four eyes on the page, download, agreements."""

from __future__ import annotations

import pytest

from waspada.sharing.models import Agreement, Release, ReleaseStatus

pytestmark = pytest.mark.django_db


def test_caseworker_cannot_open_the_register(client, people):
    client.force_login(people["caseworker"])
    assert client.get("/berbagi-data/").status_code == 403


def test_request_approve_download_on_the_pages(client, people, agreement, make_case):
    make_case()
    client.force_login(people["analyst"])
    page = client.get("/berbagi-data/minta/")
    assert page.status_code == 200 and "IOM CTDC" in page.content.decode()
    answer = client.post(
        "/berbagi-data/minta/",
        {"agreement": agreement.pk, "kind": "ctdc", "k": "2", "quasi_identifiers": "gender"},
    )
    release = Release.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/berbagi-data/{release.pk}/"
    client.force_login(people["supervisor"])
    assert "Setujui dan buat berkas" in client.get(f"/berbagi-data/{release.pk}/").content.decode()
    client.post(f"/berbagi-data/{release.pk}/setujui/")
    release.refresh_from_db()
    assert release.status == ReleaseStatus.APPROVED
    download = client.get(f"/berbagi-data/{release.pk}/unduh/")
    assert download.status_code == 200
    assert b"yearOfRegistration" in b"".join(download.streaming_content)


def test_the_requester_sees_the_four_eyes_rule_and_cannot_approve(client, people, agreement):
    client.force_login(people["supervisor"])
    client.post("/berbagi-data/minta/", {"agreement": agreement.pk, "kind": "ctdc"})
    release = Release.objects.get()
    page = client.get(f"/berbagi-data/{release.pk}/").content.decode()
    assert "Setujui dan buat berkas" not in page and "empat mata" in page
    answer = client.post(f"/berbagi-data/{release.pk}/setujui/", follow=True)
    assert "Empat mata" in answer.content.decode()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.REQUESTED


def test_request_errors_are_shown_on_their_fields(client, people, agreement):
    client.force_login(people["analyst"])
    answer = client.post(
        "/berbagi-data/minta/", {"agreement": agreement.pk, "kind": "synthetic", "epsilon": "0"}
    )
    assert answer.status_code == 200
    assert "Epsilon harus lebih dari 0" in answer.content.decode()
    assert not Release.objects.exists()


def test_admin_records_an_agreement_and_an_analyst_cannot(client, people):
    form = {
        "partner": "CTDC",
        "purpose": "Global dataset",
        "kinds": ["ctdc"],
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
    }
    client.force_login(people["analyst"])
    assert client.post("/berbagi-data/perjanjian/", form).status_code == 403
    client.force_login(people["admin"])
    assert client.post("/berbagi-data/perjanjian/", form).status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.organisation is None and agreement.kinds == ["ctdc"]
    bad = client.post("/berbagi-data/perjanjian/", {**form, "valid_to": "2025-01-01"})
    assert "Tanggal akhir sebelum tanggal mulai" in bad.content.decode()


def test_admin_records_a_platform_agreement_over_chosen_organisations(
    client, people, org_iom, org_ngo
):
    form = {
        "partner": "CTDC",
        "purpose": "Global dataset",
        "kinds": ["ctdc"],
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
        "covered_organisations": [str(org_ngo.pk)],
    }
    client.force_login(people["admin"])
    page = client.get("/berbagi-data/perjanjian/").content.decode()
    assert "Organisasi yang kasusnya dicakup" in page and "Yayasan Contoh" in page
    # a data owner's agreement cannot cover other organisations: the field says so
    refused = client.post("/berbagi-data/perjanjian/", {**form, "organisation": org_iom.pk})
    assert refused.status_code == 200
    assert "Pilihan organisasi hanya untuk perjanjian platform" in refused.content.decode()
    assert not Agreement.objects.exists()
    assert client.post("/berbagi-data/perjanjian/", form).status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.organisation_ids() == [org_ngo.pk]
    listed = client.get("/berbagi-data/perjanjian/").content.decode()
    assert "hanya kasus" in listed and "YC" in listed


def test_a_synthetic_release_page_says_what_the_synthesizer_was_fitted_on(
    client, people, agreement
):
    from waspada.sharing import services

    release = services.release_request(
        actor=people["analyst"], agreement=agreement, data={"kind": "synthetic", "epsilon": 1}
    )
    utility = {"one_way_mae": 1.5, "two_way_mae": 2.5, "two_way_within_10pct": 0.8}
    Release.objects.filter(pk=release.pk).update(
        status=ReleaseStatus.APPROVED,
        checks={"epsilon": 1, "utility": utility, "rows_real": 950022, "rows_fitted": 50086,
                "sampling": {"fit_rows_max": 50000}},
    )  # fmt: skip
    client.force_login(people["analyst"])
    page = client.get(f"/berbagi-data/{release.pk}/").content.decode()
    assert "dilatih pada sampel acak 50086 dari 950022 kasus (batas sampel 50000)" in page
