"""Training topics, institution types and sexes, shipped as a versioned data file
(``data/reference.json``) so that administrators can extend them without a code change."""

from __future__ import annotations

from pathlib import Path

from waspada.reference_data import ReferenceFile

_FILE = ReferenceFile(Path(__file__).resolve().parent / "data" / "reference.json")
version = _FILE.version
codes = _FILE.codes
choices = _FILE.choices
label = _FILE.label
item = _FILE.item
code_for = _FILE.code_for
