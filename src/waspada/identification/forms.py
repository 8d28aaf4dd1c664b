"""Forms of the identification pages. They only shape input: the services validate it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.identification import facts, indicators
from waspada.identification.models import DecidedStatus
from waspada.ui.forms import OfferedChoiceField


class CodesField(forms.MultipleChoiceField):
    """Checked codes, passed on as given: the service names unknown ones with the others."""

    def valid_value(self, value: str) -> bool:
        return True


class InterviewForm(forms.Form):
    # Plain text fields: every check is the service's, so all errors are shown at once.
    interviewed_on = forms.CharField(
        label=_("Tanggal wawancara"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Kosongkan untuk hari ini."),
    )
    summary = forms.CharField(
        label=_("Ringkasan wawancara"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Disimpan terenkripsi. Tulis hanya yang perlu untuk keputusan."),
    )
    recruiter_contacts = forms.CharField(
        label=_("Kontak perekrut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Satu per baris: nomor WA/telepon, akun Telegram/IG/TikTok, tautan, rekening "
            "(BCA 123…), dompet digital (DANA 0812…) atau nama perusahaan. Disimpan terenkripsi."
        ),
    )

    # The facts behind the conclusions (``identification.facts``).
    promised_job = forms.CharField(label=_("Pekerjaan yang dijanjikan"), required=False,
                                   help_text=_("Disimpan terenkripsi."))  # fmt: skip
    promised_pay_usd = forms.CharField(label=_("Gaji yang dijanjikan (USD per bulan)"),
                                       required=False)  # fmt: skip
    actual_job = forms.CharField(label=_("Pekerjaan yang sebenarnya"), required=False,
                                 help_text=_("Disimpan terenkripsi."))  # fmt: skip
    actual_pay_usd = forms.CharField(
        label=_("Gaji yang sebenarnya diterima (USD per bulan)"), required=False,
        help_text=_("Tulis 0 bila tidak dibayar."),
    )  # fmt: skip
    fees_paid_idr = forms.CharField(label=_("Biaya yang dibayar orang ini (Rp)"), required=False)
    fees_paid_to = OfferedChoiceField(label=_("Biaya dibayar kepada"), required=False)
    visa_type = OfferedChoiceField(label=_("Jenis visa saat berangkat"), required=False)
    exit_method = OfferedChoiceField(label=_("Cara keluar dari lokasi"), required=False)
    return_risks = CodesField(
        label=_("Risiko saat kembali"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        for field, list_name in facts.CHOICES:
            self.fields[field].choices = blank + facts.choices(list_name)  # type: ignore[attr-defined]
        self.fields["return_risks"].choices = facts.choices("return_risks")  # type: ignore[attr-defined]
        for set_code in indicators.SETS:
            self.fields[set_code] = CodesField(
                label=indicators.set_info(set_code)["label"],
                required=False,
                choices=[(item["code"], item["label"]) for item in indicators.items(set_code)],
                widget=forms.CheckboxSelectMultiple,
            )

    def groups(self) -> list[dict[str, Any]]:
        """The checkbox groups, one per set, with each item's explanation and state."""
        groups = []
        for set_code in indicators.SETS:
            checked = (
                self[set_code].value() if self.is_bound else self.initial.get(set_code, [])
            ) or []
            groups.append(
                {
                    **indicators.set_info(set_code),
                    "errors": self.errors.get(set_code, []),
                    "items": [
                        {**item, "checked": item["code"] in checked}
                        for item in indicators.items(set_code)
                    ],
                }
            )
        return groups


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status yang diputuskan"),
        required=False,  # the service names a missing status with its own message
        choices=DecidedStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pilih status dari daftar.")},
    )
    reason = forms.CharField(
        label=_("Alasan keputusan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wajib. Disimpan terenkripsi."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk pemutus (bila menolak)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
