"""Forms of the public report pages. They parse input; ``validation`` decides (and names the
field of every problem), so the pages and the API refuse the same things."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.campaigns import reference as campaign_reference
from waspada.cases import reference as case_reference
from waspada.lapor import files, reference
from waspada.lapor.models import Priority, ReportKind
from waspada.ui.forms import ServiceErrorsMixin

# Where Indonesians are most often trapped (Kemlu's figures): listed first in the country list.
COMMON_COUNTRIES = ("KH", "MM", "LA", "PH", "TH", "MY", "VN")
HONEYPOT = "website_url"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (the browser's own picker, no script)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,.pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def country_choices() -> list[Any]:
    names = dict(case_reference.country_choices())
    common = [(code, names[code]) for code in COMMON_COUNTRIES if code in names]
    return [
        ("", _("— tidak tahu —")),
        (_("Paling sering"), common),
        (_("Semua negara"), case_reference.country_choices()),
    ]


class ReportForm(ServiceErrorsMixin):
    """What every kind of report asks: the story, files, and how to reach the reporter."""

    kind = ""
    description = forms.CharField(
        label=_("Ceritakan apa yang terjadi (wajib)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,  # the service says what is missing, in plain words
    )
    attachments = MultipleFileField(
        label=_("Tangkapan layar, foto atau PDF (boleh dikosongkan)"),
        required=False,
        help_text=_(
            "Paling banyak 3 berkas, masing-masing paling besar %(mb)d MB. Lokasi GPS dan data "
            "lain di dalam foto dihapus sebelum disimpan."
        ),
    )
    reporter_relation = forms.ChoiceField(label=_("Siapa Anda bagi orang ini?"), required=False)
    reporter_name = forms.CharField(label=_("Nama Anda"), required=False)
    reporter_contact = forms.CharField(
        label=_("Nomor HP/WhatsApp atau surel Anda"),
        required=False,
        help_text=_("Supaya petugas bisa menghubungi Anda. Tidak wajib."),
    )
    reporter_province = forms.ChoiceField(label=_("Provinsi tempat tinggal Anda"), required=False)
    anonymous = forms.BooleanField(
        label=_(
            "Saya tidak mau memberi nama dan kontak. Saya akan melihat kabar dengan kode dan PIN."
        ),
        required=False,
    )
    submission = forms.CharField(widget=forms.HiddenInput, required=False)
    website_url = forms.CharField(
        label=_("Jangan diisi"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = str(self.fields["attachments"].help_text) % {
            "mb": files.max_file_bytes() // (1024 * 1024)
        }
        self.fields["reporter_relation"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *reference.choices("relations"),
        ]
        self.fields["reporter_province"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *campaign_reference.choices("provinces"),
        ]
        if not self.is_bound:
            self.initial.setdefault("submission", secrets.token_urlsafe(18))

    def apply_errors(self, error: Any) -> None:
        """The service names attachments ``files`` and contacts ``recruiter_contacts``."""
        if hasattr(error, "error_dict"):
            for field, shown in (("files", "attachments"), ("recruiter_contacts", "")):
                if field in error.error_dict and field not in self.fields:
                    target = shown or self.contact_field
                    error.error_dict[target] = error.error_dict.pop(field)
        super().apply_errors(error)

    contact_field = "description"

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def report_data(self) -> dict[str, Any]:
        """The cleaned fields as the service takes them."""
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("attachments", "submission", HONEYPOT)
        }
        data["kind"] = self.kind
        return data


class SosForm(ReportForm):
    kind = ReportKind.SOS
    person_name = forms.CharField(label=_("Nama orang itu"), required=False)
    person_age_or_year = forms.CharField(
        label=_("Umur atau tahun lahirnya"),
        required=False,
        help_text=_("Misalnya 24 atau 2001. Kosongkan jika tidak tahu."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    person_sex = forms.ChoiceField(
        label=_("Jenis kelamin"),
        required=False,
        choices=[("", "—"), ("female", _("Perempuan")), ("male", _("Laki-laki")),
                 ("unknown", _("Tidak tahu"))],
    )  # fmt: skip
    person_phone = forms.CharField(
        label=_("Nomor HP/WhatsApp orang itu"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    person_contacts = forms.CharField(
        label=_("Akun Telegram, Facebook atau lainnya"), required=False
    )
    country = forms.ChoiceField(label=_("Negara"), required=False)
    city = forms.CharField(label=_("Kota atau daerah"), required=False)
    place = forms.CharField(label=_("Nama gedung, kompleks atau perusahaan"), required=False)
    landmark = forms.CharField(label=_("Patokan di dekatnya"), required=False)
    location_link = forms.CharField(
        label=_("Tautan lokasi (Google Maps atau lokasi yang dibagikan)"), required=False
    )
    since = forms.CharField(
        label=_("Sejak kapan ia di sana atau tidak bisa pulang?"),
        required=False,
        help_text=_("Misalnya: sejak Maret 2026, atau 3 minggu lalu."),
    )
    situations = forms.MultipleChoiceField(
        label=_("Centang semua yang terjadi padanya:"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]
        self.fields["situations"].choices = reference.choices("situations")  # type: ignore[attr-defined]
        self.fields["description"].help_text = _(
            "Apa yang Anda ketahui: bagaimana ia berangkat, kabar terakhir, apa yang diminta."
        )

    def report_data(self) -> dict[str, Any]:
        data = super().report_data()
        number = str(data.pop("person_age_or_year", "") or "").strip()
        if number.isdigit() and int(number) >= 1900:
            data["person_birth_year"] = number
        elif number:
            data["person_age"] = number
        return data

    def apply_errors(self, error: Any) -> None:
        if hasattr(error, "error_dict"):
            for field in ("person_age", "person_birth_year"):
                if field in error.error_dict:
                    error.error_dict["person_age_or_year"] = error.error_dict.pop(field)
        super().apply_errors(error)


class OfferForm(ReportForm):
    kind = ReportKind.SUSPICIOUS_OFFER
    contact_field = "recruiter_links"
    recruiter_phone = forms.CharField(
        label=_("Nomor HP/WhatsApp perekrut"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    recruiter_links = forms.CharField(
        label=_("Akun media sosial atau tautan perekrut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu per baris, misalnya @loker.kamboja atau t.me/lokerluarnegeri."),
    )
    recruiter_accounts = forms.CharField(
        label=_("Rekening bank atau dompet digital yang diminta"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu per baris, misalnya BCA 1234567890 atau DANA 0812…"),
    )
    company = forms.CharField(label=_("Nama perusahaan yang disebut"), required=False)
    seen_on = forms.ChoiceField(label=_("Di mana Anda melihat tawaran ini?"), required=False)
    country = forms.ChoiceField(label=_("Negara tujuan yang ditawarkan"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].label = _(
            "Tempel teks lowongan atau pesan dari perekrut (wajib)"
        )
        self.fields["seen_on"].choices = [("", "—"), *reference.choices("seen_on")]  # type: ignore[attr-defined]
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]
        self.fields["reporter_relation"].label = _("Siapa yang ditawari?")

    def report_data(self) -> dict[str, Any]:
        data = super().report_data()
        recruiter: list[Any] = []
        phone = data.pop("recruiter_phone", "").strip()
        if phone:
            recruiter.append(("phone", phone))
        recruiter += [line for line in data.pop("recruiter_links", "").splitlines()]
        recruiter += [("account", line) for line in data.pop("recruiter_accounts", "").splitlines()]
        data["recruiter_contacts"] = recruiter
        return data


class OtherForm(ReportForm):
    kind = ReportKind.OTHER
    country = forms.ChoiceField(label=_("Negara, jika di luar negeri"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]
        self.fields["reporter_relation"].label = _("Tentang siapa laporan ini?")


FORMS: dict[str, type[ReportForm]] = {
    ReportKind.SOS: SosForm,
    ReportKind.SUSPICIOUS_OFFER: OfferForm,
    ReportKind.OTHER: OtherForm,
}


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("Kode laporan"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": _("Tulis kode laporan Anda.")},
    )
    pin = forms.CharField(
        label=_("PIN"),
        max_length=12,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Tulis PIN 6 angka Anda.")},
    )


class QueueForm(forms.Form):
    view = forms.ChoiceField(
        label=_("Tampilkan"),
        required=False,
        choices=[
            ("open", _("Belum selesai")),
            ("received", _("Belum diambil")),
            ("mine", _("Yang saya tangani")),
            ("referred", _("Dirujuk ke organisasi saya")),
            ("closed", _("Sudah ditutup")),
        ],
    )
    kind = forms.ChoiceField(label=_("Jenis"), required=False)
    priority = forms.ChoiceField(label=_("Prioritas"), required=False)
    contact = forms.CharField(
        label=_("Cari kontak perekrut (nomor, rekening, akun, tautan)"),
        required=False,
        max_length=300,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Semua")), *ReportKind.choices]  # type: ignore[attr-defined]
        self.fields["priority"].choices = [("", _("Semua")), *Priority.choices]  # type: ignore[attr-defined]


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Pesan"), widget=forms.Textarea(attrs={"rows": 3}))
    to_reporter = forms.BooleanField(required=False)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            ("intelligence", ""),
            ("duplicate", ""),
            ("not_actionable", ""),
            ("referral", ""),
        ]
    )
    duplicate_of = forms.CharField(required=False, max_length=40)
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    offering = forms.IntegerField(required=False)
