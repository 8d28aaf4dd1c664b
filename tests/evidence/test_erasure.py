"""Erasing a person reaches the evidence vault through the kernel's ``person_erased`` signal."""

from __future__ import annotations

import pytest

from waspada.cases.models import Person
from waspada.cases.services import case_erase
from waspada.cases.signals import person_erased
from waspada.privacy.models import DataKey


def test_erasure_destroys_the_keys_of_the_persons_evidence(cast, store):
    on_case = store(cast.caseworker, case=cast.case)
    on_legal_case = store(cast.legal, legal_case=cast.legal_case)  # not the person's: kept
    case_erase(actor=None, case=cast.case)
    assert DataKey.objects.get(pk=on_case.data_key_id).destroyed_at is not None
    assert DataKey.objects.get(pk=on_legal_case.data_key_id).destroyed_at is None


def test_a_failing_receiver_undoes_the_whole_erasure(cast, store):
    item = store(cast.caseworker, case=cast.case)

    def broken(sender, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("receiver failed")

    person_erased.connect(broken, dispatch_uid="test.broken")
    try:
        with pytest.raises(RuntimeError):
            case_erase(actor=None, case=cast.case)
    finally:
        person_erased.disconnect(dispatch_uid="test.broken")
    person = Person.objects.get(pk=cast.case.person_id)
    assert person.erased_at is None and person.sealed
    assert DataKey.objects.get(pk=item.data_key_id).destroyed_at is None
    assert DataKey.objects.get(pk=person.data_key_id).destroyed_at is None
