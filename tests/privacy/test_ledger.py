"""The erasure ledger: every destroyed data key is recorded outside the database, chained and
keyed, before the erasure commits; a restore re-applies it."""

from __future__ import annotations

import json
import stat

import pytest

from waspada.cases.models import Case
from waspada.cases.services import case_erase
from waspada.privacy import ledger
from waspada.privacy import services as privacy
from waspada.privacy.crypto import generate_master_key
from waspada.privacy.models import DataKey


def test_an_erasure_is_recorded_in_the_ledger(case_cast):
    key_id = case_cast.case.person.data_key_id
    case_erase(actor=case_cast.admin, case=case_cast.case)
    path = ledger.ledger_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    read = ledger.ledger_read()
    assert read.problem == "" and [e.data_key for e in read.entries] == [key_id]
    assert set(json.loads(path.read_text())) == {"seq", "at", "data_key", "prev", "mac"}


def test_erasing_an_erased_key_again_writes_nothing(case_cast):
    case_erase(actor=case_cast.admin, case=case_cast.case)
    case = Case.objects.select_related("person__data_key").get(pk=case_cast.case.pk)
    privacy.data_key_destroy(case.person.data_key)
    assert len(ledger.ledger_read().entries) == 1


def test_without_a_writable_ledger_the_erasure_fails_and_nothing_is_destroyed(
    case_cast, settings, tmp_path
):
    settings.ERASURE_LEDGER_FILE = tmp_path / "missing-folder" / "ledger.jsonl"
    with pytest.raises(OSError):
        case_erase(actor=case_cast.admin, case=case_cast.case)
    key = DataKey.objects.get(pk=case_cast.case.person.data_key_id)
    assert key.destroyed_at is None and key.wrapped


def _three_entries(db) -> list[ledger.Entry]:  # type: ignore[no-untyped-def]
    return [ledger.ledger_append(privacy.data_key_create().pk) for _ in range(3)]


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        (lambda lines: lines[:1] + lines[2:], "line 2 does not follow"),  # a line removed
        (lambda lines: [lines[1], lines[0], lines[2]], "line 1 does not follow"),  # reordered
        (lambda lines: [lines[0], lines[1].replace('"data_key": ', '"data_key": 9'), lines[2]],
         "line 2 does not authenticate"),  # an entry altered
        (lambda lines: [*lines, "garbage"], "line 4 is not a ledger entry"),
    ],
)  # fmt: skip
def test_a_tampered_ledger_names_the_line(db, tamper, problem):
    _three_entries(db)
    path = ledger.ledger_file()
    path.write_text("\n".join(tamper(path.read_text().splitlines())) + "\n")
    assert problem in ledger.ledger_read().problem


def test_a_ledger_written_with_another_key_does_not_authenticate(db, settings):
    _three_entries(db)
    settings.AUDIT_KEY = generate_master_key()
    assert "does not authenticate" in ledger.ledger_read().problem


def test_reapplying_destroys_the_listed_live_keys_only_once(db):
    entries = _three_entries(db)
    assert privacy.erasures_reapply(entries[:2]) == 2
    assert privacy.erasures_reapply(entries) == 1
    assert DataKey.objects.filter(destroyed_at__isnull=True).count() == 0
    assert len(ledger.ledger_read().entries) == 3  # re-applying records nothing new
