"""Pieces shared by the forms of every domain."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

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
