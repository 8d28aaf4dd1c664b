"""Upload, encryption at rest, custody, hand-over and verification through the services."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from waspada.audit.models import AuditEvent
from waspada.evidence import services, storage
from waspada.evidence.models import CustodyAction, CustodyEvent, EvidenceItem
from waspada.privacy import crypto
from waspada.privacy.models import DataKey

from .conftest import MARKER, PNG, TEXT


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_upload_hashes_encrypts_and_records_custody(cast, item, data_dir):
    assert item.sha256 == hashlib.sha256(TEXT).hexdigest()
    assert (item.size, item.content_type, item.extension) == (len(TEXT), "text/plain", "txt")
    assert item.organisation_id == cast.legal_case.organisation_id
    stored = storage.final_path(item.storage_name)
    assert stored.exists() and not list((data_dir / "evidence" / ".partial").iterdir())
    # Not a byte of the plaintext in clear anywhere in the data folder.
    for path in _files(data_dir):
        content = path.read_bytes()
        assert MARKER[:32] not in content and b"Bukti transfer" not in content, path
    assert b"Diserahkan oleh korban" not in item.sealed.encode()
    assert services.item_sealed(item) == services.Opened("bukti.txt", "Diserahkan oleh korban")
    event = CustodyEvent.objects.get(item=item)
    assert (event.action, event.actor, event.details["sha256"]) == (
        CustodyAction.UPLOADED, cast.legal, item.sha256)  # fmt: skip
    audit = AuditEvent.objects.get(action="evidence.item.uploaded")
    assert audit.details == {"case": cast.legal_case.code, "sha256": item.sha256,
                             "size": len(TEXT), "content_type": "text/plain"}  # fmt: skip
    assert audit.actor_id == cast.legal.pk


def test_upload_to_a_victims_case(cast, store):
    item = store(cast.caseworker, name="iklan.png", content=PNG, kind="ad_screenshot",
                 case=cast.case)  # fmt: skip
    assert (item.case, item.legal_case, item.content_type) == (cast.case, None, "image/png")
    assert b"".join(services.decrypted_chunks(item)) == PNG


@pytest.mark.parametrize(
    ("name", "content", "kind", "fields"),
    [
        ("app.apk", b"PK\x03\x04rest", "other", {"file"}),
        ("run.sh", b"#!/bin/sh\n", "other", {"file"}),
        ("foto.jpg", PNG, "other", {"file"}),
        ("bukti.txt", TEXT, "selfie", {"kind"}),
        ("setup.exe", b"MZ\x90", "nope", {"file", "kind"}),
    ],
)
def test_refused_files_store_nothing(cast, store, data_dir, name, content, kind, fields):
    keys = DataKey.objects.count()
    with pytest.raises(ValidationError) as exc:
        store(cast.legal, name=name, content=content, kind=kind, legal_case=cast.legal_case)
    assert set(exc.value.message_dict) == fields
    assert not EvidenceItem.objects.exists() and not CustodyEvent.objects.exists()
    assert DataKey.objects.count() == keys
    assert not _files(data_dir / "evidence")
    assert not AuditEvent.objects.filter(action__startswith="evidence.").exists()


def test_refusal_names_what_was_found(cast, store):
    with pytest.raises(ValidationError) as exc:
        store(cast.legal, name="bukti.zip", content=b"PK\x03\x04", legal_case=cast.legal_case)
    assert "ZIP" in exc.value.message_dict["file"][0]


def test_oversize_is_refused_with_its_own_code(cast, store, settings):
    from waspada.evidence.validation import is_too_large

    settings.WASPADA_EVIDENCE_MAX_MB = 1
    with pytest.raises(ValidationError) as exc:
        store(cast.legal, content=b"a" * (1024 * 1024 + 1), legal_case=cast.legal_case)
    assert is_too_large(exc.value)
    assert "1 MB" in exc.value.message_dict["file"][0]
    assert not EvidenceItem.objects.exists()


class _Interrupted(SimpleUploadedFile):
    def chunks(self, chunk_size=None):  # type: ignore[no-untyped-def]
        yield b"Bukti transfer " + b"x" * 200_000
        raise ConnectionResetError("client went away")


def test_interrupted_upload_leaves_nothing(cast, data_dir):
    upload = _Interrupted("bukti.txt", TEXT)
    with pytest.raises(ConnectionResetError):
        services.item_upload(actor=cast.legal, upload=upload, kind="other",
                             legal_case=cast.legal_case)  # fmt: skip
    assert not EvidenceItem.objects.exists()
    assert not _files(data_dir / "evidence")


def test_exactly_one_owner(cast):
    upload = SimpleUploadedFile("bukti.txt", TEXT)
    with pytest.raises(ValueError):
        services.item_upload(actor=cast.legal, upload=upload, kind="other",
                             legal_case=cast.legal_case, case=cast.case)  # fmt: skip
    with pytest.raises(ValueError):
        services.item_upload(actor=cast.legal, upload=upload, kind="other")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("legal", True), ("supervisor", True), ("caseworker", False), ("colleague", False),
     ("other_legal", False), ("shared_legal", False), ("analyst", False)],
)  # fmt: skip
def test_who_may_upload_to_a_legal_case(cast, store, who, allowed):
    actor = getattr(cast, who)
    if allowed:
        assert store(actor, legal_case=cast.legal_case).pk
    else:
        with pytest.raises(PermissionDenied):
            store(actor, legal_case=cast.legal_case)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("caseworker", True), ("supervisor", True), ("colleague", False), ("legal", False),
     ("other_legal", False), ("analyst", False)],
)  # fmt: skip
def test_who_may_upload_to_a_victims_case(cast, store, who, allowed):
    actor = getattr(cast, who)
    if allowed:
        assert store(actor, case=cast.case).pk
    else:
        with pytest.raises(PermissionDenied):
            store(actor, case=cast.case)


def test_view_and_download_are_custody_and_audit_events(cast, item):
    opened = services.item_view(actor=cast.supervisor, item=item)
    assert opened.file_name == "bukti.txt"
    assert b"".join(services.item_content(actor=cast.legal, item=item)) == TEXT
    actions = list(item.custody.values_list("action", "actor__username"))
    assert actions == [("uploaded", "legal.iom"), ("viewed", "sup.iom"),
                       ("downloaded", "legal.iom")]  # fmt: skip
    downloaded = AuditEvent.objects.get(action="evidence.item.downloaded")
    assert downloaded.details == {"case": cast.legal_case.code}
    assert AuditEvent.objects.filter(action="evidence.item.viewed").count() == 1
    for who in (cast.shared_legal, cast.caseworker, cast.analyst):
        with pytest.raises(PermissionDenied):
            services.item_content(actor=who, item=item)


def test_handover_is_sealed_and_validated(cast, item):
    with pytest.raises(ValidationError) as exc:
        services.item_handover(actor=cast.legal, item=item, data={"institution": " "})
    assert set(exc.value.message_dict) == {"recipient", "institution", "reason"}
    assert not item.custody.filter(action="handed_over").exists()
    data = {"recipient": "AKP Budi Contoh", "institution": "Polda Jawa Barat",
            "reason": "Penyidikan atas laporan korban"}  # fmt: skip
    event = services.item_handover(actor=cast.legal, item=item, data=data)
    assert event.institution == "Polda Jawa Barat"
    assert "Budi" not in event.sealed and "Penyidikan" not in event.sealed
    row = services.custody_log(item)[-1]
    assert (row.recipient, row.reason) == ("AKP Budi Contoh", "Penyidikan atas laporan korban")
    audit = AuditEvent.objects.get(action="evidence.item.handed_over")
    assert audit.details == {"case": cast.legal_case.code, "custody_event": event.pk}
    with pytest.raises(PermissionDenied):
        services.item_handover(actor=cast.shared_legal, item=item, data=data)


def _tamper(item: EvidenceItem) -> None:
    path = storage.final_path(item.storage_name)
    blob = bytearray(path.read_bytes())
    blob[40] ^= 0xFF
    path.write_bytes(bytes(blob))


def test_verify_detects_tampering_and_missing_files(cast, item, store):
    assert services.item_verify(actor=cast.legal, item=item) == ""
    item.refresh_from_db()
    assert item.last_verified_ok is True
    _tamper(item)
    assert services.item_verify(actor=None, item=item) == "unreadable"
    item.refresh_from_db()
    assert item.last_verified_ok is False
    verified = list(item.custody.filter(action="verified").values_list("ok", "actor"))
    assert verified == [(True, cast.legal.pk), (False, None)]
    audit = AuditEvent.objects.filter(action="evidence.item.verified").last()
    assert audit.details == {"case": cast.legal_case.code, "ok": False, "problem": "unreadable"}
    other = store(cast.legal, legal_case=cast.legal_case)
    storage.final_path(other.storage_name).unlink()
    assert services.item_check(other) == "missing"
    with pytest.raises(services.EvidenceUnavailable):
        services.item_content(actor=cast.legal, item=other)


def test_verify_detects_a_changed_hash(cast, item):
    EvidenceItem.objects.filter(pk=item.pk).update(sha256="0" * 64)
    item.refresh_from_db()
    assert services.item_check(item) == "mismatch"


def test_handover_texts_are_bounded_by_the_validator(cast, item):
    """The form's limits used to be the only ones: the API stored any length."""
    data = {"recipient": "R" * 201, "institution": "Polda Jawa Barat", "reason": "A" * 2001}
    with pytest.raises(ValidationError) as exc:
        services.item_handover(actor=cast.legal, item=item, data=data)
    assert set(exc.value.message_dict) == {"recipient", "reason"}
    assert not item.custody.filter(action="handed_over").exists()


def test_a_download_that_fails_midway_is_recorded_as_failed(cast, item):
    _tamper(item)
    chunks = services.item_content(actor=cast.legal, item=item)
    with pytest.raises(crypto.CryptoError):
        b"".join(chunks)
    chunks.close()  # the server closes the response after the error
    failed = item.custody.get(action="download_failed")
    assert (failed.actor, failed.details) == (cast.legal, {"problem": "unreadable", "sent": 0})
    assert not item.custody.filter(action="downloaded").exists()
    audit = AuditEvent.objects.get(action="evidence.item.download_failed")
    assert audit.details == {"case": cast.legal_case.code, "problem": "unreadable"}
    assert not AuditEvent.objects.filter(action="evidence.item.downloaded").exists()


def test_a_download_the_client_broke_off_is_recorded_as_interrupted(cast, store):
    big = store(cast.legal, content=TEXT * 200, legal_case=cast.legal_case)  # several chunks
    chunks = services.item_content(actor=cast.legal, item=big)
    first = next(iter(chunks))
    chunks.close()  # what the server does when the client goes away
    failed = big.custody.get(action="download_failed")
    assert failed.details == {"problem": "interrupted", "sent": len(first)}
    assert not big.custody.filter(action="downloaded").exists()
    chunks.close()  # closing twice records nothing more
    assert big.custody.filter(action="download_failed").count() == 1
