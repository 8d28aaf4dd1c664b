"""Forms of the assistance tab. They parse input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.assistance.models import GoalStatus, ServiceOutcome, ServiceStatus
from waspada.assistance.validation import DESCRIPTION_MAX, NOTE_MAX, SERVICE_NOTE_MAX
from waspada.cases import reference
from waspada.ui.forms import DATE_WIDGET, ServiceErrorsMixin

_ENCRYPTED = _("Disimpan terenkripsi. Tulis seperlunya.")


class GoalForm(ServiceErrorsMixin):
    description = forms.CharField(
        label=_("Sasaran"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_ENCRYPTED,
    )
    target_date = forms.DateField(label=_("Target tanggal"), required=False, widget=DATE_WIDGET)


class GoalEditForm(GoalForm):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class FollowUpForm(ServiceErrorsMixin):
    due_on = forms.DateField(label=_("Tanggal tindak lanjut"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Apa yang diperiksa"), max_length=NOTE_MAX, help_text=_ENCRYPTED)


class ServiceForm(ServiceErrorsMixin):
    service_type = forms.ChoiceField(label=_("Jenis layanan"))
    provider_organisation = forms.ModelChoiceField(
        label=_("Organisasi pemberi layanan"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label="—",
    )
    provider_name = forms.CharField(
        label=_("Atau nama pemberi layanan"),
        max_length=120,
        required=False,
        help_text=_("Misalnya rumah sakit atau rumah aman yang tidak ada di daftar."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    started_on = forms.DateField(label=_("Tanggal mulai"), required=False, widget=DATE_WIDGET)
    ended_on = forms.DateField(label=_("Tanggal selesai"), required=False, widget=DATE_WIDGET)
    outcome = forms.ChoiceField(label=_("Hasil"), choices=ServiceOutcome.choices, required=False)
    cost_idr = forms.CharField(
        label=_("Biaya (Rp)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("Bilangan bulat, boleh dengan titik ribuan: 1.500.000"),
    )
    note = forms.CharField(
        label=_("Catatan"),
        max_length=SERVICE_NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_ENCRYPTED,
    )

    def __init__(self, *args: Any, provider_locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_type"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *reference.choices("service_types"),
        ]
        if provider_locked:  # a referral recipient records its own services only
            del self.fields["provider_organisation"]


class ServiceEditForm(ServiceForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
