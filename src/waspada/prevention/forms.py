from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.prevention.models import ReviewLabel
from waspada.screening.errors import MAX_TEXT_CHARS


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Tempel teks lowongan atau pesan dari perekrut"),
        max_length=MAX_TEXT_CHARS,
        strip=True,
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "autocomplete": "off",
                "spellcheck": "false",
                "aria-describedby": "privasi",
            }
        ),
        error_messages={
            "required": _("Tempel dulu teks lowongan atau pesannya, lalu tekan Periksa."),
            "max_length": _(
                "Teks terlalu panjang: paling banyak %(limit_value)d karakter "
                "(sekarang %(show_value)d)."
            ),
        },
    )
    share = forms.BooleanField(
        label=_(
            "Saya setuju teks ini disimpan dan dibaca petugas Waspada untuk memperbaiki "
            "pemeriksaan. Hapus dulu nama, nomor KTP dan data pribadi Anda."
        ),
        required=False,
    )


class LabelForm(forms.Form):
    label = forms.ChoiceField(choices=ReviewLabel.choices)
