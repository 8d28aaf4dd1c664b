"""Fast bulk inserts of generated rows, with ids chosen by the generator.

The generator decides every primary key itself, so that ciphertexts can be bound to their row
id before the row exists (``cases.person:<id>``) and children can point at parents without a
round trip. Rows are written with ``COPY`` on PostgreSQL and ``executemany`` on SQLite, in the
exact column format Django itself writes (dates and datetimes adapted by the backend, JSON as
text); ``auto_now``/``auto_now_add`` do not apply, so every timestamp is the generator's own.
Sequences are moved past the new ids afterwards (``reset_sequences``).

Rows are formatted where they are generated (possibly a worker process), so that only text
crosses between processes: pickling millions of tuples of dates cost more than formatting.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

from waspada.demodata import pgcopy

Converter = Callable[[Any], Any]
# What the generator hands to the database for one table: (table, columns, payload), the
# payload being COPY text (PostgreSQL) or a list of parameter tuples (SQLite).
Chunk = tuple[str, Sequence[str], Any]


def _kind(field: models.Field[Any, Any]) -> pgcopy.Kind:
    if isinstance(field, models.JSONField):
        return pgcopy.JSON, True
    if isinstance(field, models.BooleanField):
        kind = pgcopy.BOOL
    elif isinstance(field, models.DateField):  # DateTimeField too
        kind = pgcopy.ISO
    elif isinstance(field, models.CharField | models.TextField):
        kind = pgcopy.TEXT
    else:
        kind = pgcopy.OTHER
    return kind, field.null


def _json(value: Any) -> Any:
    return None if value is None else json.dumps(value)  # as Django writes JSONField values


def _sqlite_converter(field: models.Field[Any, Any]) -> Converter | None:
    if isinstance(field, models.JSONField):
        return _json
    if isinstance(field, models.DateTimeField | models.DateField | models.DecimalField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


class Table:
    """One table being filled: the model, the columns (attnames) written, and pending rows."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model = model
        self.columns = tuple(columns)
        # get_field also knows attnames such as "case_id".
        fields: list[Any] = [model._meta.get_field(name) for name in self.columns]
        self.db_table = model._meta.db_table
        self.db_columns = [field.column for field in fields]
        self.kinds = tuple(_kind(field) for field in fields)
        self._sqlite = [_sqlite_converter(field) for field in fields]
        self.rows: list[tuple[Any, ...]] = []
        self.next_id = 1
        self.limit: int | None = None  # first id this table may not use (a batch's range)
        self.written = 0

    def start_ids(self) -> None:
        """Continue after the largest existing primary key."""
        largest = self.model._default_manager.aggregate(models.Max("pk"))["pk__max"]
        self.next_id = (largest or 0) + 1

    def place(self, first: int, limit: int | None) -> None:
        self.next_id, self.limit = first, limit

    def new_id(self) -> int:
        value = self.next_id
        if self.limit is not None and value >= self.limit:
            raise OverflowError(f"{self.db_table}: more rows than a batch may hold")
        self.next_id += 1
        return value

    def add(self, *values: Any) -> None:
        self.rows.append(values)

    def take(self, vendor: str) -> Chunk | None:
        """The pending rows ready for ``write``: COPY text on PostgreSQL, parameter tuples
        otherwise; None when there are none."""
        rows, self.rows = self.rows, []
        if not rows:
            return None
        self.written += len(rows)
        if vendor == "postgresql":
            return self.db_table, self.db_columns, pgcopy.copy_text(self.kinds, rows)
        if any(self._sqlite):
            converters = [c or (lambda value: value) for c in self._sqlite]
            rows = [tuple(c(v) for c, v in zip(converters, row, strict=True)) for row in rows]
        return self.db_table, self.db_columns, rows


def copy_statement(table: str, columns: Sequence[str]) -> str:
    quote = connection.ops.quote_name
    return f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"


def write(chunks: Sequence[Chunk]) -> None:
    """Insert chunks through this thread's connection, in the caller's transaction."""
    with connection.cursor() as cursor:
        for db_table, columns, payload in chunks:
            if connection.vendor == "postgresql":
                with cursor.copy(copy_statement(db_table, columns)) as copy:
                    copy.write(payload)
            else:
                quote = connection.ops.quote_name
                names = ", ".join(quote(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {quote(db_table)} ({names}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, payload)


def reset_sequences(model_list: Sequence[type[models.Model]]) -> None:
    """Move id sequences past the explicit ids written (PostgreSQL; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def tune_session(*, skip_foreign_key_checks: bool = False) -> None:
    """Inside a batch transaction (PostgreSQL): do not wait for the WAL flush at commit, and
    optionally skip the foreign-key triggers.

    Losing the last batches in a crash is harmless for demo data. The foreign-key checks run
    at commit, one query per row and key, and cost more than the inserts themselves; the
    generator's ids are consistent by construction (and the test suite checks the constraints
    on SQLite), so a superuser may skip them with ``session_replication_role = replica``, the
    way ``pg_restore --disable-triggers`` does.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        if skip_foreign_key_checks:
            cursor.execute("SET LOCAL session_replication_role = replica")


def is_superuser() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser')")
        return bool(cursor.fetchone()[0] == "on")
