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


def _load_settings(data_dir, **env_vars: str) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """Import the settings module in a fresh process; print the values the tests look at."""
    run_env = {key: value for key, value in os.environ.items() if not key.startswith("WASPADA_")}
    run_env.pop("DATABASE_URL", None)
    run_env.update({"WASPADA_DATA_DIR": str(data_dir), **env_vars})
    code = (
        "import json, waspada.config.settings as s; print(json.dumps({"
        "'csrf': s.CSRF_TRUSTED_ORIGINS, 'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0), "
        "'proxies': s.WASPADA_TRUSTED_PROXIES, 'cache': s.CACHES['default']['BACKEND']}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=run_env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def _settings_json(data_dir, **env_vars: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    import json

    result = _load_settings(data_dir, **env_vars)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_behind_a_tls_proxy_forms_are_trusted_from_the_allowed_hosts(tmp_path):
    values = _settings_json(
        tmp_path, WASPADA_BEHIND_TLS_PROXY="1", WASPADA_TRUSTED_PROXIES="127.0.0.1",
        WASPADA_ALLOWED_HOSTS="waspada.example.org,.iom.example",
    )  # fmt: skip
    assert values["csrf"] == [
        "https://waspada.example.org", "https://iom.example", "https://*.iom.example",
    ]  # fmt: skip
    assert values["hsts"] == 365 * 24 * 3600
    explicit = _settings_json(
        tmp_path, WASPADA_BEHIND_TLS_PROXY="1", WASPADA_TRUSTED_PROXIES="127.0.0.1",
        WASPADA_ALLOWED_HOSTS="waspada.example.org",
        WASPADA_CSRF_TRUSTED_ORIGINS="https://other.example.org",
    )  # fmt: skip
    assert explicit["csrf"] == ["https://other.example.org"]
    assert _settings_json(tmp_path)["csrf"] == []


def test_behind_a_tls_proxy_the_proxy_must_be_named(tmp_path):
    result = _load_settings(tmp_path, WASPADA_BEHIND_TLS_PROXY="1")
    assert result.returncode != 0
    assert "WASPADA_TRUSTED_PROXIES" in result.stderr


def test_trusted_proxies_take_addresses_and_networks(monkeypatch, tmp_path):
    values = _settings_json(tmp_path, WASPADA_TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/8,::1")
    assert values["proxies"] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]
    monkeypatch.setenv("WASPADA_TRUSTED_PROXIES", "10.0.0.0/8,proxy.example.org")
    with pytest.raises(ImproperlyConfigured, match="WASPADA_TRUSTED_PROXIES.*proxy.example.org"):
        env.trusted_proxies("WASPADA_TRUSTED_PROXIES")


@pytest.mark.parametrize(
    "extra",
    [
        {"WASPADA_ALLOWED_HOSTS": "waspada.example.org"},
        {"WASPADA_BEHIND_TLS_PROXY": "1", "WASPADA_TRUSTED_PROXIES": "127.0.0.1"},
    ],
)
def test_debug_is_refused_outside_this_machine(tmp_path, extra):
    result = _load_settings(tmp_path, WASPADA_DEBUG="1", **extra)
    assert result.returncode != 0
    assert "WASPADA_DEBUG=1 is refused" in result.stderr


def test_debug_is_allowed_on_this_machine(tmp_path):
    assert _settings_json(tmp_path, WASPADA_DEBUG="1", WASPADA_ALLOWED_HOSTS="localhost,[::1]")


def test_the_cache_is_local_unless_a_redis_url_is_given(monkeypatch, tmp_path):
    assert _settings_json(tmp_path)["cache"].endswith("LocMemCache")
    redis = _settings_json(tmp_path, WASPADA_CACHE_URL="redis://127.0.0.1:6379/1")
    assert redis["cache"] == "django.core.cache.backends.redis.RedisCache"
    monkeypatch.setenv("WASPADA_CACHE_URL", "memcached://127.0.0.1:11211")
    with pytest.raises(ImproperlyConfigured, match="WASPADA_CACHE_URL"):
        env.cache("WASPADA_CACHE_URL")


def test_a_new_data_folder_and_its_files_are_private(tmp_path):
    data_dir = tmp_path / "var"
    run_env = {key: value for key, value in os.environ.items() if not key.startswith("WASPADA_")}
    run_env.pop("DATABASE_URL", None)
    run_env["WASPADA_DATA_DIR"] = str(data_dir)
    result = subprocess.run(
        [sys.executable, "-m", "waspada", "manage", "migrate", "--verbosity", "0"],
        env=run_env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    entries = list(data_dir.rglob("*"))
    assert data_dir / "waspada.sqlite3" in entries
    wider = {
        str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in entries if p.stat().st_mode & 0o077
    }
    assert wider == {}


def test_a_wider_data_folder_is_narrowed_at_start_up_with_a_warning(tmp_path):
    data_dir = tmp_path / "var"
    (data_dir / "keys").mkdir(parents=True)
    data_dir.chmod(0o755)
    database = data_dir / "waspada.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    key = data_dir / "keys" / "waspada_secret_key"
    key.write_text("x" * 64)
    key.chmod(0o640)
    result = _load_settings(data_dir)
    assert result.returncode == 0, result.stderr
    assert f"warning: {data_dir} was accessible to other users (mode 755)" in result.stderr
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    again = _load_settings(data_dir)
    assert "was accessible" not in again.stderr
