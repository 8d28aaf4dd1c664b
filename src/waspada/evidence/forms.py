"""Forms of the evidence pages. Validation itself lives in ``validation`` and the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.evidence.models import EvidenceKind
from waspada.evidence.validation import DESCRIPTION_MAX
from waspada.ui.forms import ServiceErrorsMixin


class UploadForm(ServiceErrorsMixin):
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_(
            "Gambar, PDF, audio (termasuk pesan suara WhatsApp), video, TXT atau CSV. "
            "Program dan arsip (ZIP, RAR, APK, EXE) ditolak."
        ),
    )
    kind = forms.ChoiceField(label=_("Jenis bukti"), choices=EvidenceKind.choices)
    description = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Disimpan terenkripsi."),
    )


class HandoverForm(ServiceErrorsMixin):
    recipient = forms.CharField(label=_("Nama penerima"), max_length=200)
    institution = forms.CharField(label=_("Instansi penerima"), max_length=200)
    reason = forms.CharField(
        label=_("Alasan penyerahan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nama penerima dan alasan disimpan terenkripsi."),
    )
