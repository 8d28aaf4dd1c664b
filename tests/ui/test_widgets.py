"""waspada.ui's faster select.html writes the same markup as Django's own."""

from __future__ import annotations

from pathlib import Path

import django
from django import forms
from django.forms.renderers import DjangoTemplates

DJANGO_FORMS = Path(django.__file__).parent / "forms" / "templates"


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "All"), ("KH", "Kamboja"), ("MM", 'My"anmar<')])
    grouped = forms.MultipleChoiceField(
        choices=[("Asia", [("KH", "Kamboja"), ("LA", "Laos")]), ("x", "Lain")],
        widget=forms.SelectMultiple(attrs={"class": "wide", "data-x": True}),
    )
    radio = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_the_select_override_is_used_and_renders_like_django():
    form = Sample({"plain": "MM", "grouped": ["LA", "x"], "radio": "b"})
    form.is_valid()
    ours = {name: str(form[name]) for name in form.fields}
    builtin = Sample(
        {"plain": "MM", "grouped": ["LA", "x"], "radio": "b"}, renderer=DjangoTemplates()
    )
    builtin.is_valid()
    theirs = {name: str(builtin[name]) for name in builtin.fields}
    assert ours == theirs
    assert '<option value="MM" selected>My&quot;anmar&lt;</option>' in ours["plain"]
    from django.template.loader import get_template

    origin = get_template("django/forms/widgets/select.html").origin.name
    assert "waspada/ui/templates" in origin
