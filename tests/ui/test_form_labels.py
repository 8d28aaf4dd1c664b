"""Every form control of the main pages has a label tied to it (WCAG 1.3.1, 3.3.2, 4.1.2):
a ``<label for>`` naming its id, a ``<label>`` around it, or ``aria-label``/``aria-labelledby``.
A server-side scan of the rendered HTML, page by page and role by role, so that a checkbox
group rendered without its labels fails here before it reaches a screen reader (axe-core runs
on a few of these pages in the browser tests; this covers many more, quickly)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from waspada.accounts.roles import Role
from waspada.cases.models import Case
from waspada.cases.services import case_register

UNLABELLED_TYPES = {"hidden", "submit", "button", "image", "reset"}


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.label_for: set[str] = set()
        self.ids: set[str] = set()
        self.label_depth = 0
        self.controls: list[tuple[dict[str, str], bool]] = []  # (attributes, inside a label)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "label":
            self.label_depth += 1
            if "for" in attributes:
                self.label_for.add(attributes["for"])
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and attributes.get("type", "text") in UNLABELLED_TYPES:
                return
            self.controls.append(({"tag": tag, **attributes}, self.label_depth > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self.label_depth:
            self.label_depth -= 1


def unlabelled(html: str) -> list[str]:
    """The controls of ``html`` that no label names, as ``tag[type] name=...``, and the labels
    that name no element (``<label for="">`` over a group of checkboxes: the group has no name
    for a screen reader; it needs a fieldset and a legend)."""
    parser = _Controls()
    parser.feed(html)
    problems = []
    for attributes, wrapped in parser.controls:
        named = (
            wrapped
            or attributes.get("id", "\0") in parser.label_for
            or attributes.get("aria-label")
            or attributes.get("aria-labelledby")
        )
        if not named:
            kind = attributes.get("type", "")
            problems.append(f"{attributes['tag']}[{kind}] name={attributes.get('name', '?')}")
    problems += [f"label for={name!r} names nothing" for name in parser.label_for - parser.ids]
    return problems


def test_the_scan_finds_an_unlabelled_checkbox_and_accepts_the_three_ways_to_label():
    assert unlabelled('<input type="checkbox" name="a">') == ["input[checkbox] name=a"]
    assert unlabelled('<select name="s"></select><label>x</label>') == ["select[] name=s"]
    assert unlabelled('<label for="a">A</label><input type="checkbox" id="a" name="a">') == []
    assert unlabelled('<label><input type="checkbox" name="b"> B</label>') == []
    assert unlabelled('<input name="q" aria-label="Cari">') == []
    assert unlabelled('<input type="hidden" name="h"><button type="submit">x</button>') == []
    group = '<label for="">Jenis</label><div id="id_t"><label><input type="checkbox"> A</label>'
    assert unlabelled(group) == ["label for='' names nothing"]


PUBLIC = ["/", "/cek/", "/lapor/", "/lapor/sos/", "/lapor/status/", "/akun/login/"]
CASE = "/perlindungan/kasus/{code}/"
STAFF: dict[Role, list[str]] = {
    Role.CASEWORKER: [
        "/dasbor/", "/perlindungan/", "/perlindungan/baru/", CASE, CASE + "?tab=layanan",
        CASE + "?tab=identifikasi", CASE + "?tab=rujukan", CASE + "?tab=pemulangan",
        CASE + "?tab=catatan", CASE + "ubah/", CASE + "identifikasi/baru/",
        CASE + "layanan/catat/", CASE + "layanan/tindak-lanjut/baru/",
        "/perlindungan/rujukan-masuk/", "/perlindungan/impor/kasus/",
        "/akun/",
    ],
    Role.SUPERVISOR: [
        "/perlindungan/", CASE + "tutup/", CASE + "petugas/", "/laporan/", "/laporan/tahunan/",
        "/berbagi-data/", "/berbagi-data/minta/",
    ],
    Role.LEGAL_OFFICER: [
        "/penegakan-hukum/", "/penegakan-hukum/baru/", "/penegakan-hukum/pelatihan/",
        "/penegakan-hukum/pelatihan/baru/", "/perlindungan/rujukan-masuk/",
    ],
    Role.PROGRAMME_OFFICER: [
        "/pencegahan/", "/pencegahan/tinjauan/", "/pencegahan/kampanye/",
        "/pencegahan/kampanye/baru/", "/laporan/",
    ],
    Role.ANALYST: ["/laporan/", "/intelijen/"],
    Role.DUTY_OFFICER: ["/lapor/piket/"],
    Role.ADMIN: ["/administrasi/", "/administrasi/pengguna/"],
}  # fmt: skip


def test_public_pages_have_no_unlabelled_control(client, db):
    problems = {path: unlabelled(client.get(path).text) for path in PUBLIC}
    assert {path: found for path, found in problems.items() if found} == {}


@pytest.mark.parametrize("role", list(STAFF))
def test_main_staff_pages_have_no_unlabelled_control(client, make_user, role):
    caseworker = make_user("cw.labels", Role.CASEWORKER)
    case: Case = case_register(
        actor=caseworker,
        data={"full_name": "Dewi Contoh", "sex": "female", "destination_country": "KH"},
    )
    user = caseworker if role == Role.CASEWORKER else make_user("staff.labels", role)
    client.force_login(user)
    problems: dict[str, list[str]] = {}
    for template in STAFF[role]:
        path = template.format(code=case.code)
        response = client.get(path)
        assert response.status_code == 200, path
        if found := unlabelled(response.text):
            problems[path] = found
    assert problems == {}
