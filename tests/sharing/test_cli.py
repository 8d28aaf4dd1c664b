"""``waspada export``: the demo data's CTDC release passes the checker; check-k exits 1 on a
group of 3; synthetic releases spend from the ledger until refused; outside demo mode the
command line cannot skip approval."""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable

import pytest

from waspada.audit.models import AuditEvent
from waspada.demodata.generator import demo_data_generate
from waspada.sharing.cli import add_parsers
from waspada.sharing.models import BudgetEntry, Release, ReleaseStatus

pytestmark = pytest.mark.django_db


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_parsers(parser.add_subparsers(), lambda: None)
    args = parser.parse_args(["export", *argv])
    handler: Callable[[argparse.Namespace], int] = args.func
    return handler(args)


@pytest.fixture
def demo(settings):  # type: ignore[no-untyped-def]
    settings.DEMO_MODE = True
    demo_data_generate(cases=600, seed=3)


def test_demo_ctdc_release_passes_the_checker(demo, tmp_path, capsys):
    out = tmp_path / "ctdc.csv"
    assert _run("ctdc", "--k", "11", "--out", str(out)) == 0
    printed = capsys.readouterr().out
    assert "Demo mode: the approval step is skipped" in printed
    assert "rows suppressed" in printed
    qi = "year,gender,ageBroad,citizenship,CountryOfExploitation"
    assert _run("check-k", str(out), "--k", "11", "--qi", qi) == 0
    assert "OK:" in capsys.readouterr().out
    release = Release.objects.get()
    assert release.status == ReleaseStatus.APPROVED and release.requested_by is None
    assert release.checks["approval"].startswith("skipped: demo mode")
    with out.open(encoding="utf-8") as handle:
        assert sum(1 for _ in csv.reader(handle)) - 1 == release.rows > 300


def test_check_k_exits_1_naming_the_smallest_group(tmp_path, capsys):
    path = tmp_path / "hand.csv"
    rows = [["yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation"]]
    rows += [["2023", "Female", "18-20", "IDN", "KHM"]] * 11 + [
        ["2023", "Male", "9-17", "IDN", "MMR"]
    ] * 3
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert _run("check-k", str(path), "--k", "11") == 1
    out = capsys.readouterr().out
    assert "smallest group has 3 row(s)" in out and "'9-17'" in out and "'MMR'" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--k", "11", "--qi", "year,shoeSize"], "unknown quasi-identifier: 'shoeSize'"),
        (["--k", "1"], "k must be at least 2"),
    ],
)
def test_check_k_bad_input(tmp_path, capsys, argv, message):
    path = tmp_path / "x.csv"
    path.write_text("yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation\n")
    assert _run("check-k", str(path), *argv) == 2
    assert message in capsys.readouterr().err


def test_synthetic_spends_from_the_ledger_and_is_refused_over_budget(demo, tmp_path, capsys):
    assert _run("ledger", "--set-total", "3") == 0
    first = tmp_path / "first.csv"
    assert _run("synthetic", "--epsilon", "2", "--out", str(first)) == 0
    assert first.exists()
    spend = BudgetEntry.objects.get(kind="spend")
    assert str(spend.epsilon) == "2.000" and spend.release is not None
    capsys.readouterr()
    second = tmp_path / "second.csv"
    assert _run("synthetic", "--epsilon", "1.5", "--out", str(second)) == 2
    err = capsys.readouterr().err
    assert "tersisa epsilon 1.000 dari 3" in err and "diminta 1.5" in err
    assert not second.exists()
    assert BudgetEntry.objects.filter(kind="spend").count() == 1
    assert _run("ledger") == 0
    assert "spent 2.000, remaining 1.000" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="sharing.budget.spent").count() == 1


@pytest.mark.parametrize("epsilon", ["0", "-1"])
def test_synthetic_refuses_epsilon_not_above_zero(demo, tmp_path, capsys, epsilon):
    assert _run("synthetic", "--epsilon", epsilon, "--out", str(tmp_path / "s.csv")) == 2
    assert "epsilon" in capsys.readouterr().err.lower()
    assert not (tmp_path / "s.csv").exists() and not Release.objects.exists()


def test_outside_demo_mode_the_command_line_needs_an_approved_release(settings, tmp_path, capsys):
    settings.DEMO_MODE = False
    assert _run("ctdc", "--out", str(tmp_path / "c.csv")) == 2
    assert "needs a second person's approval" in capsys.readouterr().err
    assert not Release.objects.exists()
