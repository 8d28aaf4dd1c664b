"""The import page: the preview shows the mapping and each bad row; commit needs a clean file."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.imports.test_services import as_csv, rows
from waspada.accounts.roles import Role
from waspada.cases.models import Case

URL = "/perlindungan/impor/kasus/"


def test_preview_then_commit(client, make_user):
    client.force_login(make_user("cw", Role.CASEWORKER))
    bad = SimpleUploadedFile("k.csv", as_csv(rows(5, bad={4: (4, "Atlantis", "x")})))
    page = client.post(URL, {"file": bad, "action": "commit"}).content.decode()
    assert "1 kesalahan: tidak ada yang disimpan" in page
    assert "Atlantis" in page and 'name="map_0"' in page and Case.objects.count() == 0
    good = SimpleUploadedFile("k.csv", as_csv(rows(5)))
    assert client.post(URL, {"file": good, "action": "commit"}).status_code == 302
    assert Case.objects.count() == 5


def test_analysts_cannot_import(client, make_user):
    client.force_login(make_user("an", Role.ANALYST))
    assert client.get(URL).status_code == 403
