"""Forms of the case pages. They parse input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.cases import extensions, reference
from waspada.cases.models import CaseStatus
from waspada.ui.forms import DATE_WIDGET, ServiceErrorsMixin


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DATE_WIDGET)


class CaseForm(ServiceErrorsMixin):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    aliases = forms.CharField(label=_("Nama lain / panggilan"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("Jenis kelamin"))
    birth_date = _date(_("Tanggal lahir"))
    nik = forms.CharField(
        label=_("NIK"), max_length=24, required=False, help_text=_("16 angka, dari KTP atau KK")
    )
    passport_number = forms.CharField(label=_("Nomor paspor"), max_length=20, required=False)
    phone = forms.CharField(label=_("Nomor telepon / WhatsApp"), max_length=24, required=False)
    address = forms.CharField(
        label=_("Alamat"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    family_contact = forms.CharField(label=_("Kontak keluarga"), max_length=300, required=False)
    province_of_origin = forms.CharField(label=_("Provinsi asal"), max_length=80, required=False)
    regency_of_origin = forms.CharField(
        label=_("Kabupaten/kota asal"), max_length=80, required=False
    )
    education = forms.ChoiceField(label=_("Pendidikan terakhir"), required=False)
    destination_country = forms.ChoiceField(label=_("Negara tujuan"), required=False)
    destination_city = forms.CharField(label=_("Kota tujuan"), max_length=80, required=False)
    compound = forms.CharField(label=_("Nama kompleks / lokasi"), max_length=120, required=False)
    recruitment_channel = forms.ChoiceField(label=_("Direkrut lewat"), required=False)
    recruiter_relation = forms.ChoiceField(label=_("Hubungan dengan perekrut"), required=False)
    scam_typology = forms.ChoiceField(label=_("Jenis penipuan yang dipaksakan"), required=False)
    exploitation_types = forms.MultipleChoiceField(
        label=_("Jenis eksploitasi"), required=False, widget=forms.CheckboxSelectMultiple
    )
    means_of_control = forms.MultipleChoiceField(
        label=_("Cara pengendalian"), required=False, widget=forms.CheckboxSelectMultiple
    )
    recruited_on = _date(_("Tanggal direkrut"))
    departed_on = _date(_("Tanggal berangkat"))
    arrived_on = _date(_("Tanggal tiba di lokasi"))
    exited_on = _date(_("Tanggal keluar / diselamatkan"))
    returned_on = _date(_("Tanggal kembali ke rumah"))
    narrative = forms.CharField(
        label=_("Kronologi singkat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Disimpan terenkripsi. Tulis seperlunya."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        fields = self.fields
        fields["sex"].choices = [("", "—"), *reference.choices("sex")]  # type: ignore[attr-defined]
        for name, list_name in (
            ("education", "education"),
            ("recruitment_channel", "recruitment_channels"),
            ("recruiter_relation", "recruiter_relations"),
            ("scam_typology", "scam_typologies"),
        ):
            fields[name].choices = blank + reference.choices(list_name)  # type: ignore[attr-defined]
        fields["destination_country"].choices = (  # type: ignore[attr-defined]
            blank + reference.country_choices()
        )
        fields["exploitation_types"].choices = reference.choices(  # type: ignore[attr-defined]
            "exploitation_types"
        )
        fields["means_of_control"].choices = reference.choices(  # type: ignore[attr-defined]
            "means_of_control"
        )


class RegisterForm(CaseForm):
    consent_services = forms.BooleanField(label=_("Setuju menerima layanan"), required=False)
    consent_sharing = forms.BooleanField(
        label=_("Setuju datanya dibagikan ke organisasi lain untuk rujukan"), required=False
    )
    consent_statistics = forms.BooleanField(
        label=_("Setuju datanya dipakai untuk statistik tanpa identitas"), required=False
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Saya sudah memeriksa kemungkinan data ganda dan tetap ingin mendaftarkan"),
        required=False,
    )


class EditForm(CaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=CaseStatus.choices)


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(choices=[("services", ""), ("sharing", ""), ("statistics", "")])
    granted = forms.TypedChoiceField(choices=[("1", ""), ("0", "")], coerce=lambda v: v == "1")


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Cari (kode, NIK, paspor, telepon atau nama lengkap)"),
                        required=False)  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), required=False)
    destination = forms.ChoiceField(label=_("Negara tujuan"), required=False)
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    mine = forms.BooleanField(label=_("Hanya kasus saya"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for extra in extensions.list_filters():  # yes/no filters the satellites register
            self.fields[extra.name] = forms.BooleanField(label=extra.label, required=False)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", _("Semua")),
            *CaseStatus.choices,
        ]
        self.fields["destination"].choices = [  # type: ignore[attr-defined]
            ("", _("Semua")),
            *reference.country_choices(),
        ]
