"""Forms of the sharing pages. They parse and display; ``sharing.validation`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.sharing import reference
from waspada.sharing.models import ReleaseKind
from waspada.sharing.validation import PARTNER_MAX, PURPOSE_MAX, REASON_MAX
from waspada.ui.forms import (
    DATE_WIDGET,
    OfferedChoiceField,
    OfferedModelChoiceField,
    OfferedMultipleChoiceField,
    ValidatedForm,
    set_choices,
    set_queryset,
    text_field,
)

# The CTDC columns a release generalises by default (as ``waspada sharing`` on the command line)
DEFAULT_QUASI_IDENTIFIERS = ("year", "gender", "ageBroad", "citizenship", "CountryOfExploitation")
_NUMBER = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 8})
TABLE_LABELS = {
    "person": _("Orang (person)"),
    "victim": _("Korban (victim)"),
    "perpetrator": _("Pelaku (perpetrator)"),
    "case": _("Kasus (case)"),
    "event": _("Peristiwa (event)"),
    "support_plan": _("Rencana dukungan (support plan)"),
    "consent": _("Persetujuan (consent)"),
}
PERSONAL_LABELS = {
    "case_code": _("Kode kasus (tanpa itu: id samaran per rilis)"),
    "full_name": _("Nama lengkap"),
    "aliases": _("Nama lain"),
    "nik": _("NIK"),
    "passport_number": _("Nomor paspor"),
    "birth_date": _("Tanggal lahir"),
    "phone": _("Telepon"),
    "address": _("Alamat (dan kota kompleks)"),
}


class ReleaseRequestForm(ValidatedForm):
    limits = {"reason": REASON_MAX}
    mandatory = ("agreement", "kind")
    agreement = OfferedModelChoiceField(label=_("Perjanjian"), queryset=None, required=False)
    kind = OfferedChoiceField(label=_("Jenis rilis"), required=False, widget=forms.RadioSelect)
    year_from = forms.CharField(label=_("Tahun pendaftaran dari"), required=False, widget=_NUMBER)
    year_to = forms.CharField(label=_("sampai"), required=False, widget=_NUMBER)
    k = forms.CharField(
        label=_("k (ukuran kelompok terkecil)"), required=False, widget=_NUMBER,
        help_text=_("Khusus CTDC. Bawaan 11, seperti CTDC."),
    )  # fmt: skip
    quasi_identifiers = text_field(
        _("Quasi-identifier"),
    )  # help text set in __init__: the column names are shown as code, typed as they are
    epsilon = forms.CharField(
        label=_("Epsilon"), required=False, widget=_NUMBER,
        help_text=_("Khusus data sintetis: anggaran privasi yang dipakai (lebih kecil = lebih "
                    "privat)."),
    )  # fmt: skip
    tables = OfferedMultipleChoiceField(
        label=_("Tabel HTCDS"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Khusus HTCDS. Kosong: semua tabel yang diizinkan perjanjian."),
    )  # fmt: skip
    reason = text_field(_("Keperluan"), rows=3)

    def __init__(self, *args: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "agreement", agreements)
        self.fields["agreement"].empty_label = "—"  # type: ignore[attr-defined]
        set_choices(self, "kind", ReleaseKind.choices)
        set_choices(self, "tables", list(TABLE_LABELS.items()))
        self.fields["quasi_identifiers"].help_text = format_html(
            "{} {}",
            _("Khusus CTDC: nama kolom CTDC, dipisah koma. Bawaan:"),
            format_html_join(", ", "<code>{}</code>", ((c,) for c in DEFAULT_QUASI_IDENTIFIERS)),
        )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("agreement", None)
        return data


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), required=False, max_length=500)


class AgreementForm(ValidatedForm):
    limits = {"partner": PARTNER_MAX, "purpose": PURPOSE_MAX}
    mandatory = ("partner", "purpose", "kinds", "valid_from", "valid_to")
    partner = text_field(_("Mitra"))
    purpose = text_field(_("Tujuan"), rows=3)
    organisation = OfferedModelChoiceField(
        label=_("Organisasi pemilik data"), queryset=None, required=False,
        help_text=_("Kosong: perjanjian platform atas kasus semua organisasi."),
    )  # fmt: skip
    covered_organisations = OfferedMultipleChoiceField(
        label=_("Organisasi yang kasusnya dicakup (perjanjian platform)"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Khusus perjanjian platform. Kosong: kasus semua organisasi."),
    )  # fmt: skip
    kinds = OfferedMultipleChoiceField(
        label=_("Jenis rilis yang diizinkan"), required=False, widget=forms.CheckboxSelectMultiple
    )
    tables = OfferedMultipleChoiceField(
        label=_("Tabel HTCDS yang diizinkan"), required=False, widget=forms.CheckboxSelectMultiple
    )
    personal_fields = OfferedMultipleChoiceField(
        label=_("Data pribadi yang diizinkan (HTCDS)"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Biarkan kosong bila mitra tidak memerlukan identitas."),
    )  # fmt: skip
    valid_from = forms.DateField(label=_("Berlaku dari"), required=False, widget=DATE_WIDGET)
    valid_to = forms.DateField(label=_("Berlaku sampai"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "organisation", Organisation.objects.filter(is_active=True))
        self.fields["organisation"].empty_label = _(  # type: ignore[attr-defined]
            "— platform (semua organisasi) —"
        )
        set_choices(
            self, "covered_organisations",
            [(str(o.pk), o.name) for o in Organisation.objects.filter(is_active=True)],
        )  # fmt: skip
        set_choices(self, "kinds", ReleaseKind.choices)
        set_choices(self, "tables", [(t, TABLE_LABELS[t]) for t in reference.get("htcds_tables")])
        set_choices(
            self, "personal_fields",
            [(f, PERSONAL_LABELS[f]) for f in reference.get("htcds_personal_fields")],
        )  # fmt: skip
