"""Forms of the assistance tab. They parse and display; ``assistance.validation`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.assistance.models import GoalStatus, ServiceOutcome, ServiceStatus
from waspada.assistance.validation import FOLLOW_UP_LIMITS, GOAL_LIMITS, SERVICE_LIMITS
from waspada.cases import reference
from waspada.ui.forms import (
    OfferedChoiceField,
    OfferedModelChoiceField,
    ValidatedForm,
    date_text_field,
    set_choices,
    set_queryset,
    text_field,
)

_BLANK = [("", "—")]
_ENCRYPTED = _("Disimpan terenkripsi. Tulis seperlunya.")


class GoalForm(ValidatedForm):
    limits = GOAL_LIMITS
    mandatory: tuple[str, ...] = ("description",)
    description = text_field(_("Sasaran"), rows=3, help_text=_ENCRYPTED)
    target_date = date_text_field(_("Target tanggal"))


class GoalEditForm(GoalForm):
    mandatory = ("description", "status")
    status = OfferedChoiceField(label=_("Status"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "status", GoalStatus.choices)


class FollowUpForm(ValidatedForm):
    limits = FOLLOW_UP_LIMITS
    mandatory = ("due_on", "note")
    due_on = date_text_field(_("Tanggal tindak lanjut"))
    note = text_field(_("Apa yang diperiksa"), help_text=_ENCRYPTED)


class ServiceForm(ValidatedForm):
    limits = SERVICE_LIMITS
    mandatory = ("service_type", "status")
    service_type = OfferedChoiceField(label=_("Jenis layanan"), required=False)
    provider_organisation = OfferedModelChoiceField(
        label=_("Organisasi pemberi layanan"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="—",
    )
    provider_name = text_field(
        _("Atau nama pemberi layanan"),
        help_text=_("Misalnya rumah sakit atau rumah aman yang tidak ada di daftar."),
    )
    status = OfferedChoiceField(label=_("Status"), required=False)
    started_on = date_text_field(_("Tanggal mulai"))
    ended_on = date_text_field(_("Tanggal selesai"))
    outcome = OfferedChoiceField(label=_("Hasil"), required=False)
    cost_idr = forms.CharField(
        label=_("Biaya (Rp)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("Bilangan bulat, boleh dengan titik ribuan: 1.500.000"),
    )
    note = text_field(_("Catatan"), rows=3, help_text=_ENCRYPTED)

    def __init__(self, *args: Any, provider_locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "service_type", _BLANK + reference.choices("service_types"))
        set_choices(self, "status", ServiceStatus.choices)
        set_choices(self, "outcome", ServiceOutcome.choices)
        if provider_locked:  # a referral recipient records its own services only
            del self.fields["provider_organisation"]
        else:
            organisations = Organisation.objects.filter(is_active=True).order_by("name")
            set_queryset(self, "provider_organisation", organisations)


class ServiceEditForm(ServiceForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
