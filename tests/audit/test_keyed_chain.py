"""The chain is keyed: rows rewritten with recomputed plain hashes fail verification; rows
written before the chain was keyed stay verifiable and protected; anchors outside the
database are signed and written automatically."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time

import pytest

from waspada.audit import anchors
from waspada.audit import services as audit
from waspada.audit.models import AuditEvent
from waspada.privacy.crypto import generate_master_key

from .test_chain import _raw


def _plain(prev_hash: str, row: AuditEvent) -> str:
    """SHA-256 of a row, as anyone can compute it without the audit key."""
    canonical = audit._canonical(
        seq=row.seq, created_at=row.created_at, actor_id=row.actor_id,
        organisation_id=row.organisation_id, action=row.action, object_type=row.object_type,
        object_id=row.object_id, ip=row.ip, details=row.details,
    )  # fmt: skip
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def _rewrite(
    from_seq: int, *, action: str = "", chain: int | None = None, until: int | None = None
) -> None:
    """An attacker with write access to the database but not the audit key: change a row
    and recompute every hash after it the only way they can, unkeyed."""
    rows = list(AuditEvent.objects.order_by("seq"))
    prev = rows[from_seq - 2].hash if from_seq > 1 else audit.GENESIS
    for row in rows[from_seq - 1 : until]:
        if row.seq == from_seq and action:
            row.action = action
        row.prev_hash, row.hash = prev, _plain(prev, row)
        row.chain = chain if chain is not None else row.chain
        _raw(
            "UPDATE audit_auditevent SET action = %s, prev_hash = %s, hash = %s, chain = %s "
            "WHERE seq = %s",
            [row.action, row.prev_hash, row.hash, row.chain, row.seq],
        )
        prev = row.hash


@pytest.fixture
def chain(db, django_capture_on_commit_callbacks) -> list[AuditEvent]:
    with django_capture_on_commit_callbacks(execute=True):  # anchors are written on commit
        return [
            audit.record(
                "tests.thing.done", object_type="tests.thing", object_id=i, details={"i": i}
            )  # fmt: skip
            for i in range(1, 6)
        ]


def test_rows_are_keyed(chain):
    assert {row.chain for row in chain} == {audit.KEYED}
    assert chain[0].hash != _plain(audit.GENESIS, chain[0])
    assert audit.verify().ok


def test_a_rewrite_recomputing_unkeyed_hashes_fails(chain):
    _rewrite(3, action="tests.thing.undone")
    result = audit.verify()
    assert not result.ok and result.bad_seq == 3 and result.checked == 2


def test_a_rewrite_downgrading_rows_to_unkeyed_hashes_fails(chain):
    _rewrite(3, action="tests.thing.undone", chain=audit.PLAIN)
    result = audit.verify()
    assert not result.ok and result.bad_seq == 3
    assert "tanpa kunci" in result.reason


def test_a_whole_chain_downgraded_is_caught_by_the_automatic_anchor(chain, settings):
    first = anchors.latest().anchor
    assert first is not None and first.keyed_from == 1 and first.reason == "keyed"
    _rewrite(1, action="tests.thing.undone", chain=audit.PLAIN)
    assert audit.verify().ok  # the chain alone looks like a chain from before keying…
    outcome = audit.verify_latest()  # …but the anchor outside the database says otherwise
    assert not outcome.ok and outcome.result.bad_seq == 1


def test_the_anchor_file_is_private_and_every_line_signed(chain, settings):
    path = anchors.anchor_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    line = json.loads(path.read_text().splitlines()[0])
    assert set(line) == {"seq", "hash", "keyed_from", "at", "reason", "mac"}
    written = anchors.anchor_write(reason="manual")
    assert written is not None and written.seq == 5 and written.authentic
    assert anchors.latest().anchor == written


def test_a_forged_anchor_line_is_reported(chain, settings):
    head = anchors.head()
    assert head is not None
    # Someone without the audit key appends an anchor that would hide later deletions.
    settings_key = settings.AUDIT_KEY
    settings.AUDIT_KEY = generate_master_key()
    forged = anchors.Anchor(3, chain[2].hash, keyed_from=1).signed()
    settings.AUDIT_KEY = settings_key
    with anchors.anchor_file().open("a") as handle:
        handle.write(forged.to_json() + "\n")
    outcome = audit.verify_latest()
    assert outcome.forged_anchors == 1 and not outcome.ok
    assert outcome.anchor is not None and outcome.anchor.seq == 5  # the authentic one
    with pytest.raises(ValueError, match="signature"):
        anchors.Anchor.parse(forged.to_json())


def test_an_anchor_is_written_at_the_first_write_of_a_day(
    chain, django_capture_on_commit_callbacks
):
    path = anchors.anchor_file()
    assert len(path.read_text().splitlines()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        audit.record("tests.thing.done")
    assert len(path.read_text().splitlines()) == 1  # not due yet
    yesterday = time.time() - anchors.DAY_SECONDS - 1
    os.utime(path, (yesterday, yesterday))
    with django_capture_on_commit_callbacks(execute=True):
        audit.record("tests.thing.done")
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [(a["reason"], a["seq"], a["keyed_from"]) for a in lines] == [
        ("keyed", 5, 1), ("daily", 7, 1),  # the head when the transaction committed
    ]  # fmt: skip


def _legacy_rows(count: int) -> None:
    """Rows as written before the chain was keyed: plain SHA-256, chain 1."""
    prev = audit.GENESIS
    for seq in range(1, count + 1):
        row = AuditEvent(
            seq=seq, created_at=audit.datetime.now(audit.UTC), action="tests.legacy",
            object_type="", object_id="", details={"seq": seq}, chain=audit.PLAIN,
        )  # fmt: skip
        row.prev_hash, row.hash = prev, _plain(prev, row)
        row.save()
        prev = row.hash


def test_an_upgraded_chain_keeps_its_plain_rows_and_protects_them(
    db, django_capture_on_commit_callbacks
):
    _legacy_rows(3)
    assert audit.verify().ok
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            audit.record("tests.thing.done")
    assert list(AuditEvent.objects.values_list("chain", flat=True)) == [1, 1, 1, 2, 2]
    assert anchors.latest().anchor is not None
    assert anchors.latest().anchor.keyed_from == 4  # type: ignore[union-attr]
    assert audit.verify_latest().ok
    # Rewriting plain rows (recomputing their plain hashes) breaks the first keyed row, whose
    # keyed hash covers the last plain hash and cannot be recomputed without the key.
    _rewrite(2, action="tests.legacy.undone", until=3)
    result = audit.verify()
    assert not result.ok and result.bad_seq == 4 and "menyambung" in result.reason


def test_an_upgraded_chain_rewritten_with_keyed_rows_downgraded_is_caught(
    db, django_capture_on_commit_callbacks
):
    _legacy_rows(3)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            audit.record("tests.thing.done")
    _rewrite(2, action="tests.legacy.undone", chain=audit.PLAIN)
    assert audit.verify().ok  # all plain now: only the anchor knows keyed rows began at 4
    outcome = audit.verify_latest()
    assert not outcome.ok and outcome.result.bad_seq == 4
