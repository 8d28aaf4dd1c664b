"""Results computed in selectors: per training and per institution type over a year range."""

from __future__ import annotations

from tests.trainings.conftest import TRAINING, add
from waspada.trainings import selectors, services


def test_training_result_uses_only_participants_with_both_scores(training, cast_t):
    add(training, cast_t.officer, pre_score=40, post_score=70)
    add(training, cast_t.officer, pre_score=60, post_score=80)
    add(training, cast_t.officer, pre_score=10, post_score=None)  # excluded
    add(training, cast_t.officer, pre_score=None, post_score=None, attended=False)
    result = selectors.training_results(training)
    assert (result.participants, result.attended, result.paired) == (4, 3, 2)
    assert (result.mean_pre, result.mean_post, result.improvement) == (50.0, 75.0, 25.0)


def test_empty_training_has_no_improvement(training):
    result = selectors.training_results(training)
    assert (result.paired, result.mean_pre, result.improvement) == (0, None, None)


def test_results_by_institution_type_within_years(training, cast_t):
    older = services.training_create(
        actor=cast_t.officer,
        data={**TRAINING, "start_date": "2021-05-01", "end_date": "2021-05-02"},
    )
    add(training, cast_t.officer, institution_type="police", pre_score=50, post_score=80)
    add(training, cast_t.officer, institution_type="judge", pre_score=70, post_score=75)
    add(older, cast_t.officer, institution_type="police", pre_score=20, post_score=30)
    report = selectors.results_report(viewer=cast_t.analyst, year_from=2022, year_to=2023)
    rows = {row.institution_type: row for row in report.by_institution_type}
    assert list(rows) == ["police", "judge"]  # the reference list's order
    assert (rows["police"].trainings, rows["police"].result.improvement) == (1, 30.0)
    assert rows["judge"].result.improvement == 5.0
    assert report.total.paired == 2 and report.total.improvement == 17.5
    assert [t.pk for t, _ in report.trainings] == [training.pk]
    everything = selectors.results_report(viewer=cast_t.analyst)
    police = next(r for r in everything.by_institution_type if r.institution_type == "police")
    assert (police.trainings, police.result.paired, police.result.improvement) == (2, 2, 20.0)
    assert [t.pk for t, _ in everything.trainings] == [older.pk, training.pk]


def test_viewers_without_the_right_get_nothing(training, cast_t):
    add(training, cast_t.officer)
    report = selectors.results_report(viewer=cast_t.no_role)
    assert report.by_institution_type == [] and report.trainings == []
