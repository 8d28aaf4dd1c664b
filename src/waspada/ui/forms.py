"""Pieces shared by the forms of every domain."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from waspada.validation import INT64_MAX

# A native date picker on phones; ISO format so the browser understands the initial value.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceErrorsMixin(forms.Form):
    """Forms parse input; services validate. This shows a service's ValidationError on the
    fields it names (anything else as a form-wide error)."""

    def apply_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error)


class ModelIdsField(forms.ModelMultipleChoiceField):
    """Records chosen by id (checkboxes). An id no database column can hold is an invalid
    value here: Django would pass it on to an ``IN`` query, which overflows."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            text = str(pk).strip()
            if text.lstrip("-").isdigit() and not 1 <= int(text) <= INT64_MAX:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)
