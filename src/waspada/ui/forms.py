"""Pieces shared by the forms of every domain."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

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


def date_text_field(label: Any, *, help_text: Any = "") -> forms.CharField:
    """A date picked in the browser (ISO ``YYYY-MM-DD``), passed on as text: the validator
    parses it, so a bad date is reported with every other problem, in the validator's words."""
    return forms.CharField(label=label, required=False, widget=DATE_WIDGET, help_text=help_text)


class OfferedModelChoiceField(forms.ModelChoiceField):
    """Records offered for display (``set_queryset``); the chosen id is passed on as given,
    for the validator to look up and, when it is not one it accepts, refuse in its words.
    ``label_attribute`` names what each record is shown by (default: the record itself)."""

    def __init__(self, *args: Any, label_attribute: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label_attribute = label_attribute

    def label_from_instance(self, obj: Any) -> str:
        if self.label_attribute:
            return str(getattr(obj, self.label_attribute))
        return super().label_from_instance(obj)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        return str(value).strip()


def text_field(
    label: Any, limit: int | None = None, *, rows: int = 0, help_text: Any = ""
) -> forms.CharField:
    """Free text, parsed only: the validator checks presence and length, so that every
    problem is reported at once. ``limit`` is shown to the browser as ``maxlength``; a
    ``ValidatedForm`` leaves it out and takes it from its validator's table instead."""
    attrs = {"maxlength": str(limit)} if limit is not None else {}
    widget = forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs)
    return forms.CharField(label=label, required=False, widget=widget, help_text=help_text)


def labelled_messages(form: forms.BaseForm, errors: Mapping[str, Iterable[Any]]) -> list[str]:
    """Each problem as one line, named by the label of the form's field when it has one (for
    pages that show problems as messages rather than under the fields)."""
    lines = []
    for field, messages in errors.items():
        label = form.fields[field].label if field in form.fields else ""
        lines += [f"{label}: {message}" if label else str(message) for message in messages]
    return lines


class ServiceErrorsMixin(forms.Form):
    """Forms parse input; services validate. This shows a service's ValidationError on the
    fields it names (anything else as a form-wide error)."""

    def apply_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error)


class ValidatedForm(ServiceErrorsMixin):
    """A form that parses and displays only; the entity's validator decides everything else.

    ``limits`` is the validator's own table of text lengths: each field named there gets its
    limit as ``maxlength`` when the form is built, so a limit is written in one place.
    ``mandatory`` fields are marked with * by the templates; the validator says when one is
    missing, next to every other problem (so the form's fields are not ``required``).
    """

    limits: ClassVar[Mapping[str, int]] = {}
    mandatory: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, limit in self.limits.items():
            if name in self.fields:
                self.fields[name].widget.attrs["maxlength"] = str(limit)


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


class ReasonForm(ServiceErrorsMixin):
    """The one field of a confirmation step that needs a reason (voiding a record entered by
    mistake, closing a case...). The service says when it is missing, in its words."""

    mandatory: tuple[str, ...] = ("reason",)

    def __init__(
        self, *args: Any, label: Any, limit: int = 1000, help_text: Any = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"] = text_field(label, limit, rows=3, help_text=help_text)
