"""The demo trainings: three synthetic trainings by prog.iom, loaded once."""

from __future__ import annotations

from waspada.demodata.seed_accounts import demo_load
from waspada.demodata.seed_trainings import demo_trainings_load
from waspada.trainings import selectors
from waspada.trainings.models import Participant, Training


def test_demo_trainings_are_synthetic_and_idempotent(db):
    demo_load()
    assert demo_trainings_load() == 3
    assert demo_trainings_load() == 0
    trainings = Training.objects.order_by("start_date")
    assert trainings.count() == 3
    assert {t.start_date.year for t in trainings} == {2022, 2023}
    assert all(
        t.title.endswith("(contoh)") and t.organiser.name == "IOM Indonesia" for t in trainings
    )
    assert all(t.created_by.username == "prog.iom" for t in trainings)
    assert Participant.objects.count() == 45
    for training in trainings:
        result = selectors.training_results(training)
        assert result.paired > 5 and result.improvement and result.improvement > 0
