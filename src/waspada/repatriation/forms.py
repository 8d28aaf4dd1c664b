"""Forms of the repatriation pages. They parse input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases.selectors import is_owner_side
from waspada.repatriation import reference
from waspada.repatriation.selectors import responsible_organisations
from waspada.ui.forms import DATE_WIDGET, ServiceErrorsMixin


class StageForm(ServiceErrorsMixin):
    stage = forms.ChoiceField(
        label=_("Tahap berikutnya"),
        error_messages={
            "invalid_choice": _("Tahap ini tidak bisa dicatat sekarang. Pilih tahap berikutnya.")
        },
    )
    reached_on = forms.DateField(
        label=_("Tanggal tahap ini dicapai"),
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Tanggal tidak valid (format TTTT-BB-HH).")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisasi penanggung jawab"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": _("Organisasi tidak dikenal.")},
    )
    responsible_party = forms.CharField(
        label=_("Atau nama pihak penanggung jawab"),
        max_length=200,
        required=False,
        help_text=_("Misalnya KBRI Phnom Penh, BP3MI Jawa Barat"),
    )
    cost_idr = forms.IntegerField(
        label=_("Biaya (Rp)"),
        required=False,
        min_value=0,
        error_messages={"invalid": _("Biaya harus bilangan bulat dalam Rupiah, tanpa titik.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "step": "1"}),
    )
    cost_payer = forms.ChoiceField(label=_("Dibayar oleh"), required=False)
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Disimpan terenkripsi. Tulis seperlunya."),
    )

    def __init__(
        self,
        *args: Any,
        stages: list[reference.Stage],
        organisations: QuerySet[Organisation],
        own_organisation_only: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        if own_organisation_only:
            # Referral recipients record only the stages their own organisation handles.
            fields["organisation"].required = True
            fields["organisation"].initial = organisations.first()
        fields["stage"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((stage.code, stage.label) for stage in stages),
        ]
        fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        fields["cost_payer"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *reference.payer_choices(),
        ]


def stage_form_for(
    user: Any, case: Any, stages: list[reference.Stage], data: Any = None
) -> StageForm:
    """The form to record the next stage, with the organisations this user may name."""
    return StageForm(
        data,
        stages=stages,
        organisations=responsible_organisations(user, case),
        own_organisation_only=not is_owner_side(user, case),
    )
