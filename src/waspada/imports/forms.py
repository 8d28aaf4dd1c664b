"""The export form: it parses; ``imports.exporting.validate_export`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.cases.models import CaseStatus
from waspada.ui.forms import OfferedChoiceField, ServiceErrorsMixin, set_choices, text_field


class ExportForm(ServiceErrorsMixin):
    fmt = OfferedChoiceField(label=_("Format"), required=False, widget=forms.RadioSelect)
    status = OfferedChoiceField(label=_("Status kasus"), required=False)
    year = forms.IntegerField(label=_("Tahun didaftarkan"), required=False, min_value=2000)
    personal = forms.BooleanField(label=_("Sertakan data pribadi (nama, NIK, paspor, telepon, "
                                          "alamat, kontak keluarga)"), required=False)  # fmt: skip
    reason = text_field(
        _("Alasan mengekspor data pribadi"),
        300,
        rows=2,
        help_text=_("Wajib bila data pribadi disertakan; tercatat di jejak audit. "
                    "Jangan menulis data pribadi di sini."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "fmt", [("csv", "CSV"), ("xlsx", "XLSX (Excel)")])
        set_choices(self, "status", [("", _("Semua")), *CaseStatus.choices])
