"""Strict settings: bad values fail loudly naming the variable; keys are generated safely."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from waspada.config import env


def test_env_bool_rejects_garbage(monkeypatch):
    monkeypatch.setenv("WASPADA_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="WASPADA_DEBUG"):
        env.env_bool("WASPADA_DEBUG")
    monkeypatch.setenv("WASPADA_DEBUG", "Yes")
    assert env.env_bool("WASPADA_DEBUG") is True


def test_env_int_rejects_garbage_and_too_small(monkeypatch):
    monkeypatch.setenv("WASPADA_SESSION_IDLE_MINUTES", "ten")
    with pytest.raises(ImproperlyConfigured, match="WASPADA_SESSION_IDLE_MINUTES"):
        env.env_int("WASPADA_SESSION_IDLE_MINUTES", 30)
    monkeypatch.setenv("WASPADA_SESSION_IDLE_MINUTES", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.env_int("WASPADA_SESSION_IDLE_MINUTES", 30, minimum=1)


@pytest.mark.parametrize("url", ["mysql://u@h/db", "postgres://", "not a url", "redis://x/0"])
def test_bad_database_url_names_the_variable(monkeypatch, tmp_path, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.database(tmp_path)


def test_default_database_is_sqlite_in_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.database(tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "waspada.sqlite3")


def test_postgres_url_is_parsed(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/waspada")
    config = env.database(tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "waspada"


def test_secret_is_generated_once_with_mode_600(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("WASPADA_TEST_KEY", raising=False)
    monkeypatch.delenv("WASPADA_TEST_KEY_FILE", raising=False)
    first = env.secret("WASPADA_TEST_KEY", tmp_path)
    assert "Production deployments must set" in capsys.readouterr().err
    path = tmp_path / "keys" / "waspada_test_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert env.secret("WASPADA_TEST_KEY", tmp_path) == first
    assert len(first) >= 43


def test_secret_from_env_and_file(monkeypatch, tmp_path):
    monkeypatch.setenv("WASPADA_TEST_KEY", "from-env")
    assert env.secret("WASPADA_TEST_KEY", tmp_path) == "from-env"
    monkeypatch.delenv("WASPADA_TEST_KEY")
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("from-file\n")
    monkeypatch.setenv("WASPADA_TEST_KEY_FILE", str(secret_file))
    assert env.secret("WASPADA_TEST_KEY", tmp_path) == "from-file"
    monkeypatch.setenv("WASPADA_TEST_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="WASPADA_TEST_KEY_FILE"):
        env.secret("WASPADA_TEST_KEY", tmp_path)
    assert not (tmp_path / "keys" / "waspada_test_key").exists()


def test_cli_reports_a_malformed_database_url_in_one_line(tmp_path):
    run_env = {**os.environ, "WASPADA_DATA_DIR": str(tmp_path), "DATABASE_URL": "mysql://x@y/z"}
    result = subprocess.run(
        [sys.executable, "-m", "waspada", "audit", "verify"],
        env=run_env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
    assert errors == [errors[0]] and "DATABASE_URL" in errors[0]
    assert "Traceback" not in result.stderr


def test_debug_is_off_by_default(settings):
    assert settings.DEBUG is False
