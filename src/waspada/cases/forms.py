"""Forms of the case pages. They parse and display; ``cases.validation`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada import regions
from waspada.cases import extensions, reference
from waspada.cases.models import CaseStatus
from waspada.cases.validation import TEXT_LIMITS
from waspada.ui.forms import (
    DATE_WIDGET,
    OfferedChoiceField,
    OfferedMultipleChoiceField,
    ServiceErrorsMixin,
    set_choices,
    text_field,
)

_BLANK = [("", "—")]


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DATE_WIDGET)


def _text(label: Any, field: str, **kwargs: Any) -> forms.CharField:
    return text_field(label, TEXT_LIMITS[field], **kwargs)


def _codes(label: Any) -> OfferedMultipleChoiceField:
    return OfferedMultipleChoiceField(
        label=label, required=False, widget=forms.CheckboxSelectMultiple
    )


class CaseForm(ServiceErrorsMixin):
    """Every field is optional here: ``validate_case_fields`` says what is missing or wrong,
    all at once (the template marks ``mandatory`` fields with *)."""

    mandatory = ("full_name", "sex")
    full_name = _text(_("Nama lengkap"), "full_name")
    aliases = _text(_("Nama lain / panggilan"), "aliases")
    sex = OfferedChoiceField(label=_("Jenis kelamin"), required=False)
    birth_date = _date(_("Tanggal lahir"))
    nik = forms.CharField(label=_("NIK"), required=False, help_text=_("16 angka, dari KTP atau KK"))
    passport_number = forms.CharField(label=_("Nomor paspor"), required=False)
    phone = forms.CharField(label=_("Nomor telepon / WhatsApp"), required=False)
    address = _text(_("Alamat"), "address", rows=2)
    family_contact = _text(_("Kontak keluarga"), "family_contact")
    province_of_origin = OfferedChoiceField(label=_("Provinsi asal"), required=False)
    regency_of_origin = OfferedChoiceField(
        label=_("Kabupaten/kota asal"), required=False, help_text=_("Kode wilayah Kemendagri")
    )
    education = OfferedChoiceField(label=_("Pendidikan terakhir"), required=False)
    destination_country = OfferedChoiceField(label=_("Negara tujuan"), required=False)
    destination_city = _text(_("Kota tujuan"), "destination_city")
    compound = _text(_("Nama kompleks / lokasi"), "compound")
    recruitment_channel = OfferedChoiceField(label=_("Direkrut lewat"), required=False)
    recruiter_relation = OfferedChoiceField(label=_("Hubungan dengan perekrut"), required=False)
    scam_typology = OfferedChoiceField(label=_("Jenis penipuan yang dipaksakan"), required=False)
    exploitation_types = _codes(_("Jenis eksploitasi"))
    means_of_control = _codes(_("Cara pengendalian"))
    case_source = OfferedChoiceField(label=_("Kasus diterima dari"), required=False)
    recruitment_channels = _codes(_("Semua saluran perekrutan"))
    recruitment_place = _text(
        _("Tempat perekrutan"), "recruitment_place", help_text=_("Desa/kota, atau daring")
    )
    recruiter_kind = OfferedChoiceField(label=_("Jenis perekrut"), required=False)
    recruiter_agency = _text(_("Nama P3MI / perusahaan / agen"), "recruiter_agency")
    recruiter_licence = _text(
        _("Nomor izin P3MI (SIP3MI)"), "recruiter_licence", help_text=_("Hanya untuk P3MI berizin")
    )
    transit_countries = OfferedMultipleChoiceField(
        label=_("Negara transit"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Negara yang dilewati sebelum tiba di lokasi (Ctrl/Cmd untuk memilih lebih dari satu)"
        ),
    )
    exploitation_platforms = _codes(_("Platform yang dipakai untuk menipu / mengeksploitasi"))
    vulnerabilities = _codes(_("Kerentanan"))
    also_suspect = forms.BooleanField(
        label=_(
            "Korban ini juga dilaporkan atau disangka melakukan tindak pidana (kriminalitas paksa)"
        ),
        required=False,
        help_text=_(
            "Prinsip non-penghukuman: korban yang dipaksa melakukan tindak pidana tidak "
            "dipidana (UU 21/2007 Pasal 18)."
        ),
    )
    deceased = forms.BooleanField(label=_("Meninggal dunia"), required=False)
    recruited_on = _date(_("Tanggal direkrut"))
    departed_on = _date(_("Tanggal berangkat"))
    arrived_on = _date(_("Tanggal tiba di lokasi"))
    exited_on = _date(_("Tanggal keluar / diselamatkan"))
    returned_on = _date(_("Tanggal kembali ke rumah"))
    narrative = _text(
        _("Kronologi singkat"),
        "narrative",
        rows=5,
        help_text=_("Disimpan terenkripsi. Tulis seperlunya."),
    )
    recruiter_contacts = _text(
        _("Kontak perekrut"),
        "recruiter_contacts",
        rows=3,
        help_text=_(
            "Satu per baris: nomor WA/telepon, akun Telegram/IG/TikTok, tautan, rekening "
            "(BCA 123…), dompet digital (DANA 0812…) atau nama perusahaan. Disimpan terenkripsi."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "sex", _BLANK + reference.choices("sex"))
        for name, list_name in (
            ("education", "education"),
            ("recruitment_channel", "recruitment_channels"),
            ("recruiter_relation", "recruiter_relations"),
            ("scam_typology", "scam_typologies"),
            ("recruiter_kind", "recruiter_kinds"),
            ("case_source", "case_sources"),
        ):
            set_choices(self, name, _BLANK + reference.choices(list_name))
        set_choices(self, "destination_country", _BLANK + reference.country_choices())
        set_choices(self, "exploitation_types", reference.choices("exploitation_types"))
        set_choices(self, "means_of_control", reference.choices("means_of_control"))
        for name in ("recruitment_channels", "exploitation_platforms", "vulnerabilities"):
            set_choices(self, name, reference.choices(name))
        set_choices(self, "transit_countries", reference.country_choices())
        provinces = regions.provinces()
        regencies = [
            (name, regions.regencies(code)) for code, name in provinces
        ]  # grouped by province (an <optgroup> each)
        set_choices(self, "province_of_origin", _BLANK + provinces)
        set_choices(self, "regency_of_origin", _BLANK + regencies)
        for field in ("province_of_origin", "regency_of_origin"):
            # An old value typed before the codes stays offered, so saving the form does not
            # silently drop it; the validator asks for a choice from the list instead.
            bound = self.data.get(self.add_prefix(field)) if self.is_bound else None
            old = str(bound or self.initial.get(field) or "")
            if old and not (regions.is_province(old) or regions.regency_province(old)):
                field_choices = self.fields[field].choices  # type: ignore[attr-defined]
                set_choices(self, field, [*field_choices, (old, f"{old} ({_('teks lama')})")])


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
    confirm_nik = forms.BooleanField(
        label=_("Saya sudah memeriksa NIK dengan KTP/KK dan tetap ingin menyimpan"), required=False
    )


class EditForm(CaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm_nik = RegisterForm.base_fields["confirm_nik"]


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
        set_choices(self, "status", [("", _("Semua")), *CaseStatus.choices])
        set_choices(self, "destination", [("", _("Semua")), *reference.country_choices()])


class DuplicateCheckForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Tujuan pemeriksaan"))
    nik = forms.CharField(label=_("NIK"), required=False, max_length=32)
    passport_number = forms.CharField(label=_("Nomor paspor"), required=False, max_length=32)
    phone = forms.CharField(label=_("Nomor telepon"), required=False, max_length=32)
    full_name = forms.CharField(label=_("Nama lengkap"), required=False, max_length=200)
    birth_date = forms.DateField(
        label=_("Tanggal lahir (bersama nama)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),  # ISO for the browser
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "purpose", reference.choices("duplicate_check_purposes"))
