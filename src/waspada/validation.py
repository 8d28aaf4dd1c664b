"""Pieces every validator shares: collecting errors per field, the optimistic-lock conflict,
and the bounds of the numbers the platform stores (pages, API and services alike)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

# Years a filter or a date may name: the platform records nothing before 2000.
YEAR_MIN, YEAR_MAX = 2000, 2100
# The largest value a database integer column holds (PostgreSQL bigint, SQLite INTEGER).
INT64_MAX = 2**63 - 1
# The largest value of a ``PositiveIntegerField`` (versions of optimistic locking).
INT32_MAX = 2**31 - 1


class ConflictError(Exception):
    """Someone else saved the record since it was opened (optimistic locking): nothing was
    written. The API answers 409; the pages ask to reload."""


class FieldErrors:
    """Messages per field; ``raise_if_any`` raises them as one ValidationError."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def as_id(value: object) -> int | None:
    """A record id from an int or its digits; None when it is not one a database id column
    can hold (so a lookup neither fails nor overflows)."""
    if isinstance(value, bool):
        return None
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= INT64_MAX else None
