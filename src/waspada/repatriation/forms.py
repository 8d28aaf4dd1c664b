"""Forms of the repatriation pages. They parse and display; ``repatriation.validation``
decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases.selectors import is_owner_side
from waspada.repatriation import reference
from waspada.repatriation.selectors import responsible_organisations
from waspada.repatriation.validation import STAGE_LIMITS
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


class StageForm(ValidatedForm):
    limits = STAGE_LIMITS
    mandatory: tuple[str, ...] = ("stage", "reached_on")
    stage = OfferedChoiceField(label=_("Tahap berikutnya"), required=False)
    reached_on = date_text_field(_("Tanggal tahap ini dicapai"))
    organisation = OfferedModelChoiceField(
        label=_("Organisasi penanggung jawab"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="—",
    )
    responsible_party = text_field(
        _("Atau nama pihak penanggung jawab"),
        help_text=_("Misalnya KBRI Phnom Penh, BP3MI Jawa Barat"),
    )
    cost_idr = forms.CharField(
        label=_("Biaya (Rp)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    cost_payer = OfferedChoiceField(label=_("Dibayar oleh"), required=False)
    note = text_field(_("Catatan"), rows=3, help_text=_("Disimpan terenkripsi. Tulis seperlunya."))

    def __init__(
        self,
        *args: Any,
        stages: list[reference.Stage],
        organisations: QuerySet[Organisation],
        own_organisation_only: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if own_organisation_only:
            # Referral recipients record only the stages their own organisation handles.
            self.mandatory = (*self.mandatory, "organisation")
            self.fields["organisation"].initial = organisations.first()
        set_choices(self, "stage", _BLANK + [(stage.code, stage.label) for stage in stages])
        set_queryset(self, "organisation", organisations)
        set_choices(self, "cost_payer", _BLANK + reference.payer_choices())


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
