"""WCAG 2.2 AA checked in the browser with axe-core (installed from the npm registry by
``make install-test`` into ``.node/``, injected from that file: nothing is fetched while the
tests run). Public pages and the main staff pages of each role; serious or critical
violations fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import chromium  # noqa: F401  (fixture)
from tests.conftest import PASSWORD
from tests.prevention.conftest import SCAM
from waspada.accounts.roles import Role
from waspada.cases.services import case_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / ".node" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | "));
}"""

PUBLIC = ["/", "/cek/", "/lapor/", "/lapor/sos/", "/lapor/status/", "/akun/login/"]
STAFF: dict[Role, list[str]] = {
    Role.CASEWORKER: ["/dasbor/", "/perlindungan/", "/perlindungan/baru/", "{case}",
                      "{case}?tab=rujukan", "/perlindungan/rujukan-masuk/"],
    Role.SUPERVISOR: ["/perlindungan/", "/laporan/", "/laporan/tahunan/"],
    Role.LEGAL_OFFICER: ["/penegakan-hukum/", "/penegakan-hukum/baru/",
                         "/perlindungan/rujukan-masuk/"],
    Role.PROGRAMME_OFFICER: ["/pencegahan/", "/pencegahan/kampanye/", "/laporan/"],
    Role.ANALYST: ["/laporan/"],
    Role.DUTY_OFFICER: ["/lapor/piket/"],
    Role.ADMIN: ["/administrasi/"],
}  # fmt: skip


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is required in CI: `make install-test` installs it with npm")
        pytest.skip("axe-core is not installed (npm missing); run `make install-test`")
    return AXE.read_text(encoding="utf-8")


def _check(page, axe_source: str, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.add_script_tag(content=axe_source)
    return [f"{url}: {problem}" for problem in page.evaluate(RUN, TAGS)]


@pytest.mark.parametrize("width", [390, 1280])
def test_public_pages(chromium, live_server, axe_source, width):  # noqa: F811
    # bypass_csp only lets the test inject axe; the pages themselves are served unchanged
    context = chromium.new_context(viewport={"width": width, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    for path in PUBLIC:
        problems += _check(page, axe_source, live_server.url + path)
    page.goto(live_server.url + "/cek/")
    page.fill("textarea[name=text]", SCAM)
    page.click("button:has-text('Periksa')")
    page.wait_for_load_state()
    page.add_script_tag(content=axe_source)
    problems += [f"/cek/ result: {p}" for p in page.evaluate(RUN, TAGS)]
    assert problems == []


@pytest.mark.parametrize("role", list(STAFF))
def test_staff_pages_of_each_role(chromium, live_server, axe_source, make_user, role):  # noqa: F811
    user = make_user("staff", role)
    caseworker = user if role == Role.CASEWORKER else make_user("cw.other", Role.CASEWORKER)
    case = case_register(actor=caseworker, data={"full_name": "Wulan Sari", "sex": "female"})
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/dasbor/")
    problems: list[str] = []
    for path in STAFF[role]:
        url = live_server.url + path.replace("{case}", f"/perlindungan/kasus/{case.code}/")
        problems += _check(page, axe_source, url)
    if role == Role.CASEWORKER:  # a long form after a failed submit, with its error summary
        page.goto(f"{live_server.url}/perlindungan/baru/")
        page.click("button:has-text('Daftarkan')")
        page.wait_for_load_state()
        page.add_script_tag(content=axe_source)
        problems += [f"failed submit: {p}" for p in page.evaluate(RUN, TAGS)]
    assert problems == []


def test_the_check_can_fail(chromium, axe_source):  # noqa: F811
    """A page with an unlabelled input and grey-on-grey text is caught: the check is live."""
    page = chromium.new_context().new_page()
    page.set_content(
        '<html lang="id"><title>x</title><main><input type="text">'
        '<p style="color:#bbb;background:#ccc">teks pucat</p></main></html>'
    )
    page.add_script_tag(content=axe_source)
    found = " ".join(page.evaluate(RUN, TAGS))
    assert "label" in found and "color-contrast" in found


def test_phone_menu_open_and_closed(chromium, live_server, axe_source, make_user):  # noqa: F811
    """The folded staff menu on a phone, closed and opened: no serious violations."""
    make_user("staff", Role.SUPERVISOR)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/dasbor/")
    problems = _check(page, axe_source, f"{live_server.url}/dasbor/")
    page.click("nav.menu summary")
    problems += [f"menu open: {p}" for p in page.evaluate(RUN, TAGS)]
    assert problems == []
