"""Forms of the legal-case pages. They parse input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases import reference as case_reference
from waspada.legal import reference
from waspada.legal.models import Stage, SuspectRole, Verdict
from waspada.ui.forms import DATE_WIDGET, ServiceErrorsMixin


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DATE_WIDGET)


def _amount(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0)


def _text(label: Any, max_length: int) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False)


class LegalCaseForm(ServiceErrorsMixin):
    title = forms.CharField(label=_("Judul perkara"), max_length=200)
    police_report_number = _text(_("Nomor laporan polisi"), 80)
    police_unit = _text(_("Kesatuan polisi"), 120)
    police_report_date = _date(_("Tanggal laporan polisi"))
    court = _text(_("Pengadilan"), 120)
    verdict = forms.ChoiceField(label=_("Putusan"), required=False, choices=Verdict.choices)
    verdict_date = _date(_("Tanggal putusan"))
    sentence_months = _amount(_("Pidana penjara (bulan)"))
    fine_idr = _amount(_("Denda (Rp)"))
    restitution_requested_idr = _amount(_("Restitusi dimohonkan (Rp)"))
    restitution_requested_on = _date(_("Tanggal permohonan restitusi"))
    restitution_awarded_idr = _amount(_("Restitusi diputus (Rp)"))
    restitution_awarded_on = _date(_("Tanggal restitusi diputus"))
    restitution_paid_idr = _amount(_("Restitusi dibayar (Rp)"))
    restitution_paid_on = _date(_("Tanggal restitusi dibayar"))
    lpsk_requested = forms.BooleanField(label=_("Perlindungan LPSK dimohonkan"), required=False)
    lpsk_granted = forms.BooleanField(label=_("Perlindungan LPSK diberikan"), required=False)
    legal_aid_provider = _text(_("Pemberi bantuan hukum"), 200)
    lawyer = _text(_("Advokat / pendamping hukum"), 200)
    notes = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Disimpan terenkripsi. Tulis seperlunya."),
    )


class LegalCaseEditForm(LegalCaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class StageForm(ServiceErrorsMixin):
    to_stage = forms.ChoiceField(label=_("Pindah ke tahap"), choices=Stage.choices)
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Disimpan terenkripsi."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, targets: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if targets is not None:
            self.fields["to_stage"].choices = [  # type: ignore[attr-defined]
                (stage, Stage(stage).label) for stage in targets
            ]


class ChargeForm(ServiceErrorsMixin):
    article_key = forms.ChoiceField(label=_("Pasal"))
    offence_date = _date(_("Tanggal tindak pidana"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article_key"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *reference.article_choices(),
        ]


class SuspectForm(ServiceErrorsMixin):
    full_name = forms.CharField(label=_("Nama tersangka"), max_length=200)
    aliases = _text(_("Nama lain / panggilan"), 200)
    nationality = forms.ChoiceField(label=_("Kewarganegaraan"), required=False)
    identifiers = forms.CharField(
        label=_("Identitas (NIK, paspor, nomor telepon, akun)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    role = forms.ChoiceField(label=_("Peran dalam perdagangan orang"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *case_reference.country_choices(),
        ]
        self.fields["role"].choices = [("", "—"), *SuspectRole.choices]  # type: ignore[attr-defined]


class HearingForm(ServiceErrorsMixin):
    scheduled_at = forms.DateTimeField(
        label=_("Tanggal dan jam sidang"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    court = forms.CharField(label=_("Pengadilan"), max_length=120)
    agenda = forms.CharField(label=_("Agenda"), max_length=160)


class LinkVictimForm(ServiceErrorsMixin):
    case_code = forms.CharField(label=_("Kode kasus korban"), max_length=20)


class ShareForm(ServiceErrorsMixin):
    organisation = forms.ModelChoiceField(
        label=_("Organisasi"), queryset=Organisation.objects.filter(is_active=True)
    )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Cari kode perkara"), required=False)
    stage = forms.ChoiceField(label=_("Tahap"), required=False)
    year = forms.IntegerField(
        label=_("Tahun laporan polisi"), required=False, min_value=2000, max_value=2100
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("Semua")), *Stage.choices]  # type: ignore[attr-defined]


class YearRangeForm(forms.Form):
    year_from = forms.IntegerField(label=_("Dari tahun"), min_value=2000, max_value=2100)
    year_to = forms.IntegerField(label=_("Sampai tahun"), min_value=2000, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            self.add_error("year_to", _("Tahun akhir harus sama atau setelah tahun awal."))
        return data
