"""The synthetic release's fit sample: a noisy count fixes the Poisson sampling rate, epsilon is
split between the count and the fit without changing what is spent, and a release over more
cases than the bound fits on a sample while its utility report reads every case."""

from __future__ import annotations

import math

import numpy as np
import pytest

from waspada.cases.models import ConsentKind
from waspada.sharing import ctdc, generate, synthetic


def test_a_large_table_is_sampled_at_about_the_bound_over_the_count() -> None:
    sampling = synthetic.sampling_for(
        1_000_000, epsilon=4.0, fit_rows=20_000, rng=np.random.default_rng(7)
    )
    assert sampling.epsilon_count + sampling.epsilon_fit == pytest.approx(4.0)
    assert sampling.epsilon_count == pytest.approx(4.0 * synthetic.COUNT_SHARE)
    assert abs(sampling.noisy_count - 1_000_000) < 2_000  # noise of scale 1/0.04
    assert sampling.rate == pytest.approx(20_000 / sampling.noisy_count)
    assert sampling.delta == synthetic.delta_for(20_000)


def test_a_table_under_the_bound_is_fitted_whole() -> None:
    sampling = synthetic.sampling_for(3_000, epsilon=1.0, fit_rows=20_000)
    assert sampling.rate == 1.0
    assert sampling.delta == synthetic.delta_for(sampling.noisy_count)


@pytest.mark.parametrize(
    ("n", "epsilon", "fit_rows"), [(49, 1.0, 20_000), (5_000, 0.0, 20_000), (5_000, 1.0, 10)]
)
def test_bad_parameters_are_refused(n: int, epsilon: float, fit_rows: int) -> None:
    with pytest.raises(synthetic.SyntheticError):
        synthetic.sampling_for(n, epsilon=epsilon, fit_rows=fit_rows)


def test_the_count_noise_is_two_sided_geometric() -> None:
    rng = np.random.default_rng(1)
    epsilon = 1.0
    draws = np.array([synthetic._geometric_noise(epsilon, rng) for _ in range(40_000)])
    assert abs(draws.mean()) < 0.05
    # P(0) = (1 - e^-eps) / (1 + e^-eps); P(z) / P(z + 1) = e^eps
    assert (draws == 0).mean() == pytest.approx(math.tanh(epsilon / 2), abs=0.01)
    assert (draws == 1).mean() / (draws == 2).mean() == pytest.approx(math.e, rel=0.1)
    assert (draws == -1).mean() == pytest.approx((draws == 1).mean(), rel=0.1)


@pytest.mark.django_db
def test_a_release_over_the_bound_fits_on_a_sample_and_reports_on_every_case(make_case, tmp_path):
    for i in range(160):
        make_case(sex="male" if i % 3 else "female", destination_country="KH" if i % 4 else "MM")
    cases = ctdc.cases_for(
        organisation_ids=None, year_from=2000, year_to=2100, kind=ConsentKind.STATISTICS
    )
    summary = generate.write_synthetic(
        cases, tmp_path / "synthetic.csv", epsilon=20.0, rows=None, fit_rows=100
    )
    assert summary["rows_real"] == summary["utility"]["rows_real"] == 160
    assert 60 <= summary["rows_fitted"] <= 140  # Binomial(160, ~0.62)
    assert summary["sampling"]["rate"] == pytest.approx(
        100 / summary["sampling"]["noisy_count"], rel=1e-5
    )
    assert summary["rows_written"] == summary["sampling"]["noisy_count"]  # rows=None
    assert summary["epsilon"] == 20.0  # count noise of scale 1/0.2: the rate is below 1
    assert summary["delta"] == synthetic.delta_for(100)
