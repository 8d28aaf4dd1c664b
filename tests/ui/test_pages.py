"""The shell: language default and switch, public page weight, no external assets."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.contrib.staticfiles import finders

from waspada.accounts.roles import Role

LOCALE = Path(__file__).resolve().parents[2] / "src" / "waspada" / "locale"


def test_home_is_public_and_indonesian_even_for_english_browsers(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="id">' in response.text
    assert "Tanda bahaya pada tawaran kerja" in response.text


def test_language_switch_to_english_and_back(client, db):
    response = client.post("/bahasa/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/")
    assert '<html lang="en">' in page.text
    assert "Red flags in a job offer" in page.text
    client.post("/bahasa/", {"language": "id", "next": "/"})
    assert "Tanda bahaya pada tawaran kerja" in client.get("/").text


def test_unknown_language_cookie_falls_back_to_indonesian(client, db):
    client.cookies["waspada_lang"] = "xx"
    assert '<html lang="id">' in client.get("/").text


def test_navigation_is_translated_for_a_logged_in_user(client, make_user):
    client.force_login(make_user("sup", Role.SUPERVISOR))
    assert "Perlindungan" in client.get("/dasbor/").text
    client.post("/bahasa/", {"language": "en", "next": "/dasbor/"})
    page = client.get("/dasbor/").text
    assert "Protection" in page
    assert "Prosecution" in page
    assert "Perlindungan" not in page


def test_sections_show_an_honest_empty_state(client, make_user):
    client.force_login(make_user("sup", Role.SUPERVISOR))
    page = client.get("/pencegahan/").text
    assert "Belum tersedia" in page
    assert "Laporan publik" in page


def test_public_home_page_is_light_and_uses_no_external_assets(client, db):
    html = client.get("/").content
    # links to other sites (the operator, Kemlu's portal) are fine; loaded assets are not
    external = rb'(<link[^>]*href|src)="(https?:)?//'
    assert not re.search(external, html), "external asset on a public page"
    assets = re.findall(rb'(?:src|href)="(/static/[^"]+)"', html)
    assert assets, "expected the stylesheet to be linked"
    total = len(html)
    for asset in assets:
        path = finders.find(asset.decode().removeprefix("/static/"))
        assert path, asset
        total += Path(path).stat().st_size
    assert total < 200_000, f"home page weighs {total} bytes"


def test_health_check(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_unknown_page_is_a_friendly_404(client, db):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404


@pytest.mark.parametrize("language", ["id", "en"])
def test_po_catalogues_are_complete(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 50
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_public_home_shows_hotlines_contact_and_who_runs_the_service(client, db):
    page = client.get("/").text
    assert 'href="tel:08001000"' in page and 'href="tel:110"' in page
    assert "mailto:" in page
    assert "IOM Indonesia" in page
    client.post("/bahasa/", {"language": "en", "next": "/"})
    english = client.get("/").text
    assert "Run by IOM Indonesia" in english
