"""The `waspada` command line, run as a real process against a throw-away SQLite database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from waspada import __version__


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
    assert "0 organisations and 0 users created" in again.stdout
    with sqlite3.connect(demo_dir / "waspada.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM accounts_user").fetchone()[0] == 7


def test_token_create_and_unknown_user(demo_dir):
    result = _run(["token", "create", "cw.iom"], demo_dir)
    assert result.returncode == 0
    assert result.stdout.strip().startswith("wsp_")
    missing = _run(["token", "create", "nobody"], demo_dir)
    assert missing.returncode == 1
    assert "no user named" in missing.stderr


def test_audit_verify_detects_a_direct_edit(demo_dir):
    assert _run(["audit", "verify"], demo_dir).returncode == 0
    with sqlite3.connect(demo_dir / "waspada.sqlite3") as db:
        db.execute("UPDATE audit_auditevent SET action = 'edited' WHERE seq = 2")
    result = _run(["audit", "verify"], demo_dir)
    assert result.returncode == 1
    assert "seq=2" in result.stderr
    assert "altered" in result.stderr


def test_manage_passthrough(demo_dir):
    result = _run(["manage", "showmigrations", "audit"], demo_dir)
    assert result.returncode == 0
    assert "[X] 0002_append_only_trigger" in result.stdout


def test_permissions_prints_the_matrix(tmp_path):
    result = _run(["permissions"], tmp_path)
    assert result.returncode == 0
    assert "| `admin.view` |" in result.stdout
