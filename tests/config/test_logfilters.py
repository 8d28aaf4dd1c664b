"""A refused request is logged as one line, not a kilobyte of traceback."""

from __future__ import annotations

import logging

from waspada.accounts.roles import Role


def test_a_403_is_logged_in_one_line(client, make_user, caplog):
    client.force_login(make_user("cw", Role.CASEWORKER))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/administrasi/")
    assert response.status_code == 403
    refusals = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert len(refusals) == 1
    assert refusals[0].exc_info is None
    assert caplog.text.strip().splitlines() == [caplog.text.strip()]
    assert "Forbidden (Permission denied): /administrasi/" in caplog.text
    assert "Traceback" not in caplog.text


def test_other_errors_keep_their_traceback():
    from waspada.config.logfilters import ForbiddenOneLine

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", 40, __file__, 1, "Error", (), sys.exc_info())
    record.status_code = 500
    assert ForbiddenOneLine().filter(record) is True
    assert record.exc_info is not None
