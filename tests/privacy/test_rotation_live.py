"""Key rotation without downtime: a running server keeps reading and writing personal data
while another process runs ``waspada keys rotate --generate``, and wraps what it writes
afterwards under the new master key (two real processes sharing the data folder)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.waspada_processes import cli, server

NEW_CASE = {"full_name": "Sari Wulandari (contoh)", "sex": "female", "nik": "9999050505050005"}


def _current_key_id(data_dir: Path) -> str:
    status = cli(["keys", "status"], data_dir)
    assert status.returncode == 0, status.stderr
    return status.stdout.splitlines()[0].rsplit(" ", 1)[1]


def _key_id_of_case(data_dir: Path, code: str) -> str:
    db = sqlite3.connect(data_dir / "waspada.sqlite3")
    try:
        row = db.execute(
            "SELECT k.master_key_id FROM cases_case c JOIN cases_person p ON p.id = c.person_id "
            "JOIN privacy_datakey k ON k.id = p.data_key_id WHERE c.code = ?",
            (code,),
        ).fetchone()
    finally:
        db.close()
    return str(row[0])


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    result = cli(["demo"], tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_a_running_server_reads_and_writes_through_a_rotation(demo_dir):
    token = cli(["token", "create", "cw.iom"], demo_dir).stdout.strip()
    old_key = _current_key_id(demo_dir)
    with server(demo_dir, WASPADA_DEMO="1") as web:
        status, listing = web.request("GET", "/api/v1/cases", token=token)
        assert status == 200
        code = listing["results"][0]["code"]
        status, before = web.request("GET", f"/api/v1/cases/{code}?personal=true", token=token)
        assert status == 200 and before["personal"]["full_name"].endswith("(contoh)")

        rotated = cli(["keys", "rotate", "--generate"], demo_dir)
        assert rotated.returncode == 0, rotated.stderr
        new_key = _current_key_id(demo_dir)
        assert new_key != old_key

        # The server was started with the old key ring: it must wrap the data keys it creates
        # from now on under the new key, not the retired one (first, before any read) …
        status, created = web.request("POST", "/api/v1/cases", token=token, body=NEW_CASE)
        assert status == 201, created
        assert _key_id_of_case(demo_dir, created["code"]) == new_key
        # … and read the data re-wrapped under the new key (500 before the fix).
        status, after = web.request("GET", f"/api/v1/cases/{code}?personal=true", token=token)
        assert status == 200, after
        assert after["personal"] == before["personal"]
        status, read_back = web.request(
            "GET", f"/api/v1/cases/{created['code']}?personal=true", token=token
        )
        assert status == 200 and read_back["personal"]["full_name"] == NEW_CASE["full_name"]
    status_after = cli(["keys", "status"], demo_dir).stdout
    assert "needs rotation" not in status_after
