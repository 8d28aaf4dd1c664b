"""Forms of the campaign pages. They parse and display; ``campaigns.validation`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.campaigns import reference
from waspada.campaigns.models import Campaign
from waspada.campaigns.validation import CAMPAIGN_FIELDS, MAX_LENGTHS
from waspada.ui.forms import (
    DATE_WIDGET,
    ModelIdsField,
    OfferedChoiceField,
    ServiceErrorsMixin,
    set_choices,
    set_queryset,
    text_field,
)

_BLANK = [("", "—")]
_COUNT_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 8})


class CampaignForm(ServiceErrorsMixin):
    """Every field is optional here: ``validate_campaign`` says what is missing or wrong,
    all at once (the template marks ``mandatory`` fields with *)."""

    mandatory = (
        "title", "channel", "province", "start_date", "end_date", "audience_type",
        "people_reached",
    )  # fmt: skip
    title = text_field(_("Judul"), MAX_LENGTHS["title"])
    channel = OfferedChoiceField(label=_("Saluran"))
    audience_type = OfferedChoiceField(label=_("Jenis sasaran"))
    province = OfferedChoiceField(label=_("Provinsi"))
    regency = text_field(_("Kabupaten/kota"), MAX_LENGTHS["regency"])
    start_date = forms.DateField(label=_("Tanggal mulai"), widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=DATE_WIDGET)
    people_reached = forms.CharField(label=_("Jumlah orang terjangkau"), widget=_COUNT_WIDGET)
    reached_female = forms.CharField(label=_("Perempuan (bila diketahui)"), widget=_COUNT_WIDGET)
    reached_male = forms.CharField(label=_("Laki-laki (bila diketahui)"), widget=_COUNT_WIDGET)
    materials = text_field(
        _("Materi yang dipakai"),
        MAX_LENGTHS["materials"],
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
        set_choices(self, "channel", _BLANK + reference.choices("channels"))
        set_choices(self, "audience_type", _BLANK + reference.choices("audience_types"))
        set_choices(self, "province", _BLANK + reference.choices("provinces"))
        set_queryset(self, "partners", Organisation.objects.filter(is_active=True))

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
        set_choices(self, "year", _BLANK + [(y, str(y)) for y in years])
        set_choices(self, "channel", _BLANK + reference.choices("channels"))
        set_choices(self, "province", _BLANK + reference.choices("provinces"))
