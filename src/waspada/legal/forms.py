"""Forms of the legal-case pages. They parse and display; ``legal.validation`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases import reference as case_reference
from waspada.legal import reference
from waspada.legal.models import Stage, SuspectRole, Verdict
from waspada.legal.validation import HEARING_LIMITS, STAGE_LIMITS, SUSPECT_LIMITS, TEXT_LIMITS
from waspada.ui.forms import (
    OfferedChoiceField,
    ServiceErrorsMixin,
    ValidatedForm,
    date_text_field,
    set_choices,
    text_field,
)

_BLANK = [("", "—")]


def _amount(label: Any) -> forms.CharField:
    """A whole number as typed (``1.500.000`` too): the validator reads it."""
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    return forms.CharField(label=label, required=False, widget=widget)


class LegalCaseForm(ValidatedForm):
    limits = TEXT_LIMITS
    mandatory = ("title",)
    title = text_field(_("Judul perkara"))
    police_report_number = text_field(_("Nomor laporan polisi"))
    police_unit = text_field(_("Kesatuan polisi"))
    police_report_date = date_text_field(_("Tanggal laporan polisi"))
    court = text_field(_("Pengadilan"))
    verdict = OfferedChoiceField(label=_("Putusan"), required=False)
    verdict_date = date_text_field(_("Tanggal putusan"))
    sentence_months = _amount(_("Pidana penjara (bulan)"))
    fine_idr = _amount(_("Denda (Rp)"))
    restitution_requested_idr = _amount(_("Restitusi dimohonkan (Rp)"))
    restitution_requested_on = date_text_field(_("Tanggal permohonan restitusi"))
    restitution_awarded_idr = _amount(_("Restitusi diputus (Rp)"))
    restitution_awarded_on = date_text_field(_("Tanggal restitusi diputus"))
    restitution_paid_idr = _amount(_("Restitusi dibayar (Rp)"))
    restitution_paid_on = date_text_field(_("Tanggal restitusi dibayar"))
    lpsk_requested = forms.BooleanField(label=_("Perlindungan LPSK dimohonkan"), required=False)
    lpsk_granted = forms.BooleanField(label=_("Perlindungan LPSK diberikan"), required=False)
    legal_aid_provider = text_field(_("Pemberi bantuan hukum"))
    lawyer = text_field(_("Advokat / pendamping hukum"))
    notes = text_field(_("Catatan"), rows=4, help_text=_("Disimpan terenkripsi. Tulis seperlunya."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "verdict", Verdict.choices)


class LegalCaseEditForm(LegalCaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class StageForm(ValidatedForm):
    limits = STAGE_LIMITS
    mandatory = ("to_stage", "reason")
    to_stage = OfferedChoiceField(label=_("Pindah ke tahap"), required=False)
    reason = text_field(_("Alasan"), rows=3, help_text=_("Disimpan terenkripsi."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, targets: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = Stage.values if targets is None else targets
        set_choices(self, "to_stage", [(stage, Stage(stage).label) for stage in offered])


class ChargeForm(ValidatedForm):
    mandatory = ("article_key",)
    article_key = OfferedChoiceField(label=_("Pasal"), required=False)
    offence_date = date_text_field(_("Tanggal tindak pidana"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "article_key", _BLANK + reference.article_choices())


class SuspectForm(ValidatedForm):
    limits = SUSPECT_LIMITS
    mandatory = ("full_name", "role")
    full_name = text_field(_("Nama tersangka"))
    aliases = text_field(_("Nama lain / panggilan"))
    nationality = OfferedChoiceField(label=_("Kewarganegaraan"), required=False)
    identifiers = text_field(_("Identitas (NIK, paspor, nomor telepon, akun)"), rows=2)
    role = OfferedChoiceField(label=_("Peran dalam perdagangan orang"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "nationality", _BLANK + case_reference.country_choices())
        set_choices(self, "role", _BLANK + SuspectRole.choices)


class HearingForm(ValidatedForm):
    limits = HEARING_LIMITS
    mandatory = ("scheduled_at", "court", "agenda")
    # A moment picked in the browser, passed on as text for the validator to read.
    scheduled_at = forms.CharField(
        label=_("Tanggal dan jam sidang"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    court = text_field(_("Pengadilan"))
    agenda = text_field(_("Agenda"))


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
        set_choices(self, "stage", [("", _("Semua")), *Stage.choices])


class YearRangeForm(forms.Form):
    year_from = forms.IntegerField(label=_("Dari tahun"), min_value=2000, max_value=2100)
    year_to = forms.IntegerField(label=_("Sampai tahun"), min_value=2000, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            self.add_error("year_to", _("Tahun akhir harus sama atau setelah tahun awal."))
        return data
