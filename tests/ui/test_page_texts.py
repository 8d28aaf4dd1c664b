"""Every page each demo role reaches from its workbench, in Bahasa Indonesia and English:
dates have one format per language ("4 Des 2026" / "4 Dec 2026", Django's localisation) and no
page shows a raw key (``not_victim``, ``yearOfRegistration``) or text of the other language
(a msgid left untranslated, or an English label in the Indonesian interface).

The pages are found as a user finds them: the links of the workbench and of each page linked
from it (two levels, GET only, downloads skipped), on the demo data set."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from django.db import transaction
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from waspada.accounts.models import User
from waspada.demodata.generator import demo_data_generate
from waspada.demodata.seed_accounts import demo_load
from waspada.demodata.seed_cases import demo_cases_load

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "src" / "waspada" / "locale"
USERS = ["cw.iom", "sup.iom", "legal.lbh", "prog.iom", "analyst", "piket.iom", "admin"]
SKIP = re.compile(r"/(unduh|export|ekspor|csv|xlsx|pdf|keluar|logout)\b|\.(csv|xlsx|pdf|zip)$")
MAX_PAGES = 45  # per user and language

# Dates in another format than "4 Des 2026" / "4 Dec 2026"
OTHER_DATES = [
    re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b"),  # 2026-12-04
    re.compile(r"\b[0-3]?\d[-/.][01]?\d[-/.](19|20)\d\d\b"),  # 04-12-2026, 4/12/2026
    re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? [0-3]?\d, \d{4}"),
    re.compile(r"\b(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
               r"November|Desember) \d{4}\b.*\b\d{1,2}:\d\d"),
]  # fmt: skip
RAW_KEYS = [
    re.compile(r"\b[a-z]{2,}(?:_[a-z]{2,})+\b"),  # snake_case: not_victim, service_type
    re.compile(r"\b[a-z]{2,}[A-Z][a-z]+[A-Za-z]*\b"),  # camelCase: yearOfRegistration
]


class _Text(HTMLParser):
    """Visible text nodes, without what is code or what a person typed."""

    HIDDEN = {"script", "style", "code", "pre", "textarea", "title", "kbd", "samp"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.quiet = 0
        self.texts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href") and "download" not in found:
            self.links.append(str(found["href"]))
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        quiet = (
            tag in self.HIDDEN
            or found.get("translate") == "no"
            or "user-text" in (found.get("class") or "")
        )
        self.stack.append(tag)
        self.quiet += quiet
        self._quiet_flags.append(quiet)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack:
                self.quiet -= self._quiet_flags.pop()
                if self.stack.pop() == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.quiet and data.strip():
            self.texts.append(" ".join(data.split()))

    _quiet_flags: list[bool]

    def reset(self) -> None:
        super().reset()
        self._quiet_flags = []


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The demo accounts and cases plus 40 generated ones, once for the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_load()
            demo_cases_load()
            demo_data_generate(cases=40, seed=3)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _pages(client: Client) -> Iterator[tuple[str, list[str]]]:
    """(path, visible texts) of the pages reachable in two steps from the workbench."""
    seen: set[str] = set()
    frontier = ["/dasbor/"]
    for _depth in range(3):
        following: list[str] = []
        for path in frontier:
            if path in seen or len(seen) >= MAX_PAGES:
                continue
            seen.add(path)
            response = client.get(path)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            parser = _Text()
            parser.feed(response.content.decode())
            yield path, parser.texts
            for href in parser.links:
                parts = urlsplit(href)
                if parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
                    continue
                following.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        frontier = following


def _catalogue(language: str) -> dict[str, str]:
    entries = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return {e.msgid: e.msgstr for e in entries if e.msgstr and not e.msgid_plural}


@pytest.fixture(scope="module")
def rendered(demo, django_db_blocker) -> dict[tuple[str, str], list[tuple[str, list[str]]]]:  # type: ignore[no-untyped-def]
    """Every user's pages in both languages, rendered once for the module's tests."""
    found = {}
    with django_db_blocker.unblock(), override_settings(DEMO_MODE=True):
        for username in USERS:
            for language in ("id", "en"):
                client = Client()
                user = User.objects.get(username=username)
                client.force_login(user)
                # second factor passed (the autouse fixture is per test, this is per module)
                device, _new = TOTPDevice.objects.get_or_create(
                    user=user, name="test", defaults={"confirmed": True}
                )
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
                client.cookies["waspada_lang"] = language
                found[(username, language)] = list(_pages(client))
    return found


def test_pages_were_found(rendered):
    assert all(len(pages) >= 5 for pages in rendered.values()), {
        key: len(pages) for key, pages in rendered.items()
    }


def test_dates_have_one_format_per_language(rendered):
    problems = sorted(
        {
            f"{language} {user} {path}: {text[:90]!r}"
            for (user, language), pages in rendered.items()
            for path, texts in pages
            for text in texts
            if any(pattern.search(text) for pattern in OTHER_DATES)
        }
    )
    assert problems == []


def test_no_raw_keys_or_untranslated_text(rendered):
    english = {en for msgid, en in _catalogue("en").items() if en != msgid and len(en) >= 12}
    indonesian = {
        msgid for msgid, en in _catalogue("en").items() if en != msgid and len(msgid) >= 12
    }
    problems = set()
    for (user, language), pages in rendered.items():
        other = english if language == "id" else indonesian
        for path, texts in pages:
            for text in texts:
                if any(pattern.search(text) for pattern in RAW_KEYS):
                    problems.add(f"{language} {user} {path}: raw key in {text[:90]!r}")
                if text in other:
                    problems.add(f"{language} {user} {path}: other language {text[:90]!r}")
    assert "\n".join(sorted(problems)) == ""
