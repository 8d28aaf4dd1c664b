"""Pieces shared by the forms of every domain."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from waspada.validation import INT64_MAX

# A native date picker on phones; ISO format so the browser understands the initial value.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def set_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    """Give a choice field of ``form`` its choices (read from reference data at run time)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = list(choices)


def set_queryset(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Give a model choice field of ``form`` the records it offers."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class OfferedChoiceField(forms.ChoiceField):
    """Choices offered for display; whether a value is allowed is the validator's to say
    (with its own message, next to every other problem)."""

    def valid_value(self, value: Any) -> bool:
        return True


class OfferedMultipleChoiceField(forms.MultipleChoiceField):
    """Checkboxes offered for display; the validator names unknown values."""

    def valid_value(self, value: Any) -> bool:
        return True


def text_field(label: Any, limit: int, *, rows: int = 0, help_text: Any = "") -> forms.CharField:
    """Free text, parsed only: the validator checks presence and ``limit`` (shown to the
    browser as ``maxlength``), so that every problem is reported at once."""
    attrs = {"maxlength": str(limit)}
    widget = forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs)
    return forms.CharField(label=label, required=False, widget=widget, help_text=help_text)


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
