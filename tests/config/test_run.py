"""``waspada run`` hands its options to waitress."""

from __future__ import annotations

import argparse

import pytest
import waitress

from waspada.config import cli


def test_run_accepts_many_more_connections_than_waitress_by_default(monkeypatch, db):
    served: dict[str, object] = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: served.update(options))
    parser = argparse.ArgumentParser()
    cli.add_parsers(parser.add_subparsers(), setup=lambda: None)
    args = parser.parse_args(["run", "--port", "8123"])
    assert args.func(args) == 0
    assert served["connection_limit"] == 1000 and served["threads"] == 8
    assert served["port"] == 8123


@pytest.mark.parametrize("limit", ["50", "2000"])
def test_the_connection_limit_can_be_set(monkeypatch, db, limit):
    served: dict[str, object] = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: served.update(options))
    parser = argparse.ArgumentParser()
    cli.add_parsers(parser.add_subparsers(), setup=lambda: None)
    args = parser.parse_args(["run", "--connection-limit", limit])
    args.func(args)
    assert served["connection_limit"] == int(limit)
