"""Collecting validation errors per field, so that a service reports every problem at once."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class FieldErrors:
    """Messages per field; ``raise_if_any`` raises them as one ValidationError."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
