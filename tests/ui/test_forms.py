"""The form pieces that leave every decision to the validators."""

from __future__ import annotations

from typing import ClassVar

from waspada.accounts.models import Organisation
from waspada.ui.forms import (
    OfferedModelChoiceField,
    ValidatedForm,
    labelled_messages,
    set_queryset,
    text_field,
)

LIMITS = {"name": 10}


class _Form(ValidatedForm):
    limits: ClassVar[dict[str, int]] = LIMITS
    name = text_field("Nama")
    organisation = OfferedModelChoiceField(
        label="Organisasi", queryset=Organisation.objects.none(), required=False,
        label_attribute="name",
    )  # fmt: skip


def test_maxlength_is_read_from_the_table_each_time_a_form_is_built(monkeypatch):
    assert _Form().fields["name"].widget.attrs["maxlength"] == "10"
    monkeypatch.setitem(LIMITS, "name", 3)
    assert 'maxlength="3"' in str(_Form()["name"])
    assert "required" not in str(_Form()["name"])  # presence is the validator's to say


def test_an_offered_record_is_passed_on_as_given(org_iom, org_ngo):
    form = _Form({"name": "x" * 50, "organisation": " 424242 "})
    set_queryset(form, "organisation", Organisation.objects.filter(pk=org_iom.pk))
    assert form.is_valid()  # neither the length nor the unknown id is the form's to refuse
    assert form.cleaned_data == {"name": "x" * 50, "organisation": "424242"}
    assert "IOM Indonesia" in str(form["organisation"])  # shown by its full name


def test_labelled_messages_name_the_field_by_its_label():
    form = _Form()
    lines = labelled_messages(form, {"name": ["Terlalu panjang."], "consent": ["Belum ada."]})
    assert lines == ["Nama: Terlalu panjang.", "Belum ada."]
