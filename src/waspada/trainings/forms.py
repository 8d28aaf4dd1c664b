"""Forms of the training pages. They parse and display; ``trainings.validation`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.trainings import reference
from waspada.trainings.models import Training
from waspada.trainings.validation import MAX_LENGTHS
from waspada.ui.forms import (
    DATE_WIDGET,
    OfferedChoiceField,
    OfferedMultipleChoiceField,
    ServiceErrorsMixin,
    set_choices,
    set_queryset,
    text_field,
)

_BLANK = [("", "—")]
_SCORE_WIDGET = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6})


class _Form(ServiceErrorsMixin):
    """Fields in ``mandatory`` are checked by the service, not here, so that a bad submit
    shows every field's problem at once (the template still marks them with *)."""

    mandatory: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.mandatory:
            self.fields[name].required = False


class TrainingForm(_Form):
    mandatory = ("title", "topic", "start_date", "end_date")
    title = text_field(_("Judul"), MAX_LENGTHS["title"])
    topic = OfferedChoiceField(label=_("Topik"))
    start_date = forms.DateField(label=_("Tanggal mulai"), widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=DATE_WIDGET)
    province = text_field(_("Provinsi"), MAX_LENGTHS["province"])
    city = text_field(_("Kabupaten/kota"), MAX_LENGTHS["city"])
    target_institution_types = OfferedMultipleChoiceField(
        label=_("Sasaran jenis instansi"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = text_field(
        _("Catatan"),
        MAX_LENGTHS["notes"],
        rows=4,
        help_text=_("Tentang pelatihannya saja. Jangan tulis nama atau data pribadi peserta."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "topic", _BLANK + reference.choices("topics"))
        set_choices(self, "target_institution_types", reference.choices("institution_types"))

    @classmethod
    def initial_for(cls, training: Training) -> dict[str, Any]:
        names = [name for name in cls.base_fields if name != "version"]
        return {**{name: getattr(training, name) for name in names}, "version": training.version}


class ParticipantForm(_Form):
    mandatory = ("institution_type", "sex")
    institution_type = OfferedChoiceField(label=_("Jenis instansi"))
    institution_name = text_field(
        _("Nama instansi"),
        MAX_LENGTHS["institution_name"],
        help_text=_("Misalnya: Polda Jawa Barat, Kejari Cianjur."),
    )
    role = text_field(_("Jabatan / peran"), MAX_LENGTHS["role"])
    sex = OfferedChoiceField(label=_("Jenis kelamin"))
    attended = forms.BooleanField(label=_("Hadir"), required=False, initial=True)
    pre_score = forms.CharField(
        label=_("Nilai pre-test (0–100)"), required=False, widget=_SCORE_WIDGET
    )
    post_score = forms.CharField(
        label=_("Nilai post-test (0–100)"), required=False, widget=_SCORE_WIDGET
    )
    certificate_name = text_field(
        _("Nama untuk sertifikat (tidak wajib)"),
        MAX_LENGTHS["certificate_name"],
        help_text=_("Isi hanya bila sertifikat perlu nama. Disimpan terenkripsi."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "institution_type", _BLANK + reference.choices("institution_types"))
        set_choices(self, "sex", _BLANK + reference.choices("sex"))
        if editing:
            self.fields["certificate_name"].help_text = _(
                "Nama yang tersimpan tidak ditampilkan. Kosongkan untuk tidak mengubahnya."
            )
            self.fields["remove_name"] = forms.BooleanField(
                label=_("Hapus nama yang tersimpan"), required=False
            )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_(
            "Baris pertama berisi nama kolom: institution_type, institution_name, role, sex, "
            "attended, pre_score, post_score. CSV: pemisah koma atau titik koma. XLSX: hanya "
            "lembar pertama yang dibaca."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class FilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label=_("Topik"), required=False)
    organiser = forms.ModelChoiceField(
        label=_("Penyelenggara"), required=False, queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "year", _BLANK + [(y, str(y)) for y in years])
        set_choices(self, "topic", _BLANK + reference.choices("topics"))
        organisers = Training.objects.values("organiser_id")
        set_queryset(self, "organiser", Organisation.objects.filter(pk__in=organisers))


class ResultsForm(forms.Form):
    year_from = forms.IntegerField(
        label=_("Dari tahun"), required=False, min_value=2000, max_value=2100
    )
    year_to = forms.IntegerField(
        label=_("Sampai tahun"), required=False, min_value=2000, max_value=2100
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year_from, year_to = data.get("year_from"), data.get("year_to")
        if year_from and year_to and year_from > year_to:
            self.add_error("year_to", _("Tahun akhir tidak boleh sebelum tahun awal."))
        return data
