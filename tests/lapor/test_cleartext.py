"""The names and phones of a victim and a reporter, entered in a report (with files, a large
upload, API, messages, notes and the conversion into a case), appear nowhere in clear: not in
the SQLite database file (with its WAL), not anywhere in the data directory, not in the logs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SECRETS = (
    "Dewi Anggraini", "Anggraini Saputri", "Rudi Hartono", "Hartono Saputra",
    "+855 97 555 0142", "855975550142", "555 0142", "0812-7788-9900", "081277889900",
    "6281277889900", "Golden Lotus", "dewi_angg",
)  # fmt: skip
SCENARIO = Path(__file__).with_name("cleartext_scenario.py")


def _variants(secret: str) -> list[bytes]:
    return [secret.encode("utf-8"), secret.lower().encode("utf-8"), secret.encode("utf-16-le")]


def test_nothing_entered_in_a_report_is_stored_or_logged_in_clear(tmp_path):
    env = {**os.environ, "WASPADA_DATA_DIR": str(tmp_path), "WASPADA_LOG_LEVEL": "DEBUG"}
    env["DJANGO_SETTINGS_MODULE"] = "waspada.config.settings"
    env["WASPADA_ALLOWED_HOSTS"] = "testserver"
    env.pop("DATABASE_URL", None)  # the embedded SQLite database, whose file we can read
    result = subprocess.run(
        [sys.executable, str(SCENARIO)], env=env, capture_output=True, check=False, timeout=300
    )
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    assert result.stdout.decode().strip().startswith("LPR-")
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    names = {path.name for path in files}
    assert "waspada.sqlite3" in names
    assert any(path.parent.name == "lapor" for path in files)  # report attachments
    assert any(path.parent.name == "evidence" for path in files)  # moved into the vault
    logs = result.stdout + result.stderr
    for path in files:
        content = path.read_bytes()
        for secret in SECRETS:
            for variant in _variants(secret):
                assert variant not in content, (secret, path.relative_to(tmp_path))
    for secret in SECRETS:
        assert secret.encode() not in logs, secret
