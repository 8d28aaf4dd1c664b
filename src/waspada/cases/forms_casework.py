"""Forms of hand-over, notes, closure and assignment. They parse and display; the services
(``transfers``, ``casenotes``, ``closure``, ``case_assign``) decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases import reference
from waspada.cases.casenotes import TEXT_LIMIT
from waspada.cases.closure import SUMMARY_LIMIT
from waspada.cases.transfers import NOTE_LIMIT
from waspada.ui.forms import (
    OfferedChoiceField,
    OfferedMultipleChoiceField,
    ServiceErrorsMixin,
    set_choices,
    text_field,
)


class TransferForm(ServiceErrorsMixin):
    to_organisation = OfferedChoiceField(label=_("Diserahkan kepada"), required=False)
    items = OfferedMultipleChoiceField(
        label=_("Yang diserahkan"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = text_field(_("Catatan serah terima"), NOTE_LIMIT, rows=3)

    def __init__(self, *args: Any, owner_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Organisation.objects.filter(is_active=True).exclude(pk=owner_id)
        set_choices(self, "to_organisation", [("", "—")] + [(o.pk, o.name) for o in others])
        set_choices(self, "items", reference.choices("handover_items"))
        if not self.is_bound:
            self.initial.setdefault("items", ["case_file"])


class NoteForm(ServiceErrorsMixin):
    text = text_field(_("Catatan"), TEXT_LIMIT, rows=4)
    confidential = forms.BooleanField(
        label=_("Rahasia: hanya organisasi saya yang bisa membaca"), required=False
    )


class CloseForm(ServiceErrorsMixin):
    reason = OfferedChoiceField(label=_("Alasan penutupan"), required=False)
    summary = text_field(_("Ringkasan penutupan"), SUMMARY_LIMIT, rows=5)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "reason", [("", "—")] + reference.choices("closure_reasons"))


class AssignForm(forms.Form):
    users = forms.MultipleChoiceField(
        label=_("Petugas"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: list[tuple[Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "users", choices)
