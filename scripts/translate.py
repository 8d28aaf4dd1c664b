"""Refresh the catalogues and fill English translations from JSON files (msgid → English).

Usage (from the repository root):
    .venv/bin/python scripts/translate.py [translations.json ...]
Runs makemessages for id and en, copies each source string into the Indonesian catalogue,
fills English entries from the given files, and lists what is still untranslated.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "waspada"


def main(files: list[str]) -> int:
    scratch = tempfile.mkdtemp(prefix="waspada-i18n-")  # keys generated here are thrown away
    env = {**os.environ, "WASPADA_DATA_DIR": scratch}
    subprocess.run(
        [sys.executable, "-m", "waspada", "manage", "makemessages", "-l", "id", "-l", "en",
         "--no-obsolete", "--no-location"],
        cwd=PACKAGE, env=env, check=True, capture_output=True,
    )  # fmt: skip
    english: dict[str, str] = {}
    for name in files:
        english.update(json.loads(Path(name).read_text(encoding="utf-8")))
    missing = []
    for language in ("id", "en"):
        path = PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if "fuzzy" in entry.flags:  # a guess from a similar string: translate afresh
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
                entry.msgstr = ""
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: "", 1: ""}
            if language == "id":
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid}
                else:
                    entry.msgstr = entry.msgid
            elif not entry.translated() and entry.msgid in english and not entry.msgid_plural:
                entry.msgstr = english[entry.msgid]
            elif not entry.translated():
                missing.append(entry.msgid)
        catalogue.save()
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
