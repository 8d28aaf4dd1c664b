"""Bulk-load mode for PostgreSQL: secondary indexes are dropped during a large load and
rebuilt once at the end, as ``pg_restore`` does.

Maintaining some forty B-tree indexes row by row (ten of them on random blind-index digests)
costs more than inserting the rows; building them once from sorted data is several times
faster. Primary keys and unique indexes are never dropped. The definitions are copied from
``pg_indexes`` verbatim and written to the data folder before anything is dropped, so that a
run killed half-way gets them back at the start of the next run (``indexes_restore_pending``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.db import connection

PENDING_FILE = "demodata-dropped-indexes.json"
MINIMUM_CASES = 50_000  # below this, keeping the indexes is as fast


def _pending_path() -> Path:
    return Path(settings.DATA_DIR) / PENDING_FILE


def _key() -> str:
    params = connection.settings_dict
    return f"{params.get('HOST') or ''}:{params.get('PORT') or ''}/{params['NAME']}"


def _read() -> dict[str, list[list[str]]]:
    path = _pending_path()
    if not path.exists():
        return {}
    data: dict[str, list[list[str]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _write(data: dict[str, list[list[str]]]) -> None:
    path = _pending_path()
    if data:
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    elif path.exists():
        path.unlink()


def secondary_indexes(db_tables: Sequence[str]) -> list[list[str]]:
    """[name, definition] of the non-unique indexes of these tables that back no constraint."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND i.indexdef NOT LIKE 'CREATE UNIQUE INDEX %%'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY i.tablename, i.indexname
            """,
            [list(db_tables)],
        )
        return [[name, definition] for name, definition in cursor.fetchall()]


def indexes_drop(db_tables: Sequence[str]) -> list[list[str]]:
    """Record, then drop, the secondary indexes of these tables; return what was dropped."""
    indexes = secondary_indexes(db_tables)
    if not indexes:
        return []
    pending = _read()
    pending[_key()] = pending.get(_key(), []) + indexes
    _write(pending)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
    return indexes


def indexes_restore_pending() -> int:
    """Rebuild every index recorded as dropped for this database; return how many."""
    pending = _read()
    indexes = pending.get(_key(), [])
    if not indexes:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
        cursor.execute("RESET maintenance_work_mem")
    pending.pop(_key())
    _write(pending)
    return len(indexes)


def should_drop(cases: int, existing: int) -> bool:
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and cases >= MINIMUM_CASES
        and cases >= existing
    )


def analyze(db_tables: Sequence[str]) -> None:
    """After a large load (PostgreSQL, outside a transaction): refresh the planner's statistics
    and the visibility map, so that counts can use index-only scans at once."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in db_tables:
            cursor.execute(f"VACUUM (ANALYZE) {quote(table)}")
