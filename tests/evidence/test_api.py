"""/api/v1/legal-cases/{code}/evidence and /api/v1/evidence/{id}[/content|/handover]."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.evidence.models import EvidenceItem

from .conftest import PNG, TEXT


def _auth(user):  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def _url(cast):  # type: ignore[no-untyped-def]
    return f"/api/v1/legal-cases/{cast.legal_case.code}/evidence"


def test_upload_returns_201_with_id_and_sha256(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(cast),
            {"file": SimpleUploadedFile("iklan.png", PNG), "kind": "ad_screenshot",
             "description": "Iklan lowongan"},
            **_auth(cast.legal),
        )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    item = EvidenceItem.objects.get()
    assert (body["id"], body["sha256"]) == (item.pk, hashlib.sha256(PNG).hexdigest())
    assert (item.kind, body["content_type"]) == ("ad_screenshot", "image/png")
    assert AuditEvent.objects.filter(action="evidence.item.uploaded").count() == 1


def test_upload_without_kind_defaults_to_other(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(cast), {"file": SimpleUploadedFile("a.txt", TEXT)},
                               **_auth(cast.supervisor))  # fmt: skip
    assert response.status_code == 201
    assert EvidenceItem.objects.get().kind == "other"


def test_a_large_upload_goes_through_the_encrypted_spool(
    client, cast, settings, django_capture_on_commit_callbacks
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 256  # TEXT is larger: spooled (waspada.uploads)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(cast), {"file": SimpleUploadedFile("a.txt", TEXT)},
                               **_auth(cast.supervisor))  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["sha256"] == hashlib.sha256(TEXT).hexdigest()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"file": SimpleUploadedFile("app.exe", b"MZ\x90\x00")}, "file"),
        ({"file": SimpleUploadedFile("arsip.7z", b"7z\xbc\xaf\x27\x1c")}, "file"),
        ({"file": SimpleUploadedFile("a.txt", TEXT), "kind": "selfie"}, "kind"),
        ({}, "file"),
    ],
)
def test_bad_uploads_are_400_naming_the_field(client, cast, data, field):
    response = client.post(_url(cast), data, **_auth(cast.legal))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not EvidenceItem.objects.exists()


def test_oversize_is_413(client, cast, settings):
    settings.WASPADA_EVIDENCE_MAX_MB = 1
    big = SimpleUploadedFile("a.txt", b"a" * (1024 * 1024 + 10))
    response = client.post(_url(cast), {"file": big}, **_auth(cast.legal))
    assert response.status_code == 413
    assert "file" in response.json()["errors"]
    assert not EvidenceItem.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("shared_legal", 403), ("caseworker", 403), ("other_legal", 404), ("analyst", 404)],
)
def test_upload_refused_outside_the_owning_legal_team(client, cast, who, status):
    response = client.post(_url(cast), {"file": SimpleUploadedFile("a.txt", TEXT)},
                           **_auth(getattr(cast, who)))  # fmt: skip
    assert response.status_code == status
    assert not EvidenceItem.objects.exists()


def test_no_token_is_401(client, cast):
    assert client.post(_url(cast), {"file": SimpleUploadedFile("a.txt", TEXT)}).status_code == 401


def test_list_metadata(client, cast, item):
    response = client.get(_url(cast), **_auth(cast.shared_legal))
    assert response.status_code == 200
    assert [(i["id"], i["sha256"]) for i in response.json()] == [(item.pk, item.sha256)]
    assert "file_name" not in response.json()[0]
    assert client.get(_url(cast), **_auth(cast.caseworker)).status_code == 404


def test_get_item_with_custody(client, cast, item):
    response = client.get(f"/api/v1/evidence/{item.pk}", **_auth(cast.legal))
    assert response.status_code == 200
    body = response.json()
    assert (body["file_name"], body["sha256"], body["case"]) == (
        "bukti.txt", item.sha256, cast.legal_case.code)  # fmt: skip
    assert [e["action"] for e in body["custody"]] == ["uploaded", "viewed"]
    assert client.get(f"/api/v1/evidence/{item.pk}", **_auth(cast.shared_legal)).status_code == 403
    assert client.get(f"/api/v1/evidence/{item.pk}", **_auth(cast.other_legal)).status_code == 404
    assert client.get("/api/v1/evidence/999999", **_auth(cast.legal)).status_code == 404


def test_content_is_the_plaintext_and_audited(client, cast, item):
    response = client.get(f"/api/v1/evidence/{item.pk}/content", **_auth(cast.legal))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TEXT
    assert response["X-Content-Sha256"] == item.sha256
    assert item.custody.filter(action="downloaded", actor=cast.legal).count() == 1
    assert AuditEvent.objects.filter(action="evidence.item.downloaded").count() == 1
    for who, status in (("shared_legal", 403), ("caseworker", 404), ("analyst", 404)):
        url = f"/api/v1/evidence/{item.pk}/content"
        assert client.get(url, **_auth(getattr(cast, who))).status_code == status


def test_content_of_a_missing_file_is_409(client, cast, item):
    from waspada.evidence import storage

    storage.final_path(item.storage_name).unlink()
    response = client.get(f"/api/v1/evidence/{item.pk}/content", **_auth(cast.legal))
    assert response.status_code == 409


def test_handover(client, cast, item):
    url = f"/api/v1/evidence/{item.pk}/handover"
    bad = client.post(url, {"recipient": "", "institution": "Polda", "reason": "x"},
                      content_type="application/json", **_auth(cast.legal))  # fmt: skip
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["recipient"]
    payload = {"recipient": "AKP Budi", "institution": "Polda Jabar", "reason": "Penyidikan"}
    response = client.post(url, payload, content_type="application/json", **_auth(cast.legal))
    assert response.status_code == 201
    assert (response.json()["action"], response.json()["recipient"]) == ("handed_over", "AKP Budi")
    assert AuditEvent.objects.filter(action="evidence.item.handed_over").count() == 1
    denied = client.post(url, payload, content_type="application/json",
                         **_auth(cast.shared_legal))  # fmt: skip
    assert denied.status_code == 403
