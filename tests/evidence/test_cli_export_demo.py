"""``waspada evidence verify``, the ZIP export of a legal case, and the demo files."""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied

from waspada.audit.models import AuditEvent
from waspada.demodata.seed_evidence import demo_evidence_load
from waspada.evidence import storage
from waspada.evidence.cli import add_parsers
from waspada.evidence.export import legal_case_export
from waspada.evidence.models import EvidenceItem

from .conftest import PNG, TEXT


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="waspada")
    add_parsers(parser.add_subparsers(dest="command", required=True), lambda: None)
    args = parser.parse_args(["evidence", "verify", *argv])
    return int(args.func(args))


def test_verify_passes_when_everything_matches(cast, item, store, capsys):
    store(cast.caseworker, name="iklan.png", content=PNG, case=cast.case)
    assert _run("--quiet") == 0
    assert "All 2 evidence items verified" in capsys.readouterr().out
    assert EvidenceItem.objects.filter(last_verified_ok=True).count() == 2


def test_verify_reports_a_tampered_file_and_exits_non_zero(cast, item, store, capsys):
    good = store(cast.legal, name="iklan.png", content=PNG, legal_case=cast.legal_case)
    path = storage.final_path(item.storage_name)
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    assert _run() == 1
    out = capsys.readouterr()
    assert out.out.strip() == f"BAD item {item.pk} (case {cast.legal_case.code}): unreadable"
    assert "1 of 2" in out.err
    assert item.custody.filter(action="verified", ok=False, actor=None).exists()
    assert good.custody.filter(action="verified", ok=True).exists()


def test_export_is_a_zip_with_files_manifest_and_custody(cast, item, store):
    png = store(cast.legal, name="iklan chat.png", content=PNG, kind="chat_screenshot",
                legal_case=cast.legal_case)  # fmt: skip
    store(cast.caseworker, case=cast.case)  # a victim's case item is not part of it
    data = b"".join(legal_case_export(actor=cast.supervisor, legal_case=cast.legal_case))
    bundle = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(bundle.read("manifest.json"))
    assert manifest["legal_case"] == cast.legal_case.code
    assert [m["id"] for m in manifest["items"]] == [item.pk, png.pk]
    for entry, content in zip(manifest["items"], (TEXT, PNG), strict=True):
        assert bundle.read(entry["path"]) == content
        assert entry["sha256"] == entry["sha256_at_export"] == hashlib.sha256(content).hexdigest()
        assert entry["intact"] is True and entry["size"] == len(content)
    assert manifest["items"][1]["path"] == f"files/{png.pk:06d}-iklan_chat.png"
    rows = list(csv.DictReader(io.StringIO(bundle.read("custody.csv").decode())))
    assert [(r["item_id"], r["action"]) for r in rows] == [
        (str(item.pk), "uploaded"), (str(item.pk), "exported"),
        (str(png.pk), "uploaded"), (str(png.pk), "exported"),
    ]  # fmt: skip
    audit = AuditEvent.objects.get(action="evidence.export.created")
    assert audit.details == {"case": cast.legal_case.code, "items": [item.pk, png.pk]}
    for who in (cast.shared_legal, cast.caseworker, cast.other_legal):
        with pytest.raises(PermissionDenied):
            legal_case_export(actor=who, legal_case=cast.legal_case)


def test_export_marks_a_damaged_item(cast, item):
    storage.final_path(item.storage_name).write_bytes(b"garbage")
    data = b"".join(legal_case_export(actor=cast.legal, legal_case=cast.legal_case))
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    assert manifest["items"][0]["intact"] is False


def test_demo_attaches_two_synthetic_files_once(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert demo_evidence_load() == 2
    assert demo_evidence_load() == 0
    items = EvidenceItem.objects.filter(legal_case=cast.legal_case)
    assert sorted(i.content_type for i in items) == ["image/png", "text/plain"]
    assert _run("--quiet") == 0


def test_demo_without_legal_cases_does_nothing(db):
    assert demo_evidence_load() == 0


def test_verify_skips_erased_items_and_still_reports_tampering(cast, item, store, capsys):
    from waspada.cases.services import case_erase

    erased = store(cast.caseworker, name="iklan.png", content=PNG, case=cast.case)
    case_erase(actor=None, case=cast.case)  # destroys the key of the case's evidence too
    path = storage.final_path(item.storage_name)
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    assert _run("--quiet") == 1
    out = capsys.readouterr()
    assert out.out.strip() == f"BAD item {item.pk} (case {cast.legal_case.code}): unreadable"
    assert "1 of 1" in out.err and "1 erased item skipped" in out.err
    assert not erased.custody.filter(action="verified").exists()


def test_verify_passes_with_only_erased_items_besides_good_ones(cast, item, store, capsys):
    from waspada.cases.services import case_erase

    erased = store(cast.caseworker, name="iklan.png", content=PNG, case=cast.case)
    case_erase(actor=None, case=cast.case)
    assert _run("--quiet") == 0
    out = capsys.readouterr().out
    assert "All 1 evidence items verified" in out
    assert "1 erased item skipped (its key was destroyed: unreadable by design)." in out
    erased.refresh_from_db()
    assert erased.last_verified_ok is None
