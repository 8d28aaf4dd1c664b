"""``waspada backup create | verify | restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from waspada.audit.cli import verify_report
from waspada.evidence.cli import verify_command


def add_parsers(subparsers: Any, setup: Any) -> None:
    backup = subparsers.add_parser("backup", help="backups that restore")
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create",
        help="write an encrypted backup of the database and the evidence store",
        description=(
            "Write a consistent copy of the database (SQLite online backup or pg_dump), every "
            "evidence file and a manifest of SHA-256 hashes with the audit chain's anchor, "
            "compressed and encrypted under the backup key (WASPADA_BACKUP_KEY). The master, "
            "index, audit and backup keys are never in it: keep them, the erasure ledger and "
            "the anchor file safe elsewhere, since a restore needs them."
        ),
    )
    create.add_argument("--out", required=True, metavar="FILE", type=Path,
                        help="the backup file to write (must not exist)")  # fmt: skip
    create.set_defaults(func=lambda args: _create(args, setup))
    verify = actions.add_parser(
        "verify", help="decrypt a backup and check every file against its manifest"
    )
    verify.add_argument("file", type=Path)
    verify.set_defaults(func=lambda args: _verify(args, setup))
    restore = actions.add_parser(
        "restore",
        help="restore a backup into an empty database and data folder, re-applying erasures",
        description=(
            "Restore into the configured database and evidence store, which must be empty "
            "(never overwritten). Every erasure in the erasure ledger is re-applied, so people "
            "erased after the backup was taken stay erased; then the audit chain and the "
            "evidence are verified."
        ),
    )
    restore.add_argument("file", type=Path)
    restore.add_argument("--ledger", metavar="FILE", type=Path,
                         help="the erasure ledger to re-apply "
                         "(default: $WASPADA_ERASURE_LEDGER)")  # fmt: skip
    restore.add_argument("--no-ledger", action="store_true",
                         help="restore without a ledger: erasures made after the backup are "
                         "undone (only when the ledger is truly lost)")  # fmt: skip
    restore.set_defaults(func=lambda args: _restore(args, setup))


def _create(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.backup.database import DatabaseToolError
    from waspada.backup.services import BackupError, backup_create

    try:
        created = backup_create(args.out)
    except (BackupError, DatabaseToolError) as exc:
        print(f"waspada: {exc}", file=sys.stderr)
        return 2
    files = created.manifest["files"]
    anchor = created.manifest["audit_anchor"]
    print(
        f"Backup written to {created.path} ({created.size} bytes, SHA-256 {created.sha256}): "
        f"{created.manifest['engine']} database, {stored_files(files)}, "
        f"audit head seq={anchor['seq'] if anchor else 0}."
    )
    return 0


def _verify(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.backup.services import BackupError, backup_verify

    try:
        checked = backup_verify(args.file)
    except BackupError as exc:
        print(f"waspada: backup BROKEN: {exc}", file=sys.stderr)
        return 1
    for problem in checked.problems:
        print(f"BAD {problem}")
    manifest = checked.manifest
    summary = (
        f"taken {manifest['created_at']} by Waspada {manifest['waspada']}, "
        f"{manifest['engine']} database, {stored_files(manifest['files'])}"
    )
    if checked.problems:
        print(f"Backup BROKEN ({summary}).", file=sys.stderr)
        return 1
    print(f"Backup intact: every file matches its manifest ({summary}).")
    return 0


def _restore(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.backup.database import DatabaseToolError
    from waspada.backup.services import BackupError, backup_restore

    try:
        restored = backup_restore(args.file, ledger_path=args.ledger,
                                  use_ledger=not args.no_ledger)  # fmt: skip
    except (BackupError, DatabaseToolError) as exc:
        print(f"waspada: {exc}", file=sys.stderr)
        return 2
    print(
        f"Restored the backup of {restored.manifest['created_at']}: "
        f"{restored.evidence_files} evidence files; erasures re-applied: "
        f"{restored.reapplied_keys} data keys destroyed again, "
        f"{restored.reerased_people} people erased again."
    )
    if not restored.ledger_used:
        print("warning: restored without an erasure ledger: people erased after this backup "
              "was taken are readable again.", file=sys.stderr)  # fmt: skip
    audit_ok = verify_report() == 0
    evidence_ok = verify_command(argparse.Namespace(quiet=True), lambda: None) == 0
    return 0 if audit_ok and evidence_ok else 1


def stored_files(members: dict[str, Any]) -> str:
    """How many files of each store a backup holds, for the operator."""
    evidence = sum(name.startswith("evidence/") for name in members)
    attachments = sum(name.startswith("lapor/") for name in members)
    return f"{evidence} evidence files, {attachments} report attachments"
