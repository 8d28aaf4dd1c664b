"""Forms of the evidence pages. They parse and display; ``evidence.validation`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.evidence.models import EvidenceKind
from waspada.evidence.validation import HANDOVER_LIMITS, UPLOAD_LIMITS
from waspada.ui.forms import OfferedChoiceField, ValidatedForm, set_choices, text_field


class UploadForm(ValidatedForm):
    limits = UPLOAD_LIMITS
    mandatory = ("file", "kind")
    file = forms.FileField(
        label=_("Berkas"),
        required=False,
        allow_empty_file=True,  # the validator says so, with every other problem
        help_text=_(
            "Gambar, PDF, audio (termasuk pesan suara WhatsApp), video, TXT atau CSV. "
            "Program dan arsip (ZIP, RAR, APK, EXE) ditolak."
        ),
    )
    kind = OfferedChoiceField(label=_("Jenis bukti"), required=False)
    description = text_field(_("Keterangan"), rows=3, help_text=_("Disimpan terenkripsi."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "kind", EvidenceKind.choices)


class HandoverForm(ValidatedForm):
    limits = HANDOVER_LIMITS
    mandatory = ("recipient", "institution", "reason")
    recipient = text_field(_("Nama penerima"))
    institution = text_field(_("Instansi penerima"))
    reason = text_field(
        _("Alasan penyerahan"),
        rows=3,
        help_text=_("Nama penerima dan alasan disimpan terenkripsi."),
    )
