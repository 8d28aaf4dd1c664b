"""Backups that restore: create, verify, restore.

A backup holds a consistent copy of the database (``database``), every evidence file (already
encrypted under its own data key), and a manifest: the SHA-256 and size of each, the audit
chain's signed anchor taken for the backup, and the head of the erasure ledger. The whole is
compressed and encrypted under the backup key (``archive``). It never holds the master, index,
audit or backup keys: they are not in the database, and restoring needs them from the
operator (the same keys as the installation the backup came from).

A restore goes into an empty database and an empty evidence store only, checks every hash
before touching them, then re-applies every erasure of the ledger (``privacy.ledger``), so a
person erased after the backup was taken does not become readable again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command

from waspada import __version__
from waspada.audit import anchors
from waspada.audit import services as audit
from waspada.backup import archive, database
from waspada.cases.models import Case, Person
from waspada.cases.services import case_erase
from waspada.evidence import storage
from waspada.evidence.models import EvidenceItem
from waspada.evidence.storage import FileStore
from waspada.lapor import files as lapor_files
from waspada.lapor.models import ReportAttachment
from waspada.privacy import ledger
from waspada.privacy import services as privacy
from waspada.privacy.crypto import parse_master_key

MANIFEST = "manifest.json"
_FILE_MEMBER = re.compile(r"^(evidence|lapor)/[0-9a-f]{1,64}$")


class BackupError(Exception):
    """The backup cannot be made, read or restored; the message says why (for operators)."""


def _key() -> bytes:
    return parse_master_key(settings.BACKUP_KEY, name="WASPADA_BACKUP_KEY")


def _scratch() -> tempfile.TemporaryDirectory[str]:
    """A private folder in the data folder (mode 700): never the shared system temp."""
    parent = Path(settings.DATA_DIR) / "tmp"
    parent.mkdir(mode=0o700, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=parent, prefix="backup-")


def _stores() -> list[tuple[FileStore, Any]]:
    """Every store of encrypted files and the storage names its rows point at."""
    return [
        (storage.EVIDENCE, EvidenceItem.objects.values_list("storage_name", flat=True)),
        (lapor_files.STORE, ReportAttachment.objects.values_list("storage_name", flat=True)),
    ]


def _stored_files() -> Iterator[tuple[str, Path]]:
    """The stored file of every evidence item and report attachment, as backup members
    (listed after the database copy was taken, so every row in the copy is included). An
    upload committed but not yet moved into place is taken from its partial file, which holds
    the same ciphertext."""
    for store, names in _stores():
        for name in names.order_by("pk").iterator(chunk_size=2000):
            final = store.final_path(name)
            path = final if final.exists() else store.partial_path(name)
            if path.exists():
                yield f"{store.folder}/{name}", path


@dataclass(frozen=True)
class Created:
    path: Path
    size: int
    sha256: str
    manifest: dict[str, Any]


def backup_create(out: Path) -> Created:
    """Write a backup to ``out`` (mode 600; refused if it exists). An audit anchor is written
    first, and the backup is recorded in the audit trail."""
    if out.exists():
        raise BackupError(f"{out} exists already; choose a new file name")
    anchor = anchors.anchor_write(reason="backup")
    ledger_head = ledger.ledger_read().head
    partial = out.with_name(out.name + ".partial")
    kind = database.engine()
    with _scratch() as scratch:
        dumped = database.dump(Path(scratch))
        files: dict[str, dict[str, Any]] = {}
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                writer = archive.Writer(handle, _key())
                members = [(database.member_name(kind), dumped)]
                members += list(_stored_files())
                for member, path in members:
                    with path.open("rb") as source:
                        size = os.fstat(source.fileno()).st_size
                        files[member] = {"sha256": writer.add_file(member, source, size),
                                         "size": size}  # fmt: skip
                manifest = {
                    "format": archive.FORMAT,
                    "version": archive.VERSION,
                    "waspada": __version__,
                    "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "engine": kind,
                    "files": files,
                    "audit_anchor": json.loads(anchor.to_json()) if anchor else None,
                    "erasure_ledger_head": (
                        {"seq": ledger_head.seq, "mac": ledger_head.mac} if ledger_head else None
                    ),
                }
                writer.add_bytes(MANIFEST, json.dumps(manifest, indent=1).encode())
                writer.close()
                handle.flush()
                os.fsync(handle.fileno())
            partial.replace(out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    digest = hashlib.sha256()
    with out.open("rb") as written:
        for block in iter(lambda: written.read(1 << 20), b""):
            digest.update(block)
    audit.record("backup.backup.created", details={
        "engine": kind, "sha256": digest.hexdigest(),
        "evidence_files": sum(m.startswith("evidence/") for m in files),
        "audit_seq": anchor.seq if anchor else 0,
    })  # fmt: skip
    return Created(out, out.stat().st_size, digest.hexdigest(), manifest)


@dataclass
class Extracted:
    """A backup read through and checked; ``folder`` holds its members when extracted."""

    manifest: dict[str, Any]
    folder: Path | None = None
    problems: list[str] = field(default_factory=list)


def _read(path: Path, folder: Path | None) -> Extracted:
    """Decrypt and read every member, hashing it (and writing it into ``folder`` if given),
    then compare with the manifest. Raises BackupError when the file cannot be read at all."""
    hashes: dict[str, tuple[str, int]] = {}
    manifest: dict[str, Any] | None = None
    try:
        with path.open("rb") as source:
            for name, stream in archive.members(source, _key()):
                if name == MANIFEST:
                    manifest = json.loads(stream.read())
                    continue
                if name not in (database.SQLITE_MEMBER, database.POSTGRES_MEMBER) and not (
                    _FILE_MEMBER.match(name)
                ):
                    raise BackupError(f"unexpected member {name!r} in the backup")
                hashes[name] = _copy(stream, folder / name if folder else None)
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror}") from None
    except archive.BackupFileError as exc:
        raise BackupError(str(exc)) from None
    except (tarfile.TarError, EOFError) as exc:
        raise BackupError(f"the backup's content is damaged: {exc}") from None
    except ValueError:
        raise BackupError("the backup's manifest is damaged") from None
    if manifest is None:
        raise BackupError("the backup has no manifest (cut short?)")
    problems = []
    listed = manifest.get("files", {})
    for name in sorted(set(listed) | set(hashes)):
        if name not in hashes:
            problems.append(f"{name}: listed in the manifest but missing")
        elif name not in listed:
            problems.append(f"{name}: not listed in the manifest")
        elif (listed[name]["sha256"], listed[name]["size"]) != hashes[name]:
            problems.append(f"{name}: SHA-256 or size differs from the manifest")
    return Extracted(manifest, folder, problems)


def _copy(stream: Any, target: Path | None) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    out = None
    if target is not None:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        out = os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
    try:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
            if out is not None:
                out.write(block)
    finally:
        if out is not None:
            out.close()
    return digest.hexdigest(), size


def backup_verify(path: Path) -> Extracted:
    """Read the whole backup (it must decrypt to the end) and compare every member with the
    manifest; ``problems`` lists what does not match. Nothing is written anywhere."""
    checked = _read(path, None)
    anchor = checked.manifest.get("audit_anchor")
    if anchor is not None:
        try:
            anchors.Anchor.parse(json.dumps(anchor))
        except ValueError as exc:
            checked.problems.append(f"audit anchor: {exc}")
    return checked


def target_problems() -> list[str]:
    """Why the configured database and evidence store may not receive a restore."""
    problems = []
    if not database.is_empty():
        problems.append("the database is not empty")
    for store, _names in _stores():
        if not store.is_empty():
            problems.append(f"the file store {store.root()} is not empty")
    return problems


def _ledger_for(manifest: dict[str, Any], path: Path | None) -> list[ledger.Entry]:
    source = path or ledger.ledger_file()
    if not source.exists():
        raise BackupError(
            f"no erasure ledger at {source}: erasures made after this backup could not be "
            "re-applied. Give the ledger of the installation (--ledger FILE), or --no-ledger "
            "if it is truly lost"
        )
    read = ledger.ledger_read(source)
    if read.problem:
        raise BackupError(f"the erasure ledger {source} is damaged: {read.problem}")
    head = manifest.get("erasure_ledger_head")
    if head is not None:
        seq, mac = int(head["seq"]), str(head["mac"])
        if len(read.entries) < seq or read.entries[seq - 1].mac != mac:
            raise BackupError(
                f"the erasure ledger {source} does not continue the one this backup was taken "
                f"with (entry {seq} is missing or different): it belongs to another "
                "installation, or was cut short"
            )
    return read.entries


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    evidence_files: int
    reapplied_keys: int
    reerased_people: int
    ledger_used: bool


def backup_restore(path: Path, *, ledger_path: Path | None, use_ledger: bool = True) -> Restored:
    """Restore ``path`` into the configured database and evidence store, which must be empty
    (else BackupError, and nothing is touched), then re-apply the erasure ledger."""
    refused = target_problems()
    if refused:
        raise BackupError("refusing to overwrite: " + "; ".join(refused))
    if use_ledger:
        _ledger_for({}, ledger_path)  # a missing or damaged ledger fails before any work
    with _scratch() as scratch:
        extracted = _read(path, Path(scratch))
        if extracted.problems:
            raise BackupError("the backup does not match its manifest: "
                              + "; ".join(extracted.problems))  # fmt: skip
        manifest = extracted.manifest
        entries = _ledger_for(manifest, ledger_path) if use_ledger else []
        kind = str(manifest["engine"])
        database.load(Path(scratch) / database.member_name(kind), kind)
        call_command("migrate", interactive=False, verbosity=0)
        evidence = sorted(Path(scratch, storage.EVIDENCE.folder).glob("*"))
        for store, _names in _stores():
            for source in sorted(Path(scratch, store.folder).glob("*")):
                shutil.move(source, store.final_path(source.name))
    if manifest.get("audit_anchor"):
        anchors.anchor_append(anchors.Anchor.parse(json.dumps(manifest["audit_anchor"])))
    own = ledger.ledger_file()
    if use_ledger and ledger_path is not None and not own.exists():
        # The restored installation continues the ledger it re-applied.
        shutil.copyfile(ledger_path, own)
        os.chmod(own, 0o600)
    reapplied = privacy.erasures_reapply(entries)
    reerased = 0
    pending = Person.objects.filter(data_key__destroyed_at__isnull=False, erased_at__isnull=True)
    for person in pending.order_by("pk"):
        case = Case.objects.filter(person=person).order_by("pk").first()
        if case is not None:
            case_erase(actor=None, case=case)  # clears the blind indexes and sealed notes
            reerased += 1
    audit.record("backup.backup.restored", details={
        "backup_created_at": manifest.get("created_at"), "engine": kind,
        "evidence_files": len(evidence), "reapplied_keys": reapplied,
        "reerased_people": reerased, "ledger": use_ledger,
    })  # fmt: skip
    return Restored(manifest, len(evidence), reapplied, reerased, use_ledger)
