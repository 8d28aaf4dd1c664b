"""Every string marked for translation in the code is in both catalogues."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "waspada"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_contain_every_marked_string(tmp_path):
    copy = tmp_path / "waspada"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "WASPADA_DATA_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "waspada", "manage", "makemessages", "-l", "en",
         "--no-location", "--no-obsolete"],
        cwd=copy, env=env, check=True, capture_output=True,
    )  # fmt: skip
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))}
    for language in ("id", "en"):
        shipped = polib.pofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = fresh - {e.msgid for e in shipped}
        assert not missing, f"{language}: run makemessages and translate: {sorted(missing)[:5]}"


def test_the_indonesian_catalogue_says_what_its_source_says():
    # The source strings are Indonesian: the id catalogue repeats each one (an English line
    # there showed "Links between identifiers…" on an Indonesian page).
    shipped = polib.pofile(str(PACKAGE / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    differing = [
        entry.msgid for entry in shipped
        if not entry.msgid_plural and not entry.obsolete and entry.msgstr != entry.msgid
    ]  # fmt: skip
    assert not differing, differing[:5]
