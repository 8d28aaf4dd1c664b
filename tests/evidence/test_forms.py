"""The upload and hand-over forms only parse and display: ``evidence.validation`` decides, so
the pages and the API refuse the same input with the same fields and messages."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from waspada.accounts.services import token_create
from waspada.evidence import validation
from waspada.evidence.models import EvidenceItem

from .conftest import TEXT


def _upload_page(cast):  # type: ignore[no-untyped-def]
    return f"/penegakan-hukum/bukti/perkara/{cast.legal_case.code}/unggah/"


def _auth(user):  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def test_an_upload_is_refused_alike(client, cast):
    """No file, an unknown kind and a long description: every problem in one answer, in the
    validator's words (the API used to stop at the missing file with 'required', the page
    at Django's own checks)."""
    bad = {"kind": "selfie", "description": "D" * 2001}
    client.force_login(cast.legal)
    page = client.post(_upload_page(cast), bad)
    api = client.post(f"/api/v1/legal-cases/{cast.legal_case.code}/evidence", bad,
                      **_auth(cast.legal))  # fmt: skip
    assert (page.status_code, api.status_code) == (400, 400)
    assert (
        dict(page.context["form"].errors)
        == api.json()["errors"]
        == {
            "file": ["Pilih berkas yang akan diunggah."],
            "kind": ["Pilih jenis bukti dari daftar."],
            "description": ["Keterangan paling panjang 2000 karakter."],
        }
    )
    assert not EvidenceItem.objects.exists()


def test_an_empty_file_is_refused_alike(client, cast):
    """The page used to answer with Django's own words for an empty file."""
    client.force_login(cast.legal)
    page = client.post(_upload_page(cast), {"file": SimpleUploadedFile("a.txt", b""), "kind": "x"})
    api = client.post(f"/api/v1/legal-cases/{cast.legal_case.code}/evidence",
                      {"file": SimpleUploadedFile("a.txt", b""), "kind": "x"},
                      **_auth(cast.legal))  # fmt: skip
    assert (page.status_code, api.status_code) == (400, 400)
    assert (
        dict(page.context["form"].errors)
        == api.json()["errors"]
        == {
            "file": ["Berkas kosong."],
            "kind": ["Pilih jenis bukti dari daftar."],
        }
    )
    assert not EvidenceItem.objects.exists()


def test_a_hand_over_is_refused_alike(client, cast, item):
    bad = {"recipient": "R" * 201, "institution": "I" * 201, "reason": ""}
    client.force_login(cast.legal)
    page = client.post(f"/penegakan-hukum/bukti/{item.pk}/serah-terima/", bad)
    api = client.post(f"/api/v1/evidence/{item.pk}/handover", bad,
                      content_type="application/json", **_auth(cast.legal))  # fmt: skip
    assert (page.status_code, api.status_code) == (400, 400)
    assert (
        dict(page.context["form"].errors)
        == api.json()["errors"]
        == {
            "recipient": ["Paling banyak 200 karakter."],
            "institution": ["Instansi paling panjang 200 karakter."],
            "reason": ["Alasan penyerahan wajib diisi."],
        }
    )
    assert not item.custody.filter(action="handed_over").exists()


def test_a_limit_changed_in_the_validator_is_the_forms_maxlength(client, cast, item, monkeypatch):
    monkeypatch.setitem(validation.UPLOAD_LIMITS, "description", 4)
    monkeypatch.setitem(validation.HANDOVER_LIMITS, "institution", 5)
    client.force_login(cast.legal)
    assert 'maxlength="4"' in client.get(_upload_page(cast)).text
    assert 'maxlength="5"' in client.get(f"/penegakan-hukum/bukti/{item.pk}/").text
    long = {"recipient": "AKP Budi", "institution": "Polda Jabar", "reason": "Penyidikan"}
    page = client.post(f"/penegakan-hukum/bukti/{item.pk}/serah-terima/", long)
    api = client.post(f"/api/v1/evidence/{item.pk}/handover", long,
                      content_type="application/json", **_auth(cast.legal))  # fmt: skip
    assert (
        dict(page.context["form"].errors)
        == api.json()["errors"]
        == {"institution": ["Instansi paling panjang 5 karakter."]}
    )
    upload = {"file": SimpleUploadedFile("a.txt", TEXT), "kind": "other", "description": "lima!"}
    page = client.post(_upload_page(cast), upload)
    assert page.context["form"].errors == {"description": ["Keterangan paling panjang 4 karakter."]}
    assert EvidenceItem.objects.count() == 1  # the fixture's item only
