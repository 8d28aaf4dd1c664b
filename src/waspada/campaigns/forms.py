"""Forms of the campaign pages. They parse input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.campaigns import reference
from waspada.campaigns.models import Campaign
from waspada.campaigns.validation import CAMPAIGN_FIELDS
from waspada.ui.forms import DATE_WIDGET, ModelIdsField, ServiceErrorsMixin

_BLANK = [("", "—")]
_COUNT_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 8})


class CampaignForm(ServiceErrorsMixin):
    """Mandatory fields are checked by the service, not here, so that a bad submit shows
    every field's problem at once (the template still marks them with *)."""

    mandatory = (
        "title", "channel", "province", "start_date", "end_date", "audience_type",
        "people_reached",
    )  # fmt: skip
    title = forms.CharField(label=_("Judul"), max_length=200)
    channel = forms.ChoiceField(label=_("Saluran"))
    audience_type = forms.ChoiceField(label=_("Jenis sasaran"))
    province = forms.ChoiceField(label=_("Provinsi"))
    regency = forms.CharField(label=_("Kabupaten/kota"), max_length=80)
    start_date = forms.DateField(label=_("Tanggal mulai"), widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=DATE_WIDGET)
    people_reached = forms.CharField(
        label=_("Jumlah orang terjangkau"), max_length=12, widget=_COUNT_WIDGET
    )
    reached_female = forms.CharField(
        label=_("Perempuan (bila diketahui)"), max_length=12, widget=_COUNT_WIDGET
    )
    reached_male = forms.CharField(
        label=_("Laki-laki (bila diketahui)"), max_length=12, widget=_COUNT_WIDGET
    )
    materials = forms.CharField(
        label=_("Materi yang dipakai"),
        max_length=300,
        help_text=_("Misalnya: leaflet, video pendek, modul sosialisasi."),
    )
    partners = ModelIdsField(
        label=_("Organisasi mitra"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["channel"].choices = _BLANK + reference.choices("channels")  # type: ignore[attr-defined]
        self.fields["audience_type"].choices = _BLANK + reference.choices("audience_types")  # type: ignore[attr-defined]
        self.fields["province"].choices = _BLANK + reference.choices("provinces")  # type: ignore[attr-defined]
        self.fields["partners"].queryset = Organisation.objects.filter(is_active=True)  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, campaign: Campaign) -> dict[str, Any]:
        initial = {name: getattr(campaign, name) for name in CAMPAIGN_FIELDS}
        for name in ("people_reached", "reached_female", "reached_male"):
            initial[name] = "" if initial[name] is None else str(initial[name])
        initial["partners"] = list(campaign.partners.values_list("pk", flat=True))
        return {**initial, "version": campaign.version}

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in (*CAMPAIGN_FIELDS, "partners")}


class FilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    channel = forms.ChoiceField(label=_("Saluran"), required=False)
    province = forms.ChoiceField(label=_("Provinsi"), required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _BLANK + [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["channel"].choices = _BLANK + reference.choices("channels")  # type: ignore[attr-defined]
        self.fields["province"].choices = _BLANK + reference.choices("provinces")  # type: ignore[attr-defined]
