"""Strict helpers that read settings from the environment.

Every helper raises ``ImproperlyConfigured`` naming the variable when its value is bad, so a
misconfigured deployment stops at start-up with one clear line instead of misbehaving later.
"""

from __future__ import annotations

import base64
import ipaddress
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from waspada.privacy.crypto import (
    PREVIOUS_KEYS_FILE,
    CryptoError,
    parse_master_key,
    split_key_list,
)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    """A file path; its folder must exist (the file itself is created when needed)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    path = Path(raw).expanduser().resolve()
    if not path.parent.is_dir():
        raise ImproperlyConfigured(f"{name} names a file in a folder that does not exist: {path}")
    return path


def data_dir() -> Path:
    """The folder holding the SQLite database, generated keys and uploaded files.

    It holds personal data (the database, sessions, encrypted evidence and their keys), so it
    belongs to the account running Waspada alone: the process creates every file and folder
    without group or other permissions (umask 077), and a folder or entry found wider at
    start-up is narrowed with a warning, or start-up is refused when that is not possible.
    """
    os.umask(0o077)
    path = Path(os.environ.get("WASPADA_DATA_DIR", "./var")).expanduser().resolve()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(f"WASPADA_DATA_DIR cannot be created at {path}: {exc}") from None
    restrict_permissions(path)
    return path


def restrict_permissions(path: Path) -> list[Path]:
    """Take group and other permissions off the data folder, its entries and its keys.

    Once the folder itself is 700 nobody else can reach anything below it, so only the folder,
    its direct entries (the SQLite files among them) and ``keys/`` are looked at: start-up stays
    fast with any number of evidence files. Returns the paths that were narrowed.
    """
    targets = [path]
    for parent in (path, path / "keys"):
        if parent.is_dir():
            targets.extend(sorted(parent.iterdir()))
    narrowed = []
    for target in targets:
        try:
            mode = stat.S_IMODE(target.lstat().st_mode)
        except FileNotFoundError:  # removed meanwhile (an SQLite journal)
            continue
        if target.is_symlink() or not mode & 0o077:
            continue
        try:
            target.chmod(mode & 0o700)
        except OSError as exc:
            raise ImproperlyConfigured(
                f"WASPADA_DATA_DIR: {target} is readable by other users (mode {mode:o}) and "
                f"cannot be restricted ({exc.strerror}); run chmod go-rwx on it"
            ) from None
        narrowed.append(target)
        print(
            f"warning: {target} was accessible to other users (mode {mode:o}); "
            f"restricted it to mode {mode & 0o700:o}.",
            file=sys.stderr,
        )
    return narrowed


def database(data_path: Path) -> dict[str, Any]:
    """Parse ``DATABASE_URL``; the embedded default is a SQLite file in the data folder."""
    raw = os.environ.get("DATABASE_URL", "").strip()
    if not raw:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(data_path / "waspada.sqlite3"),
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    try:
        config = dict(dj_database_url.parse(raw, conn_max_age=60))
    except Exception as exc:  # the library raises several types for malformed URLs
        raise ImproperlyConfigured(f"DATABASE_URL is malformed ({exc})") from None
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured(
            f"DATABASE_URL must use postgres:// or sqlite:// (got engine {engine or 'none'})"
        )
    if engine == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL names no database (postgres://user@host/NAME)")
    return config


def secret(name: str, data_path: Path, *, nbytes: int = 32) -> str:
    """Read a secret from ``NAME``, then ``NAME_FILE``, else generate it once into the data dir.

    Generated secrets are written with mode 600 and a warning, because a production deployment
    must manage its own keys (and back them up: losing the master key loses personal data).
    """
    value = os.environ.get(name)
    if value:
        return value.strip()
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            content = Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE cannot be read: {exc}") from None
        if not content:
            raise ImproperlyConfigured(f"{name}_FILE points at an empty file")
        return content
    key_dir = data_path / "keys"
    key_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = key_dir / name.lower()
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    generated = base64.urlsafe_b64encode(secrets.token_bytes(nbytes)).decode("ascii")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(generated + "\n")
    print(
        f"warning: {name} was not set; generated one into {path} (mode 600). "
        "Production deployments must set and back up their own keys.",
        file=sys.stderr,
    )
    return generated


def master_key(name: str, value: str) -> str:
    """Check that a key is base64 of 32 bytes, naming the variable when it is not."""
    try:
        parse_master_key(value, name=name)
    except CryptoError as exc:
        raise ImproperlyConfigured(str(exc)) from None
    return value


def master_key_files(data_path: Path) -> tuple[Path | None, Path | None]:
    """The files the current and the previous master keys are read from (None for a key
    given in the environment itself), so that running processes notice a rotation
    (``waspada.privacy.keyfiles``). Same precedence as ``secret`` and
    ``previous_master_keys``: the variable, then its ``_FILE``, then the data folder."""

    def source(name: str, default: Path) -> Path | None:
        if os.environ.get(name):
            return None
        file_name = os.environ.get(f"{name}_FILE")
        return Path(file_name) if file_name else default

    keys = data_path / "keys"
    return (
        source("WASPADA_MASTER_KEY", keys / "waspada_master_key"),
        source("WASPADA_MASTER_KEY_PREVIOUS", keys / PREVIOUS_KEYS_FILE),
    )


def previous_master_keys(data_path: Path) -> list[str]:
    """Earlier master keys, still accepted for unwrapping while data keys are re-wrapped.

    From ``WASPADA_MASTER_KEY_PREVIOUS`` (comma-separated), its ``_FILE`` (one a line), or the
    file ``keys/waspada_master_key_previous`` that ``waspada keys rotate --generate`` keeps.
    """
    name = "WASPADA_MASTER_KEY_PREVIOUS"
    raw = os.environ.get(name)
    if raw is None:
        file_name = os.environ.get(f"{name}_FILE")
        path = Path(file_name) if file_name else data_path / "keys" / PREVIOUS_KEYS_FILE
        try:
            raw = path.read_text(encoding="utf-8") if path.exists() else ""
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE cannot be read: {exc}") from None
    return [master_key(name, key) for key in split_key_list(raw)]


def trusted_proxies(name: str) -> list[str]:
    """Addresses or networks (CIDR) of reverse proxies whose forwarded headers are believed."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks such as 127.0.0.1 or 10.0.0.0/8; "
                f"got {item!r}"
            ) from None
    return networks


_LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def non_local_hosts(hosts: list[str]) -> list[str]:
    """The allowed host names that are not this machine's loopback names."""
    return [host for host in hosts if host.lower() not in _LOCAL_HOSTS]


def https_origins(hosts: list[str]) -> list[str]:
    """The HTTPS origins of the allowed hosts, for CSRF checks behind a TLS proxy.

    ``.example.org`` (a domain and its subdomains) gives ``https://example.org`` and
    ``https://*.example.org``; a bare ``*`` gives nothing: every origin is never trusted.
    """
    origins: list[str] = []
    for host in hosts:
        if host == "*":
            continue
        if host.startswith("."):
            origins += [f"https://{host[1:]}", f"https://*{host}"]
        else:
            origins.append(f"https://{host}")
    return origins


def cache(name: str) -> dict[str, Any]:
    """The cache that rate limits and login throttles count in.

    Local memory per process by default; ``redis://host:port/db`` (or ``rediss://``, ``unix://``)
    selects Django's Redis cache, shared by every process of the deployment.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    parts = urlsplit(raw)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.netloc or parts.path):
        raise ImproperlyConfigured(
            f"{name} must be a Redis URL such as redis://127.0.0.1:6379/1; got {raw!r}"
        )
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": raw}


def broker_url(name: str) -> str:
    """The Celery broker (Redis) for background jobs; empty runs jobs in the web process."""
    raw = os.environ.get(name, "").strip()
    if raw and urlsplit(raw).scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(
            f"{name} must be a Redis URL such as redis://127.0.0.1:6379/2; got {raw!r}"
        )
    return raw


def email(outbox: Path) -> dict[str, Any]:
    """Django's e-mail settings from ``WASPADA_EMAIL_URL`` or ``WASPADA_EMAIL_HOST`` & co.

    ``smtp://user:password@host:587?tls=1`` (``smtps://`` for implicit TLS). With neither set,
    every message is written as one ``.eml`` file into ``outbox`` (nothing needs a server).
    """
    settings: dict[str, Any] = {
        "EMAIL_BACKEND": "waspada.notifications.mail.OutboxBackend",
        "EMAIL_HOST": "localhost", "EMAIL_PORT": 25, "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "", "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": False,
    }  # fmt: skip
    raw = os.environ.get("WASPADA_EMAIL_URL", "").strip()
    host = os.environ.get("WASPADA_EMAIL_HOST", "").strip()
    if raw:
        parts = urlsplit(raw)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ImproperlyConfigured(
                f"WASPADA_EMAIL_URL must look like smtp://user:password@host:587?tls=1; got "
                f"a value with scheme {parts.scheme!r}"
            )
        query = parse_qs(parts.query)
        settings.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 587),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=parts.scheme == "smtp" and query.get("tls", ["0"])[0] in ("1", "true"),
        )
    elif host:
        settings.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=host,
            EMAIL_PORT=env_int("WASPADA_EMAIL_PORT", 587, minimum=1),
            EMAIL_HOST_USER=env_str("WASPADA_EMAIL_USER"),
            EMAIL_HOST_PASSWORD=env_str("WASPADA_EMAIL_PASSWORD"),
            EMAIL_USE_TLS=env_bool("WASPADA_EMAIL_TLS", True),
        )
    else:
        outbox.mkdir(mode=0o700, parents=True, exist_ok=True)
    return settings
