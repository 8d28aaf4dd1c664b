"""The hash-chained audit trail: intact chains verify, any tampering is named."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from waspada.audit import services as audit
from waspada.audit.models import AuditEvent


@pytest.fixture
def chain(db) -> list[AuditEvent]:
    return [
        audit.record("tests.thing.done", object_type="tests.thing", object_id=i, details={"i": i})
        for i in range(1, 6)
    ]


def _raw(sql: str, params: list[object]) -> None:
    """Tamper with the table directly, as someone with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


def test_intact_chain_verifies(chain):
    result = audit.verify()
    assert result.ok
    assert result.checked == 5
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert chain[1].prev_hash == chain[0].hash


def test_empty_chain_verifies(db):
    assert audit.verify().ok


@pytest.mark.parametrize(
    ("column", "value"),
    [("action", "tests.thing.undone"), ("details", '{"i": 99}'), ("actor_id", 42),
     ("object_id", "77"), ("ip", "10.0.0.9")],
)  # fmt: skip
def test_altered_row_is_named(chain, column, value):
    _raw(f"UPDATE audit_auditevent SET {column} = %s WHERE seq = 3", [value])  # noqa: S608
    result = audit.verify()
    assert not result.ok
    assert result.bad_seq == 3
    assert result.bad_id == chain[2].pk
    assert result.checked == 2


def test_deleted_row_is_named(chain):
    _raw("DELETE FROM audit_auditevent WHERE seq = %s", [2])
    result = audit.verify()
    assert not result.ok
    assert result.bad_seq == 3


def test_deleting_the_newest_rows_is_caught_only_with_an_anchor(chain):
    head = audit.anchor()
    assert head == audit.Anchor(5, chain[4].hash)
    assert audit.verify(head).ok
    _raw("DELETE FROM audit_auditevent WHERE seq >= %s", [4])
    assert audit.verify().ok  # a shorter chain is still a valid chain…
    result = audit.verify(head)  # …but not the one that was anchored
    assert not result.ok and result.bad_seq == 4 and result.checked == 3
    assert "4–5" in result.reason


def test_a_chain_rewritten_after_the_anchor_was_taken_is_caught(chain):
    head = audit.anchor()
    assert head is not None
    forged = audit.Anchor(head.seq, "0" * 64)
    result = audit.verify(forged)
    assert not result.ok and result.bad_seq == 5 and result.checked == 4
    # Newer rows after the anchor are fine.
    audit.record("tests.thing.done", object_type="tests.thing", object_id=6, details={"i": 6})
    assert audit.verify(head).ok


@pytest.mark.parametrize(
    "text",
    ["", "not json", '{"seq": 0, "hash": "' + "a" * 64 + '"}', '{"seq": 3, "hash": "abc"}',
     '{"hash": "' + "a" * 64 + '"}', "[1, 2]"],
)  # fmt: skip
def test_a_malformed_anchor_is_refused_with_a_reason(text):
    with pytest.raises(ValueError) as caught:
        audit.Anchor.parse(text)
    assert str(caught.value)


def test_inserted_row_is_detected(chain):
    # Renumber the tail and slip a forged row in at seq 3, with a plausible-looking hash.
    _raw("UPDATE audit_auditevent SET seq = seq + 100 WHERE seq >= 3", [])
    _raw("UPDATE audit_auditevent SET seq = seq - 99 WHERE seq >= 103", [])
    forged = AuditEvent(
        seq=3, created_at=chain[2].created_at, action="tests.forged",
        prev_hash=chain[1].hash, hash="f" * 64, details={},
    )  # fmt: skip
    with transaction.atomic():
        forged.save()
    result = audit.verify()
    assert not result.ok
    assert result.bad_seq == 3


def test_personal_data_is_refused_in_details(db):
    with pytest.raises(audit.AuditDetailError):
        audit.record("tests.bad", details={"nik": "3201234567890001"})
    with pytest.raises(audit.AuditDetailError):
        audit.record("tests.bad", details={"nested": {"Full_Name": "Siti"}})
    assert not AuditEvent.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL only")
def test_postgresql_refuses_update_and_delete(chain):
    for sql in ("UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent"):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert audit.verify().ok
