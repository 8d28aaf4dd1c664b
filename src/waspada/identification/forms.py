"""Forms of the identification pages. They only shape input: the services validate it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.identification import indicators
from waspada.identification.models import DecidedStatus


class CodesField(forms.MultipleChoiceField):
    """Checked codes, passed on as given: the service names unknown ones with the others."""

    def valid_value(self, value: str) -> bool:
        return True


class InterviewForm(forms.Form):
    # Plain text fields: every check is the service's, so all errors are shown at once.
    interviewed_on = forms.CharField(
        label=_("Tanggal wawancara"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Kosongkan untuk hari ini."),
    )
    summary = forms.CharField(
        label=_("Ringkasan wawancara"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Disimpan terenkripsi. Tulis hanya yang perlu untuk keputusan."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for set_code in indicators.SETS:
            self.fields[set_code] = CodesField(
                label=indicators.set_info(set_code)["label"],
                required=False,
                choices=[(item["code"], item["label"]) for item in indicators.items(set_code)],
                widget=forms.CheckboxSelectMultiple,
            )

    def groups(self) -> list[dict[str, Any]]:
        """The checkbox groups, one per set, with each item's explanation and state."""
        groups = []
        for set_code in indicators.SETS:
            checked = (
                self[set_code].value() if self.is_bound else self.initial.get(set_code, [])
            ) or []
            groups.append(
                {
                    **indicators.set_info(set_code),
                    "errors": self.errors.get(set_code, []),
                    "items": [
                        {**item, "checked": item["code"] in checked}
                        for item in indicators.items(set_code)
                    ],
                }
            )
        return groups


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status yang diputuskan"),
        required=False,  # the service names a missing status with its own message
        choices=DecidedStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pilih status dari daftar.")},
    )
    reason = forms.CharField(
        label=_("Alasan keputusan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wajib. Disimpan terenkripsi."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk pemutus (bila menolak)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
