"""Identifiers in any format reduce to one normal form per kind."""

from __future__ import annotations

import pytest

from waspada.intel.normalise import Kind, identify, identify_many


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("0812-3456-7890", Kind.PHONE, "+6281234567890"),
        ("+62 812 3456 7890", Kind.PHONE, "+6281234567890"),
        ("62812 3456 7890", Kind.PHONE, "+6281234567890"),
        ("wa.me/6281234567890", Kind.PHONE, "+6281234567890"),
        ("+855 12 345 678", Kind.PHONE, "+85512345678"),
        ("@Loker.Kamboja", Kind.HANDLE, "loker.kamboja"),
        ("https://t.me/LokerKH", Kind.HANDLE, "lokerkh"),
        ("telegram: @Agen_KH", Kind.HANDLE, "agen_kh"),
        ("https://www.loker-kerja.co.id/daftar?x=1", Kind.DOMAIN, "loker-kerja.co.id"),
        ("kerja.example.com", Kind.DOMAIN, "example.com"),
        ("HRD@Example.COM", Kind.EMAIL, "hrd@example.com"),
        ("BCA 123-456-7890 a.n. Andi", Kind.ACCOUNT, "bca:1234567890"),
        ("DANA 0812 3456 7890", Kind.EWALLET, "dana:+6281234567890"),
        ("PT. Maju Jaya Abadi", Kind.COMPANY, "maju jaya abadi"),
        ("Golden Star Co., Ltd.", Kind.COMPANY, "golden star"),
    ],
)
def test_identify(text, kind, value):  # type: ignore[no-untyped-def]
    ident = identify(text)
    assert ident is not None and (ident.kind, ident.value) == (kind, value)
    assert ident.display == text.strip()


@pytest.mark.parametrize("text", ["", "halo apa kabar", "12", "x" * 400, "@", "https://"])
def test_not_identifiers(text):  # type: ignore[no-untyped-def]
    assert identify(text) is None


def test_a_contacts_field_one_per_line_without_repeats():
    found = identify_many("0812-3456-7890\n+62 812 3456 7890; @agen\n\nbukan apa-apa")
    assert [(i.kind, i.value) for i in found] == [
        (Kind.PHONE, "+6281234567890"),
        (Kind.HANDLE, "agen"),
    ]
