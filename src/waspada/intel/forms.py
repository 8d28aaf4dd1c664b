"""Forms of the intelligence pages: they parse; services and selectors decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.intel.normalise import MAX_INPUT


class LookupForm(forms.Form):
    value = forms.CharField(
        label=_("Nomor, akun, tautan, rekening atau nama perusahaan"),
        max_length=MAX_INPUT,
        help_text=_(
            "Contoh: 0812-3456-7890, @loker.kamboja, t.me/agen, BCA 1234567890, PT Maju Jaya"
        ),
    )


class MergeForm(forms.Form):
    other = forms.IntegerField(label=_("Nomor jaringan yang digabung ke sini"), min_value=1)
    reason = forms.CharField(label=_("Alasan (jangan menyebut nama orang)"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class SplitForm(forms.Form):
    a = forms.IntegerField(widget=forms.HiddenInput)
    b = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Alasan"), max_length=2000)


class AttachForm(forms.Form):
    legal_case = forms.CharField(label=_("Kode perkara hukum"), max_length=20)
