from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases import reference


class ReferralForm(forms.Form):
    service_type = forms.ChoiceField(label=_("Layanan yang dibutuhkan"))
    to_organisation = forms.ModelChoiceField(
        label=_("Rujuk ke organisasi"), queryset=Organisation.objects.none()
    )
    override_reason = forms.CharField(
        label=_("Alasan darurat (hanya supervisor, jika belum ada persetujuan berbagi data)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, own_organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_type"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *reference.choices("service_types"),
        ]
        target = self.fields["to_organisation"]
        target.queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        ).exclude(pk=own_organisation_id)
        target.label_from_instance = lambda org: org.name  # type: ignore[attr-defined]
