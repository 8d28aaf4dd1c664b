"""On PostgreSQL, refuse UPDATE and DELETE on the audit table at the database level.

SQLite has no roles, so an attacker with the file can do anything; there the hash chain is
the protection. TRUNCATE is not blocked, because test databases are flushed with it; the
production database role should not own the table (see docs/security.md).
"""

from typing import Any

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION waspada_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION waspada_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS waspada_audit_append_only();
"""


def _forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def _backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(_forwards, _backwards)]
