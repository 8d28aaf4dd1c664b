"""k-anonymity: the plan generalises then suppresses; the checker fails on a small group."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from waspada.sharing import kanon, reference

QIS = ["yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation"]
ALIASES = {"year": "yearOfRegistration"}


def _write(path: Path, groups: list[tuple[tuple[str, ...], int]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*QIS, "meansThreats"])
        for combo, n in groups:
            for _ in range(n):
                writer.writerow([*combo, "1"])
    return path


def test_checker_fails_on_a_group_of_three_and_names_it(tmp_path):
    path = _write(
        tmp_path / "hand.csv",
        [
            (("2023", "Female", "18-20", "IDN", "KHM"), 12),
            (("2023", "Male", "21-23", "IDN", "MMR"), 3),
        ],
    )
    result = kanon.check_file(
        path,
        qis=["year", "gender", "ageBroad", "citizenship", "CountryOfExploitation"],
        k=11,
        aliases=ALIASES,
    )
    assert not result.ok
    assert result.smallest_size == 3
    assert result.smallest == ("2023", "Male", "21-23", "IDN", "MMR")
    assert "3 row(s)" in result.message() and "'MMR'" in result.message()


def test_checker_passes_when_every_group_has_k(tmp_path):
    path = _write(tmp_path / "ok.csv", [(("2023", "Female", "18-20", "IDN", "KHM"), 11)])
    assert kanon.check_file(path, qis=QIS, k=11, aliases=ALIASES).ok


@pytest.mark.parametrize(
    ("qis", "k", "needle"),
    [(["year", "shoeSize"], 11, "shoeSize"), (QIS, 1, "k must be at least 2")],
)
def test_checker_refuses_bad_parameters(tmp_path, qis, k, needle):
    path = _write(tmp_path / "x.csv", [(("2023", "Female", "18-20", "IDN", "KHM"), 11)])
    with pytest.raises(kanon.KAnonError, match=needle):
        kanon.check_file(path, qis=qis, k=k, aliases=ALIASES)


def _plan(counts: Counter[tuple[str, ...]], k: int = 11):  # type: ignore[no-untyped-def]
    return kanon.plan(
        counts,
        qis=QIS,
        k=k,
        regions=reference.get("regions"),
        region_other=reference.get("region_other"),
        age_ladder=reference.get("age_ladder"),
        max_suppressed_share=reference.get("max_suppressed_share"),
    )


def test_plan_merges_age_bands_and_groups_rare_countries_before_suppressing():
    counts = Counter(
        {
            ("2023", "Female", "18-20", "IDN", "KHM"): 6,
            ("2023", "Female", "21-23", "IDN", "KHM"): 6,  # merge 18-29 → 12
            ("2023", "Male", "30-38", "IDN", "LAO"): 5,
            ("2023", "Male", "30-38", "IDN", "MMR"): 6,  # rare countries → SEA → 11
            ("2023", "Male", "48+", "IDN", "KHM"): 100,
            ("2024", "Female", "0-8", "IDN", "KHM"): 2,  # left alone: suppressed
        }
    )
    plan = _plan(counts)
    recoded: Counter[tuple[str, ...]] = Counter()
    for combo, n in counts.items():
        if plan.recode(combo) not in plan.suppressed:
            recoded[plan.recode(combo)] += n
    assert min(recoded.values()) >= 11
    assert recoded[("2023", "Female", "18-29", "IDN", "KHM")] == 12
    assert recoded[("2023", "Male", "30-47", "IDN", "SEA")] == 11
    assert plan.rows_suppressed == 2
    assert plan.summary()["rows_released"] == 123
    assert plan.rows_generalised == 23  # 48+ stays 48+; the others merged
    assert plan.values_generalised == 12 + 11 + 11  # ages, then the 11 rows' countries
    assert "CountryOfExploitation: rare countries → region" in plan.steps
