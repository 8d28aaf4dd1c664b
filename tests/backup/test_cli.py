"""Backups that restore, end to end with real processes, on SQLite and on PostgreSQL: data of
every kind (encrypted victims, evidence files, legal cases, trainings, the audit trail) is
backed up, restored into a fresh place and compared; a person erased after the backup stays
erased; a restore never overwrites; the backup holds no key."""

from __future__ import annotations

import json
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings

from tests.waspada_processes import cli

NOT_COMPARED = ["contenttypes", "auth.permission", "sessions", "audit"]
READ_PERSON = (
    "from waspada.cases.models import Case; from waspada.privacy import services as p; "
    "c = Case.objects.get(code='{code}'); r = p.open_sealed(c.person.data_key, c.person.sealed, "
    "context=f'cases.person:{{c.person.pk}}'); "
    "print('ERASED' if r is p.ERASED else r['full_name'], repr(c.person.nik_index))"
)


@dataclass
class Place:
    """A data folder, and the database its processes use (``DATABASE_URL`` or SQLite)."""

    data_dir: Path
    env: dict[str, str]

    def run(self, *args: str) -> Any:
        return cli(list(args), self.data_dir, **self.env)


def _postgres_url(name: str) -> str:
    db = django_settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _postgres_admin(sql: str) -> None:
    import psycopg

    db = django_settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
        password=db.get("PASSWORD") or None, dbname="postgres", autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute(sql)


@pytest.fixture(params=["sqlite", "postgresql"])
def places(request, tmp_path) -> Iterator[tuple[Place, Place, Place]]:  # type: ignore[no-untyped-def]
    """The source installation, and two fresh places to restore into."""
    names = ["source", "target", "other"]
    if request.param == "sqlite":
        yield tuple(Place(tmp_path / name, {}) for name in names)  # type: ignore[misc]
        return
    if django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the PostgreSQL run (make test-postgres) covers PostgreSQL")
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is missing: .ci/run installs postgresql-client")
    suffix = secrets.token_hex(4)
    databases = [f"wt_backup_{name}_{suffix}" for name in names]
    for database in databases:
        _postgres_admin(f'CREATE DATABASE "{database}"')
    try:
        yield tuple(  # type: ignore[misc]
            Place(tmp_path / name, {"DATABASE_URL": _postgres_url(database)})
            for name, database in zip(names, databases, strict=True)
        )
    finally:
        for database in databases:
            _postgres_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _data(place: Place) -> dict[str, list[dict[str, Any]]]:
    """Every row outside the audit trail, by model and primary key, with the times that
    differ between an erasure and its re-application reduced to whether they are set."""
    dumped = place.run("manage", "dumpdata", *[f"--exclude={x}" for x in NOT_COMPARED])
    assert dumped.returncode == 0, dumped.stderr
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in json.loads(dumped.stdout):
        fields = row["fields"]
        for volatile in ("erased_at", "destroyed_at", "last_verified_at"):
            if volatile in fields:
                fields[volatile] = fields[volatile] is not None
        if row["model"] == "evidence.custodyevent" and fields["action"] == "verified":
            fields["at"] = "verified"
        rows.setdefault(row["model"], []).append({"pk": row["pk"], **fields})
    return rows


def _audit(place: Place, upto: int) -> list[list[Any]]:
    shell = place.run("manage", "shell", "-c", (
        "import json; from waspada.audit.models import AuditEvent as A; print(json.dumps("
        f"list(A.objects.filter(seq__lte={upto}).order_by('seq').values_list('seq', 'hash'))))"
    ))  # fmt: skip
    assert shell.returncode == 0, shell.stderr
    return list(json.loads(shell.stdout.splitlines()[-1]))


ATTACH_REPORT = (
    "import io; from PIL import Image; "
    "from django.core.files.uploadedfile import SimpleUploadedFile as F; "
    "from waspada.lapor.services import report_submit; "
    "out = io.BytesIO(); Image.new('RGB', (8, 8)).save(out, 'PNG'); "
    "report_submit(data={'kind': 'suspicious_offer', 'description': 'Lowongan admin (contoh)'}, "
    "uploads=[F('bukti.png', out.getvalue())])"
)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.glob("*") if path.is_file()}


def _fresh(place: Place, source: Place) -> None:
    """A new data folder holding only the keys of the installation (never in a backup)."""
    shutil.copytree(source.data_dir / "keys", place.data_dir / "keys")


def test_backup_restore_round_trip_and_erasure_after_the_backup(places, tmp_path):
    source, target, other = places
    assert source.run("demo").returncode == 0
    first, victim = source.run("manage", "shell", "-c", (
        "from waspada.cases.models import Case; "
        "print(' '.join(Case.objects.order_by('id').values_list('code', flat=True)[:2]))"
    )).stdout.splitlines()[-1].split()  # fmt: skip
    # A public report with a screenshot: its attachment lives in a store of its own.
    attached = source.run("manage", "shell", "-c", ATTACH_REPORT)
    assert attached.returncode == 0, attached.stderr
    assert len(_files(source.data_dir / "lapor")) == 1

    backup = tmp_path / "waspada.backup"
    created = source.run("backup", "create", "--out", str(backup))
    assert created.returncode == 0, created.stderr
    assert "2 evidence files, 1 report attachments" in created.stdout
    assert backup.stat().st_mode & 0o777 == 0o600
    checked = source.run("backup", "verify", str(backup))
    assert checked.returncode == 0 and "Backup intact" in checked.stdout, checked.stderr
    anchor = json.loads((source.data_dir / "audit-anchors.jsonl").read_text().splitlines()[-1])
    assert anchor["reason"] == "backup"

    # After the backup: a victim is erased (recorded in the ledger, outside the database).
    erased = source.run("case", "erase", victim, "--by", "admin", "--yes")
    assert erased.returncode == 0, erased.stderr
    assert source.run("evidence", "verify", "--quiet").returncode == 0  # as the restore does

    _fresh(target, source)
    ledger = source.data_dir / "erasure-ledger.jsonl"
    restored = target.run("backup", "restore", str(backup), "--ledger", str(ledger))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "1 people erased again" in restored.stdout
    assert "Audit trail intact" in restored.stdout and "evidence items verified" in restored.stdout

    # The same data, the same evidence files, the same audit rows up to the backup's anchor.
    assert _data(target) == _data(source)
    assert _files(target.data_dir / "evidence") == _files(source.data_dir / "evidence")
    assert _files(target.data_dir / "lapor") == _files(source.data_dir / "lapor")
    assert _audit(target, anchor["seq"]) == _audit(source, anchor["seq"])
    assert len(_audit(target, anchor["seq"])) == anchor["seq"]
    # The victim erased after the backup stays erased; the others are readable.
    read = target.run("manage", "shell", "-c", READ_PERSON.format(code=victim)).stdout
    assert read.splitlines()[-1] == "ERASED ''"  # unreadable, and no blind index left
    readable = target.run("manage", "shell", "-c", READ_PERSON.format(code=first)).stdout
    assert "(contoh)" in readable
    assert (target.data_dir / "erasure-ledger.jsonl").read_bytes() == ledger.read_bytes()

    # Never over existing data.
    again = target.run("backup", "restore", str(backup), "--ledger", str(ledger))
    assert again.returncode == 2 and "refusing to overwrite" in again.stderr

    # Without the ledger a restore is refused, unless told that it is lost: then (and only
    # then) the erasure made after the backup is undone, which is what the ledger prevents.
    _fresh(other, source)
    refused = other.run("backup", "restore", str(backup))
    assert refused.returncode == 2 and "no erasure ledger" in refused.stderr
    lost = other.run("backup", "restore", str(backup), "--no-ledger")
    assert lost.returncode == 0, lost.stdout + lost.stderr
    assert "(contoh)" in other.run("manage", "shell", "-c", READ_PERSON.format(code=victim)).stdout


def test_the_backup_holds_no_key_and_needs_its_own_and_a_damaged_one_is_refused(tmp_path):
    from waspada.backup import archive
    from waspada.privacy.crypto import parse_master_key

    source = Place(tmp_path / "source", {})
    assert source.run("demo").returncode == 0
    backup = tmp_path / "waspada.backup"
    assert source.run("backup", "create", "--out", str(backup)).returncode == 0
    keys = {path.name: path.read_text().strip() for path in (source.data_dir / "keys").iterdir()}
    backup_key = parse_master_key(keys["waspada_backup_key"])
    secrets_ = [text.encode() for text in keys.values()]
    secrets_ += [parse_master_key(keys[name]) for name in keys if name != "waspada_secret_key"]
    with backup.open("rb") as handle:
        for name, stream in archive.members(handle, backup_key):
            content = stream.read()
            assert not any(secret in content for secret in secrets_), name

    damaged = tmp_path / "damaged.backup"
    blob = bytearray(backup.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    damaged.write_bytes(bytes(blob))
    broken = source.run("backup", "verify", str(damaged))
    assert broken.returncode == 1 and "BROKEN" in broken.stderr
    cut = tmp_path / "cut.backup"
    cut.write_bytes(backup.read_bytes()[:-100])
    assert source.run("backup", "verify", str(cut)).returncode == 1
    target = Place(tmp_path / "target", {})
    _fresh(target, source)
    refused = target.run("backup", "restore", str(damaged), "--no-ledger")
    assert refused.returncode == 2 and "does not decrypt" in refused.stderr
    assert not (target.data_dir / "waspada.sqlite3").exists()  # nothing was touched
    assert not any((target.data_dir / "evidence").glob("[0-9a-f]*"))
    assert source.run("backup", "create", "--out", str(backup)).returncode == 2  # exists
    stranger = Place(tmp_path / "stranger", {})  # an installation with keys of its own
    result = stranger.run("backup", "verify", str(backup))
    assert result.returncode == 1 and "WASPADA_BACKUP_KEY" in result.stderr


CHECK_RESTORED = (
    "from waspada.audit.models import AuditEvent as A; from waspada.cases.models import Case; "
    "from waspada.privacy import services as p; "
    "cases = list(Case.objects.select_related('person__data_key')); "
    "names = [p.open_sealed(c.person.data_key, c.person.sealed, "
    "context=f'cases.person:{c.person.pk}')['full_name'] for c in cases]; "
    "print(len(cases), A.objects.filter(action='cases.case.registered').count(), len(names))"
)


def test_a_backup_taken_while_the_server_writes_is_consistent(tmp_path):
    """Copying the database file of a running system lost rows; the backup's copy is a
    snapshot: every case in it has its person, its key and its audit row."""
    import threading

    from tests.waspada_processes import server

    source = Place(tmp_path / "source", {})
    assert source.run("demo").returncode == 0
    token = source.run("token", "create", "cw.iom").stdout.strip()
    backup = tmp_path / "waspada.backup"
    statuses: list[int] = []
    with server(source.data_dir, WASPADA_DEMO="1") as web:
        stop = threading.Event()

        def register() -> None:
            number = 0
            while not stop.is_set():
                number += 1
                body = {"full_name": f"Orang Contoh {number} (contoh)", "sex": "male"}
                statuses.append(web.request("POST", "/api/v1/cases", token=token, body=body)[0])

        writer = threading.Thread(target=register)
        writer.start()
        try:
            while len(statuses) < 3 and writer.is_alive():
                stop.wait(0.05)  # a few cases before the backup starts, more while it runs
            created = source.run("backup", "create", "--out", str(backup))
        finally:
            stop.set()
            writer.join()
    assert created.returncode == 0, created.stderr
    assert set(statuses) == {201}
    target = Place(tmp_path / "target", {})
    _fresh(target, source)
    restored = target.run("backup", "restore", str(backup), "--no-ledger")
    assert restored.returncode == 0, restored.stdout + restored.stderr  # audit + evidence verify
    cases, registered, readable = map(
        int, target.run("manage", "shell", "-c", CHECK_RESTORED).stdout.splitlines()[-1].split()
    )
    assert cases == registered == readable >= 4 + 3
