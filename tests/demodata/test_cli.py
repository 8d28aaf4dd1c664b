"""``waspada demo-data``: --if-empty, the refusal on real databases, and the progress output."""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable

import pytest

from waspada.accounts.models import User
from waspada.audit.models import AuditEvent
from waspada.cases.models import Case
from waspada.demodata.cli import add_parsers
from waspada.demodata.progress import Progress
from waspada.demodata.seed_accounts import demo_load
from waspada.demodata.seed_cases import demo_cases_load

pytestmark = pytest.mark.django_db


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_parsers(parser.add_subparsers(), lambda: None)
    args = parser.parse_args(["demo-data", *argv])
    handler: Callable[[argparse.Namespace], int] = args.func
    return handler(args)


def test_if_empty_generates_next_to_the_fixed_demo_set(capsys: pytest.CaptureFixture[str]) -> None:
    demo_load()
    fixed = demo_cases_load()
    assert _run("--cases", "25", "--seed", "3", "--if-empty") == 0
    assert Case.objects.count() == fixed + 25
    assert "Generated 25 synthetic cases" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="demodata.generated").count() == 1


def test_if_empty_does_nothing_when_cases_exist(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("--cases", "10", "--seed", "1") == 0
    assert _run("--cases", "10", "--seed", "2", "--if-empty") == 0
    assert Case.objects.count() == 10
    assert "no demo data generated" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="demodata.generated").count() == 1


def test_refuses_a_database_with_real_accounts(
    make_user: Callable[..., User], capsys: pytest.CaptureFixture[str]
) -> None:
    make_user("real.caseworker")
    assert _run("--cases", "5") == 2
    assert "refusing" in capsys.readouterr().err
    assert not Case.objects.exists()
    assert _run("--cases", "5", "--if-empty") == 0  # `make run` must not stop on it
    assert not Case.objects.exists()
    assert _run("--cases", "5", "--force") == 0
    assert Case.objects.count() == 5


def test_negative_count_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("--cases", "-1") == 2
    assert "--cases" in capsys.readouterr().err


def test_progress_without_a_terminal_prints_a_line_per_tenth() -> None:
    stream = io.StringIO()
    progress = Progress(1000, stream=stream)
    for done in range(100, 1001, 50):
        progress(done)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("10% 100/1,000") and lines[-1].startswith("100% 1,000/1,000")


def test_progress_on_a_terminal_redraws_one_bar() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = Progress(10, stream=stream)
    progress(5)
    progress(10)
    output = stream.getvalue()
    assert output.count("\r") == 2 and output.endswith("\n") and "[" + "#" * 30 + "]" in output
