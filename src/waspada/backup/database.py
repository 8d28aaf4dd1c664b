"""Consistent copies of the database, while it is in use: SQLite's online backup API (a
snapshot read inside one transaction) or PostgreSQL's ``pg_dump`` (one repeatable-read
transaction), and their restoration into an empty database.

Connection details for the PostgreSQL tools go through their environment variables
(``PGHOST``, ``PGPASSWORD``…), never the command line, which other local users can read.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, connections

SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"


class DatabaseToolError(Exception):
    """A dump or restore tool is missing or failed; the message says which and why."""


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def member_name(kind: str) -> str:
    return POSTGRES_MEMBER if kind == "postgresql" else SQLITE_MEMBER


def _sqlite_path() -> Path:
    return Path(str(connection.settings_dict["NAME"]))


def _pg_env() -> dict[str, str]:
    config = connection.settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGDATABASE", config.get("NAME")),
        ("PGUSER", config.get("USER")),
        ("PGPASSWORD", config.get("PASSWORD")),
        ("PGHOST", config.get("HOST")),
        ("PGPORT", config.get("PORT")),
        ("PGSSLMODE", (config.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise DatabaseToolError(
            f"{name} is not installed (Debian: apt-get install postgresql-client); it is needed "
            "to back up and restore a PostgreSQL database"
        )
    return path


def _run(args: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 (fixed tool, arguments built here)
        args, env=_pg_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DatabaseToolError(f"{Path(args[0]).name} failed: {result.stderr.strip()[-2000:]}")


def dump(folder: Path) -> Path:
    """A consistent copy of the database into ``folder``; returns the file (mode 600)."""
    if engine() == "postgresql":
        target = folder / POSTGRES_MEMBER
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              f"--file={target}"])  # fmt: skip
    else:
        target = folder / SQLITE_MEMBER
        source = sqlite3.connect(_sqlite_path())
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)  # one read transaction: a snapshot, writers continue
        finally:
            copy.close()
            source.close()
    os.chmod(target, 0o600)
    return target


def is_empty() -> bool:
    """True when the database holds no table at all (a new SQLite file, an empty database)."""
    if engine() == "sqlite":
        path = _sqlite_path()
        if not path.exists() or path.stat().st_size == 0:
            return True
    return not connection.introspection.table_names()


def load(source: Path, kind: str) -> None:
    """Restore ``source`` (a dump of ``kind``) into the configured, empty database."""
    if kind != engine():
        raise DatabaseToolError(
            f"this backup holds a {kind} database; the configured database is {engine()}"
        )
    connections.close_all()
    if kind == "postgresql":
        name = _pg_env()["PGDATABASE"]
        _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", f"--dbname={name}", str(source)])  # fmt: skip
        return
    target = _sqlite_path()
    copy = sqlite3.connect(source)
    restored = sqlite3.connect(target)
    try:
        with restored:
            copy.backup(restored)
    finally:
        restored.close()
        copy.close()
    os.chmod(target, 0o600)
