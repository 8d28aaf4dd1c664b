"""Small generated datasets shared by the demo-data tests (module-scoped: generation is the
slow part, and most tests only read)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from waspada.demodata.generator import GenerationResult, demo_data_generate


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker) -> Iterator[GenerationResult]:  # type: ignore[no-untyped-def]
    """300 cases with seed 7, generated once for the module and removed afterwards."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield demo_data_generate(cases=300, seed=7)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
