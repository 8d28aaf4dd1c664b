"""The `waspada` command line, run as a real process against a throw-away SQLite database."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from waspada import __version__


def _query(data_dir: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    db = sqlite3.connect(data_dir / "waspada.sqlite3")
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def _run(args: list[str], data_dir: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WASPADA_DATA_DIR": str(data_dir), **extra_env}
    env.pop("DATABASE_URL", None)  # always the embedded database, never the CI server's
    return subprocess.run(
        [sys.executable, "-m", "waspada", *args],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli")
    result = _run(["demo"], data_dir)
    assert result.returncode == 0, result.stderr
    assert "cw.iom" in result.stdout
    return data_dir


def test_version_and_help(tmp_path):
    assert _run(["version"], tmp_path).stdout.strip() == f"waspada {__version__}"
    help_text = _run(["--help"], tmp_path).stdout
    for command in ("run", "demo", "token", "audit", "manage", "version"):
        assert command in help_text


def test_demo_is_idempotent(demo_dir):
    again = _run(["demo"], demo_dir)
    assert again.returncode == 0
    assert (
        "0 cases, 0 legal cases, 0 evidence items, 0 trainings, 0 public reports and "
        "0 data-sharing agreements" in again.stdout
    )
    assert _query(demo_dir, "SELECT COUNT(*) FROM accounts_user") == [(12,)]


def test_demo_has_public_reports_in_every_state(demo_dir):
    states = dict(
        _query(demo_dir, "SELECT status, COUNT(*) FROM lapor_publicreport GROUP BY status")
    )
    assert set(states) == {"received", "in_progress", "closed"}
    outcomes = {row[0] for row in _query(demo_dir, "SELECT outcome FROM lapor_publicreport")}
    assert outcomes == {"", "case", "referral", "intelligence", "duplicate", "not_actionable"}
    linked = _query(demo_dir, "SELECT COUNT(*) FROM lapor_publicreport WHERE case_id IS NOT NULL")
    assert linked == [(1,)]


def test_token_create_and_unknown_user(demo_dir):
    result = _run(["token", "create", "cw.iom"], demo_dir)
    assert result.returncode == 0
    assert result.stdout.strip().startswith("wsp_")
    missing = _run(["token", "create", "nobody"], demo_dir)
    assert missing.returncode == 1
    assert "no user named" in missing.stderr


def test_audit_verify_detects_a_direct_edit(demo_dir, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(demo_dir, copy)  # keep the shared demo database untampered
    assert _run(["audit", "verify"], copy).returncode == 0
    db = sqlite3.connect(copy / "waspada.sqlite3")
    with db:
        db.execute("UPDATE audit_auditevent SET action = 'edited' WHERE seq = 2")
    db.close()
    result = _run(["audit", "verify"], copy)
    assert result.returncode == 1
    assert "seq=2" in result.stderr
    assert "altered" in result.stderr


def test_audit_anchor_then_verify_detects_deleted_newest_rows(demo_dir, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(demo_dir, copy)
    exported = _run(["audit", "anchor"], copy)
    assert exported.returncode == 0, exported.stderr
    anchors = (copy / "audit-anchors.jsonl").read_text().splitlines()
    assert json.loads(anchors[-1]) == json.loads(exported.stdout)  # appended to the file
    assert json.loads(anchors[0])["reason"] == "keyed"  # written at the first keyed row
    ok = _run(["audit", "verify"], copy)
    assert ok.returncode == 0 and "up to the anchor" in ok.stdout
    db = sqlite3.connect(copy / "waspada.sqlite3")
    with db:
        db.execute(
            "DELETE FROM audit_auditevent WHERE seq = (SELECT MAX(seq) FROM audit_auditevent)"
        )
    db.close()
    broken = _run(["audit", "verify"], copy)  # the latest anchor is used by default
    assert broken.returncode == 1 and "BROKEN" in broken.stderr
    anchor_file = tmp_path / "anchor.json"
    anchor_file.write_text(exported.stdout)
    given = _run(["audit", "verify", "--anchor", str(anchor_file)], copy)
    assert given.returncode == 1 and "deleted from the end" in given.stderr
    (copy / "audit-anchors.jsonl").unlink()
    without = _run(["audit", "verify"], copy)  # without any anchor: undetectable, and said so
    assert without.returncode == 0 and "no anchor" in without.stderr
    anchor_file.write_text("garbage")
    bad = _run(["audit", "verify", "--anchor", str(anchor_file)], copy)
    assert bad.returncode == 2 and "is not an anchor" in bad.stderr
    missing = _run(["audit", "verify", "--anchor", str(tmp_path / "nope.json")], copy)
    assert missing.returncode == 2 and "cannot read the anchor file" in missing.stderr


def test_manage_passthrough(demo_dir):
    result = _run(["manage", "showmigrations", "audit"], demo_dir)
    assert result.returncode == 0
    assert "[X] 0002_append_only_trigger" in result.stdout


def test_permissions_prints_the_matrix(tmp_path):
    result = _run(["permissions"], tmp_path)
    assert result.returncode == 0
    assert "| `admin.view` |" in result.stdout


def _demo_case_code(data_dir: Path) -> str:
    return str(_query(data_dir, "SELECT code FROM cases_case ORDER BY id LIMIT 1")[0][0])


def test_demo_loads_synthetic_cases_with_encrypted_names(demo_dir):
    raw = (demo_dir / "waspada.sqlite3").read_bytes()
    assert b"Rina Lestari" not in raw
    assert b"Ayu Lestari" not in raw  # a demo public report's person
    # four demo cases, one handed over KBRI → KP2MI and one opened from a public report
    assert _query(demo_dir, "SELECT COUNT(*) FROM cases_case") == [(6,)]


def test_reports_rebuild_facts_restores_deleted_rows(demo_dir):
    assert _query(demo_dir, "SELECT COUNT(*) FROM reports_casefact") == [(6,)]  # kept by signals
    db = sqlite3.connect(demo_dir / "waspada.sqlite3")
    with db:
        db.execute("DELETE FROM reports_casefact")
    db.close()
    result = _run(["reports", "rebuild-facts"], demo_dir)
    assert result.returncode == 0, result.stderr
    assert "Rebuilt the statistics rows of 6 cases" in result.stdout
    assert _query(demo_dir, "SELECT COUNT(*) FROM reports_casefact") == [(6,)]


def test_keys_rotate_generate_then_data_still_readable(demo_dir):
    before = _run(["keys", "status"], demo_dir).stdout
    result = _run(["keys", "rotate", "--generate"], demo_dir)
    assert result.returncode == 0, result.stderr
    assert "Re-wrapped" in result.stdout
    after = _run(["keys", "status"], demo_dir).stdout
    assert before.splitlines()[0] != after.splitlines()[0]  # a new current key
    assert "needs rotation" not in after
    assert (demo_dir / "keys" / "waspada_master_key_previous").stat().st_mode & 0o777 == 0o600
    check = _run(["manage", "shell", "-c", _READ_FIRST_NAME], demo_dir)
    assert "(contoh)" in check.stdout, check.stderr


_READ_FIRST_NAME = (
    "from waspada.cases.models import Case; from waspada.privacy import services as p; "
    "c = Case.objects.order_by('id').first(); "
    "print(p.open_sealed(c.person.data_key, c.person.sealed, "
    "context=f'cases.person:{c.person.pk}')['full_name'])"
)


def test_case_erase_needs_an_admin_and_yes(demo_dir):
    code = _demo_case_code(demo_dir)
    assert _run(["case", "erase", code, "--by", "cw.iom", "--yes"], demo_dir).returncode == 1
    refused = _run(["case", "erase", code, "--by", "admin"], demo_dir)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    done = _run(["case", "erase", code, "--by", "admin", "--yes"], demo_dir)
    assert done.returncode == 0 and "erased" in done.stdout
    rows = _query(
        demo_dir,
        "SELECT k.wrapped, p.sex FROM cases_case c JOIN cases_person p ON p.id = c.person_id "
        "JOIN privacy_datakey k ON k.id = p.data_key_id WHERE c.code = ?",
        (code,),
    )
    assert rows == [("", "female")]
    assert _run(["audit", "verify"], demo_dir).returncode == 0


def test_screening_train_offers_the_review_queue_only_through_the_platform(tmp_path):
    # The screening engine's own command line has no --include-reviewed (it imports no other
    # Waspada app); the platform's adds it to the same `screening train` command.
    help_text = _run(["screening", "train", "--help"], tmp_path).stdout
    assert "--include-reviewed" in help_text and "--if-missing" in help_text
    engine_only = subprocess.run(
        [sys.executable, "-m", "waspada.screening.cli", "screening", "train", "--help"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "--if-missing" in engine_only.stdout
    assert "--include-reviewed" not in engine_only.stdout
