"""Filter forms of the dashboard and the annual report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada import regions
from waspada.accounts.models import Organisation
from waspada.reports.scope import MAX_SPAN, MAX_YEAR, MIN_YEAR, DashboardFilters
from waspada.ui.periods import last_complete_years

_BLANK = [("", "—")]


class DashboardForm(forms.Form):
    # The defaults are shown in the fields, so the period on screen matches the inputs.
    year_from = forms.IntegerField(
        label=_("Dari tahun"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR,
        initial=lambda: last_complete_years()[0],
    )  # fmt: skip
    year_to = forms.IntegerField(
        label=_("Sampai tahun"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR,
        initial=lambda: last_complete_years()[1],
    )  # fmt: skip
    organisation = forms.ModelChoiceField(
        label=_("Organisasi"), required=False, queryset=Organisation.objects.none(),
        empty_label=_("Semua organisasi"),
    )  # fmt: skip
    province = forms.ChoiceField(label=_("Provinsi"), required=False)

    def __init__(self, *args: Any, fixed_organisation: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("Semua provinsi")), *regions.provinces()]  # type: ignore[attr-defined]
        if fixed_organisation:
            del self.fields["organisation"]  # supervisors always see their own organisation
        else:
            self.fields["organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = last_complete_years()
        year_from = data.get("year_from") or start
        year_to = data.get("year_to") or end
        if year_from > year_to:
            self.add_error("year_to", _("Tahun akhir tidak boleh sebelum tahun awal."))
        elif year_to - year_from >= MAX_SPAN:
            self.add_error("year_to", _("Paling banyak 30 tahun sekaligus."))
        return data

    def filters(self) -> DashboardFilters:
        """The filters chosen, or the defaults when the form is not valid."""
        if not self.is_valid():
            return DashboardFilters()
        data = self.cleaned_data
        organisation = data.get("organisation")
        start, end = last_complete_years()
        return DashboardFilters(
            year_from=data.get("year_from") or start,
            year_to=data.get("year_to") or end,
            organisation=organisation.pk if organisation else None,
            province=data.get("province") or "",
        )


class AnnualForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=MIN_YEAR, max_value=MAX_YEAR)
