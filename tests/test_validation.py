"""The helpers every validator shares."""

from __future__ import annotations

import pytest

from waspada.validation import INT64_MAX, as_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [(7, 7), ("12", 12), (" 12 ", 12), (INT64_MAX, INT64_MAX), (str(INT64_MAX), INT64_MAX),
     (0, None), ("-3", None), (INT64_MAX + 1, None), ("9" * 30, None), ("١٢", None),
     ("1.5", None), ("", None), (None, None), (True, None)],
)  # fmt: skip
def test_as_id_accepts_only_what_an_id_column_holds(value, expected):
    assert as_id(value) == expected
