"""Headless Debian Chromium driven by Playwright, shared by the browser tests."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium(live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Headless Chromium (tests open their own contexts). Skipped without it, except in CI."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
    # fixtures afterwards are still synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh phone-sized page in headless Chromium."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def totp(secret: str | bytes, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 TOTP (HMAC-SHA1), computed here and not by the library under test.
    ``secret`` is the base32 key shown on the enrolment page, or the raw key bytes."""
    import base64
    import hashlib
    import hmac
    import struct

    if isinstance(secret, str):
        secret = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def log_in(page, base_url: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    """Sign in through ``/akun/login/`` like a person, completing the second factor when the
    platform asks for it: enrolment (reads the key off the page) or verification (reads the
    user's key from the database). The one login helper for browser tests."""
    page.goto(f"{base_url}/akun/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    if "/akun/dua-langkah/daftar/" in page.url:
        page.fill("#id_token", totp(page.locator("#totp-secret").inner_text().strip()))
        page.press("#id_token", "Enter")
        page.wait_for_load_state()
        page.click("text=Sudah saya simpan, lanjutkan")
        page.wait_for_load_state()
    elif "/akun/dua-langkah/" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        assert device is not None, f"{username} has no confirmed TOTP device"
        # A code is accepted once: take the step after the last one used, if that is later.
        at = max(time.time(), (device.last_t + 1) * device.step)
        page.fill("#id_token", totp(device.bin_key, at=at))
        page.press("#id_token", "Enter")
        page.wait_for_load_state()


def menu_click(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Click an item of the staff menu as a person would: on a phone, open "Menu" first."""
    summary = page.locator("nav.menu summary")
    if (
        summary.count()
        and summary.is_visible()
        and not page.locator("nav.menu details[open]").count()
    ):
        summary.click()
    page.click(selector)
