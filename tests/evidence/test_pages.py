"""Evidence pages: permission matrix, upload and hand-over forms, download, verify, export,
and the section the legal case page includes."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory

from waspada.audit.models import AuditEvent
from waspada.evidence.models import EvidenceItem
from waspada.uploads import SealedTemporaryFileUploadHandler

from .conftest import PNG, TEXT


@pytest.fixture
def commit(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _upload_url(cast):  # type: ignore[no-untyped-def]
    return f"/penegakan-hukum/bukti/perkara/{cast.legal_case.code}/unggah/"


@pytest.mark.parametrize(
    ("who", "status"),
    [("legal", 200), ("supervisor", 200), ("shared_legal", 403), ("other_legal", 404),
     ("caseworker", 403), ("analyst", 403)],
)  # fmt: skip
def test_upload_page_access(client, cast, who, status):
    client.force_login(getattr(cast, who))
    assert client.get(_upload_url(cast)).status_code == status


def test_anonymous_is_sent_to_login(client, cast, item):
    for url in (_upload_url(cast), f"/penegakan-hukum/bukti/{item.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/akun/login/")


def test_upload_form_stores_and_redirects(client, cast, commit):
    client.force_login(cast.legal)
    with commit():
        response = client.post(_upload_url(cast), {
            "file": SimpleUploadedFile("iklan.png", PNG), "kind": "ad_screenshot",
            "description": "Iklan di Facebook",
        })  # fmt: skip
    item = EvidenceItem.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/penegakan-hukum/bukti/{item.pk}/"
    )
    assert (item.legal_case, item.kind, item.content_type) == (
        cast.legal_case,
        "ad_screenshot",
        "image/png",
    )


def test_an_upload_spooled_to_disk_is_stored_intact(client, cast, commit, settings, monkeypatch):
    # Above FILE_UPLOAD_MAX_MEMORY_SIZE Django spools to disk: encrypted (waspada.uploads).
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 256
    spooled = []
    complete = SealedTemporaryFileUploadHandler.file_complete

    def spy(self, file_size):  # type: ignore[no-untyped-def]
        spooled.append(file_size)
        return complete(self, file_size)

    monkeypatch.setattr(SealedTemporaryFileUploadHandler, "file_complete", spy)
    assert len(TEXT) > 256
    client.force_login(cast.legal)
    with commit():
        response = client.post(_upload_url(cast), {
            "file": SimpleUploadedFile("bukti.txt", TEXT), "kind": "transfer_receipt",
        })  # fmt: skip
    assert response.status_code == 302 and spooled == [len(TEXT)]
    item = EvidenceItem.objects.get()
    assert item.size == len(TEXT) and item.sha256 == hashlib.sha256(TEXT).hexdigest()
    assert list(settings.FILE_UPLOAD_TEMP_DIR.iterdir()) == []  # nothing left behind


def test_upload_form_shows_the_refusal_on_the_file_field(client, cast):
    client.force_login(cast.legal)
    response = client.post(_upload_url(cast), {
        "file": SimpleUploadedFile("bukti.zip", b"PK\x03\x04zzz"), "kind": "other",
    })  # fmt: skip
    assert response.status_code == 400
    assert "arsip (ZIP/APK/JAR)" in response.content.decode()
    assert response.context["form"].errors["file"]
    assert not EvidenceItem.objects.exists()
    response = client.post(_upload_url(cast), {"kind": "other"})
    assert response.status_code == 400 and response.context["form"].errors["file"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("legal", 200), ("supervisor", 200), ("shared_legal", 403), ("other_legal", 404),
     ("caseworker", 404), ("colleague", 404), ("analyst", 404)],
)  # fmt: skip
def test_item_page_access(client, cast, item, who, status):
    client.force_login(getattr(cast, who))
    response = client.get(f"/penegakan-hukum/bukti/{item.pk}/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert item.sha256 in page and "bukti.txt" in page and "Diserahkan oleh korban" in page
        assert item.custody.filter(action="viewed").count() == 1
    else:
        assert not item.custody.filter(action="viewed").exists()


def test_download_streams_the_plaintext_and_is_audited(client, cast, item):
    client.force_login(cast.legal)
    response = client.get(f"/penegakan-hukum/bukti/{item.pk}/unduh/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TEXT
    assert 'filename="bukti.txt"' in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="evidence.item.downloaded").count() == 1
    client.force_login(cast.shared_legal)
    assert client.get(f"/penegakan-hukum/bukti/{item.pk}/unduh/").status_code == 403


def test_handover_form_errors_and_success(client, cast, item):
    client.force_login(cast.legal)
    url = f"/penegakan-hukum/bukti/{item.pk}/serah-terima/"
    response = client.post(url, {"recipient": "AKP Budi", "institution": "", "reason": ""})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"institution", "reason"}
    assert not item.custody.filter(action="handed_over").exists()
    response = client.post(url, {"recipient": "AKP Budi", "institution": "Polda Jabar",
                                 "reason": "Penyidikan"})  # fmt: skip
    assert response.status_code == 302
    assert item.custody.get(action="handed_over").institution == "Polda Jabar"
    page = client.get(f"/penegakan-hukum/bukti/{item.pk}/").content.decode()
    assert "AKP Budi" in page and "Polda Jabar" in page


def test_verify_button(client, cast, item):
    client.force_login(cast.supervisor)
    response = client.post(f"/penegakan-hukum/bukti/{item.pk}/verifikasi/", follow=True)
    assert "Verifikasi berhasil" in response.content.decode()
    assert item.custody.filter(action="verified", ok=True, actor=cast.supervisor).exists()
    client.force_login(cast.caseworker)
    assert client.post(f"/penegakan-hukum/bukti/{item.pk}/verifikasi/").status_code == 404


def test_export_button(client, cast, item):
    url = f"/penegakan-hukum/bukti/perkara/{cast.legal_case.code}/ekspor/"
    client.force_login(cast.legal)
    response = client.post(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert item.custody.filter(action="exported").exists()
    client.force_login(cast.shared_legal)
    assert client.post(url).status_code == 403
    client.force_login(cast.caseworker)
    assert client.post(url).status_code == 403


def _section(user, legal_case) -> str:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "evidence/legal_case_section.html" %}')
    return template.render(Context({"legal_case": legal_case, "request": request, "user": user}))


def test_section_on_the_legal_case_page(cast, item):
    owner = _section(cast.legal, cast.legal_case)
    assert item.sha256[:16] in owner and "/unggah/" in owner and "/ekspor/" in owner
    assert f"/penegakan-hukum/bukti/{item.pk}/" in owner
    shared = _section(cast.shared_legal, cast.legal_case)
    assert item.sha256[:16] in shared and "/unggah/" not in shared
    assert f"/penegakan-hukum/bukti/{item.pk}/" not in shared
    for user in (cast.caseworker, cast.analyst):
        text = _section(user, cast.legal_case)
        assert item.sha256[:16] not in text and "hanya dapat dilihat petugas hukum" in text
    assert "bukti.txt" not in owner  # names and descriptions only on the (audited) item page


@pytest.mark.parametrize(
    ("who", "status"),
    [("caseworker", 200), ("supervisor", 200), ("colleague", 404), ("legal", 403),
     ("other_legal", 403), ("analyst", 403)],
)  # fmt: skip
def test_victims_case_evidence_page(client, cast, store, who, status):
    item = store(cast.caseworker, case=cast.case)
    client.force_login(getattr(cast, who))
    response = client.get(f"/penegakan-hukum/bukti/kasus/{cast.case.code}/")
    assert response.status_code == status
    if status == 200:
        assert f"/penegakan-hukum/bukti/{item.pk}/" in response.content.decode()
        assert client.get(f"/penegakan-hukum/bukti/{item.pk}/").status_code == 200


def test_victims_case_upload_form(client, cast, commit):
    client.force_login(cast.caseworker)
    url = f"/penegakan-hukum/bukti/kasus/{cast.case.code}/unggah/"
    with commit():
        response = client.post(url, {"file": SimpleUploadedFile("pesan.amr", b"#!AMR\n\x3c"),
                                     "kind": "audio"})  # fmt: skip
    assert response.status_code == 302
    assert EvidenceItem.objects.get().case == cast.case
    response = client.post(url, {"file": SimpleUploadedFile("x.mp3", b"hello"), "kind": "audio"})
    assert response.status_code == 400 and "tidak sesuai" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "sees_items", "sees_upload"),
    [("legal", True, True), ("shared_legal", True, False), ("caseworker", False, False)],
)
def test_section_inside_the_legal_case_page(client, cast, item, who, sees_items, sees_upload):
    from django.urls import reverse

    client.force_login(getattr(cast, who))
    response = client.get(reverse("legal:detail", args=[cast.legal_case.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert ('id="barang-bukti"' in page) is sees_items  # caseworkers: legal status only
    assert (item.sha256[:16] in page) is sees_items
    assert (f"/perkara/{cast.legal_case.code}/unggah/" in page) is sees_upload
